// Cost of the cross-article index on a newsroom-sized corpus: ~3,000 generated articles of
// ~4 KB with ~30 mentions and ~5 facts each, over ~2,000 entities. Prints figures only:
// timings vary by machine, nothing is asserted. Run alone with
// `node out/test/bench/corpusIndex.bench.js`.
import { CorpusIndex, type ArticleInput } from '../../src/core/corpusIndex';
import type { Annotation, Entity, Fact, Registry } from '../../src/core/types';
import { random, pick, collectGarbage } from './benchUtil';

const ARTICLES = 3_000;
const ENTITIES = 2_000;
const ARTICLE_CHARS = 4_000;
const MENTIONS_PER_ARTICLE = 30;
const FACTS_PER_ARTICLE = 5;
const UPDATE_RUNS = 100;

const WORDS = (
  'yang dan di ke dari pada untuk dengan dalam ini itu tidak akan juga telah oleh sebagai bahwa ' +
  'presiden menteri pemerintah negara kunjungan pertemuan hubungan kerja sama bilateral militer ' +
  'ekonomi internasional sanksi diplomasi kedua pemimpin mengatakan menurut laporan kantor berita ' +
  'rakyat kota ibu jalan mobil hadiah tahun bulan minggu hari kemarin sejumlah perjanjian ' +
  'kemitraan strategis keamanan kawasan semenanjung nuklir rudal balistik latihan'
).split(' ');
const SYLLABLES = ['ka', 'ri', 'mo', 'tu', 'sen', 'da', 'lo', 'gi', 'pra', 'wi', 'ja', 'no', 'su', 'he', 'van', 'ov', 'ang', 'ko'];
const PROPERTIES = ['born', 'age', 'position', 'visited', 'met', 'signed', 'casualties', 'budget', 'founded', 'population', 'headquarters', 'first-visit-in-years'];
/** Written forms of the same few values, so that groups both agree and conflict. */
const VALUES = [
  ['19 Juni 2024', 'June 19, 2024', '2024-06-19'],
  ['24 tahun', '24 years', 'dua puluh empat tahun'],
  ['1.000 orang', '1,000 people', 'seribu orang'],
  ['Pyongyang', 'PYONGYANG'],
  ['20 Juni 2024'],
  ['25 tahun'],
];

/** Entity ranks drawn with a long tail, as in news: a few entities are in most articles. */
function zipfPick(next: () => number, count: number): number {
  return Math.min(count - 1, Math.floor(Math.exp(next() * Math.log(count + 1)) - 1));
}

function makeEntities(): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    let name = '';
    for (let n = i + SYLLABLES.length ** 2; n > 0; n = Math.floor(n / SYLLABLES.length)) name += SYLLABLES[n % SYLLABLES.length];
    name = name[0]!.toUpperCase() + name.slice(1);
    entities.push({
      id: `e${i}`, label: 'PER', name, aliases: [],
      ...(i % 50 === 0 ? { facts: [{ property: PROPERTIES[i % PROPERTIES.length]!, value: VALUES[i % VALUES.length]![0]!, source: 'Wikidata' }] } : {}),
    });
  }
  return entities;
}

/** An article of sentences with entity names placed in it, and its sidecar. */
function makeArticle(index: number, entities: readonly Entity[], seedOffset = 0): ArticleInput {
  const next = random(index * 7919 + seedOffset + 1);
  const parts: string[] = [];
  const annotations: Annotation[] = [];
  const facts: Fact[] = [];
  let length = 0;
  // A name about every ARTICLE_CHARS / MENTIONS_PER_ARTICLE characters.
  const mentionEvery = ARTICLE_CHARS / MENTIONS_PER_ARTICLE;
  let sinceMention = 0;
  while (length < ARTICLE_CHARS) {
    const words = 8 + Math.floor(next() * 18);
    for (let w = 0; w < words; w++) {
      const separator = w === 0 ? (length === 0 ? '' : next() < 0.15 ? '\n' : ' ') : ' ';
      parts.push(separator);
      length += separator.length;
      if (sinceMention >= mentionEvery && annotations.length < MENTIONS_PER_ARTICLE) {
        const entity = entities[zipfPick(next, entities.length)]!;
        annotations.push({ id: `a${annotations.length + 1}`, label: 'PER', start: length, end: length + entity.name.length, text: entity.name, entity: entity.id, status: next() < 0.05 ? 'rejected' : 'accepted' });
        parts.push(entity.name);
        length += entity.name.length;
        sinceMention = 0;
      } else {
        let word = pick(WORDS, next);
        if (w === 0) word = word[0]!.toUpperCase() + word.slice(1);
        parts.push(word);
        length += word.length;
        sinceMention += word.length + 1;
      }
    }
    parts.push('.');
    length += 1;
  }
  const text = parts.join('');
  for (let f = 0; f < FACTS_PER_ARTICLE; f++) {
    const anchor = annotations[Math.floor(next() * annotations.length)]!;
    const forms = VALUES[Math.floor(next() * next() * VALUES.length)]!;
    facts.push({
      id: `f${f + 1}`, subject: `e${zipfPick(next, 200)}`, property: pick(PROPERTIES, next), value: pick(forms, next),
      start: anchor.start, end: anchor.end, text: anchor.text, status: 'accepted',
    });
  }
  const uri = `file:///corpus/${String(index).padStart(5, '0')}.txt`;
  return {
    uri, title: `Artikel ${index}`, outlet: `Outlet ${index % 40}`, published: '2024-06-19', text,
    sidecar: { version: 1, source: { file: `${String(index).padStart(5, '0')}.txt` }, annotations, facts },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function benchCorpusIndex(): void {
  const entities = makeEntities();
  const registry: Registry = { version: 1, labels: [{ id: 'PER', name: 'Person', color: '#e0a030' }], entities };
  let articles: ArticleInput[] | undefined = [];
  for (let i = 0; i < ARTICLES; i++) articles.push(makeArticle(i, entities));
  const textMb = articles.reduce((sum, a) => sum + a.text.length, 0) / (1024 * 1024);
  const mentions = articles.reduce((sum, a) => sum + a.sidecar.annotations.length, 0);
  console.log(`CorpusIndex: ${ARTICLES} articles (${textMb.toFixed(1)} MB of text, ${mentions} annotations, ${ARTICLES * FACTS_PER_ARTICLE} facts), ${ENTITIES} entities, Node ${process.version}`);

  // The texts are kept by the caller in the extension (the corpus store) as here; the heap
  // figure is what the index adds on top of them.
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const index = new CorpusIndex(registry);
  for (const article of articles) index.updateArticle(article);
  const buildMs = performance.now() - buildStart;
  collectGarbage();
  const indexMb = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);

  const updateTimes: number[] = [];
  for (let run = 0; run < UPDATE_RUNS; run++) {
    const changed = makeArticle(run * 29 % ARTICLES, entities, run + 1);
    const start = performance.now();
    index.updateArticle(changed);
    updateTimes.push(performance.now() - start);
  }

  // The most mentioned entity, as a hover card on it would query.
  const popular = 'e0';
  const queryTimes: number[] = [];
  let summary = '';
  for (let run = 0; run < 5; run++) {
    // Touch an article mentioning it, so the query cannot be served from cache.
    const touched = index.articlesMentioning(popular)[run]!;
    index.updateArticle(makeArticle(Number(touched.slice(-9, -4)), entities, 1000 + run));
    const start = performance.now();
    const groups = index.factGroupsFor(popular);
    const found = index.mentionsOf(popular);
    const co = index.coOccurring(popular);
    queryTimes.push(performance.now() - start);
    summary = `${found.length} mentions in ${index.articlesMentioning(popular).length} articles, ${groups.length} fact groups ` +
      `(${groups.filter((g) => g.verdict === 'conflict').length} conflicts), ${co.length} co-occurring`;
  }
  const cachedStart = performance.now();
  index.factGroupsFor(popular);
  index.mentionsOf(popular);
  index.coOccurring(popular);
  const cachedMs = performance.now() - cachedStart;

  articles = undefined;
  collectGarbage();
  const totalMb = process.memoryUsage().heapUsed / (1024 * 1024);
  console.log(`  full build: ${buildMs.toFixed(0)} ms (${(buildMs * 1000 / ARTICLES).toFixed(0)} µs per article)`);
  console.log(`  incremental update of one article: median ${median(updateTimes).toFixed(3)} ms over ${UPDATE_RUNS}`);
  console.log(`  query for the most popular entity (factGroupsFor + mentionsOf + coOccurring): median ${median(queryTimes).toFixed(2)} ms after an update, ${cachedMs.toFixed(2)} ms repeated; ${summary}`);
  console.log(`  heap: index adds ~${indexMb.toFixed(1)} MB over the texts; ${totalMb.toFixed(1)} MB used in all after dropping the inputs`);
}

if (require.main === module) benchCorpusIndex();
