// The sentences around mentions and claims: each article's text split once, each sentence
// (and each run of sentences a span crosses) made once and shared by the spans in it.
import { OffsetMap } from '../text';
import { sentenceSpans, sentencesOverlapping, type SentenceSpan } from '../text';

/** A sentence of an article: code point offsets and its text. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where a span's sentence(s) are: indexes, code points, UTF-16 code units. */
export interface SentenceBounds {
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
  readonly from16: number;
  readonly to16: number;
}

/** The sentences of one article, split once; each sentence object shared by its spans. */
export class SentenceFinder {
  private readonly spans: readonly SentenceSpan[];
  private readonly offsets: OffsetMap;
  private readonly made = new Map<string, Sentence>();

  constructor(text: string) {
    this.offsets = new OffsetMap(text);
    this.spans = sentenceSpans(text, this.offsets);
  }

  /**
   * The sentence(s) around a span: their indexes and bounds (code points and UTF-16), undefined
   * for a span outside every sentence (stale offsets).
   */
  bounds(start: number, end: number): SentenceBounds | undefined {
    const range = sentencesOverlapping(this.spans, start, end);
    if (!range) return undefined;
    const from = this.spans[range.first]!.start;
    const to = this.spans[range.last]!.end;
    return { first: range.first, last: range.last, start: from, end: to, from16: this.offsets.toUtf16(from), to16: this.offsets.toUtf16(to) };
  }

  /**
   * The sentence(s) around a span, with their indexes. A span outside every sentence (stale
   * offsets) gets its own quote as its sentence and no sentence index, so it co-occurs with
   * nothing.
   */
  locate(start: number, end: number, quote: string): { sentence: Sentence; first: number; last: number } {
    const bounds = this.bounds(start, end);
    if (!bounds) return { sentence: { start, end, text: quote }, first: -1, last: -2 };
    const key = `${bounds.first}:${bounds.last}`;
    let sentence = this.made.get(key);
    if (!sentence) {
      sentence = { start: bounds.start, end: bounds.end, text: this.offsets.text.slice(bounds.from16, bounds.to16) };
      this.made.set(key, sentence);
    }
    return { sentence, first: bounds.first, last: bounds.last };
  }
}
