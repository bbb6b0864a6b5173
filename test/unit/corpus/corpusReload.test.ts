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
