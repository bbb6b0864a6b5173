// Unicode character classes that the matcher and the tokeniser test for every character,
// computed once per code point (with the regular expressions that define them) and cached:
// a scan then costs one typed-array read per character instead of a regex test and a string.

/** \p{L} \p{N} \p{M}: a word character (a match must not touch one; a token run is made of them). */
export const WORD = 1;
/** \p{Lu} \p{Lt} */
export const UPPER = 2;
/** A script written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar). */
export const NO_SPACE = 4;
/** Korean: particles attach to the end of a word. */
export const HANGUL = 8;
/** \p{M}: belongs to the preceding character. */
export const MARK = 16;
/** \p{L} */
export const LETTER = 32;
/** \p{Ll} */
export const LOWER = 64;
/** \p{White_Space} */
export const SPACE = 128;
/** Continues the character before it whatever that is: marks, ZWJ, variation selectors, skin tones, tag characters. */
export const EXTENDER = 256;
const CLASSIFIED = 512; // so that 0 can mean "not yet computed"

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const UPPER_CHAR = /[\p{Lu}\p{Lt}]/u;
const LOWER_CHAR = /\p{Ll}/u;
const LETTER_CHAR = /\p{L}/u;
const MARK_CHAR = /\p{M}/u;
// Script_Extensions, so that e.g. the Japanese long-vowel mark counts with kana.
const NO_SPACE_CHAR = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const HANGUL_CHAR = /\p{scx=Hangul}/u;
const EXTENDER_CHAR = /[\p{M}\u200D\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;

const bmpClasses = new Uint16Array(0x10000);
const astralClasses = new Map<number, number>();

function classify(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  let flags = CLASSIFIED;
  if (WORD_CHAR.test(ch)) flags |= WORD;
  if (UPPER_CHAR.test(ch)) flags |= UPPER;
  if (LOWER_CHAR.test(ch)) flags |= LOWER;
  if (LETTER_CHAR.test(ch)) flags |= LETTER;
  if (MARK_CHAR.test(ch)) flags |= MARK;
  if (NO_SPACE_CHAR.test(ch)) flags |= NO_SPACE;
  if (HANGUL_CHAR.test(ch)) flags |= HANGUL;
  if (isWhiteSpace(codePoint)) flags |= SPACE;
  if (EXTENDER_CHAR.test(ch)) flags |= EXTENDER;
  return flags;
}

/** The class flags of a code point (a lone surrogate has none). */
export function charClass(codePoint: number): number {
  if (codePoint < 0x10000) {
    let flags = bmpClasses[codePoint]!;
    if (flags === 0) bmpClasses[codePoint] = flags = classify(codePoint);
    return flags;
  }
  let flags = astralClasses.get(codePoint);
  if (flags === undefined) astralClasses.set(codePoint, (flags = classify(codePoint)));
  return flags;
}

/**
 * \p{White_Space}, written out: a stable Unicode property (unchanged since Unicode 6.3), and
 * the folds test it for every BMP code point when they fill their tables.
 */
export function isWhiteSpace(codePoint: number): boolean {
  if (codePoint <= 0x20) return codePoint === 0x20 || (codePoint >= 0x09 && codePoint <= 0x0d);
  if (codePoint < 0x85) return false;
  return codePoint === 0x85 || codePoint === 0xa0 || codePoint === 0x1680 || (codePoint >= 0x2000 && codePoint <= 0x200a)
    || codePoint === 0x2028 || codePoint === 0x2029 || codePoint === 0x202f || codePoint === 0x205f || codePoint === 0x3000;
}
