import * as assert from 'node:assert/strict';
import { CorpusStore, type SidecarCache } from '../../../src/core/corpus/corpusStore';
import type { ParsedSidecar } from '../../../src/core/format/sidecar';
import { NotWritableError } from '../../../src/core/format/sidecarWriter';
import { sha256OfText } from '../../../src/core/util/sha256';
import { packParsedSidecar, unpackParsedSidecar, type PackedSidecar } from '../../../src/core/format/sidecarCacheFormat';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';
import { ARTICLE, REGISTRY_YAML, SIDECAR_YAML } from '../fixtures';

function corpus(): { host: MemoryCorpusHost; article: string; sidecar: string } {
  const host = new MemoryCorpusHost();
  host.put('entities.yaml', REGISTRY_YAML);
  const article = host.put('news/article.txt', ARTICLE);
  const sidecar = host.put('news/article.txt.annotations.yaml', SIDECAR_YAML);
  host.put('news/plain.txt', 'An article nobody annotated.');
  return { host, article, sidecar };
}

describe('CorpusStore', () => {
  it('loads articles, sidecars and the nearest registry', async () => {
    const { host, article } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    assert.deepEqual(store.articleUris(), ['mem:///corpus/news/article.txt', 'mem:///corpus/news/plain.txt']);
    assert.equal(store.article(article)!.parsed!.sidecar!.annotations.length, 3);
    assert.equal(store.article('mem:///corpus/news/plain.txt')!.parsed, undefined);
    assert.equal(store.registryFor(article)!.file, 'mem:///corpus/entities.yaml');
    assert.deepEqual([...store.diagnostics().keys()], []);
  });

  it('prefers an entities.yaml nearer to the article', async () => {
    const { host, article } = corpus();
    host.put('news/entities.yaml', REGISTRY_YAML.replace('DATE: { name: Date', 'TIME: { name: Time'));
    const store = new CorpusStore(host);
    await store.load();
    assert.equal(store.registryFor(article)!.file, 'mem:///corpus/news/entities.yaml');
    assert.deepEqual(store.sidecarDiagnostics(article).map((d) => d.code), ['unknown-label']);
  });

  it('creates a sidecar on the first change, with the article hash, and writes through the host', async () => {
    const { host } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    const plain = 'mem:///corpus/news/plain.txt';
    await store.updateSidecar(plain, (s) => ({ ...s, annotations: [{ id: 'a1', label: 'PER', start: 0, end: 2, text: 'An', status: 'proposed' }] }));
    const written = host.text(`${plain}.annotations.yaml`)!;
    assert.match(written, /^version: 1\nsource:\n  file: plain.txt\n  sha256: [0-9a-f]{64}\n/);
    assert.ok(written.includes(sha256OfText('An article nobody annotated.')));
    assert.equal(store.article(plain)!.parsed!.sidecar!.annotations[0]!.text, 'An');
  });

  it('refuses to change a sidecar that does not parse, and leaves its bytes alone', async () => {
    const { host, article, sidecar } = corpus();
    const broken = SIDECAR_YAML.replace('text: Pyongyang', 'text: [Pyongyang');
    host.put('news/article.txt.annotations.yaml', broken);
    const store = new CorpusStore(host);
    await store.load();
    assert.match(store.notWritableReason(article)!, /not valid YAML at line 21/);
    await assert.rejects(store.updateSidecar(article, (s) => s), NotWritableError);
    assert.equal(host.text(sidecar), broken);
    assert.deepEqual(host.writes, []);
    const problems = store.diagnostics().get(sidecar)!;
    assert.equal(problems[0]!.code, 'yaml-syntax');
  });

  it('serialises concurrent changes so none is lost', async () => {
    const { host, article } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    await Promise.all(['x1', 'x2', 'x3'].map((id, i) => store.updateSidecar(article, (s) => ({
      ...s, annotations: [...s.annotations, { id, label: 'PER', start: i, end: i + 1, text: ARTICLE[i]!, status: 'proposed' as const }],
    }))));
    assert.deepEqual(store.article(article)!.parsed!.sidecar!.annotations.map((a) => a.id).sort(), ['a1', 'a2', 'a3', 'x1', 'x2', 'x3']);
  });

  it('picks up a sidecar changed on disk and tells listeners which article changed', async () => {
    const { host, article } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    const changes: string[][] = [];
    store.onDidChange((change) => changes.push([...change.articles]));
    const sidecar = host.put('news/article.txt.annotations.yaml', SIDECAR_YAML.replace('status: proposed', 'status: accepted'));
    await store.fileChanged(sidecar);
    assert.deepEqual(changes, [[article]]);
    assert.equal(store.article(article)!.parsed!.sidecar!.annotations[1]!.status, 'accepted');
  });

  it('forgets every file of a deleted folder when each of them is reported changed', async () => {
    const { host, article } = corpus();
    host.put('news/deep/entities.yaml', REGISTRY_YAML);
    host.put('news/deep/lonely.txt.annotations.yaml', SIDECAR_YAML);
    host.put('newsroom/other.txt', 'Not below news/.');
    const store = new CorpusStore(host);
    await store.load();
    assert.deepEqual(store.knownFilesUnder('mem:///corpus/news'), [
      'mem:///corpus/news/article.txt',
      'mem:///corpus/news/deep/entities.yaml',
      'mem:///corpus/news/deep/lonely.txt.annotations.yaml',
      'mem:///corpus/news/plain.txt',
    ]);
    for (const uri of [...host.files.keys()]) if (uri.startsWith('mem:///corpus/news/')) host.files.delete(uri);
    for (const uri of store.knownFilesUnder('mem:///corpus/news/')) await store.fileChanged(uri);
    assert.deepEqual(store.knownFilesUnder('mem:///corpus/news'), []);
    assert.equal(store.article(article), undefined);
    assert.deepEqual(store.articleUris(), ['mem:///corpus/newsroom/other.txt']);
  });

  it('re-checks sidecars when the registry changes', async () => {
    const { host, article } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    const registry = host.put('entities.yaml', REGISTRY_YAML.replace('  - id: pyongyang\n    label: LOC\n    name: Pyongyang\n', ''));
    let registryChanged = false;
    store.onDidChange((change) => { registryChanged = change.registryChanged; });
    await store.fileChanged(registry);
    assert.ok(registryChanged);
    assert.deepEqual(store.sidecarDiagnostics(article).map((d) => d.code), ['unknown-entity']);
  });

  it('re-checks offsets when the article changes on disk', async () => {
    const { host, article } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    const sidecar = host.put('news/article.txt.annotations.yaml', SIDECAR_YAML.replace('  file: article.txt\n', `  file: article.txt\n  sha256: ${sha256OfText(ARTICLE)}\n`));
    await store.fileChanged(sidecar);
    assert.deepEqual(store.sidecarDiagnostics(article), []);
    host.put('news/article.txt', `Kabar: ${ARTICLE}`);
    await store.fileChanged(article);
    const codes = store.sidecarDiagnostics(article).map((d) => d.code);
    assert.ok(codes.includes('article-changed'));
    assert.ok(codes.includes('text-mismatch'));
  });

  it('reports a sidecar whose article is gone', async () => {
    const { host, article, sidecar } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    host.files.delete(article);
    await store.fileChanged(article);
    assert.equal(store.article(article), undefined);
    assert.equal(store.diagnostics().get(sidecar)![0]!.code, 'article-missing');
  });

  it('parses an unchanged sidecar from the cache instead of the YAML', async () => {
    const entries = new Map<string, ParsedSidecar>();
    const cache: SidecarCache = { get: (key) => entries.get(key), set: (key, value) => entries.set(key, value) };
    const { host, article } = corpus();
    await new CorpusStore(host, cache).load();
    assert.equal(entries.size, 1);
    // A cache entry round-trips through its packed JSON form, as the extension persists it.
    const [key, value] = [...entries][0]!;
    const revived = unpackParsedSidecar(JSON.parse(JSON.stringify(packParsedSidecar(value))) as PackedSidecar);
    assert.deepEqual(revived, value);
    let hits = 0;
    const counting: SidecarCache = { get: (k) => (k === key ? (hits++, revived) : undefined), set: () => undefined };
    const store = new CorpusStore(host, counting);
    await store.load();
    assert.equal(hits, 1);
    assert.equal(store.article(article)!.parsed!.sidecar!.annotations.length, 3);
    assert.deepEqual(store.sidecarDiagnostics(article), []);
  });
});
