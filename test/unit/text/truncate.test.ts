import * as assert from 'node:assert/strict';
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
});
