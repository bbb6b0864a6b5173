// The sidecar checks' results are remembered (issue 12, warm open): across a restart through the
// cache (keyed by sidecar, article, registry and the checks' version), and within a session by
// the parse they checked; a change to any input checks again, and a damaged entry is dropped.
import * as assert from 'node:assert/strict';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { sidecarCheckKey } from '../../../src/core/corpus/sidecarChecks';
import type { SidecarCache } from '../../../src/core/corpus/corpusHost';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { CorpusDiagnostic } from '../../../src/core/model/diagnostics';
import type { Annotation, Sidecar } from '../../../src/core/model/types';
import { sha256Hex } from '../../../src/core/util/sha256';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';
import { persistedCache } from '../fakes/persistedCache';

// A BOM, an emoji with a skin tone, a combining mark and CRLF: offsets are code points.
const ARTICLE_A = '\uFEFF👍🏽 Cafe\u0301 di Pyongyang\r\nPresiden Vladimir Putin tiba di Pyongyang.\r\n';
const ARTICLE_B = 'KPK memeriksa 🇮🇩 Vladimir Putin.\n';
const REGISTRY = [
  'version: 1', 'labels:', '  PER: { name: Person, color: "#e0a030" }', '  ORG: { name: Organisation, color: "#30a0e0" }',
  'entities:', '  - id: putin', '    label: PER', '    name: Vladimir Putin', '  - id: kpk', '    label: ORG', '    name: KPK', '',
].join('\n');

const A = 'mem:///corpus/news/a.txt';
const B = 'mem:///corpus/news/b.txt';
const C = 'mem:///corpus/c.txt';
const SIDECAR_A = `${A}.annotations.yaml`;
const SIDECAR_B = `${B}.annotations.yaml`;
const SIDECAR_C = `${C}.annotations.yaml`;
const REGISTRY_URI = 'mem:///corpus/entities.yaml';

function annotation(id: string, start: number, text: string, label: string, entity?: string): Annotation {
  return { id, label, start, end: start + [...text].length, text, ...(entity !== undefined ? { entity } : {}), author: 'rani', status: 'accepted' };
}

/** The sidecar of an article whose file holds `articleText` (a BOM included: the hash is of the bytes). */
function sidecarText(file: string, articleText: string, annotations: Annotation[]): string {
  const sidecar: Sidecar = { version: 1, source: { file, sha256: sha256Hex(new TextEncoder().encode(articleText)) }, annotations, facts: [] };
  return writeSidecar(file, sidecar);
}

/** Offsets in code points after the BOM: the emoji is two, `e` + combining acute two. */
const PUTIN_IN_A = 32;
const PUTIN_IN_B = 17;

function corpus(): MemoryCorpusHost {
  const host = new MemoryCorpusHost();
  host.put('entities.yaml', REGISTRY);
  host.put('news/a.txt', ARTICLE_A);
  host.put('news/a.txt.annotations.yaml', sidecarText('a.txt', ARTICLE_A, [annotation('a1', PUTIN_IN_A, 'Vladimir Putin', 'PER', 'putin')]));
  host.put('news/b.txt', ARTICLE_B);
  // A quote that is not the article's, and a label the registry lacks.
  host.put('news/b.txt.annotations.yaml', sidecarText('b.txt', ARTICLE_B, [
    annotation('b1', PUTIN_IN_B, 'Vladimir Putln', 'PER', 'putin'),
    annotation('b2', 0, 'KPK', 'LOC'),
  ]));
  host.put('c.txt', 'Tanpa masalah.\n');
  host.put('c.txt.annotations.yaml', sidecarText('c.txt', 'Tanpa masalah.\n', []));
  return host;
}

/** The problems of b.txt's sidecar in that corpus, as the checks find them. */
const B_MISMATCH: CorpusDiagnostic = {
  file: SIDECAR_B, start: { line: 16, column: 10 }, end: { line: 16, column: 24 }, severity: 'error', code: 'text-mismatch',
  message: 'Annotation `b1`: the article has "Vladimir Putin" at 17–31, not "Vladimir Putln".',
};
const B_LABEL: CorpusDiagnostic = {
  file: SIDECAR_B, start: { line: 6, column: 11 }, end: { line: 6, column: 14 }, severity: 'error', code: 'unknown-label',
  message: 'Annotation `b2`: unknown label `LOC`; labels are PER, ORG in mem:///corpus/entities.yaml.',
};

/** The sidecar a check key is for (its second and third lines are the sidecar's own key). */
function sidecarsOf(keys: readonly string[]): string[] {
  return keys.map((key) => key.split('\n')[1]!).sort();
}

async function opened(host: MemoryCorpusHost, cache: SidecarCache): Promise<CorpusStore> {
  const store = new CorpusStore(host, cache);
  await store.load();
  return store;
}

describe('CorpusStore sidecar checks remembered', () => {
  it('a warm open takes every check from the cache: none runs again, and the problems are the same', async () => {
    const host = corpus();
    const cache = persistedCache();
    const cold = await opened(host, cache);
    assert.deepEqual(cold.diagnostics(), new Map([[SIDECAR_B, [B_LABEL, B_MISMATCH]]]));
    assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_C, SIDECAR_A, SIDECAR_B].sort());
    // Most sidecars have no problems: stored as one character.
    assert.equal(cache.checks.get(cache.checkSets.find((key) => key.includes(SIDECAR_A))!), '0');

    cache.checkSets.length = 0;
    cache.checkGets.length = 0;
    const warm = await opened(host, cache);
    assert.deepEqual(warm.diagnostics(), new Map([[SIDECAR_B, [B_LABEL, B_MISMATCH]]]));
    assert.deepEqual(cache.checkSets, [], 'no check ran');
    assert.deepEqual(sidecarsOf(cache.checkGets), [SIDECAR_C, SIDECAR_A, SIDECAR_B].sort());
    assert.deepEqual(warm.problemsOf(SIDECAR_B), [B_LABEL, B_MISMATCH]);
    assert.deepEqual(warm.sidecarDiagnostics(A), []);
  });

  it('within a session, diagnostics() and problemsOf() check again only what changed', async () => {
    const host = corpus();
    const cache = persistedCache();
    const store = await opened(host, cache);
    store.diagnostics();
    cache.checkSets.length = 0;
    cache.checkGets.length = 0;
    assert.deepEqual(store.diagnostics(), new Map([[SIDECAR_B, [B_LABEL, B_MISMATCH]]]));
    assert.deepEqual(store.problemsOf(SIDECAR_B), [B_LABEL, B_MISMATCH]);
    assert.deepEqual(store.sidecarDiagnostics(A), []);
    assert.deepEqual([...cache.checkGets, ...cache.checkSets], [], 'neither checked nor looked up');

    // b.txt's quote fixed on disk: only its sidecar is checked again.
    host.put('news/b.txt.annotations.yaml', sidecarText('b.txt', ARTICLE_B, [
      annotation('b1', PUTIN_IN_B, 'Vladimir Putin', 'PER', 'putin'), annotation('b2', 0, 'KPK', 'LOC'),
    ]));
    await store.fileChanged(SIDECAR_B);
    assert.deepEqual(store.diagnostics(), new Map([[SIDECAR_B, [B_LABEL]]]));
    assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_B]);

    // a.txt's text changed (the name moved two code points on): its sidecar is checked again.
    cache.checkSets.length = 0;
    host.put('news/a.txt', ARTICLE_A.replace('Presiden', 'Presiden RF'));
    await store.fileChanged(A);
    const changed = store.problemsOf(SIDECAR_A);
    assert.deepEqual(changed.map((problem) => problem.code), ['article-changed', 'text-mismatch']);
    assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_A]);

    // The registry gains the label LOC: every sidecar it governs is checked again.
    cache.checkSets.length = 0;
    host.put('entities.yaml', REGISTRY.replace('entities:', '  LOC: { name: Location, color: "#40c040" }\nentities:'));
    await store.fileChanged(REGISTRY_URI);
    assert.deepEqual(store.problemsOf(SIDECAR_B), []);
    store.diagnostics();
    assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_C, SIDECAR_A, SIDECAR_B].sort());
  });

  it('after a restart, a changed article is checked again', async () => {
    const host = corpus();
    const cache = persistedCache();
    (await opened(host, cache)).diagnostics();
    cache.checkSets.length = 0;
    // The same bytes long (only the hash tells): `Putin` is now `Putim` in b.txt, so b1's quote
    // is checked against other text.
    host.put('news/b.txt', ARTICLE_B.replace('Putin', 'Putim'));
    const warm = await opened(host, cache);
    assert.deepEqual(warm.problemsOf(SIDECAR_B), [
      {
        file: SIDECAR_B, start: { line: 2, column: 2 }, end: { line: 4, column: 0 }, severity: 'info', code: 'article-changed',
        message: 'The article changed since these offsets were checked (sha256 differs); annotations will be re-anchored from their text and context.',
      },
      B_LABEL,
      { ...B_MISMATCH, message: 'Annotation `b1`: the article has "Vladimir Putim" at 17–31, not "Vladimir Putln". The article changed since it was annotated.' },
    ]);
    warm.diagnostics();
    assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_B]);
  });

  it('after a restart, a changed sidecar is checked again', async () => {
    const host = corpus();
    const cache = persistedCache();
    (await opened(host, cache)).diagnostics();
    cache.checkSets.length = 0;
    host.put('news/a.txt.annotations.yaml', sidecarText('a.txt', ARTICLE_A, [annotation('a1', PUTIN_IN_A, 'Vladimir Putin', 'PER', 'nobody')]));
    const warm = await opened(host, cache);
    assert.deepEqual(warm.problemsOf(SIDECAR_A), [{
      file: SIDECAR_A, start: { line: 10, column: 12 }, end: { line: 10, column: 18 }, severity: 'error', code: 'unknown-entity',
      message: 'Annotation `a1`: unknown entity `nobody`; add it to mem:///corpus/entities.yaml or fix the id.',
    }]);
    warm.diagnostics();
    assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_A]);
  });

  it('after a restart, a changed registry has every sidecar it governs checked again', async () => {
    const host = corpus();
    const cache = persistedCache();
    (await opened(host, cache)).diagnostics();
    cache.checkSets.length = 0;
    // putin is an ORG now: a1 and b1 disagree with their entity's label.
    host.put('entities.yaml', REGISTRY.replace('    label: PER\n    name: Vladimir Putin', '    label: ORG\n    name: Vladimir Putin'));
    const warm = await opened(host, cache);
    const codes = new Map([...warm.diagnostics()].map(([file, problems]) => [file, problems.map((problem) => `${problem.severity} ${problem.code}`)]));
    assert.deepEqual(codes, new Map([
      [SIDECAR_A, ['warning invalid-value']],
      [SIDECAR_B, ['error unknown-label', 'error text-mismatch', 'warning invalid-value']],
    ]));
    assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_C, SIDECAR_A, SIDECAR_B].sort());
  });

  it('a damaged or foreign cache entry is dropped: the checks run again and give the true problems', async function () {
    // 18 shapes, a store opened for each: ~0.8 s alone, over mocha's 2 s on a loaded machine.
    this.timeout(20_000);
    const valid = (file: string) => [0, 0, 0, 0, 'error', 'unknown-label', `forged for ${file}`];
    const damaged: ((file: string) => unknown)[] = [
      () => null, () => 'none', () => 1, () => [], () => ({}), (file) => ({ f: file, d: [] }), (file) => ({ f: file }),
      (file) => ({ f: file, d: Array.from({ length: 300_001 }, () => valid(file)) }),
      () => ({ f: 'mem:///corpus/elsewhere.annotations.yaml', d: [valid('elsewhere')] }),
      (file) => ({ f: file, d: [[-1, 0, 0, 0, 'error', 'unknown-label', 'x']] }),
      (file) => ({ f: file, d: [[0.5, 0, 0, 0, 'error', 'unknown-label', 'x']] }),
      (file) => ({ f: file, d: [[0, 0, 0, 0, 'fatal', 'unknown-label', 'x']] }),
      (file) => ({ f: file, d: [[0, 0, 0, 0, 'error', 'constructor', 'x']] }),
      (file) => ({ f: file, d: [[0, 0, 0, 0, 'error', '__proto__', 'x']] }),
      (file) => ({ f: file, d: [[0, 0, 0, 0, 'error', 'unknown-label', 7]] }),
      (file) => ({ f: file, d: [[0, 0, 0, 0, 'error', 'unknown-label']] }),
      (file) => ({ f: file, d: [null] }),
      // More problems than its sidecar could have (two about its source, three an annotation).
      (file) => ({ f: file, d: Array.from({ length: 9 }, () => valid(file)) }),
    ];
    for (const [index, entry] of damaged.entries()) {
      const host = corpus();
      const cache = persistedCache();
      (await opened(host, cache)).diagnostics();
      for (const key of cache.checks.keys()) cache.checks.set(key, JSON.stringify(entry(key.split('\n')[1]!)));
      cache.checkSets.length = 0;
      const warm = await opened(host, cache);
      assert.deepEqual(warm.diagnostics(), new Map([[SIDECAR_B, [B_LABEL, B_MISMATCH]]]), `entry ${index}`);
      assert.deepEqual(sidecarsOf(cache.checkSets), [SIDECAR_C, SIDECAR_A, SIDECAR_B].sort(), `entry ${index}: checked again`);
    }
  });

  it('a store without a cache checks as before', async () => {
    const store = new CorpusStore(corpus());
    await store.load();
    assert.deepEqual(store.diagnostics(), new Map([[SIDECAR_B, [B_LABEL, B_MISMATCH]]]));
    assert.deepEqual(store.diagnostics(), new Map([[SIDECAR_B, [B_LABEL, B_MISMATCH]]]));
  });

  it('keys the results by the checks\' version, the sidecar\'s key, the article\'s hash and name, and the registry\'s key', () => {
    const FILE = 'file:///corpus/%F0%9F%91%8D.txt.annotations.yaml';
    const sidecar = `${FILE}\n${'a'.repeat(64)}`;
    const registry = `file:///corpus/entities.yaml\n${'b'.repeat(64)}`;
    assert.equal(sidecarCheckKey(sidecar, 'c'.repeat(64), '👍.txt', registry),
      `c1\n${FILE}\n${'a'.repeat(64)}\n${'c'.repeat(64)}\n👍.txt\nfile:///corpus/entities.yaml\n${'b'.repeat(64)}`);
    assert.equal(sidecarCheckKey(sidecar, undefined, '👍.txt', undefined), `c1\n${FILE}\n${'a'.repeat(64)}\n-\n👍.txt\n-`);
  });
});
