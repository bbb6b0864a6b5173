// Keeping annotations on the text they annotate: quotes with context when an annotation is
// made, span shifting while a person types, and re-anchoring when the article changed
// outside the editor. Every offset in and out is in Unicode code points (the stored format).
//
// Re-anchoring strategy (reanchor / Reanchorer), in order:
//  (a) The predicted position is the old start, or, when the old text is given, the old start
//      mapped through a diff of old -> new text. If the diff kept the whole quote and at least
//      16 code points next to it as one unchanged stretch, the diff followed this very text:
//      that is the place, whatever happened further around it. Otherwise, if the new text
//      holds the quote at the predicted position and the context agrees strongly
//      (>= strongContext), that is the place. Either way: unchanged or moved.
//  (b) Exact: every occurrence of the quote is a candidate, except, when the old text is
//      given, text the diff shows stood elsewhere in the old text already (another
//      occurrence, not this one moved). Each is scored by context agreement: each side's
//      similarity is the edit similarity of the stored prefix / suffix to the text around the
//      candidate, aligned at the quote and free at the far end (so "Presiden Rusia, " still
//      agrees with "Presiden Rusia "), rescaled so that what unrelated text reaches is 0 and
//      identity 1, the sides weighted by their stored lengths. Nearness to the predicted
//      position adds a bonus: 0.2 exactly there, otherwise under 0.09, falling with distance.
//      The best wins only if it beats the runner-up by more than contextMargin (0.1). A tie is
//      broken only by position: the one candidate at the predicted position, or, when the
//      diff puts the old start inside a changed stretch, the one tied candidate starting in
//      that stretch; otherwise the annotation is orphaned. So two places with the same context
//      are never guessed between unless one is exactly at the predicted position.
//      A winner must also be plausible: score >= minExactContext, or it is exactly where a
//      diff through unchanged text puts it, or it is the only occurrence of a long quote
//      (>= distinctiveQuoteLength). A strong winner (>= strongContext) is final; a weaker one
//      is pooled with the fuzzy candidates of (c), since the real place may hold a changed quote.
//  (c) Fuzzy, for quotes up to maxFuzzyQuoteLength with stored context: approximate
//      occurrences (Sellers' approximate substring matching; case-only and separator changes
//      such as "Jong Un" -> "Jong-un" cost half an edit) in a window around the predicted
//      position and right after occurrences of the prefix's end / before the suffix's start.
//      One is accepted only with similarity >= minFuzzySimilarity AND context >=
//      minFuzzyContext, chosen among all candidates by the same margin and tie rules.
//  (d) Otherwise orphaned, with the reason. The caller keeps the item and marks it.
// The diff (common prefix/suffix trimming, then a Myers diff of lines, of words inside changed
// lines, and a character trim inside changed words) is computed once per new text; per anchor
// the cost is a native substring search and a few word operations per context character.
import { codePointLength, OffsetMap } from './offsets';
import { CONTEXT_LENGTH, type Anchor, type Sidecar } from './types';

// ---------------------------------------------------------------------------------------------
// Quotes

/** The quote of a span and the context that lets it be found again. */
export interface Quote {
  readonly text: string;
  /** Up to {@link CONTEXT_LENGTH} code points before the span. */
  readonly prefix: string;
  /** Up to {@link CONTEXT_LENGTH} code points after the span. */
  readonly suffix: string;
}

/**
 * The exact text of [start, end) (code points) and its context. Pass an OffsetMap when
 * quoting many spans of one text, so it is built once. Offsets outside the text throw:
 * quoting a span that does not exist is a bug in the caller, not something to paper over.
 */
export function quoteAt(text: string, start: number, end: number): Quote;
export function quoteAt(map: OffsetMap, start: number, end: number): Quote;
export function quoteAt(source: string | OffsetMap, start: number, end: number): Quote {
  const map = typeof source === 'string' ? new OffsetMap(source) : source;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > map.codePointLength) {
    throw new RangeError(`span [${start}, ${end}) is not inside a text of ${map.codePointLength} code points`);
  }
  return {
    text: map.slice(start, end),
    prefix: map.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: map.slice(end, Math.min(map.codePointLength, end + CONTEXT_LENGTH)),
  };
}

// ---------------------------------------------------------------------------------------------
// Live editing

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Replacement of [start, end) of the text before the edit by insertedLength code points. */
export interface SpanEdit {
  readonly start: number;
  readonly end: number;
  readonly insertedLength: number;
}

/**
 * A VS Code content change (UTF-16 rangeOffset/rangeLength into the document before the
 * event, plus the inserted text) as a code point edit. `before` must be the map of the
 * document before the whole event, since all changes of one event are relative to it.
 */
export function codePointEdit(before: OffsetMap, utf16Offset: number, utf16Length: number, insertedText: string): SpanEdit {
  return {
    start: before.toCodePoint(utf16Offset),
    end: before.toCodePoint(utf16Offset + utf16Length),
    insertedLength: codePointLength(insertedText),
  };
}

/**
 * Where a span is after one edit; undefined when the edit removed all of it (the caller
 * orphans the annotation, never deletes it). Typing at either boundary does not extend the
 * span: text typed at its start goes before it, text typed at its end goes after it, which
 * is what a person means when writing next to a name. A replacement wholly inside the span
 * becomes part of it; one that straddles a boundary is left outside and the span keeps only
 * its surviving part.
 */
export function shiftSpan(span: Span, edit: SpanEdit): Span | undefined {
  const { start, end } = span;
  const delta = edit.insertedLength - (edit.end - edit.start);
  if (start === end) {
    // An empty span is a point: it survives unless the edit deletes around it.
    if (edit.start < start && start < edit.end) return undefined;
    return edit.end <= start ? { start: start + delta, end: end + delta } : span;
  }
  if (edit.start <= start && edit.end >= end) return undefined;
  if (edit.end <= start) return { start: start + delta, end: end + delta };
  if (edit.start >= end) return span;
  if (edit.start >= start && edit.end <= end) return { start, end: end + delta };
  if (edit.start < start) return { start: edit.start + edit.insertedLength, end: end + delta };
  return { start, end: edit.start };
}

/**
 * A span after all the edits of one event. Like VS Code's contentChanges, the edits are
 * non-overlapping and each is relative to the text before the event; they are applied from
 * the highest offset down, so no edit shifts the offsets of one still to come.
 */
export function shiftSpans(span: Span, edits: readonly SpanEdit[]): Span | undefined {
  const descending = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let current: Span | undefined = span;
  for (const edit of descending) {
    current = shiftSpan(current, edit);
    if (!current) return undefined;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Re-anchoring: public API

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

/** The thresholds of the strategy described at the top of this file. */
export const REANCHOR_THRESHOLDS = {
  /** How much better (context agreement) the best place must be than the runner-up. */
  contextMargin: 0.1,
  /** Context agreement that settles a place without looking further (1 - contextMargin). */
  strongContext: 0.9,
  /**
   * Below this score (context agreement plus nearness) an exact occurrence is not trusted.
   * One side identical and the other unrelated agrees 0.5: not enough far away, enough at
   * the predicted position. Unrelated places agree at most about 0.35, other occurrences of a
   * name in the seed articles at most about 0.5.
   */
  minExactContext: 0.6,
  /** A changed quote needs more support from its context than an exact one. */
  minFuzzyContext: 0.7,
  minFuzzySimilarity: 0.85,
  /** Longer quotes are not searched approximately (cost, and long quotes are rarely retyped). */
  maxFuzzyQuoteLength: 256,
  /** A quote this long that occurs exactly once is trusted even where its context changed. */
  distinctiveQuoteLength: 20,
} as const;

/** Re-anchors one anchor. For many anchors of one text use a {@link Reanchorer}. */
export function reanchor(anchor: Anchor, newText: string, options?: { oldText?: string }): ReanchorResult {
  return new Reanchorer(newText, options?.oldText).reanchor(anchor);
}

export interface ReanchorReport {
  unchanged: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
  details: { id: string; kind: ReanchorKind; reason?: string }[];
}

/**
 * Re-anchors every annotation and fact of a sidecar to a changed article. Placed items get
 * their new offsets, quote and context (an unchanged item's stored context is refreshed only
 * if it has one that is now stale) and lose `orphaned`; items that cannot be placed keep their
 * old data and get `orphaned: true`. Items already orphaned are retried, but their offsets are
 * stale, so the diff's prediction for them counts only as a hint. `source.sha256` is left to
 * the caller, who knows when the result is saved.
 */
export function reanchorSidecar(sidecar: Sidecar, newText: string, oldText?: string): { sidecar: Sidecar; report: ReanchorReport } {
  const reanchorer = new Reanchorer(newText, oldText);
  const report: ReanchorReport = { unchanged: 0, moved: 0, fuzzy: 0, orphaned: 0, details: [] };
  const update = <T extends Anchor & { readonly id: string }>(item: T): T => {
    const result = reanchorer.reanchor(item);
    report[result.kind]++;
    report.details.push({ id: item.id, kind: result.kind, ...(result.reason !== undefined ? { reason: result.reason } : {}) });
    if (result.kind === 'orphaned' || result.start === undefined || result.end === undefined) {
      return item.orphaned ? item : { ...item, orphaned: true };
    }
    const quote = quoteAt(reanchorer.map, result.start, result.end);
    const { orphaned, ...placed } = item;
    if (result.kind === 'unchanged') {
      const staleContext = (item.prefix !== undefined && item.prefix !== quote.prefix)
        || (item.suffix !== undefined && item.suffix !== quote.suffix);
      if (!orphaned && !staleContext) return item;
      return {
        ...placed,
        ...(item.prefix !== undefined ? { prefix: quote.prefix } : {}),
        ...(item.suffix !== undefined ? { suffix: quote.suffix } : {}),
      } as unknown as T;
    }
    return { ...placed, start: result.start, end: result.end, text: quote.text, prefix: quote.prefix, suffix: quote.suffix } as unknown as T;
  };
  const annotations = sidecar.annotations.map(update);
  const facts = sidecar.facts.map(update);
  return { sidecar: { ...sidecar, annotations, facts }, report };
}

// ---------------------------------------------------------------------------------------------
// Re-anchoring: the engine

/** A string as code points, plus the folded form used for cheap substitutions. */
interface CodeString {
  readonly codes: Int32Array;
  readonly folded: Int32Array;
}

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly exact: boolean;
  /** Quote similarity, 1 for exact. */
  readonly similarity: number;
  /** Context agreement; undefined when the anchor stores no context. */
  readonly context: number | undefined;
  /** Context agreement plus the nearness bonus: what candidates are ranked by. */
  readonly score: number;
}

/** Where the diff puts the old start in the new text. */
interface Prediction {
  readonly position: number;
  /** The old text held the quote at the anchor's offsets (so the diff speaks for it). */
  readonly describedOldText: boolean;
  /** The old start lies in text the diff found unchanged, and the old quote was there. */
  readonly certain: boolean;
  /**
   * Stronger: the whole old quote lies in one unchanged stretch that also reaches at least
   * TRACKING_MARGIN code points past it on one side. The diff followed this very text there.
   */
  readonly tracked: boolean;
  /** When it lies in a changed stretch: that stretch in the new text. */
  readonly gap?: Span;
}

interface Decision {
  readonly winner?: Candidate;
  /** How many places were as good as the winner (within the margin). */
  readonly contenders: number;
  readonly byPosition: boolean;
}

/** Every alignment cell costs at most this much; substitutions of equal folded characters half. */
const EDIT_COST = 2;
/** Context compared: the stored length, but at most one 32-bit word for the bit-parallel distance. */
const CONTEXT_WORD = Math.min(CONTEXT_LENGTH, 32);
/** How far an unchanged stretch must reach past a quote for the diff alone to place it. */
const TRACKING_MARGIN = 16;
/** Extra characters of new context read beyond the stored length, for insertions near the quote. */
const CONTEXT_SLACK = 8;
/** A prefix end / suffix start shorter than this is too common to anchor a fuzzy search. */
const MIN_CONTEXT_PROBE = 6;
const CONTEXT_PROBE_LENGTH = 16;
const MAX_PROBE_HITS = 32;
/** Bounds the window searched approximately around the predicted position. */
const MAX_FUZZY_WINDOW = 8192;

/**
 * Re-anchors many anchors against one new text: the code point arrays, the diff from the old
 * text and quote occurrences are computed once.
 */
export class Reanchorer {
  /** The new text's offset map, for callers quoting the results. */
  readonly map: OffsetMap;
  private readonly text: CodeString;
  private readonly diff: PositionMap | undefined;
  private readonly oldMap: OffsetMap | undefined;
  private readonly occurrenceCache = new Map<string, readonly number[]>();

  constructor(readonly newText: string, oldText?: string) {
    this.map = new OffsetMap(newText);
    this.text = toCodeString(newText);
    if (oldText !== undefined) {
      this.oldMap = new OffsetMap(oldText);
      this.diff = new PositionMap(this.oldMap, this.map);
    }
  }

  reanchor(anchor: Anchor): ReanchorResult {
    const T = REANCHOR_THRESHOLDS;
    const quote = anchor.text;
    const quoteLength = codePointLength(quote);
    if (quoteLength === 0) return orphan('the annotation has no quote to look for');
    const prefix = anchor.prefix ? new ContextPattern(lastCodePoints(anchor.prefix, CONTEXT_WORD), 'before') : undefined;
    const suffix = anchor.suffix ? new ContextPattern(firstCodePoints(anchor.suffix, CONTEXT_WORD), 'after') : undefined;
    const hasContext = prefix !== undefined || suffix !== undefined;
    const prediction = this.predict(anchor, quoteLength);
    const candidate = (start: number, end: number, similarity: number): Candidate => {
      const context = this.contextAgreement(prefix, suffix, start, end);
      return { start, end, exact: similarity === 1, similarity, context, score: (context ?? 0) + nearness(start - prediction.position) };
    };
    const place = (chosen: Candidate, reason?: string): ReanchorResult => {
      const kind = !chosen.exact ? 'fuzzy' : chosen.start === anchor.start && chosen.end === anchor.end ? 'unchanged' : 'moved';
      return {
        kind, start: chosen.start, end: chosen.end,
        text: chosen.exact ? quote : this.map.slice(chosen.start, chosen.end),
        confidence: (chosen.context ?? (chosen.exact ? 1 : 0)) * chosen.similarity,
        ...(reason !== undefined ? { reason } : {}),
      };
    };

    // (a) Where the diff followed the quote's own text, or still where it was (or where the
    // diff says it went) with its context: no other place could beat it (it is within the
    // margin of any, and at the predicted position).
    const predictedEnd = prediction.position + quoteLength;
    if (prediction.tracked) return { ...place(candidate(prediction.position, predictedEnd, 1)), confidence: 1 };
    if (predictedEnd <= this.map.codePointLength && this.map.slice(prediction.position, predictedEnd) === quote) {
      const atPrediction = candidate(prediction.position, predictedEnd, 1);
      if (atPrediction.context === undefined || atPrediction.context >= T.strongContext) return place(atPrediction);
    }

    // (b) Exact occurrences, except text the diff shows was elsewhere in the old text already.
    const exact = this.occurrences(quote)
      .filter((start) => this.mayHaveMovedTo(anchor, prediction, start, start + quoteLength))
      .map((start) => candidate(start, start + quoteLength, 1));
    const acceptable = (chosen: Candidate): boolean => {
      if (chosen.context === undefined) return chosen.exact;
      if (!chosen.exact) return chosen.context >= T.minFuzzyContext && chosen.similarity >= T.minFuzzySimilarity;
      return chosen.score >= T.minExactContext
        || (prediction.certain && chosen.start === prediction.position)
        || (exact.length === 1 && quoteLength >= T.distinctiveQuoteLength);
    };
    const explain = (decision: Decision): string | undefined => (decision.byPosition
      ? `chosen by its position among ${decision.contenders} places with equally good context` : undefined);
    const first = decide(exact, prediction);
    if (first.winner && acceptable(first.winner) && (!hasContext || (first.winner.context ?? 0) >= T.strongContext
      || (prediction.certain && first.winner.start === prediction.position))) {
      return place(first.winner, explain(first));
    }

    // (c) Approximate occurrences, pooled with the exact ones.
    const fuzzyEligible = hasContext && quoteLength <= T.maxFuzzyQuoteLength;
    const pool = !fuzzyEligible ? exact : exact.concat(this.approximateOccurrences(toCodeString(quote), prefix, suffix, prediction)
      .filter((match) => this.mayHaveMovedTo(anchor, prediction, match.start, match.end))
      .map((match) => candidate(match.start, match.end, match.similarity)));
    const final = fuzzyEligible ? decide(pool, prediction) : first;
    if (final.winner && acceptable(final.winner)) return place(final.winner, explain(final));

    // (d) Orphaned.
    if (pool.length === 0) {
      return orphan(fuzzyEligible ? 'the quote no longer occurs in the text, not even approximately'
        : quoteLength > T.maxFuzzyQuoteLength ? 'the quote no longer occurs in the text (too long to search approximately)'
          : 'the quote no longer occurs in the text (no stored context to confirm an approximate match)');
    }
    if (!final.winner) return orphan(`${final.contenders} places match equally well and none is at the predicted position`);
    const best = final.winner;
    return orphan(best.exact
      ? `the quote occurs only where the surrounding text differs (context agreement ${round2(best.context ?? 0)})`
      : `the closest match "${this.map.slice(best.start, best.end)}" is not close enough (similarity ${round2(best.similarity)}, context agreement ${round2(best.context ?? 0)})`);
  }

  /**
   * False when the diff shows that [start, end) of the new text is unchanged text that stood
   * at another place of the old text: another occurrence, not this anchor moved. Only known
   * when the anchor described the old text.
   */
  private mayHaveMovedTo(anchor: Anchor, prediction: Prediction, start: number, end: number): boolean {
    if (!this.diff || !prediction.describedOldText) return true;
    const old = this.diff.unchangedOrigin(start, end);
    return old === undefined || old === anchor.start;
  }

  /** Code point starts of every occurrence of `quote`, overlapping ones included. */
  private occurrences(quote: string): readonly number[] {
    const cached = this.occurrenceCache.get(quote);
    if (cached) return cached;
    const starts: number[] = [];
    for (let at = this.newText.indexOf(quote); at >= 0; at = this.newText.indexOf(quote, at + 1)) {
      starts.push(this.map.toCodePoint(at));
    }
    this.occurrenceCache.set(quote, starts);
    return starts;
  }

  private predict(anchor: Anchor, quoteLength: number): Prediction {
    if (!this.diff || !this.oldMap) return { position: anchor.start, describedOldText: false, certain: false, tracked: false };
    const { position, gap, unchanged } = this.diff.map(anchor.start);
    // The diff speaks for the anchor only if the anchor described the old text (a stale or
    // orphaned anchor's offsets point at some older version).
    const describedOldText = !anchor.orphaned && this.oldMap.slice(anchor.start, anchor.start + quoteLength) === anchor.text;
    const certain = unchanged !== undefined && describedOldText;
    const end = anchor.start + quoteLength;
    const tracked = certain && end <= unchanged.end
      && (anchor.start - unchanged.start >= TRACKING_MARGIN || unchanged.end - end >= TRACKING_MARGIN);
    // A stale anchor's changed stretch says nothing about where it is now.
    return { position, describedOldText, certain, tracked, ...(gap && describedOldText ? { gap } : {}) };
  }

  /**
   * Context agreement of a place: each side's edit similarity, rescaled so that chance (what
   * unrelated text scores) is 0 and identity 1, weighted by the side's stored length.
   */
  private contextAgreement(prefix: ContextPattern | undefined, suffix: ContextPattern | undefined, start: number, end: number): number | undefined {
    const prefixWeight = prefix?.length ?? 0;
    const suffixWeight = suffix?.length ?? 0;
    if (prefixWeight + suffixWeight === 0) return undefined;
    const before = prefix ? aboveChance(this.contextSimilarity(prefix, start)) * prefixWeight : 0;
    const after = suffix ? aboveChance(this.contextSimilarity(suffix, end)) * suffixWeight : 0;
    return (before + after) / (prefixWeight + suffixWeight);
  }

  /**
   * Edit similarity (1 - distance / length) of stored context to the new text read outwards
   * from `from`: aligned at the quote, free at the far end, so text inserted or cut at the far
   * end of the context window costs nothing. Characters are compared folded: a case or
   * separator change in the context is no change. Myers' bit-parallel algorithm, in the
   * variant for distances anchored at the start of the text: the context is at most 32 code
   * points, one machine word, so each text character costs a few word operations.
   */
  private contextSimilarity(pattern: ContextPattern, from: number): number {
    const folded = this.text.folded;
    const m = pattern.length;
    const forwards = pattern.side === 'after';
    const n = Math.min(forwards ? folded.length - from : from, m + CONTEXT_SLACK);
    const last = 1 << (m - 1);
    let vp = m === 32 ? -1 : (1 << m) - 1;
    let vn = 0;
    let distance = m;
    let best = m;
    for (let j = 0; j < n; j++) {
      const eq = pattern.mask(folded[forwards ? from + j : from - 1 - j]!);
      const xv = eq | vn;
      const xh = ((((eq & vp) + vp) | 0) ^ vp) | eq;
      let hp = vn | ~(xh | vp);
      let hn = vp & xh;
      if (hp & last) distance++;
      else if (hn & last) distance--;
      // Shifting in a 1: the top row grows by one per text character (the start is anchored).
      hp = (hp << 1) | 1;
      hn <<= 1;
      vp = hn | ~(xv | hp);
      vn = hp & xv;
      if (distance < best) best = distance;
    }
    return 1 - best / m;
  }

  /** Approximate, not exact, occurrences of the quote where it is likely to be. */
  private approximateOccurrences(
    quote: CodeString, prefix: ContextPattern | undefined, suffix: ContextPattern | undefined, prediction: Prediction,
  ): { start: number; end: number; similarity: number }[] {
    const m = quote.codes.length;
    const length = this.text.codes.length;
    const slack = Math.max(8, m >> 2);
    const windows: [number, number][] = [];
    // Around the predicted position (and the changed stretch it fell into).
    const reach = Math.max(2 * m, 128);
    let low = Math.min(prediction.position, prediction.gap?.start ?? prediction.position) - reach;
    let high = Math.max(prediction.position + m, prediction.gap?.end ?? 0) + reach;
    if (high - low > MAX_FUZZY_WINDOW) {
      low = prediction.position - MAX_FUZZY_WINDOW / 2;
      high = prediction.position + MAX_FUZZY_WINDOW / 2;
    }
    windows.push([low, high]);
    // Right after the end of the prefix, right before the start of the suffix.
    if (prefix && prefix.length >= MIN_CONTEXT_PROBE) {
      const probe = lastCodePoints(prefix.text, CONTEXT_PROBE_LENGTH);
      const probeLength = Math.min(prefix.length, CONTEXT_PROBE_LENGTH);
      for (const hit of this.probeHits(probe)) windows.push([hit + probeLength - slack, hit + probeLength + m + slack]);
    }
    if (suffix && suffix.length >= MIN_CONTEXT_PROBE) {
      const probe = firstCodePoints(suffix.text, CONTEXT_PROBE_LENGTH);
      for (const hit of this.probeHits(probe)) windows.push([hit - m - slack, hit + slack]);
    }
    const maxCost = Math.floor(EDIT_COST * m * (1 - REANCHOR_THRESHOLDS.minFuzzySimilarity));
    const seen = new Set<string>();
    const found: { start: number; end: number; similarity: number }[] = [];
    for (const [from, to] of mergeWindows(windows, length)) {
      for (const match of approximateMatches(quote, this.text, from, to, maxCost)) {
        const key = `${match.start}:${match.end}`;
        if (match.cost === 0 || seen.has(key)) continue; // exact ones are already candidates
        seen.add(key);
        const similarity = 1 - match.cost / (EDIT_COST * Math.max(m, match.end - match.start));
        if (similarity < REANCHOR_THRESHOLDS.minFuzzySimilarity) continue;
        found.push({ start: match.start, end: match.end, similarity });
      }
    }
    return found;
  }

  private probeHits(probe: string): number[] {
    const hits: number[] = [];
    for (let at = this.newText.indexOf(probe); at >= 0 && hits.length < MAX_PROBE_HITS; at = this.newText.indexOf(probe, at + 1)) {
      hits.push(this.map.toCodePoint(at));
    }
    return hits;
  }
}

/**
 * Added to the score of a candidate for its distance to the predicted position. Exactly there,
 * more than the margin: it wins a tie. Anywhere else, less than the margin, falling with
 * distance: text rarely moves far, so between nearly equal contexts the nearer place is
 * preferred, but position alone never picks between equal places that are both elsewhere.
 */
function nearness(distance: number): number {
  return distance === 0 ? 0.2 : 0.09 / (1 + Math.abs(distance) / 500);
}

/** Raw context similarity that unrelated text reaches (about its 99th percentile on news text). */
const CHANCE_SIMILARITY = 0.4;

function aboveChance(similarity: number): number {
  return Math.max(0, (similarity - CHANCE_SIMILARITY) / (1 - CHANCE_SIMILARITY));
}

/**
 * One side of a stored context, up to 32 code points, ordered outwards from the quote (the
 * prefix is read backwards), as match masks for the bit-parallel edit distance.
 */
class ContextPattern {
  readonly length: number;
  private readonly asciiMasks = new Int32Array(128);
  private readonly otherMasks = new Map<number, number>();

  constructor(readonly text: string, readonly side: 'before' | 'after') {
    const folded = toCodeString(text).folded;
    if (side === 'before') folded.reverse();
    this.length = folded.length;
    folded.forEach((code, i) => {
      if (code < 128) this.asciiMasks[code]! |= 1 << i;
      else this.otherMasks.set(code, (this.otherMasks.get(code) ?? 0) | (1 << i));
    });
  }

  mask(foldedCode: number): number {
    return foldedCode < 128 ? this.asciiMasks[foldedCode]! : this.otherMasks.get(foldedCode) ?? 0;
  }
}

function orphan(reason: string): ReanchorResult {
  return { kind: 'orphaned', confidence: 0, reason };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The best candidate by context agreement, if it beats the runner-up by the margin; among
 * tied ones, the single one at the predicted position, or the single one inside the changed
 * stretch the prediction fell into. Otherwise no winner: never guess between equals.
 */
function decide(candidates: readonly Candidate[], prediction: Prediction): Decision {
  if (candidates.length === 0) return { contenders: 0, byPosition: false };
  const score = (c: Candidate) => c.score;
  const best = candidates.reduce((a, b) => (score(b) > score(a) || (score(b) === score(a) && b.similarity > a.similarity) ? b : a));
  // Inclusive, so that anything at strongContext (= 1 - margin) is still a contender.
  const contenders = candidates.filter((c) => score(best) - score(c) <= REANCHOR_THRESHOLDS.contextMargin + 1e-9);
  if (contenders.length === 1) return { winner: best, contenders: 1, byPosition: false };
  // At the predicted position an exact occurrence beats an approximate one starting there too.
  let atPrediction = contenders.filter((c) => c.start === prediction.position);
  if (atPrediction.length > 1) atPrediction = atPrediction.filter((c) => c.exact);
  if (atPrediction.length === 1) return { winner: atPrediction[0]!, contenders: contenders.length, byPosition: true };
  const gap = prediction.gap;
  if (gap && atPrediction.length === 0) {
    const inGap = contenders.filter((c) => c.start >= gap.start && c.start <= gap.end);
    if (inGap.length === 1) return { winner: inGap[0]!, contenders: contenders.length, byPosition: true };
  }
  return { contenders: contenders.length, byPosition: false };
}

// ---------------------------------------------------------------------------------------------
// Approximate matching

/** Separators that people swap for each other: "Kim Jong Un" / "Kim Jong-un", NBSP, dashes. */
const SEPARATORS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xa0, 0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x202f, 0x3000]);
const QUOTE_FOLDS = new Map([[0x201c, 0x22], [0x201d, 0x22], [0x201e, 0x22], [0x2018, 0x27], [0x2019, 0x27], [0x201a, 0x27]]);
const foldCache = new Map<number, number>();

/** Lower case, one separator, straight quotes: characters that differ only so cost half an edit. */
function fold(code: number): number {
  if (SEPARATORS.has(code) || (code >= 0x2000 && code <= 0x200a)) return 0x20;
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  const quote = QUOTE_FOLDS.get(code);
  if (quote !== undefined) return quote;
  let folded = foldCache.get(code);
  if (folded === undefined) {
    const lower = String.fromCodePoint(code).toLowerCase();
    folded = codePointLength(lower) === 1 ? lower.codePointAt(0)! : code;
    foldCache.set(code, folded);
  }
  return folded;
}

function substitutionCost(a: number, foldedA: number, b: number, foldedB: number): number {
  return a === b ? 0 : foldedA === foldedB ? EDIT_COST / 2 : EDIT_COST;
}

function toCodeString(text: string): CodeString {
  const codes = new Int32Array(codePointLength(text));
  const folded = new Int32Array(codes.length);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
        i++;
      }
    }
    codes[at] = code;
    folded[at++] = fold(code);
  }
  return { codes, folded };
}

function firstCodePoints(text: string, count: number): string {
  return Array.from(text).slice(0, count).join('');
}

function lastCodePoints(text: string, count: number): string {
  const chars = Array.from(text);
  return chars.slice(Math.max(0, chars.length - count)).join('');
}

function mergeWindows(windows: readonly [number, number][], length: number): [number, number][] {
  const clamped = windows
    .map(([from, to]): [number, number] => [Math.max(0, from), Math.min(length, to)])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const window of clamped) {
    const last = merged[merged.length - 1];
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push([window[0], window[1]]);
  }
  return merged;
}

interface ApproximateMatch {
  readonly start: number;
  readonly end: number;
  readonly cost: number;
}

/**
 * Sellers' algorithm: places in text[from, to) where the pattern matches with cost <= maxCost,
 * the match may start anywhere. Each column tracks where its best alignment started. Of
 * overlapping matches only the cheapest is kept (ties: the length nearest the pattern's).
 */
function approximateMatches(pattern: CodeString, text: CodeString, from: number, to: number, maxCost: number): ApproximateMatch[] {
  const m = pattern.codes.length;
  const cost = new Int32Array(m + 1);
  const origin = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) { cost[i] = i * EDIT_COST; origin[i] = from; }
  const raw: ApproximateMatch[] = [];
  for (let j = from; j < to; j++) {
    const code = text.codes[j]!;
    const fold = text.folded[j]!;
    let diagonalCost = cost[0]!;
    let diagonalOrigin = origin[0]!;
    cost[0] = 0;
    origin[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const leftCost = cost[i]!;
      const leftOrigin = origin[i]!;
      let best = diagonalCost + substitutionCost(pattern.codes[i - 1]!, pattern.folded[i - 1]!, code, fold);
      let bestOrigin = diagonalOrigin;
      if (cost[i - 1]! + EDIT_COST < best) { best = cost[i - 1]! + EDIT_COST; bestOrigin = origin[i - 1]!; }
      if (leftCost + EDIT_COST < best) { best = leftCost + EDIT_COST; bestOrigin = leftOrigin; }
      diagonalCost = leftCost;
      diagonalOrigin = leftOrigin;
      cost[i] = best;
      origin[i] = bestOrigin;
    }
    if (cost[m]! <= maxCost && origin[m]! < j + 1) raw.push({ start: origin[m]!, end: j + 1, cost: cost[m]! });
  }
  const better = (a: ApproximateMatch, b: ApproximateMatch) => (a.cost !== b.cost ? a.cost < b.cost
    : Math.abs(a.end - a.start - m) < Math.abs(b.end - b.start - m));
  const kept: ApproximateMatch[] = [];
  let clusterEnd = -1;
  for (const match of raw) {
    const last = kept[kept.length - 1];
    if (last && match.start < clusterEnd) {
      if (better(match, last)) kept[kept.length - 1] = match;
      clusterEnd = Math.max(clusterEnd, match.end);
    } else {
      kept.push(match);
      clusterEnd = match.end;
    }
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Diff of old -> new text, as a map of positions

interface Segment {
  /** Code points. */
  readonly oldStart: number;
  readonly newStart: number;
  readonly length: number;
}

/** Token counts beyond which a Myers diff gives up (its cost grows with the square of edits). */
const MAX_EDIT_SCRIPT = 500;
/** Changed stretches longer than this (UTF-16 units) are not diffed word by word. */
const MAX_WORD_DIFF_REGION = 20_000;

/**
 * The unchanged stretches shared by an old and a new text, found by trimming their common
 * start and end, then a Myers diff of lines, of words within changed lines, and a trim of
 * common characters within changed words. Maps an old offset into the new text.
 */
class PositionMap {
  private readonly segments: Segment[];
  private readonly newLength: number;

  constructor(oldMap: OffsetMap, newMap: OffsetMap) {
    const oldText = oldMap.text;
    const newText = newMap.text;
    const utf16: Segment[] = [];
    const push = (oldStart: number, newStart: number, length: number) => {
      if (length > 0) utf16.push({ oldStart, newStart, length });
    };
    const trimAndPush = (oldA: number, oldB: number, newA: number, newB: number): [number, number] => {
      const head = commonPrefixLength(oldText, oldA, oldB, newText, newA, newB);
      const tail = commonSuffixLength(oldText, oldA + head, oldB, newText, newA + head, newB);
      push(oldA, newA, head);
      push(oldB - tail, newB - tail, tail);
      return [head, tail];
    };
    const diffRegion = (oldA: number, oldB: number, newA: number, newB: number, level: 'line' | 'word') => {
      if (oldA === oldB || newA === newB) return;
      if (level === 'word' && (oldB - oldA > MAX_WORD_DIFF_REGION || newB - newA > MAX_WORD_DIFF_REGION)) return;
      const oldTokens = tokenize(oldText, oldA, oldB, level);
      const newTokens = tokenize(newText, newA, newB, level);
      const runs = myersRuns(internTokens(oldTokens.texts, newTokens.texts), MAX_EDIT_SCRIPT);
      if (!runs) return;
      let oldAt = 0;
      let newAt = 0;
      const changed = (oldTo: number, newTo: number) => {
        const region = [oldTokens.offsets[oldAt]!, oldTokens.offsets[oldTo]!, newTokens.offsets[newAt]!, newTokens.offsets[newTo]!] as const;
        if (level === 'line') diffRegion(...region, 'word');
        else if (region[0] < region[1] && region[2] < region[3]) trimAndPush(...region);
      };
      for (const [oldRun, newRun, count] of runs) {
        changed(oldRun, newRun);
        push(oldTokens.offsets[oldRun]!, newTokens.offsets[newRun]!, oldTokens.offsets[oldRun + count]! - oldTokens.offsets[oldRun]!);
        oldAt = oldRun + count;
        newAt = newRun + count;
      }
      changed(oldTokens.texts.length, newTokens.texts.length);
    };
    const [head, tail] = trimAndPush(0, oldText.length, 0, newText.length);
    diffRegion(head, oldText.length - tail, head, newText.length - tail, 'line');
    utf16.sort((a, b) => a.oldStart - b.oldStart);
    this.segments = utf16.map((s) => {
      const oldStart = oldMap.toCodePoint(s.oldStart);
      return { oldStart, newStart: newMap.toCodePoint(s.newStart), length: oldMap.toCodePoint(s.oldStart + s.length) - oldStart };
    }).filter((s) => s.length > 0);
    this.newLength = newMap.codePointLength;
  }

  /** The old offset of new text [start, end) if it lies wholly in one unchanged stretch. */
  unchangedOrigin(start: number, end: number): number | undefined {
    const segments = this.segments;
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (segments[mid]!.newStart <= start) low = mid + 1;
      else high = mid;
    }
    const segment = segments[low - 1];
    if (!segment || end > segment.newStart + segment.length) return undefined;
    return segment.oldStart + start - segment.newStart;
  }

  /** The new offset of an old one; `unchanged` is the old unchanged stretch holding it, if any. */
  map(oldOffset: number): { position: number; unchanged?: Span; gap?: Span } {
    const segments = this.segments;
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (segments[mid]!.oldStart <= oldOffset) low = mid + 1;
      else high = mid;
    }
    const before = segments[low - 1];
    if (before && oldOffset < before.oldStart + before.length) {
      return { position: before.newStart + oldOffset - before.oldStart, unchanged: { start: before.oldStart, end: before.oldStart + before.length } };
    }
    const after = segments[low];
    const gapOldStart = before ? before.oldStart + before.length : 0;
    const gapStart = before ? before.newStart + before.length : 0;
    const gapEnd = after ? after.newStart : this.newLength;
    return { position: Math.min(gapStart + (oldOffset - gapOldStart), gapEnd), gap: { start: gapStart, end: gapEnd } };
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Common start of two ranges, never ending inside a surrogate pair. */
function commonPrefixLength(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): number {
  const limit = Math.min(aTo - aFrom, bTo - bFrom);
  let n = 0;
  while (n < limit && a.charCodeAt(aFrom + n) === b.charCodeAt(bFrom + n)) n++;
  if (n > 0 && isHighSurrogate(a.charCodeAt(aFrom + n - 1))) n--;
  return n;
}

/** Common end of two ranges, never starting inside a surrogate pair. */
function commonSuffixLength(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): number {
  const limit = Math.min(aTo - aFrom, bTo - bFrom);
  let n = 0;
  while (n < limit && a.charCodeAt(aTo - 1 - n) === b.charCodeAt(bTo - 1 - n)) n++;
  if (n > 0 && isLowSurrogate(a.charCodeAt(aTo - n))) n--;
  return n;
}

const WORD_TOKEN = /\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

/** Tokens of text[from, to) and their start offsets, plus `to` as a sentinel. */
function tokenize(text: string, from: number, to: number, level: 'line' | 'word'): { texts: string[]; offsets: number[] } {
  const texts: string[] = [];
  const offsets: number[] = [];
  if (level === 'line') {
    let at = from;
    while (at < to) {
      const newline = text.indexOf('\n', at);
      const next = newline < 0 || newline >= to ? to : newline + 1;
      texts.push(text.slice(at, next));
      offsets.push(at);
      at = next;
    }
  } else {
    const slice = text.slice(from, to);
    for (const match of slice.matchAll(WORD_TOKEN)) {
      texts.push(match[0]);
      offsets.push(from + match.index!);
    }
  }
  offsets.push(to);
  return { texts, offsets };
}

function internTokens(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) { id = ids.size; ids.set(token, id); }
    return id;
  };
  return [Int32Array.from(a, idOf), Int32Array.from(b, idOf)];
}

/**
 * Myers' O(ND) diff: the runs of equal tokens [oldIndex, newIndex, count] of a shortest edit
 * script, in order; undefined when more than maxEdits edits are needed.
 */
function myersRuns([a, b]: [Int32Array, Int32Array], maxEdits: number): [number, number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m);
    }
  }
  return undefined;
}

function backtrack(trace: readonly Int32Array[], offset: number, n: number, m: number): [number, number, number][] {
  const runs: [number, number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : v[offset + previousK]!;
    const previousY = d === 0 ? 0 : previousX - previousK;
    // The snake from the end of the previous edit to (x, y) is a run of equal tokens.
    const snakeStartX = d === 0 ? 0 : previousK === k + 1 ? previousX : previousX + 1;
    const count = x - snakeStartX;
    if (count > 0) runs.push([x - count, y - count, count]);
    x = previousX;
    y = previousY;
  }
  return runs.reverse();
}
