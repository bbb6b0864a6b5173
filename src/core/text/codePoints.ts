// The one code point decoder: every loop that reads a JavaScript string (UTF-16) as Unicode
// code points, the unit stored offsets count in, goes through here. A lone surrogate (which
// an editor buffer can hold) decodes to itself, one code point, as `String.prototype
// .codePointAt` and `for…of` treat it, so counts and offsets agree with OffsetMap.
//
// Hot loops that need code points (the tokeniser) decode a whole text into a reusable
// Int32Array once and then index it: one tight loop here, none of their own. The matcher's
// scan reads UTF-16 units directly and decodes only where an alias may start.

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The code point of a surrogate pair. */
function combine(high: number, low: number): number {
  return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
}

/** Code point starting at a UTF-16 index (a low surrogate there decodes to itself); -1 outside the text. */
export function codePointAt(text: string, index: number): number {
  if (index < 0 || index >= text.length) return -1;
  const code = text.charCodeAt(index);
  if (isHighSurrogate(code) && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (isLowSurrogate(low)) return combine(code, low);
  }
  return code;
}

/** Code point that ends just before a UTF-16 index; -1 at the start of the text. */
export function codePointBefore(text: string, index: number): number {
  if (index <= 0 || index > text.length) return -1;
  const code = text.charCodeAt(index - 1);
  if (isLowSurrogate(code) && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (isHighSurrogate(high)) return combine(high, code);
  }
  return code;
}

/** Number of code points in a string. */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      count--;
      i++;
    }
  }
  return count;
}

/** The first `count` code points of a string (all of it when shorter). */
export function firstCodePoints(text: string, count: number): string {
  let end = 0;
  for (let taken = 0; taken < count && end < text.length; taken++) {
    end += isHighSurrogate(text.charCodeAt(end)) && isLowSurrogate(text.charCodeAt(end + 1)) ? 2 : 1;
  }
  return text.slice(0, end);
}

/** The last `count` code points of a string (all of it when shorter). */
export function lastCodePoints(text: string, count: number): string {
  let start = text.length;
  for (let taken = 0; taken < count && start > 0; taken++) {
    start -= start >= 2 && isLowSurrogate(text.charCodeAt(start - 1)) && isHighSurrogate(text.charCodeAt(start - 2)) ? 2 : 1;
  }
  return text.slice(start);
}

/** Writes the code points of `text` into `target` (at least `text.length` long); returns how many. */
function decodeInto(text: string, target: Int32Array): number {
  const length = text.length;
  let count = 0;
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = combine(code, low);
        i++;
      }
    }
    target[count++] = code;
  }
  return count;
}

/** The code points of a string, in an array of their own. */
export function codePointsOf(text: string): Int32Array {
  const scratch = new Int32Array(text.length);
  const count = decodeInto(text, scratch);
  return count === text.length ? scratch : scratch.slice(0, count);
}

/**
 * Decodes texts into one buffer that grows as needed and is reused from text to text, so that
 * scanning many articles allocates nothing per article. The view a decode returns is valid
 * until the next decode with the same buffer.
 */
export class CodePointBuffer {
  private storage = new Int32Array(1024);

  decode(text: string): Int32Array {
    if (this.storage.length < text.length) this.storage = new Int32Array(Math.max(text.length, 2 * this.storage.length));
    return this.storage.subarray(0, decodeInto(text, this.storage));
  }
}
