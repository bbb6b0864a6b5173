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

/** A token: code point offsets into the text and the covered text. */
export interface Token {
  /** Inclusive, code points. */
  readonly start: number;
  /** Exclusive, code points. */
  readonly end: number;
  readonly text: string;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\p{White_Space}/u;
/** Characters that continue the character before them whatever it is. */
const EXTENDER = /[\p{M}\u200D\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
const ZWJ = '\u200D';

/**
 * The tokens of `text` (or of `text.slice` between `from` and `to`, code points), in order.
 * `boundaries` are extra code point offsets where a token must end.
 */
export function tokenize(text: string, options: { boundaries?: Iterable<number>; from?: number; to?: number } = {}): Token[] {
  const chars = Array.from(text);
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(chars.length, options.to ?? chars.length);
  const cuts = new Set(options.boundaries ?? []);
  const tokens: Token[] = [];
  let start = -1;
  let wordLike = false;
  const close = (end: number): void => {
    if (start >= 0 && end > start) tokens.push({ start, end, text: chars.slice(start, end).join('') });
    start = -1;
  };
  for (let i = from; i < to; i++) {
    const ch = chars[i]!;
    if (cuts.has(i)) close(i);
    if (SPACE.test(ch)) { close(i); continue; }
    const extends_ = start >= 0 && (EXTENDER.test(ch) || chars[i - 1] === ZWJ);
    if (extends_) continue;
    const word = WORD.test(ch);
    if (start >= 0 && word && wordLike) continue;
    close(i);
    start = i;
    wordLike = word;
  }
  close(to);
  return tokens;
}
