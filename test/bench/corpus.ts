// The deterministic, seeded corpus of the benchmark (issue 12): 10,000 articles of ~3 KB in
// several scripts (Latin with diacritics and combining marks, Arabic, CJK, emoji), each with a
// sidecar of 20 annotations and 2 facts by two authors, written by our own sidecar writer; a
// registry of 10,000 entities with 3 names each (30,000 aliases); one 1 MB article with
// 20,000 annotations. Entity e0 is mentioned in every other article (5,000), for the hover card.
import { quoteAt } from '../../src/core/anchoring';
import { OffsetMap } from '../../src/core/text/offsets';
import { sha256Hex } from '../../src/core/util/sha256';
import { writeSidecar } from '../../src/core/format/sidecarWriter';
import type { Annotation, Entity, Fact, Sidecar } from '../../src/core/model/types';
import { MemoryCorpusHost } from '../unit/fakes/memoryCorpusHost';
import { random } from './benchUtil';
import { createHash } from 'node:crypto';

/**
 * The in-memory host with Node's native SHA-256, as the extension's host has on Node
 * (src/extension/nodeSha256.ts): the portable hash in core is left to the web worker.
 */
export class BenchCorpusHost extends MemoryCorpusHost {
  sha256Hex(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }
}

export const ARTICLE_COUNT = 10_000;
export const ENTITY_COUNT = 10_000;
const ARTICLE_BYTES = 3_000;
const ANNOTATIONS_PER_ARTICLE = 20;
const FACTS_PER_ARTICLE = 2;
const BIG_ARTICLE_BYTES = 1024 * 1024;
const BIG_ANNOTATIONS = 20_000;
export const POPULAR_ENTITY = 'e0';

type Script = 'latin' | 'arabic' | 'cjk';
const SCRIPTS: readonly Script[] = ['latin', 'arabic', 'cjk'];
const WORDS: Readonly<Record<Script, readonly string[]>> = {
  latin: ('yang dan di ke dari pada untuk dengan dalam ini tidak akan juga telah oleh bahwa presiden menteri ' +
    'pemerintah negara kunjungan pertemuan hubungan ekonomi été déjà naïve façade São Paulo Đà Nẵng ngày ' +
    'tháng năm Müller Straße Øresund cafe\u0301 re\u0301sume\u0301 👍🏽 🇮🇩 🎉').split(' '),
  arabic: 'قال الرئيس في المدينة يوم الأربعاء إن الحكومة ستعقد اجتماعا مع الوزراء حول الاقتصاد والأمن 🎉'.split(' '),
  cjk: ['总统', '在', '北京', '访问了', '会议', '政府', '经济', '合作', '日本の', '首相は', '東京で', '記者会見を', '行った', '🎉'],
};
const SEPARATOR: Readonly<Record<Script, string>> = { latin: ' ', arabic: ' ', cjk: '' };
const FULL_STOP: Readonly<Record<Script, string>> = { latin: '. ', arabic: '. ', cjk: '。' };
const SYLLABLES: Readonly<Record<Script, readonly string[]>> = {
  latin: ['ka', 'ri', 'mo', 'tú', 'sen', 'dà', 'lo', 'gi', 'pra', 'wi', 'ja', 'nö', 'su', 'hé', 'van', 'ov', 'ang', 'ko'],
  arabic: ['سا', 'مي', 'نو', 'را', 'كي', 'لو', 'حم', 'دي', 'فا', 'زو', 'بي', 'تا'],
  cjk: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'],
};
const AUTHORS = ['rani', 'budi'];
const PROPERTIES = ['born', 'age', 'position', 'visited', 'met', 'signed'];
const VALUES = ['19 Juni 2024', '24 tahun', 'Pyongyang', '1.000 orang', 'June 19, 2024'];

function spell(script: Script, n: number, minimum: number): string {
  const syllables = SYLLABLES[script];
  let word = '';
  for (let k = n + minimum; k > 0; k = Math.floor(k / syllables.length)) word += syllables[k % syllables.length];
  return word;
}

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

/** Entity i: a two-part name in script i % 3, plus two aliases: 30,000 registry strings. */
export function makeEntities(): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < ENTITY_COUNT; i++) {
    const script = SCRIPTS[i % 3]!;
    const given = spell(script, i % 97, 20);
    const family = spell(script, i, 400);
    const name = script === 'cjk' ? `${family}${given}` : `${capitalise(given)} ${capitalise(family)}`;
    const aliases = script === 'cjk' ? [`${family}先生`, `${family}${given}氏`] : [capitalise(family), `${capitalise(given)[0]}. ${capitalise(family)}`];
    entities.push({ id: `e${i}`, label: 'PER', name, aliases });
  }
  return entities;
}

export function registryYaml(entities: readonly Entity[]): string {
  const lines = ['version: 1', 'labels:', '  PER: { name: Person, color: "#e0a030" }', '  DATE: { name: Date, color: "#a060c0" }', 'entities:'];
  for (const entity of entities) {
    lines.push(`  - id: ${entity.id}`, `    label: ${entity.label}`, `    name: ${JSON.stringify(entity.name)}`, `    aliases: [${entity.aliases.map((a) => JSON.stringify(a)).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Entity ranks with a long tail, as in news: a few entities are in most articles. */
function zipfPick(next: () => number, count: number): number {
  return Math.min(count - 1, Math.floor(Math.exp(next() * Math.log(count + 1)) - 1));
}

export interface Generated {
  readonly text: string;
  readonly sidecar: Sidecar;
}

/**
 * Text of sentences in one script with entity names placed about every `spacing` code
 * points, each placed name annotated (up to `annotationCount`), and its sidecar.
 */
export function makeArticle(seed: number, file: string, script: Script, entities: readonly Entity[], bytes: number, annotationCount: number, spacing: number, withPopular: boolean, factCount = FACTS_PER_ARTICLE): Generated {
  const next = random(seed);
  const ofScript = entities.filter((_, i) => SCRIPTS[i % 3] === script);
  const parts: string[] = [];
  const spans: { start: number; end: number; entity: Entity }[] = [];
  let length = 0; // code points
  let byteLength = 0;
  let sinceName = 0;
  const push = (piece: string): void => {
    parts.push(piece);
    for (const _ of piece) length++;
    byteLength += Buffer.byteLength(piece);
  };
  while (byteLength < bytes) {
    const words = 6 + Math.floor(next() * 12);
    for (let w = 0; w < words; w++) {
      if (w > 0) push(SEPARATOR[script]);
      if (sinceName >= spacing && spans.length < annotationCount) {
        const entity = withPopular && spans.length === 0 ? entities[0]! : ofScript[zipfPick(next, ofScript.length)]!;
        const surface = next() < 0.8 ? entity.name : entity.aliases[0]!;
        if (script === 'cjk' && w > 0) push(' ');
        const start = length;
        push(surface);
        spans.push({ start, end: length, entity });
        if (script === 'cjk') push(' ');
        sinceName = 0;
      } else {
        const word = WORDS[script][Math.floor(next() * WORDS[script].length)]!;
        push(w === 0 && script === 'latin' ? capitalise(word) : word);
        sinceName += [...word].length + 1;
      }
    }
    push(FULL_STOP[script]);
    if (next() < 0.1) push('\n');
  }
  const text = parts.join('');
  const map = new OffsetMap(text);
  const when = (n: number) => `2024-06-${String(20 + (n % 9)).padStart(2, '0')}T08:${String(n % 60).padStart(2, '0')}:00Z`;
  const annotations: Annotation[] = spans.map((span, i) => ({
    id: `a${i + 1}`, label: 'PER', ...quoteAt(map, span.start, span.end), start: span.start, end: span.end,
    entity: span.entity.id, author: AUTHORS[i % 2]!, created: when(seed + i),
    status: i % 10 === 9 ? 'proposed' : i % 17 === 16 ? 'rejected' : 'accepted',
    ...(i % 7 === 3 ? { note: `Checked against the wire copy: ${span.entity.name}.` } : {}),
  }));
  const facts: Fact[] = [];
  for (let f = 0; f < factCount && annotations.length > 0; f++) {
    const anchor = annotations[Math.floor(next() * annotations.length)]!;
    facts.push({
      id: `f${f + 1}`, subject: anchor.entity!, property: PROPERTIES[Math.floor(next() * PROPERTIES.length)]!, value: VALUES[Math.floor(next() * VALUES.length)]!,
      start: anchor.start, end: anchor.end, text: anchor.text, author: AUTHORS[(f + 1) % 2]!, created: when(seed + 50 + f), status: 'accepted',
    });
  }
  const sidecar: Sidecar = {
    version: 1,
    source: { file, sha256: sha256Hex(new TextEncoder().encode(text)), title: `Article ${file}`, outlet: `Outlet ${seed % 40}`, published: '2024-06-19', language: script === 'latin' ? 'id' : script === 'arabic' ? 'ar' : 'zh' },
    annotations, facts,
  };
  return { text, sidecar };
}

/**
 * The 1 MB article with 20,000 annotations and no facts: its sidecar is at the 20,000-item
 * limit (annotations and facts together), so it is loaded and editable.
 */
export function makeBigArticle(entities: readonly Entity[]): Generated {
  return makeArticle(999_983, 'long-read.txt', 'latin', entities, BIG_ARTICLE_BYTES, BIG_ANNOTATIONS, 30, true, 0);
}

export interface BenchCorpus {
  readonly host: BenchCorpusHost;
  readonly entities: readonly Entity[];
  readonly registryText: string;
  /** Article URIs in order; the big one is not among them. */
  readonly articleUris: readonly string[];
  /**
   * The generated sidecars as JSON (for the JSON.parse floor and to derive changed versions):
   * flat strings, so the benchmark's own data does not inflate every garbage collection the
   * measured code triggers. The YAML texts are in the host's files.
   */
  readonly sidecarJson: readonly string[];
  readonly sidecarBytes: number;
  readonly big: { readonly uri: string; readonly text: string; readonly sidecar: Sidecar; readonly sidecarText: string };
  readonly generationMs: number;
}

/** The YAML text of article `index`'s sidecar as it is in the host now. */
export function sidecarText(corpus: BenchCorpus, index: number): string {
  return corpus.host.text(`${corpus.articleUris[index]!}.annotations.yaml`)!;
}

let corpus: BenchCorpus | undefined;

export function articleName(index: number): string {
  return `news/${String(index).padStart(5, '0')}.txt`;
}

/** The corpus, generated once per run (about a minute on 2 cores: the writer is the slow part). */
export function benchCorpus(): BenchCorpus {
  if (corpus) return corpus;
  const started = performance.now();
  const host = new BenchCorpusHost();
  const entities = makeEntities();
  const registryText = registryYaml(entities);
  host.put('entities.yaml', registryText);
  const articleUris: string[] = [];
  const sidecarJson: string[] = [];
  let sidecarBytes = 0;
  for (let i = 0; i < ARTICLE_COUNT; i++) {
    const name = articleName(i);
    const file = name.slice(name.lastIndexOf('/') + 1);
    const { text, sidecar } = makeArticle(i + 1, file, SCRIPTS[i % 3]!, entities, ARTICLE_BYTES, ANNOTATIONS_PER_ARTICLE, 40, i % 2 === 0);
    const yaml = writeSidecar(file, sidecar);
    articleUris.push(host.put(name, text));
    host.put(`${name}.annotations.yaml`, yaml);
    sidecarJson.push(JSON.stringify(sidecar));
    sidecarBytes += Buffer.byteLength(yaml);
  }
  const bigName = 'big/long-read.txt';
  const bigArticle = makeBigArticle(entities);
  const bigSidecarText = writeSidecar('long-read.txt', bigArticle.sidecar);
  const bigUri = host.put(bigName, bigArticle.text);
  host.put(`${bigName}.annotations.yaml`, bigSidecarText);
  corpus = {
    host, entities, registryText, articleUris, sidecarJson, sidecarBytes,
    big: { uri: bigUri, text: bigArticle.text, sidecar: bigArticle.sidecar, sidecarText: bigSidecarText },
    generationMs: performance.now() - started,
  };
  return corpus;
}
