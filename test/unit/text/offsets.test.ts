import * as assert from 'node:assert/strict';
import { codePointLength, decodeArticle, decodeUtf8Strict, OffsetMap, stripBom } from '../../../src/core/text/offsets';

/** Reference conversion by brute force: code points are what Array.from iterates. */
function referenceUtf16(text: string, codePoint: number): number {
  return Array.from(text).slice(0, codePoint).join('').length;
}

describe('offsets: code points <-> UTF-16', () => {
  const samples: Record<string, string> = {
    ascii: 'Putin tiba di Pyongyang',
    emoji: '👋 Halo 🇷🇺 Putin 👨‍👩‍👧 di Pyongyang 😀',
    combining: 'Pyo\u0301ngyang Kim Jo\u0308ng Un e\u0301\u0301',
    crlf: 'Baris satu\r\nBaris dua 😀\r\n\r\nBaris empat',
    astralOnly: '😀😀😀',
    nonLatin: '김정은 위원장 푸틴 대통령 Путин 平壤',
    loneSurrogate: 'a\ud83db\ude00c',
  };

  for (const [name, text] of Object.entries(samples)) {
    it(`converts every offset of the ${name} sample both ways`, () => {
      const map = new OffsetMap(text);
      const length = Array.from(text).length;
      assert.equal(map.codePointLength, length);
      assert.equal(codePointLength(text), length);
      for (let cp = 0; cp <= length; cp++) {
        const utf16 = map.toUtf16(cp);
        assert.equal(utf16, referenceUtf16(text, cp), `toUtf16(${cp})`);
        assert.equal(map.toCodePoint(utf16), cp, `toCodePoint(${utf16})`);
      }
    });
  }

  it('builds the same map from a caller\'s list of surrogate pair starts (fromPairStarts)', () => {
    for (const text of Object.values(samples)) {
      const pairStarts: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const next = text.charCodeAt(i + 1);
        if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) pairStarts.push(i++);
      }
      const built = OffsetMap.fromPairStarts(text, pairStarts);
      const reference = new OffsetMap(text);
      assert.equal(built.codePointLength, reference.codePointLength);
      for (let cp = 0; cp <= reference.codePointLength; cp++) assert.equal(built.toUtf16(cp), reference.toUtf16(cp));
      for (let u = 0; u <= text.length; u++) assert.equal(built.toCodePoint(u), reference.toCodePoint(u));
    }
    // Hard-coded: 👋 at 0, 🇷🇺 (two regional indicators) at 8 and 10.
    assert.equal(OffsetMap.fromPairStarts('👋 Halo 🇷🇺', [0, 8, 10]).codePointLength, 9);
  });

  it('slices by code points', () => {
    const text = '😀 Vladimir Putin 🇷🇺';
    const map = new OffsetMap(text);
    assert.equal(map.slice(2, 16), 'Vladimir Putin');
    assert.equal(map.slice(17, 19), '🇷🇺');
  });

  it('rounds an offset inside a surrogate pair down to the character start', () => {
    const map = new OffsetMap('a😀b');
    assert.equal(map.toCodePoint(2), 1); // between the halves of 😀
    assert.equal(map.toCodePoint(3), 2);
  });

  it('clamps out-of-range offsets', () => {
    const map = new OffsetMap('ab😀');
    assert.equal(map.toUtf16(-3), 0);
    assert.equal(map.toUtf16(99), 4);
    assert.equal(map.toCodePoint(99), 3);
  });

  it('counts CRLF as two code points, as the contract says', () => {
    const map = new OffsetMap('a\r\nb');
    assert.equal(map.codePointLength, 4);
    assert.equal(map.slice(3, 4), 'b');
  });

  it('decodes UTF-8 with a BOM by dropping the BOM, so offsets start after it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Kim 😀\r\nUn')]);
    const text = decodeArticle(bytes);
    assert.equal(text, 'Kim 😀\r\nUn');
    assert.equal(new OffsetMap(text).slice(7, 9), 'Un');
    assert.equal(stripBom('\uFEFFx'), 'x');
    assert.equal(stripBom('x\uFEFF'), 'x\uFEFF');
  });
});

describe('decodeUtf8Strict (one decoder for every call)', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('decodes each call afresh: a bad or cut-off sequence before changes nothing after', () => {
    const good = utf8('\uFEFFcafe\u0301 👍🏽\r\nبيت 北京');
    assert.equal(decodeUtf8Strict(good).text, 'cafe\u0301 👍🏽\r\nبيت 北京');
    // An invalid byte, then a text cut inside a 4-byte emoji: both reported where they are.
    const invalid = decodeUtf8Strict(new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0x63]));
    assert.deepEqual([invalid.problem?.kind, invalid.problem?.line, invalid.problem?.column, invalid.problem?.byteOffset], ['invalid-utf8', 1, 1, 3]);
    const cut = decodeUtf8Strict(utf8('ab👍').subarray(0, 4));
    assert.deepEqual([cut.problem?.kind, cut.problem?.byteOffset], ['invalid-utf8', 2]);
    // The next call is not the continuation of the cut one.
    assert.equal(decodeUtf8Strict(utf8('\u0301x')).text, '\u0301x');
    assert.equal(decodeUtf8Strict(good).text, 'cafe\u0301 👍🏽\r\nبيت 北京');
    const binary = decodeUtf8Strict(new Uint8Array([0x61, 0x00, 0x62]));
    assert.deepEqual([binary.problem?.kind, binary.problem?.byteOffset], ['binary', 1]);
  });
});
