import * as assert from 'node:assert/strict';
import { tokenize } from '../../../src/core/text/tokens';

const texts = (text: string, options?: Parameters<typeof tokenize>[1]) => tokenize(text, options).map((t) => t.text);

describe('tokenize (the shared tokeniser)', () => {
  it('makes words of letters and digits and a token of every other symbol', () => {
    assert.deepEqual(texts('Putin tiba di Pyongyang, 19 Juni 2024 (ke-2).'),
      ['Putin', 'tiba', 'di', 'Pyongyang', ',', '19', 'Juni', '2024', '(', 'ke', '-', '2', ')', '.']);
    assert.deepEqual(texts('“Rusia”—AS?!'), ['“', 'Rusia', '”', '—', 'AS', '?', '!']);
  });

  it('counts code points and keeps emoji, modifiers, ZWJ sequences and combining marks whole', () => {
    const tokens = tokenize('Kim 👍🏽 👩‍💻 Ha\u0300 𝐉ong\r\nx');
    assert.deepEqual(tokens.map((t) => [t.text, t.start, t.end]), [
      ['Kim', 0, 3], ['👍🏽', 4, 6], ['👩‍💻', 7, 10], ['Ha\u0300', 11, 14], ['𝐉ong', 15, 19], ['x', 21, 22],
    ]);
  });

  it('treats every Unicode space as a separator, never as a token', () => {
    assert.deepEqual(texts('a\u00a0b\u2003c\td\u3000e'), ['a', 'b', 'c', 'd', 'e']);
  });

  it('splits tokens at the boundaries it is given, and tokenises a range', () => {
    assert.deepEqual(texts('KoreaUtara', { boundaries: [5] }), ['Korea', 'Utara']);
    assert.deepEqual(tokenize('ab cd ef', { from: 3, to: 8 }).map((t) => [t.text, t.start]), [['cd', 3], ['ef', 6]]);
  });

  it('gives nothing for empty or blank text', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' \r\n '), []);
  });
});
