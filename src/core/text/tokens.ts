// The project's one tokeniser, shared by the CoNLL export and the inter-annotator agreement
// code: simple, language-neutral and exactly reproducible from this description.
//
// - A word is a run of Unicode letters (\p{L}), digits and other numbers (\p{N}) and combining
//   marks (\p{M}): "Pyongyang", "2024", "Việt" (decomposed or not), "ke" and "2" in "ke-2".
// - Every other character that is not white space (\p{White_Space}) is a token of its own:
//   punctuation, symbols, emoji. Combining marks, variation selectors and a zero-width joiner
//   with the character after it stay with the character before them, so "👍🏽" or "❤️" or
//   "👩‍💻" is one token and no token splits a user-perceived character.
// - White space separates tokens and is never part of one.
// - Optional `boundaries` (code point offsets, e.g. annotation starts and ends) split a token
//   that straddles them, so every annotated span is a whole number of tokens.
//
// Offsets are Unicode code points, like everything stored in the corpus.
import { charClass, EXTENDER, SPACE, WORD } from './charClasses';
import { CodePointBuffer } from './codePoints';

/** A token: code point offsets into the text and the covered text. */
export interface Token {
  /** Inclusive, code points. */
  readonly start: number;
  /** Exclusive, code points. */
  readonly end: number;
  readonly text: string;
}

/**
 * Tokens as offsets in parallel typed arrays, for callers that walk many tokens (the CoNLL
 * export): no object or string per token; slice the text with the UTF-16 offsets when needed.
 */
export interface TokenBounds {
  readonly count: number;
  /** Code points; inclusive. */
  readonly starts: Int32Array;
  /** Code points; exclusive. */
  readonly ends: Int32Array;
  /** UTF-16 offsets of the same tokens, for `text.slice`. */
  readonly startUnits: Int32Array;
  readonly endUnits: Int32Array;
}

const ZWJ = 0x200d;
// The imported bindings copied once: in the unbundled build (tests, benchmark) each read of an
// import is a property getter, and the loop below reads them for every character.
const classOf = charClass;
const SPACE_FLAG = SPACE;
const EXTENDER_FLAG = EXTENDER;
const WORD_FLAG = WORD;
/** The tokeniser's code points; one buffer for every call (JavaScript runs one at a time). */
const tokenBuffer = new CodePointBuffer();

/** Growable storage behind {@link tokenBounds}; reused by every call. */
class BoundsStorage implements TokenBounds {
  count = 0;
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  startUnits = new Int32Array(1024);
  endUnits = new Int32Array(1024);

  push(start: number, end: number, startUnit: number, endUnit: number): void {
    if (this.count === this.starts.length) this.grow();
    const k = this.count++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.startUnits[k] = startUnit;
    this.endUnits[k] = endUnit;
  }

  private grow(): void {
    const double = (old: Int32Array) => { const bigger = new Int32Array(2 * old.length); bigger.set(old); return bigger; };
    this.starts = double(this.starts);
    this.ends = double(this.ends);
    this.startUnits = double(this.startUnits);
    this.endUnits = double(this.endUnits);
  }
}
const boundsStorage = new BoundsStorage();

export interface TokenizeOptions {
  /** Extra code point offsets where a token must end, in any order. */
  readonly boundaries?: Iterable<number>;
  readonly from?: number;
  readonly to?: number;
}

/**
 * The tokens of `text` (or of `text.slice` between `from` and `to`, code points), in order.
 * `boundaries` are extra code point offsets where a token must end.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const bounds = tokenBounds(text, options);
  const tokens: Token[] = new Array<Token>(bounds.count);
  for (let k = 0; k < bounds.count; k++) {
    tokens[k] = { start: bounds.starts[k]!, end: bounds.ends[k]!, text: text.slice(bounds.startUnits[k], bounds.endUnits[k]) };
  }
  return tokens;
}

/**
 * The tokens of {@link tokenize} as offsets. The arrays are shared by every call: read them
 * before the next call.
 */
export function tokenBounds(text: string, options: TokenizeOptions = {}): TokenBounds {
  const points = tokenBuffer.decode(text);
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(points.length, options.to ?? points.length);
  // Walked in step with the characters, so that each cut costs one comparison.
  const cuts = Float64Array.from(options.boundaries ?? []).sort();
  let nextCut = 0;
  const out = boundsStorage;
  out.count = 0;
  let start = -1;
  let startUnit = 0;
  let wordLike = false;
  let unit = 0; // UTF-16 offset of code point i
  for (let i = 0; i < from; i++) unit += points[i]! >= 0x10000 ? 2 : 1;
  for (let i = from; i < to; i++) {
    const point = points[i]!;
    while (nextCut < cuts.length && cuts[nextCut]! < i) nextCut++;
    if (nextCut < cuts.length && cuts[nextCut] === i && start >= 0) {
      out.push(start, i, startUnit, unit);
      start = -1;
    }
    const flags = classOf(point);
    if (flags & SPACE_FLAG) {
      if (start >= 0) out.push(start, i, startUnit, unit);
      start = -1;
    } else if (start < 0 || ((flags & EXTENDER_FLAG) === 0 && points[i - 1] !== ZWJ && !(flags & WORD_FLAG && wordLike))) {
      // A new token, unless the character continues the one before (see the header).
      if (start >= 0) out.push(start, i, startUnit, unit);
      start = i;
      startUnit = unit;
      wordLike = (flags & WORD_FLAG) !== 0;
    }
    unit += point >= 0x10000 ? 2 : 1;
  }
  if (start >= 0 && to > start) out.push(start, to, startUnit, unit);
  return out;
}
