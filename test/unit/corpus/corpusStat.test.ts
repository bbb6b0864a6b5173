// The stat check of a warm open (issue 12): a file whose size and mtime the cache knows is not
// read (a sidecar) or not hashed (an article); any change of size or mtime, a stat too recent
// to vouch for the bytes, a damaged entry or a host without stat falls back to read + hash.
import * as assert from 'node:assert/strict';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { UNVERIFIED_MTIME_MS } from '../../../src/core/corpus/corpusHost';
import type { PackedSidecar } from '../../../src/core/format/sidecarCacheFormat';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Sidecar } from '../../../src/core/model/types';
import { sha256Hex } from '../../../src/core/util/sha256';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';
import { persistedCache } from '../fakes/persistedCache';

// A BOM, an emoji with a skin tone, a combining mark and CRLF: the title and offsets must survive.
const ARTICLE = '\uFEFF👍🏽 Cafe\u0301 di Pyongyang\r\nPresiden Vladimir Putin tiba di Pyongyang.\r\n';
const START = [...'👍🏽 Cafe\u0301 di Pyongyang\r\nPresiden '].length;
const REGISTRY = 'version: 1\nlabels:\n  PER: { name: Person, color: "#e0a030" }\nentities:\n  - id: putin\n    label: PER\n    name: Vladimir Putin\n';
const TITLE = '👍🏽 Cafe\u0301 di Pyongyang';

/** Counts what the store hashes, by byte length. */
class HashingHost extends MemoryCorpusHost {
  readonly hashed: number[] = [];
  sha256Hex(bytes: Uint8Array): string {
    this.hashed.push(bytes.length);
    return sha256Hex(bytes);
  }
}

function sidecarFor(articleSha: string, status: 'accepted' | 'rejected' = 'accepted'): string {
  const sidecar: Sidecar = {
    version: 1,
    source: { file: 'article.txt', sha256: articleSha },
    annotations: [{ id: 'a1', label: 'PER', start: START, end: START + 14, text: 'Vladimir Putin', entity: 'putin', author: 'rani', status }],
    facts: [],
  };
  return writeSidecar('article.txt', sidecar);
}

function corpus(): { host: HashingHost; article: string; sidecarUri: string; bare: string } {
  const host = new HashingHost();
  host.put('entities.yaml', REGISTRY);
  const article = host.put('news/article.txt', ARTICLE);
  const sidecarUri = host.put('news/article.txt.annotations.yaml', sidecarFor(sha256Hex(host.files.get(article)!)));
  // An article without a sidecar: the store keeps only its title.
  const bare = host.put('news/bare.txt', '\n\n  Judul 🇮🇩 tanpa anotasi  \nisi\n');
  return { host, article, sidecarUri, bare };
}

function readsOf(host: MemoryCorpusHost): string[] {
  return host.accessLog!.filter((entry) => entry.startsWith('read ')).map((entry) => entry.slice(5)).sort();
}

describe('CorpusStore stat check (warm open)', () => {
  it('an unchanged stat takes the cache: the sidecar is not read, nor the article without one, and the state is the same', async () => {
    const { host, article, sidecarUri, bare } = corpus();
    const cache = persistedCache();
    const cold = new CorpusStore(host, cache);
    await cold.load();
    assert.deepEqual(cache.factSets.sort(), [article, sidecarUri, bare].sort());

    host.accessLog = [];
    host.hashed.length = 0;
    const warm = new CorpusStore(host, cache);
    await warm.load();
    // The registry is read and hashed (its key); the annotated article is read for its text
    // (and hashed, so that the title from its facts is known to be of these bytes).
    assert.deepEqual(readsOf(host), ['mem:///corpus/entities.yaml', article]);
    assert.deepEqual(host.hashed.sort(), [host.files.get('mem:///corpus/entities.yaml')!.length, host.files.get(article)!.length].sort());
    assert.equal(cache.sets.length, 1, 'nothing parsed again');
    const state = warm.article(article)!;
    assert.deepEqual(state.parsed, cold.article(article)!.parsed);
    assert.equal(state.text, ARTICLE.slice(1), 'the text without its BOM');
    assert.equal(state.sha256, sha256Hex(host.files.get(article)!));
    assert.equal(state.firstLine, TITLE);
    assert.equal(warm.article(bare)!.firstLine, 'Judul 🇮🇩 tanpa anotasi');
    assert.equal(warm.article(bare)!.text, undefined);
    assert.deepEqual(warm.staleArticles(), []);
    assert.deepEqual(warm.diagnostics(), new Map());
  });

  it('a changed size or a changed mtime (same size) reads and hashes the file again', async () => {
    const { host, article, sidecarUri } = corpus();
    const cache = persistedCache();
    await new CorpusStore(host, cache).load();
    const articleSha = sha256Hex(host.files.get(article)!);

    // Same size: 'accepted' and 'rejected' are both eight letters; only the mtime differs.
    const rejected = sidecarFor(articleSha, 'rejected');
    assert.equal(rejected.length, new TextDecoder().decode(host.files.get(sidecarUri)!).length);
    host.put('news/article.txt.annotations.yaml', rejected);
    host.accessLog = [];
    const afterMtime = new CorpusStore(host, cache);
    await afterMtime.load();
    assert.ok(readsOf(host).includes(sidecarUri));
    assert.equal(afterMtime.article(article)!.parsed!.sidecar!.annotations[0]!.status, 'rejected');

    // Another size: a note added.
    const noted = rejected.replace('    status: rejected\n', '    status: rejected\n    note: checked\n');
    assert.notEqual(noted, rejected);
    host.put('news/article.txt.annotations.yaml', noted);
    const afterSize = new CorpusStore(host, cache);
    await afterSize.load();
    assert.equal(afterSize.article(article)!.parsed!.sidecar!.annotations[0]!.note, 'checked');
  });

  it('an article changed on disk is hashed again: stale, with its new title', async () => {
    const { host, article } = corpus();
    const cache = persistedCache();
    await new CorpusStore(host, cache).load();
    // The same length in UTF-8, other text: only the mtime tells.
    const changed = ARTICLE.replace('Cafe\u0301', 'Kafe\u0301');
    assert.equal(new TextEncoder().encode(changed).length, host.files.get(article)!.length);
    host.put('news/article.txt', changed);
    host.hashed.length = 0;
    const warm = new CorpusStore(host, cache);
    await warm.load();
    assert.ok(host.hashed.includes(host.files.get(article)!.length), 'the article is hashed');
    assert.deepEqual(warm.staleArticles(), [article]);
    assert.equal(warm.article(article)!.firstLine, '👍🏽 Kafe\u0301 di Pyongyang');
    assert.equal(warm.article(article)!.sha256, sha256Hex(new TextEncoder().encode(changed)));
  });

  it('an annotated article\'s title comes from its facts only for the bytes they were found in', async () => {
    const { host, article } = corpus();
    const cache = persistedCache();
    await new CorpusStore(host, cache).load();
    const { size, mtime } = (await host.stat(article))!;
    const sha256 = sha256Hex(host.files.get(article)!);
    // Facts of these very bytes: their title is used (not found again in the text).
    cache.facts.set(article, JSON.stringify([size, mtime, sha256, 'Title from the facts']));
    const trusting = new CorpusStore(host, cache);
    await trusting.load();
    assert.equal(trusting.article(article)!.firstLine, 'Title from the facts');
    // Facts at the same stat but of other bytes (the file changed between stat and read): not used.
    cache.facts.set(article, JSON.stringify([size, mtime, 'f'.repeat(64), 'Title of other bytes']));
    const checking = new CorpusStore(host, cache);
    await checking.load();
    assert.equal(checking.article(article)!.firstLine, TITLE);
    assert.equal(checking.article(article)!.sha256, sha256);
    assert.deepEqual(checking.staleArticles(), []);
  });

  it('a same-size rewrite within the same mtime tick is caught: a recent mtime vouches for nothing', async () => {
    const { host, article, sidecarUri } = corpus();
    // A coarse clock that stands still: every write gets the same mtime, just now.
    const now = Date.now();
    host.mtimeClock = () => now;
    const articleSha = sha256Hex(host.files.get(article)!);
    host.put('news/article.txt.annotations.yaml', sidecarFor(articleSha, 'accepted'));
    const cache = persistedCache();
    await new CorpusStore(host, cache).load();
    assert.equal(cache.factSets.includes(sidecarUri), false, 'no facts recorded for a stat this recent');

    const before = await host.stat(sidecarUri);
    host.put('news/article.txt.annotations.yaml', sidecarFor(articleSha, 'rejected'));
    assert.deepEqual(await host.stat(sidecarUri), before, 'same size, same mtime');
    const warm = new CorpusStore(host, cache);
    await warm.load();
    assert.equal(warm.article(article)!.parsed!.sidecar!.annotations[0]!.status, 'rejected');

    // A file system without mtimes (0 for every file) vouches for nothing either.
    host.mtimeClock = () => 0;
    host.put('news/article.txt.annotations.yaml', sidecarFor(articleSha, 'accepted'));
    await new CorpusStore(host, cache).load();
    assert.equal(cache.factSets.includes(sidecarUri), false, 'no facts recorded for mtime 0');

    // Once the mtime is older than the window, the facts are recorded (and then trusted).
    host.mtimeClock = () => now - UNVERIFIED_MTIME_MS - 1000;
    host.put('news/article.txt.annotations.yaml', sidecarFor(articleSha, 'accepted'));
    await new CorpusStore(host, cache).load();
    assert.equal(cache.factSets.includes(sidecarUri), true);
  });

  it('a damaged cache entry or damaged stat facts are dropped and the file read', async () => {
    const { host, article, sidecarUri } = corpus();
    const cache = persistedCache();
    const cold = new CorpusStore(host, cache);
    await cold.load();
    const expected = cold.article(article)!.parsed!.sidecar;

    // The entry's compact locations damaged: read from the file.
    const [key, json] = [...cache.entries][0]!;
    cache.entries.set(key, JSON.stringify({ ...(JSON.parse(json) as PackedSidecar), c: 'not,locations' }));
    host.accessLog = [];
    const damagedEntry = new CorpusStore(host, cache);
    await damagedEntry.load();
    assert.ok(readsOf(host).includes(sidecarUri));
    assert.deepEqual(damagedEntry.article(article)!.parsed!.sidecar, expected);

    // The article's facts damaged (a hash that is no hash): hashed again, not trusted.
    cache.facts.set(article, JSON.stringify([host.files.get(article)!.length, (await host.stat(article))!.mtime, 'not a hash', 'Wrong title']));
    host.hashed.length = 0;
    const damagedFacts = new CorpusStore(host, cache);
    await damagedFacts.load();
    assert.ok(host.hashed.includes(host.files.get(article)!.length));
    assert.equal(damagedFacts.article(article)!.firstLine, TITLE);
    assert.deepEqual(damagedFacts.staleArticles(), []);
  });

  it('a reload (the Reload Corpus command) reads every file again, whatever its stat', async () => {
    const { host, article, sidecarUri } = corpus();
    const cache = persistedCache();
    await new CorpusStore(host, cache).load();
    const store = new CorpusStore(host, cache);
    host.accessLog = [];
    await store.load();
    assert.equal(readsOf(host).includes(sidecarUri), false);
    await store.reload();
    assert.deepEqual(readsOf(host), ['mem:///corpus/entities.yaml', 'mem:///corpus/entities.yaml', article, article, sidecarUri, 'mem:///corpus/news/bare.txt'].sort());
  });

  it('a file the stat finds gone is gone, and a host without stat reads everything as before', async () => {
    const { host, article, sidecarUri, bare } = corpus();
    const cache = persistedCache();
    await new CorpusStore(host, cache).load();
    host.files.delete(sidecarUri);
    const withoutSidecar = new CorpusStore(host, cache);
    await withoutSidecar.load();
    assert.equal(withoutSidecar.article(article)!.parsed, undefined);
    assert.equal(withoutSidecar.article(article)!.firstLine, TITLE);

    const noStat = Object.assign(Object.create(host) as HashingHost, { stat: undefined });
    host.accessLog = [];
    const plain = new CorpusStore(noStat, cache);
    await plain.load();
    assert.deepEqual(readsOf(host), ['mem:///corpus/entities.yaml', article, `${article}.annotations.yaml`, bare, `${bare}.annotations.yaml`].sort());
    assert.equal(plain.article(bare)!.firstLine, 'Judul 🇮🇩 tanpa anotasi');
  });
});
