import * as assert from 'node:assert/strict';
import { charClass, EXTENDER, isWhiteSpace, MARK, NO_SPACE, SPACE, UPPER, WORD } from '../../../src/core/text/charClasses';
import { foldForKeys, foldForNames, foldForQuotes } from '../../../src/core/text/folding';

const folded = (fold: (codePoint: number) => number, text: string) => String.fromCodePoint(...Array.from(text, (ch) => fold(ch.codePointAt(0)!)));

describe('folding variants', () => {
  it('foldForNames: case, typographic quotes, white space; hyphen and dashes stay apart', () => {
    assert.equal(folded(foldForNames, 'KIM\u00a0Jong\u2011un’s “ΟΔΥΣΣΕΥΣ” ς'), 'kim jong-un\'s "οδυσσευσ" σ');
    assert.equal(folded(foldForNames, 'Jakarta – Bandung—Bogor'), 'jakarta – bandung—bogor');
    assert.equal(folded(foldForNames, 'a\r\nb\tc'), 'a  b c');
  });

  it('foldForQuotes: every separator is one, hyphens and dashes included', () => {
    assert.equal(folded(foldForQuotes, 'Kim Jong-Un – “Ya”\u3000ʼx'), 'kim jong un   "ya" \'x');
  });

  it('both one-to-one folds keep each code point one code point', () => {
    // 'İ' lowercases to two code points and stays; astral capitals fold (Deseret).
    assert.equal(foldForNames(0x130), 0x130);
    assert.equal(foldForQuotes(0x130), 0x130);
    assert.equal(foldForNames(0x10400), 0x10428);
    assert.equal(foldForQuotes(0x1f600), 0x1f600);
    const table = foldForNames.bmpTable();
    assert.equal(table[0x41], 0x61);
    assert.equal(table[0x2019], 0x27);
  });

  it('lists the code points that fold to each one', () => {
    const { starts, points } = foldForNames.bmpPreimages();
    const toA = [...points.subarray(starts[0x61]!, starts[0x62]!)];
    assert.deepEqual(toA, [0x41, 0x61]);
    const toApostrophe = [...points.subarray(starts[0x27]!, starts[0x28]!)];
    assert.deepEqual(toApostrophe, [0x27, 0x2bc, 0x2018, 0x2019, 0x201a]);
  });

  it('foldForKeys: full lowercasing and no diacritics, even where the length changes', () => {
    assert.equal(foldForKeys('Việt NAM Straße İstanbul'), 'viet nam straße istanbul');
    assert.equal(foldForKeys('Cafe\u0301'), 'cafe');
  });
});

describe('character classes', () => {
  it('isWhiteSpace is \\p{White_Space} on the whole BMP', () => {
    const expected = /\p{White_Space}/u;
    const wrong: number[] = [];
    for (let codePoint = 0; codePoint < 0x10000; codePoint++) {
      if (isWhiteSpace(codePoint) !== expected.test(String.fromCharCode(codePoint))) wrong.push(codePoint);
    }
    assert.deepEqual(wrong, []);
  });

  it('classifies words, capitals, marks, scripts without spaces and extenders', () => {
    assert.equal(charClass(0x41) & (WORD | UPPER), WORD | UPPER);
    assert.equal(charClass(0x301) & (MARK | EXTENDER | WORD), MARK | EXTENDER | WORD);
    assert.equal(charClass(0x5e73) & NO_SPACE, NO_SPACE); // 平
    assert.equal(charClass(0x200d) & EXTENDER, EXTENDER);
    assert.equal(charClass(0x1f3fd) & EXTENDER, EXTENDER);
    assert.equal(charClass(0x3000) & SPACE, SPACE);
    assert.equal(charClass(0x2d) & (WORD | SPACE), 0);
  });
});
