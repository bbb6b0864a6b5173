import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { oneLine, truncate, truncateStart } from '../../../src/core/text/truncate';

describe('truncate (the one truncator)', () => {
  it('leaves text within the limit alone, counting code points, not UTF-16 units', () => {
    assert.equal(truncate('Putin', 5), 'Putin');
    // Five code points, ten UTF-16 units: still within a limit of 5.
    assert.equal(truncate('😀😀😀😀😀', 5), '😀😀😀😀😀');
    assert.equal(truncate('', 3), '');
  });

  it('cuts longer text to the limit, the last code point an ellipsis', () => {
    assert.equal(truncate('Vladimir Putin', 9), 'Vladimir…');
    assert.equal(truncate('abcdef', 1), '…');
    assert.equal(truncate('😀😀😀😀😀😀', 5), '😀😀😀😀…');
  });

  it('never splits a surrogate pair, a combining sequence or an emoji sequence', () => {
    // "e" + U+0301 is one grapheme of two code points: cut before it rather than through it.
    assert.equal(truncate('abe\u0301cdef', 4), 'ab…');
    assert.equal(truncate('abe\u0301cdef', 5), 'abe\u0301…');
    // 👋🏽 (hand + skin tone) and 🇷🇺 (two regional indicators) are two code points each.
    assert.equal(truncate('a👋🏽bcdef', 3), 'a…');
    assert.equal(truncate('a🇷🇺bcdef', 4), 'a🇷🇺…');
    assert.equal(truncate('a🇷🇺bcdef', 3), 'a…');
  });

  it('cuts a very long text without reading all of it into graphemes', () => {
    const long = `${'x'.repeat(200)}${'é'.repeat(1_000_000)}`;
    assert.equal(truncate(long, 120), `${'x'.repeat(119)}…`);
  });

  it('truncateStart keeps the end, the first code point an ellipsis, and cuts between graphemes', () => {
    assert.equal(truncateStart('Presiden Vladimir', 9), '…Vladimir');
    assert.equal(truncateStart('Vladimir', 8), 'Vladimir');
    assert.equal(truncateStart('abcde\u0301f', 3), '…f', 'not through e + U+0301');
    assert.equal(truncateStart('abcde\u0301f', 4), '…e\u0301f');
    assert.equal(truncateStart('abc👋🏽', 2), '…', 'not through the skin-tone sequence');
    assert.equal(truncateStart(`${'é'.repeat(1_000_000)}akhir`, 6), '…akhir');
  });

  it('oneLine folds white space runs, line breaks included, and trims', () => {
    assert.equal(oneLine('  Kim\r\n Jong\tUn  '), 'Kim Jong Un');
    assert.equal(truncate(oneLine('Kim\nJong Un menyambut'), 12), 'Kim Jong Un…');
  });

  it('cuts where a walk over every grapheme would (emoji, flags, ZWJ sequences, combining marks, Hangul, CJK, Arabic)', () => {
    // The reference: the longest run of whole graphemes of at most limit - 1 code points.
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const walk = (text: string, limit: number): string => {
      if ([...text].length <= limit) return text;
      let kept = '';
      for (const { segment } of segmenter.segment(text)) {
        if ([...kept].length + [...segment].length > limit - 1) break;
        kept += segment;
      }
      return `${kept}…`;
    };
    const pieces = ['a', 'é', 'e\u0301', 'e\u0301\u0302', '👋🏽', '🇮🇩', '🇷🇺', '👨‍👩‍👧‍👦', '\u1100\u1161\u11a8', '中', 'قال', ' ', '\r\n', '\ud800', '🎉'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 90 }), fc.integer({ min: 1, max: 60 }), (parts, limit) => {
      const text = parts.join('');
      assert.equal(truncate(text, limit), walk(text, limit));
    }), { numRuns: 500 });
  });
});
