// Sentence boundaries for news text in Indonesian and English, so that a hover card can quote
// the sentence a mention or a claim stands in. A heuristic, tuned to keep abbreviations,
// initials, numbers and URLs whole; one pass over the text, no Intl.Segmenter (quadratic on
// Node 20 for long texts).
//
// Every article is split when the corpus opens (issue 12: 19 million UTF-16 units at 10,000
// articles), so the scan jumps between candidates with native searches, tests characters by
// their codes, and writes bounds into typed arrays rather than an object per sentence.
import { firstIndexWhere } from '../util';

/** A sentence, in code points, trimmed of surrounding white space. */
export interface SentenceSpan {
  /** Inclusive. */
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** The sentences of a text as numbers: sentence k is [2k, 2k + 1] of each array. */
export interface SentenceTable {
  readonly count: number;
  /** Start and end of each sentence in code points. */
  readonly points: Int32Array;
  /** Start and end of each sentence in UTF-16 code units. */
  readonly units: Int32Array;
}

/** A letter that can start a sentence: uppercase, or from a script without case. */
const SENTENCE_INITIAL = /^[\p{Lu}\p{Lt}\p{Lo}\p{Nd}]$/u;
/** A footnote or source marker such as "[1]" or "[2, 3]", at a position (sticky). */
const REFERENCE_MARKER = /\[\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\]/y;

/**
 * Words that end with a period without ending the sentence, lowercased, without the final
 * period. Sentence-final uses of "dll." or "dsb." are merged with the next sentence: rarer
 * in news than the mid-sentence ones, and merging loses less than splitting a name.
 */
const ABBREVIATIONS = new Set([
  // Titles and ranks, Indonesian and English.
  'dr', 'drs', 'dra', 'prof', 'ir', 'h', 'hj', 'kh', 'bpk', 'sdr', 'sdri', 'yth', 'mr', 'mrs', 'ms', 'mx', 'jr', 'sr',
  'st', 'rev', 'gen', 'jend', 'brigjen', 'mayjen', 'letjen', 'kol', 'letkol', 'kapt', 'capt', 'col', 'lt', 'sgt', 'maj',
  'gov', 'sen', 'rep', 'pres', 'ph.d', 'm.si', 'm.sc', 'm.hum', 's.pd', 's.kom', 's.sos', 's.ip', 'm.kes',
  // Places and organisations.
  'jl', 'jln', 'gg', 'kab', 'kec', 'kel', 'prov', 'ave', 'blvd', 'rd', 'mt', 'ft', 'inc', 'ltd', 'corp', 'co', 'pt', 'cv', 'tbk',
  // Running text.
  'dll', 'dsb', 'dst', 'dkk', 'tsb', 'ybs', 'yg', 'dgn', 'utk', 'spt', 'sbg', 'etc', 'vs', 'approx', 'cf', 'al',
]);
/** Abbreviations that are one only before a number: "No. 5", but "... or no. The ...". */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'nr', 'vol', 'hlm', 'hal', 'p', 'pp', 'art', 'tel', 'telp', 'fig', 'psl', 'ps']);
/** "U.S", "a.l", "e.g", "S.H": single letters joined by periods. */
const DOTTED_LETTERS = /^(?:\p{L}\.)+\p{L}$/u;
const INITIAL = /^\p{Lu}$/u;
/** What a list item starts with: "1.", "12.", "iv.", "b.". */
const ENUMERATOR = /^(?:\d{1,3}|[ivxlc]{1,5}|[IVXLC]{1,5}|\p{L})$/u;
const MAX_ABBREVIATION_LENGTH = 12;
/** The longest word in ABBREVIATIONS and NUMBER_ABBREVIATIONS. */
const LONGEST_LISTED = Math.max(...[...ABBREVIATIONS, ...NUMBER_ABBREVIATIONS].map((word) => word.length));

// Character tests on UTF-16 codes (NaN past the end tests false): the scan looks at every
// character, and code comparisons keep it several times faster than sets or regexes.

/** A line break; U+000B and U+000C end a line in Unicode's sense, so they count too. */
function isLineBreak(code: number): boolean {
  return (code >= 0x0a && code <= 0x0d) || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** What JavaScript's `\s` matches (and `String.prototype.trim` removes). */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680
    || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f
    || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isHorizontalSpace(code: number): boolean {
  return isSpace(code) && !isLineBreak(code);
}

/** . ! ? … ‼ ⁇ ⁈ ⁉ */
function isTerminator(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026 || code === 0x203c || (code >= 0x2047 && code <= 0x2049);
}

/** Right after a terminator, any quote closes (seeds use “ as a closing quote too): " ' “ ” ‘ ’ « » ‹ › „ ‚ ) ] } */
function isCloser(code: number): boolean {
  switch (code) {
    case 0x22: case 0x27: case 0x201c: case 0x201d: case 0x2018: case 0x2019: case 0xab: case 0xbb:
    case 0x2039: case 0x203a: case 0x201e: case 0x201a: case 0x29: case 0x5d: case 0x7d:
      return true;
    default:
      return false;
  }
}

/** What opens a sentence or a word before any letter: " ' “ ‘ « ‹ „ ‚ ( [ { ¿ ¡ */
function isOpener(code: number): boolean {
  switch (code) {
    case 0x22: case 0x27: case 0x201c: case 0x2018: case 0xab: case 0x2039: case 0x201e: case 0x201a:
    case 0x28: case 0x5b: case 0x7b: case 0xbf: case 0xa1:
      return true;
    default:
      return false;
  }
}

/** Whether a code point may start a sentence (SENTENCE_INITIAL), ASCII answered by its code. */
function isSentenceInitial(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x30 && codePoint <= 0x39);
  return SENTENCE_INITIAL.test(String.fromCodePoint(codePoint));
}

/** Every character isLineBreak or isTerminator accepts, for a native search. */
const BREAK_OR_TERMINATOR = /[\n\v\f\r\u0085\u2028\u2029.!?\u2026\u203c\u2047-\u2049]/g;
/** The high surrogate of each surrogate pair: where code points and UTF-16 units part. */
const SURROGATE_PAIR = /[\uD800-\uDBFF](?=[\uDC00-\uDFFF])/g;

/** Where the closing quotes, brackets and reference markers after a terminator end. */
function skipClosers(text: string, index: number): number {
  let end = index;
  for (;;) {
    if (isCloser(text.charCodeAt(end))) { end++; continue; }
    // A marker may follow after a space ("Ukraina. [1] Sementara"): it still belongs here.
    let markerAt = end;
    while (isHorizontalSpace(text.charCodeAt(markerAt))) markerAt++;
    if (text.charCodeAt(markerAt) === 0x5b) {
      REFERENCE_MARKER.lastIndex = markerAt;
      if (REFERENCE_MARKER.test(text)) { end = REFERENCE_MARKER.lastIndex; continue; }
    }
    return end;
  }
}

/**
 * Whether the period at `period` ends a word that is no sentence end. `sentenceStart` is where
 * the current sentence began, `next` where the following text starts.
 */
function isAbbreviation(text: string, sentenceStart: number, period: number, next: number): boolean {
  let wordStart = period;
  let hasPeriod = false;
  while (wordStart > sentenceStart && period - wordStart <= MAX_ABBREVIATION_LENGTH) {
    const before = text.charCodeAt(wordStart - 1);
    if (isSpace(before) || isOpener(before)) break;
    if (before === 0x2e) hasPeriod = true;
    wordStart--;
  }
  const length = period - wordStart;
  if (length > MAX_ABBREVIATION_LENGTH || length === 0) return false;
  const word = text.slice(wordStart, period);
  // "1. Pertama": a list item's number is not a sentence.
  if (wordStart - sentenceStart <= 8 && onlySpaces(text, sentenceStart, wordStart) && ENUMERATOR.test(word)) return true;
  // An initial is one code point (two units at most); dotted letters hold a period.
  if (length <= 2 && INITIAL.test(word)) return true;
  if (hasPeriod && DOTTED_LETTERS.test(word)) return true;
  // Lowercasing never shortens a word, so a longer one is none of the listed words.
  if (length > LONGEST_LISTED) return false;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  if (!NUMBER_ABBREVIATIONS.has(lower)) return false;
  const following = text.charCodeAt(next);
  return following >= 0x30 && following <= 0x39;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** A growable list of numbers, reused between calls (one text is split at a time). */
let scratch: Int32Array = new Int32Array(1024);

function grown(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const larger = new Int32Array(Math.max(needed, array.length * 2));
  larger.set(array);
  return larger;
}

/**
 * The sentences of a text, in order, in code points and UTF-16 units. A line break always
 * ends a sentence (headlines and sub-headings are lines). Within a line, a sentence ends after
 * . ! ? … (and the closing quotes, brackets and reference markers right after them) when white
 * space and an uppercase letter, digit, opening quote or bracket follow, unless the period
 * belongs to an abbreviation, an initial or a list number. Periods inside numbers and URLs are
 * never followed by white space, so they never split.
 */
export function sentenceTable(text: string): SentenceTable {
  let bounds = scratch; // UTF-16 start, end pairs
  let count = 0;
  const push = (from: number, to: number): void => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to <= from) return;
    bounds = grown(bounds, count * 2 + 2);
    bounds[count * 2] = from;
    bounds[count * 2 + 1] = to;
    count++;
  };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    // Straight to the next line break or terminator: a native scan, not a test of every
    // character in JavaScript.
    BREAK_OR_TERMINATOR.lastIndex = i;
    if (!BREAK_OR_TERMINATOR.test(text)) break;
    i = BREAK_OR_TERMINATOR.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (isLineBreak(code)) {
      push(start, i);
      start = i + 1;
      continue;
    }
    const terminator = i;
    let end = i + 1;
    while (isTerminator(text.charCodeAt(end))) end++;
    const singlePeriod = code === 0x2e && end === i + 1;
    end = skipClosers(text, end);
    let next = end;
    while (isHorizontalSpace(text.charCodeAt(next))) next++;
    i = end - 1;
    // No space: a decimal, URL or "Jl.Sudirman". A line end: the line ends the sentence anyway.
    if (next === end || next >= text.length || isLineBreak(text.charCodeAt(next))) continue;
    const following = text.codePointAt(next)!;
    if (!isSentenceInitial(following) && !isOpener(following)) continue;
    if (singlePeriod && isAbbreviation(text, start, terminator, next)) continue;
    push(start, end);
    start = next;
    i = next - 1;
  }
  push(start, text.length);
  scratch = bounds;

  const units = bounds.slice(0, count * 2);
  // Code points: each surrogate pair before a bound makes it one less. Bounds ascend, so one
  // sweep over the pairs (found by a native search) converts them all.
  const points = new Int32Array(units);
  SURROGATE_PAIR.lastIndex = 0;
  let pairsBefore = 0;
  let pair = SURROGATE_PAIR.test(text) ? SURROGATE_PAIR.lastIndex - 1 : text.length;
  for (let k = 0; k < points.length; k++) {
    const unit = units[k]!;
    while (pair < unit) {
      pairsBefore++;
      pair = SURROGATE_PAIR.test(text) ? SURROGATE_PAIR.lastIndex - 1 : text.length;
    }
    points[k] = unit - pairsBefore;
  }
  return { count, points, units };
}

/** The sentences of a text, in order, in code points (see {@link sentenceTable}). */
export function sentenceSpans(text: string): SentenceSpan[] {
  const { count, points } = sentenceTable(text);
  const spans: SentenceSpan[] = [];
  for (let k = 0; k < count; k++) spans.push({ start: points[2 * k]!, end: points[2 * k + 1]! });
  return spans;
}

/** Index of the sentence containing a code point offset; -1 when it falls between sentences. */
export function sentenceIndexAt(spans: readonly SentenceSpan[], offset: number): number {
  // The first sentence that ends after the offset.
  const low = firstIndexWhere(spans.length, (index) => spans[index]!.end > offset);
  const span = spans[low];
  return span !== undefined && span.start <= offset ? low : -1;
}

/** The sentence containing a code point offset, if any. */
export function sentenceAt(spans: readonly SentenceSpan[], offset: number): SentenceSpan | undefined {
  const index = sentenceIndexAt(spans, offset);
  return index < 0 ? undefined : spans[index];
}

/**
 * Indexes of the first and last sentence overlapping [start, end) (an empty range counts as
 * the point `start`), or undefined when the range lies between sentences.
 */
export function sentencesOverlapping(spans: readonly SentenceSpan[], start: number, end: number): { first: number; last: number } | undefined {
  const to = Math.max(end, start + 1);
  const first = firstIndexWhere(spans.length, (index) => spans[index]!.end > start);
  let last = first - 1;
  // Ranges are short (a mention, a quote): walking forward stays cheap.
  while (last + 1 < spans.length && spans[last + 1]!.start < to) last++;
  return last >= first ? { first, last } : undefined;
}
