// Property tests (fast-check): random texts for the offset conversion, random sidecars for
// the writer. Each property runs RUNS random cases; a failure prints the shrunk counterexample.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { codePointLength, OffsetMap } from '../../src/core/text/offsets';
import { parseSidecar } from '../../src/core/format/sidecar';
import { writeSidecar } from '../../src/core/format/sidecarWriter';
import type { Annotation, Fact, Sidecar } from '../../src/core/model/types';

const RUNS = 200;

/** Text pieces that break naive offset code: astral characters, combining marks, CRLF, BOM, RTL. */
const awkwardPiece = fc.oneof(
  fc.constantFrom('😀', '👩‍👩‍👧', 'e\u0301', '\r\n', '\r', '\n', '\t', '\uFEFF', 'שלום', 'ع', ' ', '"', "'", '#', ': ', '- ', '\\', '\u2028', '\u0085', '\u200f'),
  fc.constantFrom('yes', 'No', 'on', '~', 'null', '1:30', '1_000', '0b101', '0x1F', '2024-06-19', '=', '.inf', '12', '-3.5e2', '<<', '*a', '&b', '!tag', '%x', '@', '`'),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
);
const awkwardText = (maxLength: number) => fc.array(awkwardPiece, { maxLength }).map((pieces) => pieces.join(''));

describe('property: code point ↔ UTF-16 offsets', () => {
  it('round-trip for every offset of random texts with astral characters, marks, CRLF and a BOM', () => {
    fc.assert(fc.property(awkwardText(30), (text) => {
      const map = new OffsetMap(text);
      const codePoints = [...text];
      assert.equal(map.codePointLength, codePoints.length);
      assert.equal(codePointLength(text), codePoints.length);
      for (let cp = 0; cp <= codePoints.length; cp++) {
        const utf16 = map.toUtf16(cp);
        assert.equal(utf16, codePoints.slice(0, cp).join('').length);
        assert.equal(map.toCodePoint(utf16), cp);
      }
      for (let u = 0; u <= text.length; u++) {
        const insidePair = u > 0 && u < text.length && /[\ud800-\udbff]/.test(text[u - 1]!) && /[\udc00-\udfff]/.test(text[u]!);
        assert.equal(map.toUtf16(map.toCodePoint(u)), insidePair ? u - 1 : u);
      }
    }), { numRuns: RUNS });
  });

  it('slices by code points exactly as spreading the string does', () => {
    fc.assert(fc.property(awkwardText(20), fc.nat(), fc.nat(), (text, a, b) => {
      const codePoints = [...text];
      const start = a % (codePoints.length + 1);
      const end = start + (b % (codePoints.length - start + 1));
      assert.equal(new OffsetMap(text).slice(start, end), codePoints.slice(start, end).join(''));
    }), { numRuns: RUNS });
  });
});

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const word = fc.constantFrom('alice', 'bob', 'yes', 'No', '2026-11-21T10:00:00Z', 'Ω', 'a: b', '# x', ' edge ', '');

const anchorFields = {
  start: fc.nat({ max: 5000 }),
  length: fc.nat({ max: 40 }),
  text: awkwardText(6),
  prefix: optional(awkwardText(4)),
  suffix: optional(awkwardText(4)),
  author: optional(word),
  created: optional(fc.constantFrom('2026-11-21T10:00:00Z', '2026-11-21', 'yesterday')),
  status: optional(fc.constantFrom('proposed' as const, 'accepted' as const, 'rejected' as const)),
  orphaned: optional(fc.boolean()),
  note: optional(awkwardText(5)),
  reviews: optional(fc.array(fc.record({
    by: fc.constantFrom('bob', 'yes', 'carol'),
    verdict: fc.constantFrom('accepted' as const, 'rejected' as const, 'comment' as const),
    at: fc.constantFrom('2026-11-21T11:00:00Z', '1:30'),
    comment: optional(awkwardText(3)),
  }, { requiredKeys: ['by', 'verdict', 'at'] }), { minLength: 1, maxLength: 2 })),
};

/** Drops undefined fields, as the reader never produces them. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? clean(x) : x)) : v])) as T;
}

const annotationArb = (id: string) => fc.record({
  ...anchorFields, label: fc.constantFrom('PER', 'LOC', 'DATE', 'ON'), entity: optional(fc.constantFrom('vladimir-putin', 'constructor', 'yes')),
}).map(({ length, ...rest }): Annotation => clean({ ...rest, id, end: rest.start + length }));

const factArb = (id: string) => fc.record({
  ...anchorFields, subject: fc.constantFrom('vladimir-putin', 'pyongyang'), property: fc.constantFrom('visited', 'born'), value: awkwardText(3),
}).map(({ length, ...rest }): Fact => clean({ ...rest, id, end: rest.start + length }));

const sidecarArb: fc.Arbitrary<Sidecar> = fc.record({
  annotationCount: fc.nat({ max: 6 }),
  factCount: fc.nat({ max: 2 }),
  title: optional(awkwardText(3)),
  published: optional(fc.constantFrom('2024-06-19', '19 Juni 2024')),
}).chain(({ annotationCount, factCount, title, published }) => fc.record({
  annotations: fc.tuple(...Array.from({ length: annotationCount }, (_, i) => annotationArb(`a${i}`))),
  facts: fc.tuple(...Array.from({ length: factCount }, (_, i) => factArb(`f${i}`))),
}).map(({ annotations, facts }): Sidecar => ({
  version: 1,
  source: clean({ file: 'article.txt', sha256: 'ab'.repeat(32), title, published }),
  annotations, facts,
})));

const byId = (items: readonly { id: string }[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

function readBack(text: string): Sidecar {
  const parsed = parseSidecar('s.yaml', text);
  assert.equal(parsed.notWritable, undefined, `${parsed.notWritable}\n${text}`);
  assert.deepEqual(parsed.diagnostics, [], text);
  return parsed.sidecar!;
}

function assertSameData(actual: Sidecar, expected: Sidecar): void {
  assert.deepEqual(actual.source, expected.source);
  assert.deepEqual(byId(actual.annotations), byId(expected.annotations));
  assert.deepEqual(byId(actual.facts), byId(expected.facts));
}

/** Two layouts of the same data: the contract's, and one with a blank line between items. */
const layouts: Record<string, (text: string) => string> = {
  contract: (text) => text,
  spaced: (text) => text.replace(/\n(  - id: )/g, '\n\n$1').replace(/(annotations:|facts:)\n\n/g, '$1\n'),
};

describe('property: random sidecars', function () {
  this.timeout(120_000); // hundreds of random cases, each a write and two reads
  it('write → read is the identity', () => {
    fc.assert(fc.property(sidecarArb, (sidecar) => {
      const text = writeSidecar('s.yaml', sidecar);
      assertSameData(readBack(text), sidecar);
      assert.equal(writeSidecar('s.yaml', readBack(text), text), text, 'rewriting the same data changes nothing');
    }), { numRuns: RUNS });
  });

  type Change = { kind: 'status' | 'note' | 'delete' | 'add' | 'move'; index: number; value: string };
  const changeArb: fc.Arbitrary<Change> = fc.record({
    kind: fc.constantFrom('status' as const, 'note' as const, 'delete' as const, 'add' as const, 'move' as const),
    index: fc.nat(), value: awkwardText(4),
  });

  for (const [layout, relayout] of Object.entries(layouts)) {
    it(`a change touches only its own lines and reads back as the changed data (${layout} layout)`, () => {
      fc.assert(fc.property(sidecarArb, changeArb, (sidecar, change) => {
        const before = relayout(writeSidecar('s.yaml', sidecar));
        const data = readBack(before);
        const annotations = [...data.annotations];
        const target = annotations[change.index % Math.max(1, annotations.length)];
        let next: Sidecar;
        if (change.kind === 'add' || !target) {
          const added: Annotation = { id: 'new1', label: 'PER', start: change.index % 6000, end: (change.index % 6000) + 1, text: change.value };
          next = { ...data, annotations: [...annotations, added] };
        } else if (change.kind === 'delete') {
          next = { ...data, annotations: annotations.filter((a) => a !== target) };
        } else if (change.kind === 'status') {
          next = { ...data, annotations: annotations.map((a) => (a === target ? { ...a, status: a.status === 'accepted' ? 'rejected' as const : 'accepted' as const } : a)) };
        } else if (change.kind === 'note') {
          next = { ...data, annotations: annotations.map((a) => (a === target ? { ...a, note: `n ${change.value}` } : a)) };
        } else {
          next = { ...data, annotations: annotations.map((a) => (a === target ? { ...a, start: a.start + 7, end: a.end + 7 } : a)) };
        }
        const after = writeSidecar('s.yaml', next, before);
        assertSameData(readBack(after), next);
        const { removed, added } = lineDiff(before, after);
        const lines = removed.length + added.length;
        if (change.kind === 'status' && target) {
          assert.equal(removed.length, target.status ? 1 : 0, after);
          assert.equal(added.length, 1, after);
          assert.match(added[0]!, /^    status: (accepted|rejected)$/);
        } else if (change.kind === 'note' && target) {
          assert.equal(added.length, 1, after);
          assert.equal(removed.length, target.note !== undefined ? 1 : 0, after);
          assert.match(added[0]!, /^    note: /);
        } else if (change.kind === 'delete' && target) {
          assert.deepEqual(added.filter((line) => line !== 'annotations: []'), [], after);
          assert.deepEqual(removed.filter((line) => /^  - id: /.test(line)), [`  - id: ${target.id}`], 'only that item removed');
        } else if (change.kind === 'add' || !target) {
          assert.deepEqual(removed.filter((line) => line !== 'annotations: []'), [], after);
          assert.ok(added.some((line) => line === '  - id: new1'), after);
          assert.ok(!added.some((line) => /^  - id: (?!new1)/.test(line)), 'only the new item added');
        } else {
          // A moved item: its start and end change, and its block may move; nothing else does.
          assert.ok(lines > 0);
          assert.equal(withoutItem(after, target.id), withoutItem(before, target.id), after);
        }
      }), { numRuns: RUNS });
    });
  }
});

/** The text without blank lines and without the lines of one item. */
function withoutItem(text: string, id: string): string {
  const lines = text.split('\n').filter((line) => line !== '');
  const start = lines.indexOf(`  - id: ${id}`);
  let end = start + 1;
  while (end < lines.length && /^   /.test(lines[end]!)) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

/** The lines removed and added between two texts (one contiguous change). */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n').filter((line) => line !== '');
  const b = after.split('\n').filter((line) => line !== '');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}
