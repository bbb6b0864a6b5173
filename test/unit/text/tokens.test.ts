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
