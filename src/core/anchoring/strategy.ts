// Re-anchoring strategy (Reanchorer). The rule: an annotation moves only on unambiguous
// evidence; otherwise it is orphaned (the caller keeps it, marked, for review). Quote, context
// (the stored prefix / suffix), the diff of old -> new text when the old text is known, and
// the old offsets decide together.
//
// Context agreement of a place: each side's edit similarity to the stored prefix / suffix,
// aligned at the quote and free at the far end (so "Presiden Rusia, " still agrees with
// "Presiden Rusia "), folded (case, separators, curly quotes), rescaled so that what unrelated
// text reaches is 0 and identity 1, the sides weighted by their stored lengths.
//
// With the old text, the diff (common prefix/suffix trimming, a Myers diff of lines, of words
// inside changed lines, a character trim inside changed words; computed once per text) says
// what happened to the anchor's old place (Prediction in decide.ts):
//  kept   The whole quote lies in unchanged text. If the 16 code points on each side are
//         unchanged too (insertions between allowed, unless they hold the quote), the diff
//         followed this very text: there. Otherwise there if the context agrees (minKeptContext,
//         and each side above minKeptSide), else orphaned: a kept quote is never moved, so a
//         verbatim copy elsewhere never beats an untouched original.
//  local  The quote itself, or text within its context window, was edited in place: it is
//         looked for (exactly, then approximately) only in that changed stretch.
//  moved  Its old place lies in a wider stretch that was deleted, rewritten or moved away: it
//         is looked for only in new text, never in text that already stood elsewhere (another
//         mention of the same name, a similar passage that remains).
// Without the old text (or for a stale anchor) it is "blind": the quote still at its old
// offsets with strong context (or most of it and no rival) stays; elsewhere a place needs all
// but identical context (blindMoveContext), and a changed quote is taken only where expected.
// Anchors are also tried where a shift that placed others puts them (reanchorAll).
//
// Among candidates (decide.ts) the best by context wins only if no other is within
// contextMargin of it (a tie is broken only by exact position), and, unless the place is local,
// no other occurrence nearer the expected position still agrees partly (minKeptContext): that
// one may be the original edited in place, the better one a copy. Exact winners need
// minMoveContext, approximate ones minFuzzySimilarity and minFuzzyContext. A quote occurring
// more than maxOccurrences times is not searched for beyond the diff and its old offsets.

export type ReanchorKind = 'unchanged' | 'moved' | 'fuzzy' | 'orphaned';

export interface ReanchorResult {
  readonly kind: ReanchorKind;
  /** Set unless orphaned. */
  readonly start?: number;
  readonly end?: number;
  /** The quote at the new place (differs from the old one only when fuzzy). */
  readonly text?: string;
  /**
   * 0..1: context agreement at the chosen place (times quote similarity when fuzzy); 1 when
   * the diff followed the quote's own text there; 0 when orphaned.
   */
  readonly confidence: number;
  /** Why it was orphaned, or how a tie was broken. */
  readonly reason?: string;
}

/** The thresholds of the strategy described above. */
export const REANCHOR_THRESHOLDS = {
  /**
   * How much better (context agreement) the best place must be than any other: a place
   * within this of the best is a rival, and between rivals nothing is guessed.
   */
  contextMargin: 0.2,
  /** Context agreement that settles a place without looking further. */
  strongContext: 0.9,
  /**
   * Context agreement an exact occurrence needs to be taken anywhere but where the diff kept
   * it. One side identical and the other unrelated agrees 0.5: not enough. Unrelated places
   * agree at most about 0.35, other occurrences of a name in the seed articles about 0.5.
   */
  minMoveContext: 0.6,
  /**
   * Context agreement the quote's own text needs where the diff kept it but not the text
   * around it, for it to still be the same mention: more than one side identical and the
   * other unrelated (0.5). Below it the sentence was rewritten around a word that happens to
   * stay, or replaced by another report's sentence naming the same person. Near its old
   * place, this much agreement also makes a place a rival of any copy elsewhere.
   */
  minKeptContext: 0.55,
  /**
   * And each stored side there must agree more than chance: one side identical and the
   * other unrelated is the text next to it replaced, not the quote's sentence edited.
   */
  minKeptSide: 0.1,
  /**
   * Without the old text a move needs the context all but identical: a similar passage
   * elsewhere (a republished lead) is otherwise indistinguishable from the moved original.
   */
  blindMoveContext: 0.98,
  /** A changed quote needs more support from its context than an exact one. */
  minFuzzyContext: 0.7,
  minFuzzySimilarity: 0.85,
  /** Longer quotes are not searched approximately (cost, and long quotes are rarely retyped). */
  maxFuzzyQuoteLength: 256,
  /**
   * A quote occurring more often than this is not searched for elsewhere (it is placed only
   * where the diff kept it or where it was): telling that many places apart would cost too
   * much, and would rarely be certain.
   */
  maxOccurrences: 2000,
  /** How far (code points) from the predicted position a place still counts as near it. */
  nearOldPlace: 1000,
} as const;
