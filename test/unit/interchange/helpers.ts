// Shared fixtures of the interchange tests: the seed corpus loaded through the store, and a
// small article that has everything offsets trip over (a BOM, CRLF, emoji with a skin-tone
// modifier, combining marks, an astral letter).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { articlesForExport, type ExportArticle } from '../../../src/core/interchange';
import { sha256Hex } from '../../../src/core/util/sha256';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Annotation, Fact } from '../../../src/core/model/types';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

export const repoRoot = join(__dirname, '..', '..', '..', '..');
export const seedsDir = join(repoRoot, 'seeds');

export async function storeOf(host: MemoryCorpusHost): Promise<CorpusStore> {
  const store = new CorpusStore(host);
  await store.load();
  return store;
}

export function seedHost(): MemoryCorpusHost {
  const host = new MemoryCorpusHost();
  for (const name of readdirSync(seedsDir)) host.files.set(`mem:///corpus/${name}`, readFileSync(join(seedsDir, name)));
  return host;
}

export async function seedArticles(): Promise<ExportArticle[]> {
  const store = await storeOf(seedHost());
  return articlesForExport(store, 'mem:///corpus').articles;
}

/**
 * The tricky article's text as offsets count it (the file adds a BOM): a skin-toned emoji (two
 * code points, four UTF-16 units), precomposed "Tô Lâm", decomposed "Hà Nội" (base letters
 * plus combining marks), an astral letter "𝐉", curly quotes and CRLF line ends.
 */
export const TRICKY_TEXT = 'Putin 👍🏽 bertemu Tô Lâm di Hanoi, Vietnam.\r\n'
  + 'Lalu ia tiba di Ha\u0300 No\u0302\u0323i Kim 𝐉ong, “berbicara”.\r\n';

export const TRICKY_REGISTRY = `version: 1
labels:
  PER: { name: Person, color: "#e0a030" }
  LOC: { name: Place, color: "#30a060" }
entities:
  - id: vladimir-putin
    label: PER
    name: Vladimir Putin
    wikidata: Q7747
  - id: to-lam
    label: PER
    name: Tô Lâm
  - id: hanoi
    label: LOC
    name: Hanoi
    wikidata: Q1858
`;

/** Code point offsets of the n-th occurrence of `needle` (a test helper, not the exporters' rule). */
export function codePointsOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let index = -1;
  for (let k = 0; k <= occurrence; k++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in text`);
  const start = Array.from(text.slice(0, index)).length;
  return { start, end: start + Array.from(needle).length };
}

function annotation(id: string, label: string, needle: string, extra: Partial<Annotation> = {}): Annotation {
  const { start, end } = codePointsOf(TRICKY_TEXT, needle);
  return { id, label, start, end, text: needle, author: 'alice', status: 'accepted', ...extra };
}

export const TRICKY_ANNOTATIONS: Annotation[] = [
  annotation('a1', 'PER', 'Putin', { entity: 'vladimir-putin', note: 'first line\nsecond line' }),
  annotation('a2', 'PER', 'Tô Lâm', { entity: 'to-lam' }),
  annotation('a3', 'LOC', 'Hanoi', { entity: 'hanoi' }),
  annotation('a4', 'LOC', 'Ha\u0300 No\u0302\u0323i', { entity: 'hanoi', author: 'bob' }),
  annotation('a5', 'PER', 'Kim 𝐉ong', { status: 'proposed' }),
  // Across the line break: brat writes it as two fragments.
  annotation('a6', 'LOC', 'Vietnam.\r\nLalu', { author: 'bob' }),
  // Nested in a6 and identical to each other: flattening collapses and drops them.
  annotation('a7', 'LOC', 'Vietnam', { author: 'alice' }),
  annotation('a8', 'LOC', 'Vietnam', { author: 'bob' }),
];

export const TRICKY_FACTS: Fact[] = [{
  id: 'f1', subject: 'vladimir-putin', property: 'met', value: 'to-lam',
  ...codePointsOf(TRICKY_TEXT, 'Putin 👍🏽 bertemu Tô Lâm'), text: 'Putin 👍🏽 bertemu Tô Lâm', author: 'alice', status: 'accepted',
}];

export function trickyHost(): MemoryCorpusHost {
  const host = new MemoryCorpusHost();
  const bytes = new TextEncoder().encode(`\uFEFF${TRICKY_TEXT}`);
  host.files.set('mem:///corpus/news/tricky.txt', bytes);
  host.put('entities.yaml', TRICKY_REGISTRY);
  host.put('news/tricky.txt.annotations.yaml', writeSidecar('tricky.txt.annotations.yaml', {
    version: 1,
    source: { file: 'tricky.txt', sha256: sha256Hex(bytes), title: 'Tricky, "quoted"', outlet: 'Test, Inc.' },
    annotations: TRICKY_ANNOTATIONS,
    facts: TRICKY_FACTS,
  }));
  return host;
}

export async function trickyArticles(): Promise<ExportArticle[]> {
  return articlesForExport(await storeOf(trickyHost()), 'mem:///corpus').articles;
}

/** Whether python3 runs here; tests that need it skip with a message when not. */
export const python3 = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs a Python script with arguments; returns stdout, throws with stderr on failure. */
export function runPython(script: string, args: string[]): string {
  const result = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python3 failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}
