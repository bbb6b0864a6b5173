import * as assert from 'node:assert/strict';
import { tokenize } from '../../../src/core/text/tokens';

describe('tokens (CoNLL export and token agreement)', () => {
  it('makes words of letters, digits and marks, one token of every other symbol', () => {
    assert.deepEqual(tokenize('Putin, 71, tiba.').map((t) => [t.text, t.start, t.end]), [
      ['Putin', 0, 5], [',', 5, 6], ['71', 7, 9], [',', 9, 10], ['tiba', 11, 15], ['.', 15, 16],
    ]);
  });

  it('counts code points: emoji, combining marks, CRLF', () => {
    // "e" + combining acute is one word of two code points; the emoji is a symbol token.
    const tokens = tokenize('😀 Cafe\u0301\r\nKim');
    assert.deepEqual(tokens.map((t) => [t.text, t.start, t.end]), [['😀', 0, 1], ['Cafe\u0301', 2, 7], ['Kim', 9, 12]]);
  });

  it('keeps scripts without spaces between symbols apart from punctuation', () => {
    assert.deepEqual(tokenize('«Пхеньян»—北朝鮮').map((t) => t.text), ['«', 'Пхеньян', '»', '—', '北朝鮮']);
  });
});

describe('tokens: ranges, boundaries and odd input', () => {
  it('tokenises a range after astral characters with the right text', () => {
    assert.deepEqual(tokenize('😀😀 Kim 👍🏽Un', { from: 3 }).map((t) => [t.text, t.start, t.end]), [['Kim', 3, 6], ['👍🏽', 7, 9], ['Un', 9, 11]]);
    assert.deepEqual(tokenize('😀 ab', { from: 2, to: 3 }).map((t) => [t.text, t.start, t.end]), [['a', 2, 3]]);
  });

  it('takes boundaries in any order, repeated, outside the text, or splitting nothing', () => {
    assert.deepEqual(tokenize('KoreaUtaraSelatan', { boundaries: new Set([10, 5, 5, -3, 99, 0]) }).map((t) => t.text), ['Korea', 'Utara', 'Selatan']);
    assert.deepEqual(tokenize('ab cd', { boundaries: [2, 3] }).map((t) => t.text), ['ab', 'cd']);
  });

  it('keeps a lone surrogate as a token of its own', () => {
    assert.deepEqual(tokenize('a\uD800b \uDC00').map((t) => [t.text, t.start, t.end]), [['a', 0, 1], ['\uD800', 1, 2], ['b', 2, 3], ['\uDC00', 4, 5]]);
  });
});
