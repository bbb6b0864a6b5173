// The splice path of a write (sidecarSplice.ts) against the general writer: on random sidecars
// and random chains of changes it must give the very bytes `writeSidecar` gives, and a state
// that is exactly what `parseSidecar` reads from those bytes (positions included); where it
// declines, the general writer takes over.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSidecar } from '../../../src/core/format/sidecar';
import { indexSidecarLines, spliceSidecar, type SidecarLines } from '../../../src/core/format/sidecarSplice';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Annotation, Fact, Sidecar } from '../../../src/core/model/types';

const RUNS = 200;
const FILE = 's.yaml';

/** Values that need quoting or escaping: emoji, combining marks, YAML look-alikes, quotes, line breaks. */
const awkward = fc.constantFrom('Putin', '👩‍👩‍👧 family', 'cafe\u0301', 'yes', '1:30', '2024-06-19', 'a: b', '# no', ' edge ', "it's", 'say "hi"', 'line\nbreak', 'tab\there', 'שלום', '~', '');
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const clean = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const anchored = {
  start: fc.nat({ max: 400 }), length: fc.nat({ max: 20 }), text: awkward,
  author: optional(fc.constantFrom('rani', 'budi')), status: optional(fc.constantFrom('proposed' as const, 'accepted' as const, 'rejected' as const)),
  note: optional(awkward),
};
const annotationArb = (id: string): fc.Arbitrary<Annotation> => fc.record({ ...anchored, label: fc.constantFrom('PER', 'LOC'), entity: optional(fc.constantFrom('e1', 'yes')) })
  .map(({ start, length, ...rest }) => clean({ id, start, end: start + length, ...rest }));
const factArb = (id: string): fc.Arbitrary<Fact> => fc.record({ ...anchored, subject: fc.constantFrom('e1', 'e2'), property: fc.constantFrom('born', 'age'), value: awkward })
  .map(({ start, length, ...rest }) => clean({ id, start, end: start + length, ...rest }));
const sidecarArb: fc.Arbitrary<Sidecar> = fc.record({ annotations: fc.nat({ max: 8 }), facts: fc.nat({ max: 3 }) }).chain((counts) => fc.record({
  annotations: fc.tuple(...Array.from({ length: counts.annotations }, (_, i) => annotationArb(`a${i}`))),
  facts: fc.tuple(...Array.from({ length: counts.facts }, (_, i) => factArb(`f${i}`))),
})).map(({ annotations, facts }) => ({ version: 1, source: { file: 'article.txt', sha256: 'ab'.repeat(32), title: 'Putin di Pyongyang' }, annotations, facts }));

type ChangeKind = 'status' | 'note' | 'drop-note' | 'delete' | 'add' | 'add-fact' | 'move' | 'review' | 'label' | 'source';
interface Change { readonly kind: ChangeKind; readonly index: number; readonly value: string; readonly at: number }
const changeArb: fc.Arbitrary<Change> = fc.record({
  kind: fc.constantFrom<ChangeKind>('status', 'note', 'drop-note', 'delete', 'add', 'add-fact', 'move', 'review', 'label', 'source'),
  index: fc.nat(), value: awkward, at: fc.nat({ max: 420 }),
});

/** `change` applied to `data`, keeping every other item the very object it was (as the editor does). */
function apply(data: Sidecar, change: Change, serial: number): Sidecar {
  const list = change.kind === 'add-fact' ? data.facts : data.annotations;
  const target = list[change.index % Math.max(1, list.length)];
  const edit = <T extends Annotation | Fact>(items: readonly T[], update: (item: T) => T): T[] => items.map((item) => (item === target ? update(item) : item));
  switch (change.kind) {
    case 'add':
      return { ...data, annotations: [...data.annotations, { id: `n${serial}`, label: 'PER', start: change.at, end: change.at + 3, text: change.value }] };
    case 'add-fact':
      return { ...data, facts: [...data.facts, { id: `g${serial}`, subject: 'e1', property: 'age', value: change.value, start: change.at, end: change.at + 2, text: 'xy' }] };
    case 'delete':
      return { ...data, annotations: data.annotations.filter((item) => item !== target) };
    case 'status':
      return { ...data, annotations: edit(data.annotations, (a) => ({ ...a, status: a.status === 'accepted' ? 'rejected' : 'accepted' })) };
    case 'note':
      return { ...data, annotations: edit(data.annotations, (a) => ({ ...a, note: change.value })) };
    case 'drop-note':
      return { ...data, annotations: edit(data.annotations, ({ note: _, ...rest }) => rest) };
    case 'move':
      return { ...data, annotations: edit(data.annotations, (a) => ({ ...a, start: change.at, end: change.at + (a.end - a.start) })) };
    case 'review':
      return { ...data, annotations: edit(data.annotations, (a) => ({ ...a, reviews: [...(a.reviews ?? []), { by: 'budi', verdict: 'accepted', at: '2026-12-01T10:00:00Z', comment: change.value }] })) };
    case 'source': // what the store does on a first write: the article's hash, here with a new title too
      return { ...data, source: { ...data.source, sha256: 'cd'.repeat(32), ...(change.index % 2 ? { title: change.value } : { outlet: 'Antara' }) } };
    case 'label':
      return { ...data, annotations: edit(data.annotations, (a) => ({ ...a, label: a.label === 'PER' ? 'LOC' : 'PER' })) };
  }
}

describe('sidecar splice: the general writer\'s bytes and parseSidecar\'s state, in time of the change', function () {
  this.timeout(120_000); // hundreds of random chains, each change written twice and parsed twice

  it('random chains of changes give the same bytes as writeSidecar and the state parseSidecar reads', () => {
    let spliced = 0;
    let declined = 0;
    fc.assert(fc.property(sidecarArb, fc.array(changeArb, { minLength: 1, maxLength: 4 }), (sidecar, changes) => {
      let text = writeSidecar(FILE, sidecar);
      let state: SidecarLines | undefined = indexSidecarLines(FILE, text);
      changes.forEach((change, serial) => {
        const data = state?.parsed.sidecar ?? parseSidecar(FILE, text).sidecar!;
        const next = apply(data, change, serial);
        const expected = writeSidecar(FILE, next, text);
        const result = state && spliceSidecar(state, next);
        if (result) {
          spliced++;
          assert.equal(result.text, expected, `after ${change.kind}`);
          assert.deepStrictEqual(result.lines.parsed, parseSidecar(FILE, result.text), `state after ${change.kind}`);
          assert.deepStrictEqual(result.lines, indexSidecarLines(FILE, result.text), 'the next change sees the same lines as a fresh index');
        } else {
          declined++;
        }
        text = expected;
        state = result?.lines ?? indexSidecarLines(FILE, text);
      });
    }), { numRuns: RUNS });
    // Declining is allowed (an emptied list, say), but most changes must take the splice path.
    assert.ok(spliced > declined * 3, `${spliced} spliced, ${declined} declined`);
    console.log(`${spliced} spliced, ${declined} declined`);
  });

  it('a status change rewrites one line and reads back only that item', () => {
    const annotations: Annotation[] = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, label: 'PER', start: i * 10, end: i * 10 + 4, text: 'Kim😀', status: 'proposed' }));
    const text = writeSidecar(FILE, { version: 1, source: { file: 'a.txt' }, annotations, facts: [] });
    const state = indexSidecarLines(FILE, text)!;
    const data = state.parsed.sidecar!;
    const result = spliceSidecar(state, { ...data, annotations: data.annotations.map((a) => (a.id === 'a20' ? { ...a, status: 'accepted' } : a)) })!;
    assert.equal(result.text, text.replace(/(id: a20\n(?:.*\n){4}    status: )proposed/, '$1accepted'));
    const lines = text.split('\n');
    const changedLines = result.text.split('\n').filter((line, i) => line !== lines[i]);
    assert.deepEqual(changedLines, ['    status: accepted']);
    // Untouched items are the very objects of the previous state: nothing was read again.
    assert.equal(result.lines.parsed.sidecar!.annotations[19], data.annotations[19]);
    assert.equal(result.lines.parsed.sidecar!.annotations[49], data.annotations[49]);
    assert.notEqual(result.lines.parsed.sidecar!.annotations[20], data.annotations[20]);
  });

  it('an added note shifts the positions of every later item by its one line', () => {
    const annotations: Annotation[] = Array.from({ length: 3 }, (_, i) => ({ id: `a${i}`, label: 'PER', start: i * 10, end: i * 10 + 4, text: 'abcd' }));
    const text = writeSidecar(FILE, { version: 1, source: { file: 'a.txt' }, annotations, facts: [{ id: 'f1', subject: 'e1', property: 'age', value: '24', start: 0, end: 4, text: 'abcd' }] });
    const state = indexSidecarLines(FILE, text)!;
    const data = state.parsed.sidecar!;
    const result = spliceSidecar(state, { ...data, annotations: data.annotations.map((a) => (a.id === 'a0' ? { ...a, note: 'checked' } : a)) })!;
    // version, source (2 lines), annotations: a0 at line 4 (zero-based), 5 lines each, then the note.
    assert.deepEqual(result.lines.parsed.annotationLocations.map((location) => location.item.start.line), [4, 10, 15]);
    assert.deepEqual(result.lines.parsed.factLocations.map((location) => location.fields['subject']!.start.line), [22]);
  });

  it('a new source field (the article\'s hash on a first write) is spliced above the lists', () => {
    const text = writeSidecar(FILE, { version: 1, source: { file: 'a.txt' }, annotations: [{ id: 'a1', label: 'PER', start: 0, end: 4, text: 'abcd' }], facts: [] });
    const state = indexSidecarLines(FILE, text)!;
    const data = state.parsed.sidecar!;
    const result = spliceSidecar(state, { ...data, source: { ...data.source, sha256: 'ab'.repeat(32) } })!;
    assert.equal(result.text, text.replace('  file: a.txt\n', `  file: a.txt\n  sha256: ${'ab'.repeat(32)}\n`));
    assert.deepStrictEqual(result.lines.parsed, parseSidecar(FILE, result.text));
    assert.equal(result.lines.parsed.annotationLocations[0]!.item.start.line, 5);
  });

  it('declines what only the general writer does, and indexes only our own layout', () => {
    const text = writeSidecar(FILE, { version: 1, source: { file: 'a.txt' }, annotations: [{ id: 'a1', label: 'PER', start: 0, end: 4, text: 'abcd' }, { id: 'a2', label: 'PER', start: 5, end: 9, text: 'efgh' }], facts: [] });
    const state = indexSidecarLines(FILE, text)!;
    const data = state.parsed.sidecar!;
    assert.equal(spliceSidecar(state, { ...data, annotations: [...data.annotations, { ...data.annotations[0]!, start: 7 }] }), undefined, 'a repeated id');
    assert.equal(spliceSidecar(state, { ...data, annotations: [] }), undefined, 'an emptied list');
    assert.equal(spliceSidecar(state, { ...data, facts: [{ id: 'f1', subject: 'e1', property: 'age', value: '24', start: 0, end: 4, text: 'abcd' }] }), undefined, 'a first item in an absent list');
    assert.equal(indexSidecarLines(FILE, text.replace('  - id: a2', '  # checked\n  - id: a2')), undefined, 'a comment inside the list');
    assert.equal(indexSidecarLines(FILE, text.replace('  - id: a2', '\n  - id: a2')), undefined, 'a blank line inside the list');
    assert.equal(indexSidecarLines(FILE, text.replace(/\n/g, '\r\n')), undefined, 'CRLF');
    assert.equal(indexSidecarLines(FILE, text.slice(0, -1)), undefined, 'no line break at the end');
    assert.equal(indexSidecarLines(FILE, text.replace('label: PER', 'label: [PER]')), undefined, 'a problem the reader reports');
  });
});
