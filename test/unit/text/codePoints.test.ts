import * as assert from 'node:assert/strict';
import {
  codePointAt, codePointBefore, codePointLength, CodePointBuffer, codePointsOf, firstCodePoints, isHighSurrogate, isLowSurrogate, lastCodePoints,
} from '../../../src/core/text/codePoints';

// Emoji (astral, with a skin-tone modifier), a combining mark, CRLF, a BOM and lone surrogates.
const MIXED = '\uFEFFKim 👍🏽 e\u0301\r\n𝐉\uD800x\uDC00';

describe('code point decoder', () => {
  it('decodes astral characters to one code point and a lone surrogate to itself', () => {
    assert.deepEqual([...codePointsOf(MIXED)], [
      0xfeff, 0x4b, 0x69, 0x6d, 0x20, 0x1f44d, 0x1f3fd, 0x20, 0x65, 0x301, 0x0d, 0x0a, 0x1d409, 0xd800, 0x78, 0xdc00,
    ]);
    assert.equal(codePointLength(MIXED), 16);
    assert.equal(codePointLength(''), 0);
    assert.equal(codePointsOf('').length, 0);
  });

  it('agrees with for…of on every text, code point for code point', () => {
    for (const text of [MIXED, 'plain ascii', '\uD83D', '\uDE00\uD83D', '👍👍', 'a\uD83D\uDE00b']) {
      assert.deepEqual([...codePointsOf(text)], Array.from(text, (ch) => ch.codePointAt(0)!), text);
      assert.equal(codePointLength(text), [...text].length, text);
    }
  });

  it('reuses one buffer across texts and grows it for longer ones', () => {
    const buffer = new CodePointBuffer();
    assert.deepEqual([...buffer.decode('a😀b')], [0x61, 0x1f600, 0x62]);
    const long = 'x'.repeat(5000) + '😀';
    const decoded = buffer.decode(long);
    assert.equal(decoded.length, 5001);
    assert.equal(decoded[5000], 0x1f600);
    // A shorter text afterwards sees only its own code points.
    assert.deepEqual([...buffer.decode('ok')], [0x6f, 0x6b]);
  });

  it('reads the code point at and before a UTF-16 offset', () => {
    const text = 'a😀b';
    assert.equal(codePointAt(text, 1), 0x1f600);
    assert.equal(codePointAt(text, 2), 0xde00, 'the low half of a pair, on its own');
    assert.equal(codePointAt(text, 4), -1);
    assert.equal(codePointAt(text, -1), -1);
    assert.equal(codePointBefore(text, 3), 0x1f600);
    assert.equal(codePointBefore(text, 2), 0xd83d);
    assert.equal(codePointBefore(text, 0), -1);
    assert.equal(codePointBefore('\uDE00x', 1), 0xde00, 'a lone low surrogate at the start');
  });

  it('takes the first and last code points without splitting a pair', () => {
    assert.equal(firstCodePoints('😀a😀b', 3), '😀a😀');
    assert.equal(firstCodePoints('ab', 5), 'ab');
    assert.equal(lastCodePoints('a😀b😀', 3), '😀b😀');
    assert.equal(lastCodePoints('ab', 0), '');
    assert.equal(lastCodePoints('\uD800\uD800', 1), '\uD800');
  });

  it('tells the halves of a surrogate pair apart', () => {
    assert.deepEqual([0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000].map(isHighSurrogate), [false, true, true, false, false, false]);
    assert.deepEqual([0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000].map(isLowSurrogate), [false, false, false, true, true, false]);
  });
});
