// Rescanning only around edits must give what a scan of the whole new text gives: fast-check
// with a small leftmost-longest, word-bounded scanner whose matches overlap and chain.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { rescanAfterEdits, type ScanSpan } from '../../../src/core/annotating/rescan';
import type { SpanEdit } from '../../../src/core/anchoring/spans';

interface Found extends ScanSpan { readonly text: string }
const WORDS = ['ab', 'abc', 'b c', 'c ab', 'ba'];

/** Leftmost-longest, non-overlapping, not inside a word; [from, to) of `chars` only. */
function scan(chars: readonly string[], from: number, to: number): Found[] {
  const found: Found[] = [];
  const word = (i: number) => i >= from && i < to && chars[i] !== ' ';
  for (let i = from; i < to;) {
    const hit = word(i - 1) ? undefined : WORDS.filter((w) => i + w.length <= to && chars.slice(i, i + w.length).join('') === w && !word(i + w.length))
      .sort((a, b) => b.length - a.length)[0];
    if (hit) { found.push({ start: i, end: i + hit.length, text: hit }); i += hit.length; } else i++;
  }
  return found;
}

describe('rescanAfterEdits: scanning again only around the edits', () => {
  it('keeps far results (moved) and finds the ones an edit made or broke', () => {
    const before = [...'ab xx xx xx xx xx xx ab'];
    const after = [...'ab xx xx ab xx xx xx xx ab']; // ' ab' typed at 8, key by key
    const previous = scan(before, 0, before.length);
    const events: SpanEdit[][] = [[{ start: 8, end: 8, insertedLength: 1 }], [{ start: 9, end: 9, insertedLength: 1 }], [{ start: 10, end: 10, insertedLength: 1 }]];
    const calls: [number, number][] = [];
    const result = rescanAfterEdits(previous, events, {
      margin: 3, length: after.length,
      scan: (from, to) => { calls.push([from, to]); return scan(after, from, to); },
      moved: (r, start, end) => ({ ...r, start, end }),
    });
    assert.deepEqual(result.map((r) => `${r.start}-${r.end}`), ['0-2', '9-11', '24-26']);
    assert.deepEqual(calls, [[2, 17]]); // around [8, 11), not the whole text
  });

  const char = fc.constantFrom('a', 'b', 'c', ' ', 'x');
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(4), inserted: fc.array(char, { maxLength: 4 }) });

  it('property: the same results as a scan of the whole text after random events', () => {
    fc.assert(fc.property(fc.array(char, { maxLength: 60 }), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), (initial, events) => {
      let chars: string[] = initial;
      const previous = scan(chars, 0, chars.length);
      const spanEvents: SpanEdit[][] = [];
      for (const event of events) {
        // Non-overlapping edits relative to the text before the event.
        const edits: { start: number; end: number; inserted: string[] }[] = [];
        let floor = 0;
        for (const e of [...event].sort((a, b) => a.at - b.at)) {
          const start = Math.max(floor, Math.floor(e.at * chars.length));
          if (start > chars.length) break;
          const end = Math.min(chars.length, start + e.length);
          edits.push({ start, end, inserted: e.inserted });
          floor = end + 1;
        }
        for (const e of [...edits].reverse()) chars = [...chars.slice(0, e.start), ...e.inserted, ...chars.slice(e.end)];
        spanEvents.push(edits.map((e) => ({ start: e.start, end: e.end, insertedLength: e.inserted.length })));
      }
      const now = chars;
      const result = rescanAfterEdits(previous, spanEvents, {
        margin: 6, length: now.length, scan: (from, to) => scan(now, from, to), moved: (r, start, end) => ({ ...r, start, end }),
      });
      assert.deepEqual(result, scan(now, 0, now.length));
    }), { numRuns: 500 });
  });
});
