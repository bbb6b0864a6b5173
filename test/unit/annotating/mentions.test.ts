// Suggestions after typing (mentionsAt) must be what a scan of the whole text finds, with the
// real matcher and date finder: names, aliases inside longer names, dates, emoji, line breaks.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EntityMatcher } from '../../../src/core/annotating/matcher';
import { findMentions, mentionsAt, rescanMargin, type MentionSource } from '../../../src/core/annotating/mentions';
import type { SpanEdit } from '../../../src/core/anchoring/spans';
import type { Entity } from '../../../src/core/model/types';
import { OffsetMap } from '../../../src/core/text/offsets';

const ENTITIES: Entity[] = [
  { id: 'putin', label: 'PER', name: 'Vladimir Putin', aliases: ['Putin', 'Presiden Rusia Vladimir Putin'] },
  { id: 'kim', label: 'PER', name: 'Kim Jong Un', aliases: ['Kim'] },
  { id: 'pyongyang', label: 'LOC', name: 'Pyongyang', aliases: [] },
];
const SOURCE: MentionSource = { matcher: EntityMatcher.fromEntities(ENTITIES), entities: new Map(ENTITIES.map((e) => [e.id, e])), dates: true };
const MARGIN = rescanMargin(ENTITIES);

describe('mentionsAt: suggestions brought up to date around the edits', () => {
  it('finds a name typed key by key and forgets one broken, leaving the rest as they were', () => {
    const before = 'Putin 😀 tiba di Pyongyang pada 19 Juni 2024.\r\nKim menyambutnya.';
    const previous = findMentions(SOURCE, before);
    assert.deepEqual(previous.map((m) => m.text), ['Putin', 'Pyongyang', '19 Juni 2024', 'Kim']);
    // 'Vladimir ' typed before 'Putin' (one event per key), then 'Kim' broken into 'Kimi'.
    let text = before;
    const events: SpanEdit[][] = [];
    for (const [at, key] of [...'Vladimir '].map((key, i) => [i, key] as const)) {
      text = text.slice(0, at) + key + text.slice(at);
      events.push([{ start: at, end: at, insertedLength: 1 }]);
    }
    const kim = [...text].indexOf('K') + 3;
    text = [...text].slice(0, kim).join('') + 'i' + [...text].slice(kim).join('');
    events.push([{ start: kim, end: kim, insertedLength: 1 }]);
    const now = mentionsAt(SOURCE, MARGIN, new OffsetMap(text), { mentions: previous }, events);
    assert.deepEqual(now.map((m) => `${m.text}@${m.start}`), ['Vladimir Putin@0', 'Pyongyang@25', '19 Juni 2024@40']);
  });

  const piece = fc.constantFrom('Putin', 'Vladimir ', 'Presiden Rusia ', 'Kim', ' Jong Un', 'Pyongyang', '19 Juni 2024', '13/9/2023', ' ', '. ', '\r\n', '😀', 'e\u0301', 'di', 'x');
  const text = (max: number) => fc.array(piece, { maxLength: max }).map((pieces) => pieces.join(''));
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(12), inserted: text(3) });

  it('property: after random events the same mentions as a scan of the whole text', () => {
    fc.assert(fc.property(text(30), fc.array(edit, { minLength: 1, maxLength: 8 }), (initial, edits) => {
      let current = [...initial];
      const previous = findMentions(SOURCE, initial);
      const events: SpanEdit[][] = [];
      for (const { at, length, inserted } of edits) {
        const start = Math.floor(at * current.length);
        const end = Math.min(current.length, start + length);
        const insertedPoints = [...inserted];
        current = [...current.slice(0, start), ...insertedPoints, ...current.slice(end)];
        events.push([{ start, end, insertedLength: insertedPoints.length }]);
      }
      const now = current.join('');
      assert.deepEqual(mentionsAt(SOURCE, MARGIN, new OffsetMap(now), { mentions: previous }, events), findMentions(SOURCE, now));
    }), { numRuns: 300 });
  });
});
