// The SurrogateIndex kept up to date from edits must convert exactly like an OffsetMap built
// again from the edited text: fixed cases for the awkward spots (emoji, combining marks,
// CRLF, BOM, an edit inside a surrogate pair or a CRLF), then fast-check on random edits.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { OffsetMap } from '../../../src/core/text/offsets';
import { SurrogateIndex, type Utf16Change } from '../../../src/core/text/surrogateIndex';

/** The text after the changes of one event (each relative to the text before it). */
function applied(text: string, changes: readonly Utf16Change[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    result = result.slice(0, change.rangeOffset) + change.text + result.slice(change.rangeOffset + change.rangeLength);
  }
  return result;
}

/** Every conversion of the index equals the rebuilt map's, and the frozen map too. */
function assertSameAsRebuilt(index: SurrogateIndex, text: string): void {
  const rebuilt = new OffsetMap(text);
  assert.equal(index.utf16Length, text.length, 'UTF-16 length');
  assert.equal(index.codePointLength, rebuilt.codePointLength, 'code point length');
  const frozen = OffsetMap.fromIndex(index, text);
  for (let cp = -1; cp <= rebuilt.codePointLength + 1; cp++) {
    assert.equal(index.toUtf16(cp), rebuilt.toUtf16(cp), `toUtf16(${cp}) of ${JSON.stringify(text)}`);
    assert.equal(frozen.toUtf16(cp), rebuilt.toUtf16(cp), `frozen toUtf16(${cp})`);
  }
  for (let utf16 = -1; utf16 <= text.length + 1; utf16++) {
    assert.equal(index.toCodePoint(utf16), rebuilt.toCodePoint(utf16), `toCodePoint(${utf16}) of ${JSON.stringify(text)}`);
    assert.equal(frozen.toCodePoint(utf16), rebuilt.toCodePoint(utf16), `frozen toCodePoint(${utf16})`);
  }
}

describe('SurrogateIndex: the offset map updated from edits', () => {
  it('counts like the map of the text it was built from (emoji, marks, CRLF, BOM, lone halves)', () => {
    const text = '\uFEFF👋 Halo 🇷🇺 e\u0301\r\nKim 😀\ud83d x\ude00';
    const index = SurrogateIndex.of(text);
    assert.equal(index.codePointLength, 24);
    assert.equal(index.toUtf16(3), 4); // after BOM, 👋 and the space
    assert.equal(index.toCodePoint(2), 1); // inside 👋: rounds down to its start
    assertSameAsRebuilt(index, text);
  });

  const cases: { name: string; text: string; changes: Utf16Change[]; codePoints: number }[] = [
    { name: 'typing an emoji before others', text: 'a😀b😀c', changes: [{ rangeOffset: 1, rangeLength: 0, text: '🎉' }], codePoints: 6 },
    { name: 'deleting an emoji', text: 'a😀b😀c', changes: [{ rangeOffset: 1, rangeLength: 2, text: '' }], codePoints: 4 },
    { name: 'inserting between the halves of a pair', text: 'a😀b', changes: [{ rangeOffset: 2, rangeLength: 0, text: 'x' }], codePoints: 5 },
    { name: 'deleting the high half of a pair', text: 'a😀b', changes: [{ rangeOffset: 1, rangeLength: 1, text: '' }], codePoints: 3 },
    { name: 'deleting the low half of a pair', text: 'a😀b', changes: [{ rangeOffset: 2, rangeLength: 1, text: '' }], codePoints: 3 },
    { name: 'a low half typed after a lone high one pairs up', text: 'a\ud83d', changes: [{ rangeOffset: 2, rangeLength: 0, text: '\ude00b' }], codePoints: 3 },
    { name: 'deleting what separated two halves pairs them', text: '\ud83dxy\ude00z', changes: [{ rangeOffset: 1, rangeLength: 2, text: '' }], codePoints: 2 },
    { name: 'splitting a CRLF', text: 'a\r\n😀', changes: [{ rangeOffset: 2, rangeLength: 0, text: 'é' }], codePoints: 5 },
    { name: 'a combining mark after a BOM in the middle', text: 'x\uFEFF😀', changes: [{ rangeOffset: 2, rangeLength: 0, text: 'e\u0301' }], codePoints: 5 },
    { name: 'two changes of one event (multi-cursor)', text: '😀a😀b😀', changes: [{ rangeOffset: 0, rangeLength: 2, text: 'x' }, { rangeOffset: 5, rangeLength: 1, text: '🇷🇺' }], codePoints: 6 },
    { name: 'replacing the whole text', text: 'old 😀 text', changes: [{ rangeOffset: 0, rangeLength: 11, text: '😀😀' }], codePoints: 2 },
  ];
  for (const { name, text, changes, codePoints } of cases) {
    it(name, () => {
      const index = SurrogateIndex.of(text);
      index.applyChanges(changes);
      const after = applied(text, changes);
      assert.equal(index.codePointLength, codePoints);
      assertSameAsRebuilt(index, after);
    });
  }

  it('keeps converting right over many edits at moving places (the lazy delta of the tail)', () => {
    let text = '😀ab'.repeat(50);
    const index = SurrogateIndex.of(text);
    const edits: Utf16Change[] = [
      { rangeOffset: 100, rangeLength: 0, text: 'x' }, { rangeOffset: 10, rangeLength: 3, text: '' },
      { rangeOffset: 150, rangeLength: 0, text: '👍🏽' }, { rangeOffset: 151, rangeLength: 0, text: 'y' },
      { rangeOffset: 0, rangeLength: 0, text: '\ud83d' }, { rangeOffset: 1, rangeLength: 0, text: '\ude00' },
    ];
    for (const edit of edits) {
      index.applyChange(edit);
      text = applied(text, [edit]);
      assertSameAsRebuilt(index, text);
    }
    assert.equal(index.codePointLength, 151 + 3);
  });

  /** Pieces that break offset code: astral characters, lone halves, marks, CRLF, BOM. */
  const piece = fc.constantFrom('a', 'é', 'e\u0301', '😀', '👍🏽', '🇷🇺', '\r\n', '\r', '\n', '\uFEFF', '\ud83d', '\ude00', 'שלום', '中');
  const text = (maxLength: number) => fc.array(piece, { maxLength }).map((pieces) => pieces.join(''));
  /** An edit anywhere in UTF-16 units (so it may split a pair or a CRLF), as fractions of the length. */
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(6), inserted: text(4) });

  it('property: after random edit sequences it converts exactly like a map built again', () => {
    fc.assert(fc.property(text(20), fc.array(edit, { maxLength: 12 }), (initial, edits) => {
      let current = initial;
      const index = SurrogateIndex.of(current);
      for (const { at, length, inserted } of edits) {
        const rangeOffset = Math.floor(at * current.length);
        const change = { rangeOffset, rangeLength: Math.min(length, current.length - rangeOffset), text: inserted };
        index.applyChange(change);
        current = applied(current, [change]);
        assertSameAsRebuilt(index, current);
      }
    }), { numRuns: 300 });
  });

  it('property: the changes of one event, applied together, give the rebuilt map', () => {
    fc.assert(fc.property(text(24), fc.array(edit, { minLength: 1, maxLength: 4 }), (initial, edits) => {
      // Non-overlapping changes relative to the text before the event, in any order.
      const changes: Utf16Change[] = [];
      let floor = 0;
      for (const { at, length, inserted } of [...edits].sort((a, b) => a.at - b.at)) {
        const rangeOffset = Math.max(floor, Math.floor(at * initial.length));
        if (rangeOffset > initial.length) break;
        const rangeLength = Math.min(length, initial.length - rangeOffset);
        changes.push({ rangeOffset, rangeLength, text: inserted });
        floor = rangeOffset + rangeLength + 1;
      }
      const index = SurrogateIndex.of(initial);
      index.applyChanges(changes.reverse());
      assertSameAsRebuilt(index, applied(initial, changes));
    }), { numRuns: 300 });
  });
});
