// A reload (the article glob changed) while reads are still under way: what the reload forgot
// must stay forgotten, whichever read finishes last. Found as a flaky integration test, where a
// file change read under the old glob put an article back after the reload had cleared it, and
// the folder's deletion could then not remove it (the glob no longer matched it).
import * as assert from 'node:assert/strict';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

/** A host whose article glob can change, and whose reads wait while they are held. */
class SwitchableHost extends MemoryCorpusHost {
  articleSuffixes = ['.txt'];
  private held: (() => void)[] | undefined;

  override isArticle(uri: string): boolean {
    return this.articleSuffixes.some((suffix) => uri.endsWith(suffix));
  }

  hold(): void {
    this.held = [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = undefined;
    for (const resume of waiting) resume();
  }

  override async readFile(uri: string): Promise<Uint8Array | undefined> {
    if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
    return super.readFile(uri);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CorpusStore reload while reads are under way', () => {
  it('does not put back an article read under the old glob by a file change', async () => {
    const host = new SwitchableHost();
    host.put('news/a.txt', 'Putin tiba.');
    const note = host.put('notes/b.md', 'Kim menyambut.');
    host.articleSuffixes = ['.txt', '.md'];
    const store = new CorpusStore(host);
    await store.load();
    assert.deepEqual(store.articleUris(), ['mem:///corpus/news/a.txt', note]);

    host.hold();
    const change = store.fileChanged(note);
    await settle();
    host.articleSuffixes = ['.txt'];
    const reload = store.reload();
    host.release();
    await Promise.all([change, reload]);
    assert.deepEqual(store.articleUris(), ['mem:///corpus/news/a.txt']);
  });

  it('ends with what the last reload found when an earlier load is still reading', async () => {
    const host = new SwitchableHost();
    host.put('news/a.txt', 'Putin tiba.');
    host.put('notes/b.md', 'Kim menyambut.');
    host.articleSuffixes = ['.txt', '.md'];
    const store = new CorpusStore(host);
    host.hold();
    const first = store.load();
    await settle();
    host.articleSuffixes = ['.txt'];
    host.release();
    const second = store.reload();
    await Promise.all([first, second]);
    assert.deepEqual(store.articleUris(), ['mem:///corpus/news/a.txt']);
  });

  it('drops a known article once the glob no longer matches it, when it is reported changed or deleted', async () => {
    const host = new SwitchableHost();
    const note = host.put('notes/b.md', 'Kim menyambut.');
    host.articleSuffixes = ['.md'];
    const store = new CorpusStore(host);
    await store.load();
    assert.deepEqual(store.articleUris(), [note]);
    host.articleSuffixes = ['.txt'];
    host.files.delete(note);
    await store.fileChanged(note);
    assert.deepEqual(store.articleUris(), []);
  });
});

describe('CorpusStore load progress', () => {
  it('reports the articles read, from 0 to all of them, about every 1%, and nothing of a load a reload replaced', async () => {
    const host = new SwitchableHost();
    for (let k = 0; k < 250; k++) host.put(`news/a${k}.txt`, `Artikel ${k}.`);
    const store = new CorpusStore(host);
    const seen: string[] = [];
    store.onDidProgress(({ read, total }) => seen.push(`${read}/${total}`));
    await store.load();
    assert.equal(seen.length, 126);
    assert.deepEqual(seen.slice(0, 3), ['0/250', '2/250', '4/250']);
    assert.equal(seen.at(-1), '250/250');

    seen.length = 0;
    host.hold();
    const replaced = store.reload();
    await settle();
    host.articleSuffixes = ['.none'];
    host.release();
    await Promise.all([replaced, store.reload()]);
    // The replaced load had found its 250 articles; none of its reads is reported after the reload.
    assert.deepEqual(seen, ['0/250', '0/0']);
  });
});
