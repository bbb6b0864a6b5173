// The one place where stored offsets (Unicode code points, as brat, doccano, spaCy and the
// W3C model count) meet JavaScript and VS Code offsets (UTF-16 code units). Everything that
// crosses between the two goes through an OffsetMap.

const BOM = '\uFEFF';

/** Decodes an article's bytes the way offsets are defined: UTF-8, leading BOM dropped, line endings kept. */
export function decodeArticle(bytes: Uint8Array): string {
  return stripBom(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
}

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Number of code points in a string. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Converts between code point offsets and UTF-16 offsets of one text. Built once per text
 * version in O(n); each conversion is O(log k) for k characters outside the BMP, and O(1)
 * for the common text that has none.
 */
export class OffsetMap {
  /** UTF-16 offsets of the high surrogate of every astral character, ascending. */
  private readonly astralUtf16: number[] = [];
  /** The text length in code points. */
  readonly codePointLength: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astralUtf16.push(i);
          i++;
        }
      }
    }
    this.codePointLength = text.length - this.astralUtf16.length;
  }

  /** UTF-16 offset of a code point offset; clamps to the text. */
  toUtf16(codePoint: number): number {
    if (codePoint <= 0) return 0;
    if (codePoint >= this.codePointLength) return this.text.length;
    // The k-th astral char (0-based) sits at code point astralUtf16[k] - k.
    let low = 0;
    let high = this.astralUtf16.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.astralUtf16[mid] ?? 0) - mid < codePoint) low = mid + 1;
      else high = mid;
    }
    return codePoint + low;
  }

  /**
   * Code point offset of a UTF-16 offset. An offset between the two halves of a surrogate
   * pair rounds down to the start of the character, so a span never splits one.
   */
  toCodePoint(utf16: number): number {
    if (utf16 <= 0) return 0;
    if (utf16 >= this.text.length) return this.codePointLength;
    let low = 0;
    let high = this.astralUtf16.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.astralUtf16[mid] ?? 0) < utf16) low = mid + 1;
      else high = mid;
    }
    // `low` astral characters start before utf16, each one unit longer than a code point.
    // Inside a pair this gives the pair's own start: (high surrogate + 1) - low.
    return utf16 - low;
  }

  /** The text between two code point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}
