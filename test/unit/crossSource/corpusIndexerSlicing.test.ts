// Indexing a whole corpus in slices (the extension's way, so the host answers in between):
// the index it ends with is the one indexing at once gives, changes during the slices are
// not lost, small changes are not delayed, and disposing stops the work.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusIndexer, type IndexerSlicing } from '../../../src/core/crossSource/corpusIndexer';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { buildEntityCard } from '../../../src/core/crossSource/hoverCard';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

const seeds = join(__dirname, '..', '..', '..', '..', 'seeds');
const FOLDERS = 50;
const S000 = '000_257178997c759933.txt';

/** The five seeds copied into 50 folders under one registry: 250 annotated articles. */
async function loadedStore(): Promise<{ host: MemoryCorpusHost; store: CorpusStore }> {
  const host = new MemoryCorpusHost();
  host.files.set('mem:///corpus/entities.yaml', readFileSync(join(seeds, 'entities.yaml')));
  for (let folder = 0; folder < FOLDERS; folder++) {
    for (const name of readdirSync(seeds).filter((n) => n !== 'entities.yaml')) {
      host.files.set(`mem:///corpus/f${folder}/${name}`, readFileSync(join(seeds, name)));
    }
  }
  const store = new CorpusStore(host);
  await store.load();
  return { host, store };
}

/** Slices of one article each, counting the turns given to the host. */
function countingSlices(minArticles = 100): IndexerSlicing & { turns: number } {
  const slicing = { turns: 0, sliceMs: 0, minArticles, yieldToHost: async () => { slicing.turns++; } };
  return slicing;
}

function putinCard(indexer: CorpusIndexer, store: CorpusStore): unknown {
  const current = `mem:///corpus/f0/${S000}`;
  return buildEntityCard(indexer.indexFor(current)!, store.registryFor(current)!, 'vladimir-putin', current);
}

describe('corpus indexer: a whole corpus in slices', () => {
  it('ends with the index that indexing at once gives, giving the host a turn between slices', async () => {
    const { store } = await loadedStore();
    const atOnce = new CorpusIndexer(store);
    const slicing = countingSlices();
    const sliced = new CorpusIndexer(store, slicing);
    assert.equal(sliced.pendingArticles, 249, 'the first slice ran, 249 articles wait');
    await sliced.whenIndexed();
    assert.equal(sliced.pendingArticles, 0);
    assert.equal(slicing.turns, 250);
    assert.equal(sliced.indexFor(`mem:///corpus/f0/${S000}`)!.articlesMentioning('vladimir-putin').length, 250);
    assert.deepEqual(putinCard(sliced, store), putinCard(atOnce, store));
    atOnce.dispose();
    sliced.dispose();
  });

  it('indexes a sidecar changed while its article still waits from its new content', async () => {
    const { host, store } = await loadedStore();
    // The host's turn lasts until the change is made: the slices wait for it.
    let resume: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { resume = resolve; });
    const indexer = new CorpusIndexer(store, { sliceMs: 0, minArticles: 100, yieldToHost: () => held });
    assert.equal(indexer.pendingArticles, 249);
    const last = `mem:///corpus/f${FOLDERS - 1}/${S000}`;
    // Every annotation of the last folder's first seed rejected: it no longer mentions Putin.
    const sidecar = new TextDecoder().decode(host.files.get(`${last}.annotations.yaml`)!);
    host.put(`f${FOLDERS - 1}/${S000}.annotations.yaml`, sidecar.replace(/status: accepted/g, 'status: rejected'));
    await store.fileChanged(`${last}.annotations.yaml`);
    // A change of one article is indexed at once: it leaves the waiting list.
    assert.equal(indexer.pendingArticles, 248, 'still slicing when the change came');
    assert.equal(indexer.indexFor(last)!.articlesMentioning('vladimir-putin').includes(last), false);
    resume();
    await indexer.whenIndexed();
    const mentioning = indexer.indexFor(last)!.articlesMentioning('vladimir-putin');
    assert.equal(mentioning.includes(last), false);
    assert.equal(mentioning.length, 249);
    indexer.dispose();
  });

  it('indexes a change of fewer articles than the threshold at once', async () => {
    const { host, store } = await loadedStore();
    const indexer = new CorpusIndexer(store, countingSlices(300));
    assert.equal(indexer.pendingArticles, 0, '250 articles are under the threshold of 300');
    const first = `mem:///corpus/f0/${S000}`;
    host.files.delete(`${first}.annotations.yaml`);
    await store.fileChanged(`${first}.annotations.yaml`);
    assert.equal(indexer.indexFor(first)!.articlesMentioning('vladimir-putin').includes(first), false);
    indexer.dispose();
  });

  it('with splitAhead, splits the texts into sentences in slices once indexed, to the same cards', async () => {
    const { host, store } = await loadedStore();
    const atOnce = new CorpusIndexer(store);
    const slicing = Object.assign(countingSlices(), { splitAhead: true });
    const sliced = new CorpusIndexer(store, slicing);
    assert.equal(sliced.articlesToSplit, 1, 'the first slice indexed one article and split no text');
    const turnsWhenIndexed = slicing.turns;
    await sliced.whenIndexed();
    while (sliced.articlesToSplit > 0) await new Promise((resolve) => setImmediate(resolve));
    // One article per slice (sliceMs 0), each slice after a turn of the host: 249 to index, 250 to split.
    assert.ok(slicing.turns >= turnsWhenIndexed + 249 + 250, `${slicing.turns - turnsWhenIndexed} turns`);
    // A change indexed at once is split too.
    const first = `mem:///corpus/f0/${S000}`;
    const sidecar = new TextDecoder().decode(host.files.get(`${first}.annotations.yaml`)!);
    host.put(`f0/${S000}.annotations.yaml`, sidecar.replace('status: accepted', 'status: rejected'));
    await store.fileChanged(`${first}.annotations.yaml`);
    while (sliced.articlesToSplit > 0) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(putinCard(sliced, store), putinCard(atOnce, store));
    atOnce.dispose();
    sliced.dispose();
  });

  it('stops when disposed', async () => {
    const { store } = await loadedStore();
    const slicing = countingSlices();
    const indexer = new CorpusIndexer(store, slicing);
    indexer.dispose();
    await indexer.whenIndexed();
    assert.ok(slicing.turns <= 1, `${slicing.turns} turns after dispose`);
    assert.equal(indexer.pendingArticles, 0);
  });
});
