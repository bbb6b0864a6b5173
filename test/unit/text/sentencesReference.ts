// The sentence splitter as it was before the index at open was made faster (issue 12), kept
// verbatim as the reference the property test compares the current one with: the faster scan
// must find exactly the same sentences.
import { codePointAt } from '../../../src/core/text/codePoints';
import { OffsetMap } from '../../../src/core/text/offsets';
import type { SentenceSpan } from '../../../src/core/text/sentences';

// Right after a terminator, any quote closes (seeds use “ as a closing quote too).
const CLOSERS = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '‹', '›', '„', '‚', ')', ']', '}']);
const OPENERS = new Set(['"', "'", '“', '‘', '«', '‹', '„', '‚', '(', '[', '{', '¿', '¡']);
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

// Character tests on UTF-16 codes (NaN past the end tests false): the scan looks at every
// character, and code comparisons keep it several times faster than sets or regexes.

/** A line break; U+000B and U+000C end a line in Unicode's sense, so they count too. */
function isLineBreak(code: number): boolean {
  return (code >= 0x0a && code <= 0x0d) || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** What JavaScript's `\s` matches. */
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

/** Every character isLineBreak or isTerminator accepts, for a native search. */
const BREAK_OR_TERMINATOR = /[\n\v\f\r\u0085\u2028\u2029.!?\u2026\u203c\u2047-\u2049]/g;

/** The character (a whole code point) at a UTF-16 offset. */
function charAt(text: string, index: number): string {
  const cp = codePointAt(text, index);
  return cp < 0 ? '' : String.fromCodePoint(cp);
}

/** Where the closing quotes, brackets and reference markers after a terminator end. */
function skipClosers(text: string, index: number): number {
  let end = index;
  for (;;) {
    const ch = text[end];
    if (ch !== undefined && CLOSERS.has(ch)) { end++; continue; }
    // A marker may follow after a space ("Ukraina. [1] Sementara"): it still belongs here.
    let markerAt = end;
    while (isHorizontalSpace(text.charCodeAt(markerAt))) markerAt++;
    if (text[markerAt] === '[') {
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
  while (wordStart > sentenceStart && period - wordStart <= MAX_ABBREVIATION_LENGTH) {
    if (isSpace(text.charCodeAt(wordStart - 1)) || OPENERS.has(text[wordStart - 1]!)) break;
    wordStart--;
  }
  if (period - wordStart > MAX_ABBREVIATION_LENGTH) return false;
  const word = text.slice(wordStart, period);
  if (word === '') return false;
  // "1. Pertama": a list item's number is not a sentence.
  if (wordStart - sentenceStart <= 8 && text.slice(sentenceStart, wordStart).trim() === '' && ENUMERATOR.test(word)) return true;
  if (INITIAL.test(word) || DOTTED_LETTERS.test(word)) return true;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  return NUMBER_ABBREVIATIONS.has(lower) && /\d/.test(text[next] ?? '');
}

/**
 * The sentences of a text, in order, in code points. A line break always ends a sentence
 * (headlines and sub-headings are lines). Within a line, a sentence ends after . ! ? … (and
 * the closing quotes, brackets and reference markers right after them) when white space and
 * an uppercase letter, digit, opening quote or bracket follow, unless the period belongs to
 * an abbreviation, an initial or a list number. Periods inside numbers and URLs are never
 * followed by white space, so they never split.
 * `offsets`: the text's OffsetMap, when the caller has one (not built twice).
 */
export function referenceSentenceSpans(text: string, offsets?: OffsetMap): SentenceSpan[] {
  const bounds: number[] = []; // UTF-16 start, end pairs
  const push = (from: number, to: number): void => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to > from) bounds.push(from, to);
  };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    // Straight to the next line break or terminator: a native scan, not a test of every
    // character in JavaScript (each article is split at open, issue 12).
    BREAK_OR_TERMINATOR.lastIndex = i;
    if (!BREAK_OR_TERMINATOR.test(text)) break;
    i = BREAK_OR_TERMINATOR.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (isLineBreak(code)) {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (!isTerminator(code)) continue;
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
    const following = charAt(text, next);
    if (!SENTENCE_INITIAL.test(following) && !OPENERS.has(following)) continue;
    if (singlePeriod && isAbbreviation(text, start, terminator, next)) continue;
    push(start, end);
    start = next;
    i = next - 1;
  }
  push(start, text.length);

  offsets ??= new OffsetMap(text);
  const spans: SentenceSpan[] = [];
  for (let k = 0; k + 1 < bounds.length; k += 2) {
    spans.push({ start: offsets.toCodePoint(bounds[k]!), end: offsets.toCodePoint(bounds[k + 1]!) });
  }
  return spans;
}

