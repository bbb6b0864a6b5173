// The sentences around mentions and claims: each article's text split once (into typed
// arrays, see sentenceTable), each sentence (and each run of sentences a span crosses) made
// as an object only once a query or a claim needs it, and then shared by the spans in it.
import { sentenceTable, type SentenceTable } from '../text';

/** A sentence of an article: code point offsets and its text. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Numbers {@link SentenceFinder.boundsInto} writes per span, in this order. */
export const SENTENCE_BOUNDS = 6;
// Offsets within them: the first and last sentence index, their bounds in code points and in
// UTF-16 code units.
export const FIRST_SENTENCE = 0;
export const LAST_SENTENCE = 1;
export const SENTENCE_START = 2;
export const SENTENCE_END = 3;
export const SENTENCE_FROM16 = 4;
export const SENTENCE_TO16 = 5;

/** Sentence indexes stay below 2^20 (a 1 MB article has some 20,000), so one number keys a run of them. */
export function sentenceRunKey(first: number, last: number): number {
  return first * 0x100000 + last;
}

/** Where {@link SentenceFinder.locate} has the bounds written (read before it returns). */
const locateScratch = new Int32Array(SENTENCE_BOUNDS);

/** The sentences of one article, split once; each sentence object shared by its spans. */
export class SentenceFinder {
  private readonly table: SentenceTable;
  /** Made on the first claim: most articles have a few claims, some none. */
  private made: Map<number, Sentence> | undefined;

  constructor(private readonly text: string) {
    this.table = sentenceTable(text);
  }

  /**
   * The sentence(s) overlapping [start, end) (an empty span counts as the point `start`):
   * writes their indexes and bounds at `data[at…]` (see SENTENCE_BOUNDS) and returns true;
   * false, writing nothing, for a span outside every sentence (stale offsets).
   */
  boundsInto(start: number, end: number, data: Int32Array, at: number): boolean {
    const { count, points, units } = this.table;
    const to = Math.max(end, start + 1);
    // The first sentence that ends after `start`.
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (points[2 * middle + 1]! > start) high = middle;
      else low = middle + 1;
    }
    const first = low;
    // Spans are short (a mention, a quote): walking forward stays cheap.
    let last = first - 1;
    while (last + 1 < count && points[2 * (last + 1)]! < to) last++;
    if (last < first) return false;
    data[at + FIRST_SENTENCE] = first;
    data[at + LAST_SENTENCE] = last;
    data[at + SENTENCE_START] = points[2 * first]!;
    data[at + SENTENCE_END] = points[2 * last + 1]!;
    data[at + SENTENCE_FROM16] = units[2 * first]!;
    data[at + SENTENCE_TO16] = units[2 * last + 1]!;
    return true;
  }

  /**
   * The sentence(s) around a span. A span outside every sentence (stale offsets) gets its own
   * quote as its sentence.
   */
  locate(start: number, end: number, quote: string): Sentence {
    const bounds = locateScratch;
    if (!this.boundsInto(start, end, bounds, 0)) return { start, end, text: quote };
    const key = sentenceRunKey(bounds[FIRST_SENTENCE]!, bounds[LAST_SENTENCE]!);
    const made = (this.made ??= new Map());
    let sentence = made.get(key);
    if (!sentence) {
      sentence = { start: bounds[SENTENCE_START]!, end: bounds[SENTENCE_END]!, text: this.text.slice(bounds[SENTENCE_FROM16], bounds[SENTENCE_TO16]) };
      made.set(key, sentence);
    }
    return sentence;
  }
}
