// Opening the corpus (cold and warm), keeping the index current after changes, the hover card
// of a popular entity, and the memory of the indexed corpus; with the floor (JSON.parse of the
// same data) and the obvious faster reader (js-yaml) side by side.
import { load as jsYamlLoad } from 'js-yaml';
import { CorpusIndexer } from '../../src/core/crossSource/corpusIndexer';
import { CorpusStore, type SidecarCache } from '../../src/core/corpus/corpusStore';
import { buildEntityCard } from '../../src/core/crossSource/hoverCard';
import type { ParsedSidecar } from '../../src/core/format/sidecar';
import {
  packChecks, packParsedRegistry, packParsedSidecar, packStatFacts, unpackChecks, unpackParsedRegistry, unpackParsedSidecar, unpackStatFacts,
  type PackedChecks, type PackedRegistry, type PackedSidecar, type PackedStatFacts,
} from '../../src/core/format/sidecarCacheFormat';
import type { CorpusDiagnostic } from '../../src/core/model/diagnostics';
import type { StatFacts } from '../../src/core/corpus/corpusHost';
import type { ParsedRegistry } from '../../src/core/format/registry';
import { writeSidecar } from '../../src/core/format/sidecarWriter';
import type { Sidecar } from '../../src/core/model/types';
import { collectGarbage, memoryInUse } from './benchUtil';
import { ARTICLE_COUNT, POPULAR_ENTITY, sidecarText, type BenchCorpus } from './corpus';
import { registerCase, timeRuns } from './harness';

const encoder = new TextEncoder();

/** Read, check and index everything: what opening a workspace costs before the first card. */
async function openCorpus(corpus: BenchCorpus, cache?: SidecarCache, phases?: number[][]): Promise<{ store: CorpusStore; indexer: CorpusIndexer }> {
  const started = performance.now();
  const store = new CorpusStore(corpus.host, cache);
  await store.load();
  const read = performance.now();
  store.diagnostics();
  const checked = performance.now();
  const indexer = new CorpusIndexer(store);
  // Where the time goes, for the note of the cold figure: read (decode, hash, parse), check, index.
  phases?.push([read - started, checked - read, performance.now() - checked]);
  return { store, indexer };
}

/** The median of each phase over the runs, as `read X ms, check Y ms, index Z ms`. */
function phaseNote(phases: readonly number[][]): string {
  const median = (k: number): number => phases.map((run) => run[k]!).sort((a, b) => a - b)[Math.floor(phases.length / 2)]!;
  return `read ${median(0).toFixed(0)} ms, check ${median(1).toFixed(0)} ms, index ${median(2).toFixed(0)} ms`;
}

/** The sidecar of article `index` with one annotation's status changed (a review, say). */
function changedSidecar(corpus: BenchCorpus, index: number, round: number): string {
  const sidecar = JSON.parse(corpus.sidecarJson[index]!) as Sidecar;
  const changed: Sidecar = {
    ...sidecar,
    annotations: sidecar.annotations.map((a, i) => (i === round % sidecar.annotations.length ? { ...a, status: a.status === 'accepted' ? 'rejected' : 'accepted', note: `round ${round}` } : a)),
  };
  const file = corpus.articleUris[index]!.slice(corpus.articleUris[index]!.lastIndexOf('/') + 1);
  // Written fresh rather than over the previous text: the same layout, without two YAML
  // parses per change in the (untimed) preparation of each run.
  return writeSidecar(file, changed);
}

registerCase({
  name: 'corpus: open, update, hover card, memory',
  async run(context) {
    const corpus = context.corpus();
    console.log(`  corpus: ${ARTICLE_COUNT} articles + one of 1 MB, ${(corpus.sidecarBytes / 1e6).toFixed(1)} MB of sidecar YAML, ` +
      `${corpus.articleUris.length * 20 + corpus.big.sidecar.annotations.length} annotations, ${corpus.entities.length} entities; generated in ${(corpus.generationMs / 1000).toFixed(1)} s`);

    // Cold: no cache. Each run's store is dropped before the next (only the last one is kept,
    // for the figures below), so runs do not pay for each other's garbage.
    const entries = new Map<string, ParsedSidecar>();
    const registries = new Map<string, ParsedRegistry>();
    const statFacts = new Map<string, StatFacts>();
    const checks = new Map<string, readonly CorpusDiagnostic[]>();
    let kept: { store: CorpusStore; indexer: CorpusIndexer } | undefined;
    const cold: number[] = [];
    const coldPhases: number[][] = [];
    for (let run = 0; run < 3; run++) {
      kept?.indexer.dispose();
      kept = undefined;
      collectGarbage();
      // Memory from the first run: before it nothing of the corpus is open.
      const heapBefore = run === 0 ? memoryInUse() : 0;
      const started = performance.now();
      const opened = await openCorpus(corpus, run === 0 ? {
        get: () => undefined, set: (key, value) => entries.set(key, value), setRegistry: (key, value) => registries.set(key, value),
        statFacts: () => undefined, setStatFacts: (uri, facts) => statFacts.set(uri, facts),
        getChecks: () => undefined, setChecks: (key, problems) => checks.set(key, problems),
      } : undefined, coldPhases);
      cold.push(performance.now() - started);
      kept = opened;
      if (run === 0) {
        collectGarbage();
        const used = memoryInUse() - heapBefore;
        context.report('memory of the opened corpus (store + index, article texts included) / sidecar bytes', '×', [used / corpus.sidecarBytes],
          { op: '<=', value: 3, of: 'median' }, `${(used / 1e6).toFixed(0)} MB for ${(corpus.sidecarBytes / 1e6).toFixed(0)} MB of YAML`);
      }
    }
    context.report('open the corpus cold (read, check and index every sidecar and the registry)', 'ms', cold, { op: '<=', value: 3000, of: 'median' }, phaseNote(coldPhases));

    // The floor and the alternative reader on the same data.
    const jsonParse = await timeRuns(3, () => { for (const text of corpus.sidecarJson) JSON.parse(text); });
    context.report('JSON.parse of the same sidecar data', 'ms', jsonParse);
    const yamlTexts = corpus.articleUris.map((_, index) => sidecarText(corpus, index));
    const jsYaml = await timeRuns(1, () => { for (const text of yamlTexts) jsYamlLoad(text); });
    yamlTexts.length = 0;
    context.report('js-yaml load of the same sidecars (no positions, no checks)', 'ms', jsYaml);
    const coldMedian = [...cold].sort((a, b) => a - b)[1]!;
    const jsonMedian = [...jsonParse].sort((a, b) => a - b)[1]!;
    context.report('ratio: cold open / JSON.parse', '×', [coldMedian / jsonMedian], { op: '<=', value: 5, of: 'median' });
    context.report('ratio: cold open / js-yaml', '×', [coldMedian / jsYaml[0]!]);

    // Warm: the cache revived from its JSON form (one JSON.parse, timed), as after a restart,
    // with the stat facts and check results of the cold open: unchanged sidecars are not read,
    // articles not hashed, sidecars not checked again.
    const cacheJson = JSON.stringify({
      entries: Object.fromEntries([...entries].map(([key, value]) => [key, packParsedSidecar(value)])),
      registries: Object.fromEntries([...registries].map(([key, value]) => [key, packParsedRegistry(value)])),
      files: Object.fromEntries([...statFacts].map(([uri, facts]) => [uri, packStatFacts(facts)])),
      checks: Object.fromEntries([...checks].map(([key, problems]) => [key, packChecks(problems)])),
    });
    entries.clear();
    registries.clear();
    statFacts.clear();
    checks.clear();
    const warmPhases: number[][] = [];
    const warm = await timeRuns(3, async () => {
      const parseStarted = performance.now();
      const file = JSON.parse(cacheJson) as {
        entries: Record<string, PackedSidecar>; registries: Record<string, PackedRegistry>; files: Record<string, PackedStatFacts>; checks: Record<string, PackedChecks>;
      };
      const revived = new Map(Object.entries(file.entries));
      const revivedRegistries = new Map(Object.entries(file.registries));
      const revivedFacts = new Map(Object.entries(file.files));
      const revivedChecks = new Map(Object.entries(file.checks));
      const parsed = performance.now() - parseStarted;
      await openCorpus(corpus, {
        get: (key) => { const packed = revived.get(key); return packed && unpackParsedSidecar(packed); }, set: () => undefined,
        getRegistry: (key) => { const packed = revivedRegistries.get(key); return packed && unpackParsedRegistry(packed); }, setRegistry: () => undefined,
        statFacts: (uri, stat) => {
          const facts = unpackStatFacts(revivedFacts.get(uri));
          return facts && facts.size === stat.size && facts.mtime === stat.mtime ? facts : undefined;
        },
        setStatFacts: () => undefined,
        getChecks: (key) => { const packed = revivedChecks.get(key); return packed === undefined ? undefined : unpackChecks(packed); }, setChecks: () => undefined,
      }, warmPhases);
      warmPhases[warmPhases.length - 1]!.unshift(parsed);
    });
    const warmNote = phaseNote(warmPhases.map((run) => run.slice(1)));
    const cacheParse = [...warmPhases.map((run) => run[0]!)].sort((a, b) => a - b)[1]!;
    context.report('open it again with the cache warm', 'ms', warm, { op: '<=', value: 500, of: 'median' },
      `cache ${(cacheJson.length / 1e6).toFixed(0)} MB of JSON: parse ${cacheParse.toFixed(0)} ms, ${warmNote}`);
    {
      // Not in the figure above (it starts from the cache's text), but paid by the extension first.
      const cacheBytes = encoder.encode(cacheJson);
      const cacheDecode = await timeRuns(3, () => new TextDecoder().decode(cacheBytes));
      context.report('UTF-8 decode of the cache file (the extension pays it before the warm open; not in that figure)', 'ms', cacheDecode,
        undefined, `${(cacheBytes.length / 1e6).toFixed(0)} MB`);
    }

    const { store, indexer } = kept!;
    const host = corpus.host;
    // One sidecar changed on disk (a save elsewhere, a small pull): re-read and re-indexed.
    const one = await timeRuns(50, async (run) => { await store.fileChanged(`${corpus.articleUris[run * 197 % ARTICLE_COUNT]!}.annotations.yaml`); },
      (run) => { const index = run * 197 % ARTICLE_COUNT; host.files.set(`${corpus.articleUris[index]!}.annotations.yaml`, encoder.encode(changedSidecar(corpus, index, run))); });
    context.report('update the index after one sidecar changes', 'ms', one, { op: '<=', value: 5, of: 'median' });
    const pull = await timeRuns(3, async (run) => {
      await Promise.all(Array.from({ length: 500 }, (_, k) => store.fileChanged(`${corpus.articleUris[(k * 19 + run) % ARTICLE_COUNT]!}.annotations.yaml`)));
    }, (run) => {
      for (let k = 0; k < 500; k++) {
        const index = (k * 19 + run) % ARTICLE_COUNT;
        host.files.set(`${corpus.articleUris[index]!}.annotations.yaml`, encoder.encode(changedSidecar(corpus, index, run + 100)));
      }
    });
    context.report('update the index after a pull that changes 500 sidecars', 'ms', pull, { op: '<=', value: 1000, of: 'median' });

    // The hover card of the entity mentioned in 5,000 articles.
    const current = corpus.articleUris[0]!;
    const index = indexer.indexFor(current)!;
    const registry = store.registryFor(current)!;
    const articles = index.articlesMentioning(POPULAR_ENTITY).length;
    // The first card splits the texts of the entity's articles into sentences (for its
    // co-occurrence counts): the extension does that ahead, in slices (splitAhead); here nothing does.
    const first = await timeRuns(1, () => buildEntityCard(index, registry, POPULAR_ENTITY, current));
    context.report("first hover card for that entity after the open, its articles' texts not split yet", 'ms', first);
    const card = await timeRuns(200, () => buildEntityCard(index, registry, POPULAR_ENTITY, current));
    context.report(`hover card for an entity mentioned in ${articles} articles`, 'ms', card, { op: '<=', value: 5, of: 'p99' });
    const positionOf = new Map(corpus.articleUris.map((uri, k) => [uri, k]));
    const touched = index.articlesMentioning(POPULAR_ENTITY).filter((uri) => positionOf.has(uri));
    const afterChange = await timeRuns(100, () => buildEntityCard(index, registry, POPULAR_ENTITY, current), async (run) => {
      const article = touched[(run * 31) % touched.length]!;
      const k = positionOf.get(article)!;
      host.files.set(`${article}.annotations.yaml`, encoder.encode(changedSidecar(corpus, k, run + 1000)));
      await store.fileChanged(`${article}.annotations.yaml`);
    });
    context.report('hover card for that entity right after a change to one of its articles', 'ms', afterChange, { op: '<=', value: 5, of: 'p99' });
    indexer.dispose();
  },
});
