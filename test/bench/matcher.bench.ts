// Throughput of EntityMatcher.find over ~5 MB of generated Indonesian-like news text, for
// registries of growing size. Prints figures only: timings vary by machine, nothing is asserted.
// Run alone with `node out/test/bench/matcher.bench.js`.
import { EntityMatcher } from '../../src/core/matcher';
import type { Entity } from '../../src/core/types';
import { random, pick, collectGarbage, memoryInUse } from './benchUtil';

const TEXT_BYTES = 5 * 1024 * 1024;
/** Registry sizes, in aliases (names included). */
const ALIAS_COUNTS = [1_000, 10_000, 50_000];

const WORDS = (
  'yang dan di ke dari pada untuk dengan dalam ini itu tidak akan juga telah oleh sebagai bahwa ' +
  'presiden menteri pemerintah negara kunjungan pertemuan hubungan kerja sama bilateral militer ' +
  'ekonomi internasional sanksi diplomasi kedua pemimpin mengatakan menurut laporan kantor berita ' +
  'rakyat kota ibu jalan mobil hadiah tahun bulan minggu hari senin rabu kamis kemarin sejumlah ' +
  'perjanjian kemitraan strategis keamanan kawasan semenanjung nuklir rudal balistik latihan'
).split(' ');
const FIRST_NAMES = ['Ahmad', 'Budi', 'Siti', 'Dewi', 'Agus', 'Rina', 'Joko', 'Sri', 'Hendra', 'Putri', 'Ivan', 'Olga', 'Sergei', 'Min', 'Jae', 'Anna', 'Li', 'Wei', 'Maria', 'John'];
const SYLLABLES = ['ka', 'ri', 'mo', 'tu', 'sen', 'da', 'lo', 'gi', 'pra', 'wi', 'ja', 'no', 'su', 'he', 'van', 'ov', 'ang', 'ko'];

/** Entities with a "First Surname" name and a surname alias, like a news registry: two aliases each. */
function makeEntities(count: number): Entity[] {
  const next = random(count);
  const entities: Entity[] = [];
  for (let i = 0; i < count; i++) {
    let surname = '';
    for (let n = i + SYLLABLES.length ** 2; n > 0; n = Math.floor(n / SYLLABLES.length)) surname += SYLLABLES[n % SYLLABLES.length];
    surname = surname[0]!.toUpperCase() + surname.slice(1);
    const first = pick(FIRST_NAMES, next);
    entities.push({ id: `e${i}`, label: 'PER', name: `${first} ${surname}`, aliases: [surname] });
  }
  return entities;
}

/** Sentences of common words with a name every twentieth word or so, some of them registered. */
function makeText(entities: readonly Entity[]): string {
  const next = random(7);
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < TEXT_BYTES) {
    let sentence = '';
    const words = 8 + Math.floor(next() * 20);
    for (let w = 0; w < words; w++) {
      const roll = next();
      const word = roll < 0.03 ? pick(entities, next).name : roll < 0.05 ? pick(FIRST_NAMES, next) : pick(WORDS, next);
      sentence += (w === 0 ? word[0]!.toUpperCase() + word.slice(1) : ' ' + word);
    }
    sentence += next() < 0.1 ? '.\n' : '. ';
    parts.push(sentence);
    bytes += sentence.length;
  }
  return parts.join('');
}

export function benchMatcher(): void {
  const largest = makeEntities(Math.max(...ALIAS_COUNTS) / 2);
  const text = makeText(largest.slice(0, ALIAS_COUNTS[0]! / 2));
  const megabytes = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  console.log(`EntityMatcher: ${megabytes.toFixed(1)} MB of text, Node ${process.version}`);
  for (const aliases of ALIAS_COUNTS) {
    const entities = largest.slice(0, aliases / 2);
    collectGarbage();
    const heapBefore = memoryInUse();
    const buildStart = performance.now();
    const matcher = EntityMatcher.fromEntities(entities);
    const buildMs = performance.now() - buildStart;
    collectGarbage();
    const heapMb = (memoryInUse() - heapBefore) / (1024 * 1024);

    matcher.find(text.slice(0, 100_000)); // warm-up, so the first size does not pay for JIT
    const runs = 3;
    let best = Infinity;
    let matches = 0;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      matches = matcher.find(text).length;
      best = Math.min(best, performance.now() - start);
    }
    console.log(
      `  ${String(matcher.aliasCount).padStart(6)} aliases (${entities.length} entities): build ${buildMs.toFixed(0)} ms, ` +
        `memory ~${heapMb.toFixed(1)} MB, scan ${(megabytes / (best / 1000)).toFixed(1)} MB/s (best of ${runs}), ${matches} matches`,
    );
  }
}

if (require.main === module) benchMatcher();
