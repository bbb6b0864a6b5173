// The one place where stored offsets (Unicode code points, as brat, doccano, spaCy and the
// W3C model count) meet JavaScript and VS Code offsets (UTF-16 code units). Everything that
// crosses between the two goes through an OffsetMap.

import type { SurrogateIndex } from './surrogateIndex';

const BOM = '\uFEFF';

/** Decodes an article's bytes the way offsets are defined: UTF-8, leading BOM dropped, line endings kept. */
export function decodeArticle(bytes: Uint8Array): string {
  return stripBom(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
}

/** Why bytes are not a text this extension reads, with where (one-based line and column). */
export interface DecodeProblem {
  readonly kind: 'invalid-utf8' | 'binary';
  /** Zero-based line and column (UTF-16 units) of the first bad byte, in the text before it. */
  readonly line: number;
  readonly column: number;
  readonly byteOffset: number;
  readonly message: string;
}

export type DecodedText = { readonly text: string; readonly problem?: undefined } | { readonly text?: undefined; readonly problem: DecodeProblem };

/** One decoder for every strict decode (a corpus open makes 20,000): without `stream`, each decode starts afresh. */
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 strictly: invalid bytes are reported (never replaced with U+FFFD, which a
 * later write would carry back into the file), and a NUL byte marks a binary file.
 * A leading BOM is dropped, line endings are kept.
 */
export function decodeUtf8Strict(bytes: Uint8Array): DecodedText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { problem: problemAt(bytes, nul, 'binary', `it holds a NUL byte at byte ${nul}: a binary file, not a text`) };
  try {
    return { text: stripBom(strictDecoder.decode(bytes)) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { problem: problemAt(bytes, bad, 'invalid-utf8', `it is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at byte ${bad})`) };
  }
}

function problemAt(bytes: Uint8Array, byteOffset: number, kind: DecodeProblem['kind'], message: string): DecodeProblem {
  const before = stripBom(new TextDecoder('utf-8').decode(bytes.subarray(0, byteOffset)));
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
  return { kind, line, column: before.length - (lastBreak + 1), byteOffset, message };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length + (need === 0 ? 1 : 0) && need > 0) return i;
    const second = bytes[i + 1] ?? 0;
    if (need >= 1) {
      const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (second < low || second > high) return i;
      for (let k = 2; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

// Counting lives with the one code point decoder; re-exported for the callers that import it from here.
export { codePointLength } from './codePoints';

/**
 * Converts between code point offsets and UTF-16 offsets of one text (immutable). Built once
 * per text version in O(n), or from a live document's SurrogateIndex without scanning the
 * text; each conversion is O(log k) for k characters outside the BMP, and O(1) for the common
 * text that has none.
 */
export class OffsetMap {
  /** UTF-16 offsets of the high surrogate of every astral character, ascending. */
  private readonly astralUtf16: ArrayLike<number>;
  /** The text length in code points. */
  readonly codePointLength: number;

  constructor(readonly text: string) {
    const astral: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          astral.push(i);
          i++;
        }
      }
    }
    this.astralUtf16 = astral;
    this.codePointLength = text.length - astral.length;
  }

  /**
   * The map of `text`, whose surrogate pairs `index` holds (kept up to date from the edits of
   * a live document): no scan of the text. The index must describe exactly this text.
   */
  static fromIndex(index: SurrogateIndex, text: string): OffsetMap {
    if (index.utf16Length !== text.length) throw new RangeError(`the surrogate index is of a text of ${index.utf16Length} UTF-16 units, not ${text.length}`);
    const map: { -readonly [K in keyof OffsetMap]: OffsetMap[K] } = Object.create(OffsetMap.prototype);
    Object.assign(map, { text, astralUtf16: index.pairStarts(), codePointLength: index.codePointLength });
    return map as OffsetMap;
  }

  /**
   * The map of `text` from the UTF-16 offsets of the high surrogate of each of its surrogate
   * pairs, ascending, collected by a caller that read the whole text anyway (the matcher's
   * scan): no second pass over the text. The list must be exactly the text's pairs.
   */
  static fromPairStarts(text: string, pairStarts: ArrayLike<number>): OffsetMap {
    const map: { -readonly [K in keyof OffsetMap]: OffsetMap[K] } = Object.create(OffsetMap.prototype);
    Object.assign(map, { text, astralUtf16: pairStarts, codePointLength: text.length - pairStarts.length });
    return map as OffsetMap;
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
