// LiveSpans must move items exactly as shiftSidecar does (the rule every other path uses),
// event after event: fixed cases, then fast-check with overlapping, nested, empty, orphaned
// and out-of-range spans and several edits per event. itemsIn is checked by brute force.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { shiftSidecar } from '../../../src/core/anchoring/liveSidecar';
import type { SpanEdit } from '../../../src/core/anchoring/spans';
import { LiveSpans } from '../../../src/core/live/liveSpans';
import { FORMAT_VERSION, type Annotation, type Fact, type Sidecar } from '../../../src/core/model/types';

function annotation(id: string, start: number, end: number, orphaned = false): Annotation {
  return { id, label: 'PER', start, end, text: 'x', ...(orphaned ? { orphaned: true } : {}) } as Annotation;
}
function fact(id: string, start: number, end: number): Fact {
  return { id, subject: 'e1', property: 'age', value: '24', start, end, text: 'x' } as Fact;
}
function sidecarOf(annotations: Annotation[], facts: Fact[] = []): Sidecar {
  return { version: FORMAT_VERSION, source: { file: 'a.txt' }, annotations, facts };
}
const spansOf = (sidecar: Sidecar) => [...sidecar.annotations, ...sidecar.facts].map((item) => `${item.id}:${item.start}-${item.end}${item.orphaned ? '!' : ''}`);

describe('LiveSpans: spans moved with the text, work per edit', () => {
  it('moves what follows, keeps what precedes, orphans what was deleted, grows what contains the edit', () => {
    const spans = LiveSpans.of(sidecarOf([annotation('a1', 0, 5), annotation('a2', 10, 15), annotation('a3', 20, 25), annotation('a4', 8, 30)], [fact('f1', 21, 24)]), 40);
    spans.applyEdits([{ start: 12, end: 12, insertedLength: 3 }], 40); // typing inside a2 (and a4)
    spans.applyEdits([{ start: 22, end: 29, insertedLength: 0 }], 43); // deleting all of a3 (now 23-28) and f1 (24-27), part of a4
    assert.deepEqual(spansOf(spans.sidecar()), ['a1:0-5', 'a2:10-18', 'a3:23-28!', 'a4:8-26', 'f1:24-27!']);
  });

  it('leaves an item that does not fit the text alone until it does, like shiftSidecar', () => {
    const spans = LiveSpans.of(sidecarOf([annotation('a1', 2, 4), annotation('far', 50, 60), annotation('gone', 1, 3, true)]), 20);
    spans.applyEdits([{ start: 0, end: 0, insertedLength: 45 }], 20);
    assert.deepEqual(spansOf(spans.sidecar()), ['a1:47-49', 'far:50-60', 'gone:1-3!']);
    spans.applyEdits([{ start: 0, end: 0, insertedLength: 1 }], 65); // now 'far' fits and moves
    assert.deepEqual(spansOf(spans.sidecar()), ['a1:48-50', 'far:51-61', 'gone:1-3!']);
  });

  it('gives the same objects back for items that did not move, and builds the sidecar once per change', () => {
    const base = sidecarOf([annotation('a1', 0, 5), annotation('a2', 10, 15)]);
    const spans = LiveSpans.of(base, 20);
    spans.applyEdits([{ start: 7, end: 7, insertedLength: 1 }], 20);
    const first = spans.sidecar();
    assert.equal(first.annotations[0], base.annotations[0]);
    assert.notEqual(first.annotations[1], base.annotations[1]);
    assert.equal(spans.sidecar(), first);
  });

  it('finds the items of a range (what is visible) at their current offsets', () => {
    const spans = LiveSpans.of(sidecarOf([annotation('a1', 0, 5), annotation('a2', 10, 15), annotation('long', 2, 40)], [fact('f1', 30, 33)]), 50);
    spans.applyEdits([{ start: 0, end: 0, insertedLength: 10 }], 50);
    assert.deepEqual(spans.itemsIn(25, 35).map((p) => `${p.kind}:${p.item.id}:${p.start}-${p.end}`), ['annotation:long:12-50', 'annotation:a2:20-25']);
  });

  // Random sidecars and events: spans anywhere (overlapping, nested, empty, past the end).
  const span = fc.tuple(fc.nat(40), fc.nat(12)).map(([start, length]) => ({ start, end: start + length }));
  const item = fc.record({ span, orphaned: fc.boolean(), fact: fc.boolean() });
  const edit = fc.tuple(fc.nat(45), fc.nat(8), fc.nat(6)).map(([start, length, insertedLength]) => ({ start, end: start + length, insertedLength }));
  /** Non-overlapping edits relative to the text before the event, like VS Code's contentChanges. */
  const event = fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    const kept: SpanEdit[] = [];
    for (const e of sorted) if (kept.length === 0 || e.start >= kept[kept.length - 1]!.end) kept.push(e);
    return kept;
  });

  it('property: after random events every item is where shiftSidecar puts it', () => {
    fc.assert(fc.property(fc.array(item, { maxLength: 25 }), fc.array(event, { maxLength: 10 }), (items, events) => {
      const annotations = items.filter((i) => !i.fact).map((i, k) => annotation(`a${k}`, i.span.start, i.span.end, i.orphaned && k % 3 === 0));
      const facts = items.filter((i) => i.fact).map((i, k) => fact(`f${k}`, i.span.start, i.span.end));
      let expected = sidecarOf(annotations, facts);
      let length = 45;
      const spans = LiveSpans.of(expected, length);
      for (const edits of events) {
        const inText = edits.filter((e) => e.end <= length);
        if (inText.length === 0) continue;
        expected = shiftSidecar(expected, inText, length);
        spans.applyEdits(inText, length);
        length += inText.reduce((sum, e) => sum + e.insertedLength - (e.end - e.start), 0);
        const actual = spans.sidecar();
        assert.deepEqual(actual, expected);
        // itemsIn: every placed item touching the range, by brute force on the expected sidecar.
        const from = Math.floor(length / 3);
        const to = from + 7;
        const brute = [...expected.annotations, ...expected.facts].filter((i) => !i.orphaned && i.start <= to && i.end >= from).map((i) => i.id).sort();
        assert.deepEqual(spans.itemsIn(from, to).map((p) => p.item.id).sort(), brute);
        for (let at = 0; at + 3 <= length; at += 5) {
          const overlapped = expected.annotations.some((i) => !i.orphaned && i.start < at + 3 && i.end > at);
          assert.equal(spans.overlapsAnnotation(at, at + 3), overlapped, `overlapsAnnotation(${at}, ${at + 3})`);
        }
      }
    }), { numRuns: 400 });
  });
});
