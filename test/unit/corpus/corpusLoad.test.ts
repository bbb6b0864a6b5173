// The load path of the store: the host's hasher, hashing only what needs it, the cache keyed
// by content (a changed file is read again), and problems found through the cache as without.
import * as assert from 'node:assert/strict';
import { CorpusStore, type SidecarCache } from '../../../src/core/corpus/corpusStore';
import type { ParsedSidecar } from '../../../src/core/format/sidecar';
import type { ParsedRegistry } from '../../../src/core/format/registry';
import {
  packParsedRegistry, packParsedSidecar, unpackParsedRegistry, unpackParsedSidecar, type PackedRegistry, type PackedSidecar,
} from '../../../src/core/format/sidecarCacheFormat';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Sidecar } from '../../../src/core/model/types';
import { sha256Hex } from '../../../src/core/util/sha256';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

const ARTICLE = 'Presiden 👍🏽 Vladimir Putin tiba di Pyongyang.';
const REGISTRY = 'version: 1\nlabels:\n  PER: { name: Person }\n  LOC: { name: Place }\nentities:\n  - id: putin\n    label: PER\n    name: Vladimir Putin\n';

function sidecar(text: string, sha256: string | undefined): Sidecar {
  return {
    version: 1,
    source: { file: 'article.txt', ...(sha256 ? { sha256 } : {}) },
    annotations: [{ id: 'a1', label: 'PER', start: 12, end: 26, text, entity: 'putin', author: 'rani', status: 'accepted' }],
    facts: [],
  };
}

/** A host that hashes with the core's function but counts what it hashes. */
class HashingHost extends MemoryCorpusHost {
  readonly hashed: number[] = [];
  sha256Hex(bytes: Uint8Array): string {
    this.hashed.push(bytes.length);
    return sha256Hex(bytes);
  }
}

function corpus(text = 'Vladimir Putin'): { host: HashingHost; article: string; sidecarUri: string } {
  const host = new HashingHost();
  host.put('entities.yaml', REGISTRY);
  const article = host.put('news/article.txt', ARTICLE);
  const articleSha = sha256Hex(host.files.get(article)!);
  const sidecarUri = host.put('news/article.txt.annotations.yaml', writeSidecar('article.txt.annotations.yaml', sidecar(text, articleSha)));
  return { host, article, sidecarUri };
}

/** A cache as the extension keeps it: packed entries, through JSON. */
function jsonCache(): SidecarCache & { gets: string[]; sets: string[]; registrySets: string[] } {
  const entries = new Map<string, string>();
  const registries = new Map<string, string>();
  const gets: string[] = [];
  const sets: string[] = [];
  const registrySets: string[] = [];
  return {
    gets, sets, registrySets,
    getRegistry(key) {
      const json = registries.get(key);
      return json === undefined ? undefined : unpackParsedRegistry(JSON.parse(json) as PackedRegistry);
    },
    setRegistry(key, parsed: ParsedRegistry) {
      registrySets.push(key);
      registries.set(key, JSON.stringify(packParsedRegistry(parsed)));
    },
    get(key) {
      gets.push(key);
      const json = entries.get(key);
      return json === undefined ? undefined : unpackParsedSidecar(JSON.parse(json) as PackedSidecar);
    },
    set(key, parsed: ParsedSidecar) {
      sets.push(key);
      entries.set(key, JSON.stringify(packParsedSidecar(parsed)));
    },
  };
}

describe('CorpusStore load path', () => {
  it('hashes with the host\'s hasher, and without a cache only the article (its hash is checked against the sidecar\'s)', async () => {
    const { host, article } = corpus();
    const store = new CorpusStore(host);
    await store.load();
    assert.deepEqual(host.hashed, [host.files.get(article)!.length]);
    assert.equal(store.article(article)!.sha256, sha256Hex(host.files.get(article)!));
    assert.deepEqual(store.sidecarDiagnostics(article), []);
  });

  it('with a cache, hashes the sidecar and the registry too and keys the entries by file and content', async () => {
    const { host, article, sidecarUri } = corpus();
    const cache = jsonCache();
    await new CorpusStore(host, cache).load();
    const sizes = (uri: string) => host.files.get(uri)!.length;
    assert.deepEqual([...host.hashed].sort((a, b) => a - b), [sizes('mem:///corpus/entities.yaml'), sizes(article), sizes(sidecarUri)].sort((a, b) => a - b));
    assert.deepEqual(cache.sets, [`${sidecarUri}\n${sha256Hex(host.files.get(sidecarUri)!)}`]);
  });

  it('takes an unchanged sidecar from the cache, and reads a changed one again', async () => {
    const { host, article, sidecarUri } = corpus();
    const cache = jsonCache();
    await new CorpusStore(host, cache).load();
    assert.equal(cache.sets.length, 1);

    const warm = new CorpusStore(host, cache);
    await warm.load();
    assert.equal(cache.sets.length, 1, 'served from the cache');
    assert.equal(warm.article(article)!.parsed!.sidecar!.annotations[0]!.text, 'Vladimir Putin');

    // The file changes on disk (a pull): same name, other content, so another key.
    const articleSha = sha256Hex(host.files.get(article)!);
    host.put('news/article.txt.annotations.yaml', writeSidecar('article.txt.annotations.yaml', { ...sidecar('Vladimir Putin', articleSha), annotations: [{ ...sidecar('Vladimir Putin', articleSha).annotations[0]!, status: 'rejected' }] }));
    const after = new CorpusStore(host, cache);
    await after.load();
    assert.equal(cache.sets.length, 2, 'read and cached again');
    assert.equal(cache.sets[1], `${sidecarUri}\n${sha256Hex(host.files.get(sidecarUri)!)}`);
    assert.equal(after.article(article)!.parsed!.sidecar!.annotations[0]!.status, 'rejected');
    // And the same through fileChanged on a loaded store.
    host.put('news/article.txt.annotations.yaml', writeSidecar('article.txt.annotations.yaml', sidecar('Vladimir Putin', articleSha)));
    await after.fileChanged(sidecarUri);
    assert.equal(after.article(article)!.parsed!.sidecar!.annotations[0]!.status, 'accepted');
  });

  it('a sidecar with a problem gets its diagnostic, with line and column, cold and from the cache alike', async () => {
    const { host, article, sidecarUri } = corpus('Vladimir Putim');
    const cache = jsonCache();
    const cold = new CorpusStore(host, cache);
    await cold.load();
    const lines = new TextDecoder().decode(host.files.get(sidecarUri)!).split('\n');
    const textLine = lines.indexOf('    text: Vladimir Putim');
    const expected = [{
      file: sidecarUri, start: { line: textLine, column: 10 }, end: { line: textLine, column: 24 }, severity: 'error', code: 'text-mismatch',
      message: 'Annotation `a1`: the article has "Vladimir Putin" at 12–26, not "Vladimir Putim".',
    }];
    assert.deepEqual(cold.diagnostics().get(sidecarUri), expected);
    const warm = new CorpusStore(host, cache);
    await warm.load();
    assert.equal(cache.sets.length, 1, 'served from the cache');
    assert.deepEqual(warm.diagnostics().get(sidecarUri), expected);
    assert.deepEqual(warm.sidecarDiagnostics(article), expected);
  });

  it('a sidecar the fast reader leaves to the yaml parser (CRLF, a problem of its own) is cached and reported the same', async () => {
    const { host, article, sidecarUri } = corpus();
    const text = new TextDecoder().decode(host.files.get(sidecarUri)!).replace('    status: accepted\n', '    status: Accepted\n').replace(/\n/g, '\r\n');
    host.files.set(sidecarUri, new TextEncoder().encode(`\uFEFF${text}`));
    const cache = jsonCache();
    const cold = new CorpusStore(host, cache);
    await cold.load();
    const coldProblems = cold.diagnostics().get(sidecarUri);
    assert.ok(coldProblems && coldProblems.length > 0, 'the wrong-case status is reported');
    const statusLine = text.split('\r\n').indexOf('    status: Accepted');
    assert.equal(coldProblems[0]!.start.line, statusLine);
    const warm = new CorpusStore(host, cache);
    await warm.load();
    assert.equal(cache.sets.length, 1, 'served from the cache');
    assert.deepEqual(warm.diagnostics().get(sidecarUri), coldProblems);
    assert.deepEqual(warm.article(article)!.parsed, cold.article(article)!.parsed);
  });

  it('takes an unchanged registry from the cache (ids like `constructor` stay ids), and parses a changed one', async () => {
    const { host, article } = corpus();
    const registryUri = 'mem:///corpus/entities.yaml';
    host.put('entities.yaml', `${REGISTRY}  - id: constructor\n    label: LOC\n    name: Constructor Bay\n`);
    const cache = jsonCache();
    const cold = new CorpusStore(host, cache);
    await cold.load();
    assert.deepEqual(cache.registrySets, [`${registryUri}\n${sha256Hex(host.files.get(registryUri)!)}`]);
    const warm = new CorpusStore(host, cache);
    await warm.load();
    assert.equal(cache.registrySets.length, 1, 'served from the cache');
    assert.equal(warm.registryFor(article)!.entities.get('constructor')!.name, 'Constructor Bay');
    assert.equal(warm.registryFor(article)!.entities.get('toString'), undefined);
    assert.deepEqual(warm.problemsOf(registryUri), cold.problemsOf(registryUri));
    assert.deepEqual(warm.sidecarDiagnostics(article), []);
    // A registry without the linked entity: read again, and the sidecar's link is reported.
    host.put('entities.yaml', 'version: 1\nlabels:\n  PER: { name: Person }\nentities: []\n');
    const after = new CorpusStore(host, cache);
    await after.load();
    assert.equal(cache.registrySets.length, 2);
    assert.deepEqual(after.sidecarDiagnostics(article).map((d) => d.code), ['unknown-entity']);
  });

  it('a cache that only fills (no get, as on a first open) is given the registry too', async () => {
    const { host } = corpus();
    const filled: string[] = [];
    await new CorpusStore(host, { get: () => undefined, set: () => undefined, setRegistry: (key) => filled.push(key) }).load();
    assert.deepEqual(filled, [`mem:///corpus/entities.yaml\n${sha256Hex(host.files.get('mem:///corpus/entities.yaml')!)}`]);
  });
});
