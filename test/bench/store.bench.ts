// Opening a large corpus: the corpus store loading N sidecars cold (every sidecar parsed with
// `yaml`) and warm (parsed sidecars revived from the JSON cache, as after a restart), plus the
// per-keystroke cost of keeping annotations in step with typing. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { codePointEdit } from '../../src/core/anchoring';
import { CorpusStore, type SidecarCache } from '../../src/core/corpusStore';
import { shiftSidecar } from '../../src/core/liveSidecar';
import { OffsetMap } from '../../src/core/offsets';
import type { ParsedSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/sha256';
import { packParsedSidecar, unpackParsedSidecar, type PackedSidecar } from '../../src/core/sidecarCacheFormat';
import { writeSidecar } from '../../src/core/sidecarWriter';
import type { Annotation, Sidecar } from '../../src/core/types';
import { MemoryCorpusHost } from '../unit/fakes/memoryCorpusHost';

const ARTICLES = 3_000;
const ANNOTATIONS_PER_ARTICLE = 40;

function article(index: number): string {
  const sentences: string[] = [];
  for (let s = 0; s < 40; s++) {
    sentences.push(`Presiden Vladimir Putin ${index} bertemu Kim Jong Un di Pyongyang pada 19 Juni 2024, kata sumber ${s}.`);
  }
  return sentences.join(' ');
}

function sidecarFor(text: string, file: string): Sidecar {
  const map = new OffsetMap(text);
  const annotations: Annotation[] = [];
  let from = 0;
  for (let i = 0; i < ANNOTATIONS_PER_ARTICLE; i++) {
    const at = text.indexOf('Vladimir Putin', from);
    from = at + 1;
    const start = map.toCodePoint(at);
    annotations.push({
      id: `a${i}`, label: 'PER', start, end: start + 14, text: 'Vladimir Putin',
      prefix: map.slice(Math.max(0, start - 32), start), suffix: map.slice(start + 14, start + 46),
      entity: 'vladimir-putin', author: 'bench', created: '2026-11-22T00:00:00Z', status: 'accepted',
    });
  }
  return { version: 1, source: { file, sha256: sha256Hex(new TextEncoder().encode(text)), title: `Artikel ${file}` }, annotations, facts: [] };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export async function benchStore(): Promise<void> {
  const host = new MemoryCorpusHost();
  host.put('entities.yaml', 'version: 1\nlabels:\n  PER: { name: Person, color: "#e0a030" }\nentities:\n  - id: vladimir-putin\n    label: PER\n    name: Vladimir Putin\n');
  let sidecarBytes = 0;
  let articleBytes = 0;
  for (let i = 0; i < ARTICLES; i++) {
    const name = `a${String(i).padStart(5, '0')}.txt`;
    const text = article(i);
    host.put(name, text);
    const yaml = writeSidecar(name, sidecarFor(text, name));
    host.put(`${name}.annotations.yaml`, yaml);
    sidecarBytes += yaml.length;
    articleBytes += text.length;
  }
  console.log(`\nCorpus store: ${ARTICLES} articles (${(articleBytes / 1e6).toFixed(1)} MB), ${ARTICLES} sidecars of ${ANNOTATIONS_PER_ARTICLE} annotations (${(sidecarBytes / 1e6).toFixed(1)} MB of YAML)`);

  const entries = new Map<string, ParsedSidecar>();
  const cache: SidecarCache = { get: (key) => entries.get(key), set: (key, value) => entries.set(key, value) };
  let started = performance.now();
  await new CorpusStore(host, cache).load();
  const cold = performance.now() - started;

  // A restart: the cache comes back from JSON, the YAML parser is skipped for unchanged files.
  const json = JSON.stringify(Object.fromEntries([...entries].map(([key, value]) => [key, packParsedSidecar(value)])));
  started = performance.now();
  const revived = new Map(Object.entries(JSON.parse(json) as Record<string, PackedSidecar>));
  const reviveMs = performance.now() - started;
  started = performance.now();
  await new CorpusStore(host, { get: (key) => { const p = revived.get(key); return p && unpackParsedSidecar(p); }, set: () => undefined }).load();
  const warm = performance.now() - started + reviveMs;
  console.log(`  cold load (YAML parse of every sidecar): ${seconds(cold)}`);
  console.log(`  warm load (JSON cache, ${(json.length / 1e6).toFixed(1)} MB, revived in ${reviveMs.toFixed(0)} ms): ${seconds(warm)}  (${(cold / warm).toFixed(1)}× faster)`);

  const bytes = new TextEncoder().encode(article(1).repeat(100));
  started = performance.now();
  sha256Hex(bytes);
  console.log(`  sha256 (pure TypeScript): ${(bytes.length / 1e6 / ((performance.now() - started) / 1000)).toFixed(0)} MB/s`);

  // One keystroke in a 50 KB article with 300 annotations: shift every span, rebuild the map.
  const big = article(7).repeat(12);
  let sidecar: Sidecar = { ...sidecarFor(big, 'big.txt') };
  sidecar = { ...sidecar, annotations: Array.from({ length: 300 }, (_, i) => ({ ...sidecar.annotations[i % sidecar.annotations.length]!, id: `k${i}` })) };
  const map = new OffsetMap(big);
  const rounds = 1_000;
  started = performance.now();
  for (let i = 0; i < rounds; i++) {
    sidecar = shiftSidecar(sidecar, [codePointEdit(map, 10, 0, 'x')]);
    void new OffsetMap(big);
  }
  console.log(`  one keystroke in a ${(big.length / 1000).toFixed(0)} KB article with 300 annotations: ${((performance.now() - started) / rounds * 1000).toFixed(0)} µs`);
}
