// The store's cold read of a sidecar (decode, the fast reader keeping values as it reads, or the
// yaml parser and the store's form after) gives exactly what parseSidecar gives on the decoded
// text: data, diagnostics with their lines and columns, and the checks against the article.
// Generated sidecars with Arabic, CJK, emoji, combining marks and awkward strings, written by
// our writer, saved with LF or CRLF line ends, with or without a byte order mark.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { checkSidecar, parseSidecar } from '../../../src/core/format/sidecar';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Annotation, Fact, Sidecar } from '../../../src/core/model/types';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

const ARTICLE = 'قال الرئيس 👍🏽 في 北京 e\u0301te\u0301 Vladimir Putin. 🇮🇩 総理は東京で。';
const REGISTRY = 'version: 1\nlabels:\n  PER: { name: Person }\n  LOC: { name: Place }\nentities:\n  - id: putin\n    label: PER\n    name: Vladimir Putin\n';
const PIECES = [
  'قال', 'الرئيس', '北京', '総理は', '👍🏽', '🇮🇩', '👨‍👩‍👧', 'e\u0301', 'Đà Nẵng', ' ', 'a: b', '#x', ' #y', '- z', '"', "'", '\\', '7', 'true',
  'null', '2024-06-19', '\t', '\u2028', 'x'.repeat(20),
];

const value = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const item = fc.record({
  start: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 0, max: 12 }), text: value,
  prefix: fc.option(value, { nil: undefined }), note: fc.option(value, { nil: undefined }),
  status: fc.option(fc.constantFrom('proposed' as const, 'accepted' as const, 'rejected' as const), { nil: undefined }),
  entity: fc.option(fc.constantFrom('putin', 'nobody', '7'), { nil: undefined }),
});
type GeneratedItem = typeof item extends fc.Arbitrary<infer T> ? T : never;

const sidecar = fc.record({
  annotations: fc.array(item, { maxLength: 5 }), facts: fc.array(fc.tuple(item, value), { maxLength: 2 }),
  title: fc.option(value, { nil: undefined }), lineEnd: fc.constantFrom('\n', '\r\n'), bom: fc.boolean(),
}).map(({ annotations, facts, title, lineEnd, bom }) => {
  const common = (a: GeneratedItem, id: string) => ({
    id, start: a.start, end: a.start + a.length, text: a.text, author: 'rani',
    ...(a.prefix !== undefined ? { prefix: a.prefix } : {}), ...(a.note !== undefined ? { note: a.note } : {}), ...(a.status !== undefined ? { status: a.status } : {}),
  });
  const data: Sidecar = {
    version: 1,
    source: { file: 'a.txt', ...(title !== undefined ? { title } : {}) },
    annotations: annotations.map((a, k): Annotation => ({ ...common(a, `a${k + 1}`), label: 'PER', ...(a.entity !== undefined ? { entity: a.entity } : {}) })),
    facts: facts.map(([a, v], k): Fact => ({ ...common(a, `f${k + 1}`), subject: 'putin', property: 'age', value: v })),
  };
  const text = writeSidecar('a.txt.annotations.yaml', data).replace(/\n/g, lineEnd);
  return { text, bytes: (bom ? '\ufeff' : '') + text };
});

describe('the store\'s cold read of a sidecar', function () {
  this.timeout(60_000);

  it('gives what parseSidecar gives on the decoded text (LF, CRLF, BOM; Arabic, CJK, emoji, combining marks)', async () => {
    await fc.assert(fc.asyncProperty(sidecar, async ({ text, bytes }) => {
      const host = new MemoryCorpusHost();
      host.put('entities.yaml', REGISTRY);
      const article = host.put('a.txt', ARTICLE);
      host.put('a.txt.annotations.yaml', bytes);
      const store = new CorpusStore(host);
      await store.load();
      const expected = parseSidecar(`${article}.annotations.yaml`, text);
      const kept = store.article(article)!.parsed!;
      assert.deepStrictEqual(kept.sidecar, expected.sidecar);
      assert.deepStrictEqual(kept.diagnostics, expected.diagnostics);
      assert.deepStrictEqual(kept.annotationLocations, expected.annotationLocations);
      assert.deepStrictEqual(kept.factLocations, expected.factLocations);
      const context = { articleText: ARTICLE, articleFile: 'a.txt', registry: store.registryFor(article)! };
      assert.deepStrictEqual(store.sidecarDiagnostics(article), [...expected.diagnostics, ...checkSidecar(expected, context)]);
    }), { numRuns: 150 });
  });
});
