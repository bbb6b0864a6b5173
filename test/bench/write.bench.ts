// One annotation change written to the 20,000-annotation sidecar (5.6 MB) through the store, as
// the editor does it: read the article and the sidecar, apply the change, write the lines it
// concerns, check them back, write atomically, update the cache. Three figures: the first change
// after the file changed on disk (one fast read of the file, then the splice), changes after
// that (the store keeps the state of its last write: no parse), and, for comparison, a change to
// the same data in a layout the splice declines (the general writer: full parse and read-back).
import { CorpusStore, type SidecarCache } from '../../src/core/corpus/corpusStore';
import type { ParsedSidecar } from '../../src/core/format/sidecar';
import { writeSidecar } from '../../src/core/format/sidecarWriter';
import type { Sidecar } from '../../src/core/model/types';
import { MemoryCorpusHost } from '../unit/fakes/memoryCorpusHost';
import { makeBigArticle, makeEntities } from './corpus';
import { registerCase, timeRuns } from './harness';

/** The store's cache as the extension gives it one (in memory; it saves to disk later). */
function memoryCache(): SidecarCache {
  const entries = new Map<string, ParsedSidecar>();
  return { get: (key) => entries.get(key), set: (key, parsed) => void entries.set(key, parsed) };
}

/** The sidecar with annotation `index`'s status flipped: a review, the commonest change. */
const flipStatus = (index: number) => (current: Sidecar): Sidecar => ({
  ...current,
  annotations: current.annotations.map((a, i) => (i === index ? { ...a, status: a.status === 'rejected' ? 'accepted' : 'rejected' } : a)),
});

registerCase({
  name: 'one annotation change written to the 20,000-annotation sidecar',
  async run(context) {
    const big = makeBigArticle(makeEntities());
    const sidecarText = writeSidecar('long-read.txt', big.sidecar);
    const host = new MemoryCorpusHost();
    const uri = host.put('long-read.txt', big.text);
    const sidecarUri = `${uri}.annotations.yaml`;
    host.put('long-read.txt.annotations.yaml', sidecarText);
    console.log(`  sidecar: ${big.sidecar.annotations.length} annotations, ${(sidecarText.length / 1e6).toFixed(1)} MB`);

    // Each run with a fresh store (loaded before the clock starts): the file is new to it.
    let fresh: CorpusStore | undefined;
    const first = await timeRuns(3, (run) => fresh!.updateSidecar(uri, flipStatus(2000 + run)), async () => {
      fresh?.dispose();
      host.put('long-read.txt.annotations.yaml', sidecarText);
      fresh = new CorpusStore(host, memoryCache());
      await fresh.load();
    });
    fresh?.dispose();
    context.report('first change after the sidecar changed on disk (fast read + splice)', 'ms', first);

    host.put('long-read.txt.annotations.yaml', sidecarText);
    const store = new CorpusStore(host, memoryCache());
    await store.load();
    await store.updateSidecar(uri, flipStatus(999));
    const writes = await timeRuns(15, (run) => store.updateSidecar(uri, flipStatus(1000 + run * 997)));
    context.report('one annotation change written to the 20,000-annotation sidecar', 'ms', writes, { op: '<=', value: 150, of: 'median' },
      'status change through CorpusStore.updateSidecar, after a first write');
    const notes = await timeRuns(7, (run) => store.updateSidecar(uri, (current) => ({
      ...current, annotations: current.annotations.map((a, i) => (i === 3000 + run ? { ...a, note: `checked, round ${run}` } : a)),
    })));
    context.report('a note added to one annotation of the 20,000 (every later item moves down a line)', 'ms', notes);
    if (host.text(sidecarUri)?.includes('checked, round 6') !== true) throw new Error('the writes did not reach the file');
    store.dispose();

    // The general writer: the same data with a comment inside the list, which the splice declines.
    const commented = sidecarText.replace('\n  - id: a5\n', '\n  # checked by hand\n  - id: a5\n');
    host.put('long-read.txt.annotations.yaml', commented);
    const general = new CorpusStore(host, memoryCache());
    await general.load();
    const slow = await timeRuns(1, () => general.updateSidecar(uri, flipStatus(4000)));
    context.report('the same change to a sidecar the splice declines (general writer, full parse and read-back)', 'ms', slow);
    general.dispose();
  },
});
