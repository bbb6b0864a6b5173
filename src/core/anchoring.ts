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

/** Re-anchors one anchor. For many anchors of one text use a {@link Reanchorer}. */
export function reanchor(anchor: Anchor, newText: string, options?: { oldText?: string }): ReanchorResult {
  return new Reanchorer(newText, options?.oldText).reanchor(anchor);
}

export interface ReanchorReport {
  unchanged: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
  /**
   * Items left exactly as they were because their offsets cannot describe any text (negative,
   * reversed, not integers): validation reports them, re-anchoring does not guess.
   */
  skipped: number;
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
  const report: ReanchorReport = { unchanged: 0, moved: 0, fuzzy: 0, orphaned: 0, skipped: 0, details: [] };
  const placeable = [...sidecar.annotations, ...sidecar.facts].filter(isPossibleSpan);
  const results = new Map<Anchor, ReanchorResult>(reanchorer.reanchorAll(placeable).map((result, i) => [placeable[i]!, result]));
  const update = <T extends Anchor & { readonly id: string }>(item: T): T => {
    const result = results.get(item);
    if (!result) {
      report.skipped++;
      return item;
    }
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

/**
 * Offsets that can describe a span of some text: integers, not negative, not reversed. Items
 * with other offsets (a hand-edited or foreign sidecar) are left alone by re-anchoring and
 * live editing alike; validation reports them with their line.
 */
export function isPossibleSpan(span: Span): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end;
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
}

/**
 * What the diff says about the anchor's old place.
 * - kept: the whole old quote lies in one stretch the diff found unchanged (and the anchor
 *   described the old text): that is its place, or it is orphaned; never elsewhere.
 * - local: the quote itself or text right around it was edited in place (part of the quote
 *   survives, or the changed stretch is no wider than the quote plus its context): its place
 *   is `region`, changed; only there may it be found.
 * - moved: its old place is in a wider stretch that was deleted, rewritten or moved away: it
 *   may be found in new text elsewhere, never in text that already stood elsewhere.
 * - blind: no old text, or the anchor did not describe it (stale or orphaned): only quote,
 *   context and the old offsets speak.
 */
type PredictionMode = 'kept' | 'local' | 'moved' | 'blind';

interface Prediction {
  readonly mode: PredictionMode;
  /** The old start mapped into the new text (the old start itself when blind). */
  readonly position: number;
  /**
   * Kept, and the unchanged stretch reaches at least TRACKING_MARGIN code points past the
   * quote on both sides (or to the edge of the text): the diff followed this very text,
   * whatever its context says.
   */
  readonly tracked: boolean;
  /** Local: the changed stretch (new text) holding the quote's place. Moved: the stretch holding the old start. */
  readonly region?: Span;
}

interface Decision {
  readonly winner?: Candidate;
  /** Set when there is no winner among candidates, or when position broke a tie. */
  readonly reason?: string;
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
/** How many shifts (see Reanchorer.learnShift) are tried before scoring every occurrence. */
const MAX_REMEMBERED_SHIFTS = 4;
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
  /** Without the old text: shifts that recently placed an anchor, most recent first. */
  private readonly shifts: number[] = [];
  /** Without the old text: how many anchors each shift (other than 0) placed. */
  private readonly placedShifts = new Map<number, number>();

  constructor(readonly newText: string, oldText?: string) {
    this.map = new OffsetMap(newText);
    this.text = toCodeString(newText);
    if (oldText !== undefined) {
      this.oldMap = new OffsetMap(oldText);
      this.diff = new PositionMap(this.oldMap, this.map);
    }
  }

  reanchor(anchor: Anchor): ReanchorResult {
    const result = this.reanchorFrom(anchor);
    if (result.start !== undefined && result.start !== anchor.start && !this.describesOldText(anchor)) {
      const shift = result.start - anchor.start;
      this.placedShifts.set(shift, (this.placedShifts.get(shift) ?? 0) + 1);
    }
    return result;
  }

  /**
   * Re-anchors many anchors of this text, in order, then, without a diff, retries each one
   * orphaned where a shift that placed at least two others puts it: an outside edit shifts
   * the text after it alike, so an annotation whose context the edit touched is looked for
   * where its neighbours went (and still needs most of its context there, and no rival).
   */
  reanchorAll(anchors: readonly Anchor[]): ReanchorResult[] {
    const results = anchors.map((anchor) => this.reanchor(anchor));
    const confirmed = [...this.placedShifts].filter(([, count]) => count >= 2).sort((a, b) => b[1] - a[1]).map(([shift]) => shift);
    if (confirmed.length === 0) return results;
    return results.map((result, i) => {
      const anchor = anchors[i]!;
      if (result.kind !== 'orphaned' || anchor.orphaned || this.describesOldText(anchor)) return result;
      for (const shift of confirmed.slice(0, MAX_REMEMBERED_SHIFTS)) {
        const retried = this.reanchorFrom(anchor, anchor.start + shift);
        if (retried.kind !== 'orphaned') return { ...retried, reason: 'found where the annotations around it moved' };
      }
      return result;
    });
  }

  private describesOldText(anchor: Anchor): boolean {
    if (!this.oldMap || anchor.orphaned) return false;
    const end = anchor.start + codePointLength(anchor.text);
    return end <= this.oldMap.codePointLength && this.oldMap.slice(anchor.start, end) === anchor.text;
  }

  /** `blindPosition`: without a diff, where to expect the anchor instead of its old start. */
  private reanchorFrom(anchor: Anchor, blindPosition?: number): ReanchorResult {
    const T = REANCHOR_THRESHOLDS;
    const quote = anchor.text;
    const quoteLength = codePointLength(quote);
    if (quoteLength === 0) return orphan('the annotation has no quote to look for');
    const prefix = anchor.prefix ? new ContextPattern(lastCodePoints(anchor.prefix, CONTEXT_WORD), 'before') : undefined;
    const suffix = anchor.suffix ? new ContextPattern(firstCodePoints(anchor.suffix, CONTEXT_WORD), 'after') : undefined;
    const prediction = this.predict(anchor, quoteLength, blindPosition);
    const candidate = (start: number, end: number, similarity: number): Candidate => (
      { start, end, exact: similarity === 1, similarity, context: this.contextAgreement(prefix, suffix, start, end) });
    const place = (chosen: Candidate, reason?: string): ReanchorResult => {
      const kind = !chosen.exact ? 'fuzzy' : chosen.start === anchor.start && chosen.end === anchor.end ? 'unchanged' : 'moved';
      return {
        kind, start: chosen.start, end: chosen.end,
        text: chosen.exact ? quote : this.map.slice(chosen.start, chosen.end),
        confidence: (chosen.context ?? 1) * chosen.similarity,
        ...(reason !== undefined ? { reason } : {}),
      };
    };
    const predictedEnd = prediction.position + quoteLength;

    // (a) The diff kept the quote's own text: there, or nowhere. A copy elsewhere, however
    // well its context agrees, is a copy.
    if (prediction.mode === 'kept') {
      const own = candidate(prediction.position, predictedEnd, 1);
      if (prediction.tracked) return { ...place(own), confidence: 1 };
      const sides = this.sideAgreements(prefix, suffix, own.start, own.end);
      if (own.context === undefined || (own.context >= T.minKeptContext && sides.every((side) => side >= T.minKeptSide))) return place(own);
      return orphan(`its text is still where it was, but the text around it was replaced (context agreement ${round2(own.context)}, ${sides.map(round2).join(' / ')} by side)`);
    }
    // Without the diff: still where it was, with its context.
    if (prediction.mode === 'blind' && predictedEnd <= this.map.codePointLength && this.map.slice(prediction.position, predictedEnd) === quote) {
      const own = candidate(prediction.position, predictedEnd, 1);
      if (own.context === undefined || own.context >= T.strongContext) return place(own);
    }
    // Without the diff: where its neighbours went (the same shift), with its very context.
    // An outside edit shifts everything after it alike; this spares scoring every occurrence.
    const blindShiftable = prediction.mode === 'blind' && !anchor.orphaned && (prefix !== undefined || suffix !== undefined);
    if (blindShiftable) {
      for (const shift of this.shifts) {
        const at = anchor.start + shift;
        if (shift === 0 || at < 0 || at + quoteLength > this.map.codePointLength || this.map.slice(at, at + quoteLength) !== quote) continue;
        const shifted = candidate(at, at + quoteLength, 1);
        if ((shifted.context ?? 0) >= T.blindMoveContext) return place(shifted, 'moved as far as the annotations before it, with the same context');
      }
    }
    // Only the stored context can confirm a place the diff did not follow.
    if (prefix === undefined && suffix === undefined) {
      return orphan(prediction.mode === 'blind' ? 'the quote is not where it was, and no stored context could confirm another place'
        : 'the text at its place changed, and no stored context could confirm another place');
    }

    // (b) Exact occurrences where it may be: in the edited place, or (moved) in new text.
    const region = prediction.mode === 'local' ? prediction.region : undefined;
    const allowed = (start: number, end: number): boolean => (region
      ? start <= region.end && end >= region.start
      : prediction.mode !== 'moved' || this.isNewText(start, end));
    const starts = this.occurrences(quote);
    if (!region && starts.length > T.maxOccurrences) {
      return orphan(`the quote occurs ${starts.length} times, too often to tell the places apart`);
    }
    const exact = (region ? startsNear(starts, region.start - quoteLength, region.end) : starts)
      .filter((start) => allowed(start, start + quoteLength))
      .map((start) => candidate(start, start + quoteLength, 1));
    if (blindShiftable) this.learnShift(anchor, exact);
    const first = decide(exact, prediction);
    const settles = prediction.mode === 'blind' ? T.blindMoveContext : T.strongContext;
    if (first.winner && (first.winner.context ?? 0) >= settles) return place(first.winner, first.reason);
    // Without the diff: still exactly where it was, with most of its context, and no rival.
    if (prediction.mode === 'blind' && first.winner?.start === prediction.position && (first.winner.context ?? 0) >= T.minMoveContext) {
      return place(first.winner, first.reason);
    }

    // (c) Approximate occurrences, pooled with the exact ones.
    const fuzzyEligible = quoteLength <= T.maxFuzzyQuoteLength;
    const pool = !fuzzyEligible ? exact : exact.concat(this.approximateOccurrences(toCodeString(quote), prefix, suffix, prediction)
      .filter((match) => allowed(match.start, match.end))
      .map((match) => candidate(match.start, match.end, match.similarity)));
    const final = fuzzyEligible ? decide(pool, prediction) : first;
    const winner = final.winner;
    const context = winner?.context ?? 0;
    const needed = prediction.mode === 'blind' ? T.blindMoveContext : winner?.exact ? T.minMoveContext : T.minFuzzyContext;
    // Without the diff a changed quote is taken only where it was expected: a changed quote
    // somewhere else may as well be a similar passage as this one moved.
    const whereExpected = (c: Candidate) => c.start < prediction.position + quoteLength && c.end > prediction.position;
    if (winner && context >= needed && (winner.exact || (winner.similarity >= T.minFuzzySimilarity
      && (prediction.mode !== 'blind' || whereExpected(winner))))) {
      return place(winner, final.reason);
    }

    // (d) Orphaned.
    if (pool.length === 0) {
      const where = region ? 'at its edited place' : prediction.mode === 'moved' ? 'in the new text' : 'in the text';
      return orphan(fuzzyEligible ? `the quote no longer occurs ${where}, not even approximately`
        : `the quote no longer occurs ${where} (too long to search approximately)`);
    }
    if (!winner) return orphan(final.reason ?? 'no place is clearly better than the others');
    return orphan(winner.exact
      ? `the quote occurs only where the surrounding text differs (context agreement ${round2(context)})`
      : `the closest match "${this.map.slice(winner.start, winner.end)}" is not close enough (similarity ${round2(winner.similarity)}, context agreement ${round2(context)})`);
  }

  /**
   * Remembers how far the one occurrence with all but identical context lies from the
   * anchor's old start (even when a rival blocks it): a shift to try first for the next
   * anchors, which then still need their own identical context there.
   */
  private learnShift(anchor: Anchor, exact: readonly Candidate[]): void {
    const identical = exact.filter((c) => (c.context ?? 0) >= REANCHOR_THRESHOLDS.blindMoveContext);
    if (identical.length !== 1) return;
    const shift = identical[0]!.start - anchor.start;
    const known = this.shifts.indexOf(shift);
    if (known >= 0) this.shifts.splice(known, 1);
    this.shifts.unshift(shift);
    if (this.shifts.length > MAX_REMEMBERED_SHIFTS) this.shifts.pop();
  }

  /**
   * Whether new text [start, end) may hold an anchor whose old place was deleted or moved:
   * not if the diff shows it unchanged text that stood elsewhere in the old text already
   * (another occurrence, not this one moved).
   */
  private isNewText(start: number, end: number): boolean {
    return this.diff?.unchangedOrigin(start, end) === undefined;
  }

  /**
   * Code point starts of every occurrence of `quote`, overlapping ones included, ascending.
   * Only whole code points match: a lone surrogate never matches half of an emoji.
   */
  private occurrences(quote: string): readonly number[] {
    const cached = this.occurrenceCache.get(quote);
    if (cached) return cached;
    const text = this.newText;
    const starts: number[] = [];
    for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
      const end = at + quote.length;
      if (isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) continue;
      if (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) continue;
      starts.push(this.map.toCodePoint(at));
    }
    this.occurrenceCache.set(quote, starts);
    return starts;
  }

  private predict(anchor: Anchor, quoteLength: number, blindPosition?: number): Prediction {
    const blind = (position: number): Prediction => ({ mode: 'blind', position: blindPosition ?? position, tracked: false });
    if (!this.diff || !this.oldMap) return blind(anchor.start);
    const start = this.diff.map(anchor.start);
    // The diff speaks for the anchor only if the anchor described the old text (a stale or
    // orphaned anchor's offsets point at some older version).
    const end = anchor.start + quoteLength;
    if (!this.describesOldText(anchor)) return blind(start.position);
    const kept = start.unchanged;
    if (kept && end <= kept.end) {
      // Both sides: an unchanged stretch ending right at the quote on one side may be a
      // coincidence of the diff (a moved paragraph whose neighbour starts with the same name,
      // a rewritten sentence sharing a word). The diff followed the quote only if the old text
      // TRACKING_MARGIN code points before and after it is all unchanged, with at most
      // insertions in between that do not themselves hold the quote (which would make the
      // alignment a guess).
      const diff = this.diff;
      const sideKept = (from: number, to: number): boolean => {
        if (!diff.allUnchanged(from, to)) return false;
        const newFrom = diff.map(from).position;
        const newTo = to > from ? diff.map(to - 1).position + 1 : newFrom;
        return to - from === newTo - newFrom || !this.map.slice(newFrom, newTo).includes(anchor.text);
      };
      const reachesBefore = sideKept(Math.max(0, anchor.start - TRACKING_MARGIN), anchor.start + 1);
      const reachesAfter = sideKept(end - 1, Math.min(this.oldMap.codePointLength, end + TRACKING_MARGIN));
      return { mode: 'kept', position: start.position, tracked: reachesBefore && reachesAfter };
    }
    const last = this.diff.map(end - 1);
    const firstChange = start.oldGap ?? { start: end, end };
    const lastChange = last.oldGap ?? { start: anchor.start, end: anchor.start };
    const inPlace = start.unchanged !== undefined || last.unchanged !== undefined
      || (firstChange.start >= anchor.start - CONTEXT_LENGTH && lastChange.end <= end + CONTEXT_LENGTH);
    if (inPlace) {
      const regionStart = start.gap ? start.gap.start : start.position;
      const regionEnd = last.gap ? last.gap.end : last.position + 1;
      return { mode: 'local', position: start.position, tracked: false, region: { start: regionStart, end: Math.max(regionStart, regionEnd) } };
    }
    return { mode: 'moved', position: start.position, tracked: false, ...(start.gap ? { region: start.gap } : {}) };
  }

  /**
   * Context agreement of a place: each side's edit similarity, rescaled so that chance (what
   * unrelated text scores) is 0 and identity 1, weighted by the side's stored length.
   */
  /** The agreement of each stored side of the context on its own (as in contextAgreement). */
  private sideAgreements(prefix: ContextPattern | undefined, suffix: ContextPattern | undefined, start: number, end: number): number[] {
    return [
      ...(prefix ? [aboveChance(this.contextSimilarity(prefix, start))] : []),
      ...(suffix ? [aboveChance(this.contextSimilarity(suffix, end))] : []),
    ];
  }

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
    const region = prediction.region;
    if (prediction.mode === 'local' && region) {
      // Only at the edited place.
      windows.push([region.start - m - slack, region.end + m + slack]);
    } else {
      // Around the predicted position (and the changed stretch it fell into).
      const reach = Math.max(2 * m, 128);
      let low = Math.min(prediction.position, region?.start ?? prediction.position) - reach;
      let high = Math.max(prediction.position + m, region?.end ?? 0) + reach;
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
 * The best candidate by context agreement, if no other comes within the margin of it; among
 * such rivals, the single one exactly at the predicted position, or (moved) the single one in
 * the changed stretch the old start fell into. And unless the diff placed the old text
 * elsewhere, a place near the old one that still agrees somewhat (minKeptContext) is a rival
 * of a better one further away: the quote edited in place there, a copy of its old sentence
 * elsewhere. Otherwise no winner: never guess between plausible places.
 */
function decide(candidates: readonly Candidate[], prediction: Prediction): Decision {
  const T = REANCHOR_THRESHOLDS;
  if (candidates.length === 0) return {};
  const agreement = (c: Candidate) => c.context ?? 0;
  const best = candidates.reduce((a, b) => (agreement(b) > agreement(a) || (agreement(b) === agreement(a) && b.similarity > a.similarity) ? b : a));
  const contenders = candidates.filter((c) => agreement(best) - agreement(c) <= T.contextMargin + 1e-9);
  let winner: Candidate | undefined = best;
  let reason: string | undefined;
  if (contenders.length > 1) {
    // At the predicted position an exact occurrence beats an approximate one starting there too.
    let atPrediction = contenders.filter((c) => c.start === prediction.position);
    if (atPrediction.length > 1) atPrediction = atPrediction.filter((c) => c.exact);
    const region = prediction.region;
    const inRegion = prediction.mode === 'moved' && region && atPrediction.length === 0
      ? contenders.filter((c) => c.start >= region.start && c.start <= region.end) : [];
    winner = atPrediction.length === 1 ? atPrediction[0] : inRegion.length === 1 ? inRegion[0] : undefined;
    reason = winner ? `chosen by its position among ${contenders.length} places with equally good context`
      : `${contenders.length} places match about equally well and none is at the predicted position`;
  }
  if (!winner || prediction.mode === 'local') return { ...(winner ? { winner } : {}), reason };
  const distance = (c: Candidate) => Math.abs(c.start - prediction.position);
  const near = candidates.find((c) => c !== winner && agreement(c) >= T.minKeptContext
    && distance(c) <= T.nearOldPlace && distance(c) < distance(winner!));
  if (near) {
    return { reason: `the quote still occurs near its old place with partly changed context (agreement ${round2(agreement(near))}), and a better match further away may be a copy` };
  }
  return { winner, ...(reason !== undefined ? { reason } : {}) };
}

/** The starts in an ascending list that lie in [from, to]. */
function startsNear(starts: readonly number[], from: number, to: number): number[] {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < from) low = mid + 1;
    else high = mid;
  }
  const found: number[] = [];
  for (let i = low; i < starts.length && starts[i]! <= to; i++) found.push(starts[i]!);
  return found;
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
  private readonly oldLength: number;

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
    this.oldLength = oldMap.codePointLength;
  }

  /** Whether every old offset in [from, to) lies in an unchanged stretch (insertions may separate them). */
  allUnchanged(from: number, to: number): boolean {
    for (let at = from; at < to;) {
      const { unchanged } = this.map(at);
      if (!unchanged) return false;
      at = unchanged.end;
    }
    return true;
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

  /**
   * The new offset of an old one; `unchanged` is the old unchanged stretch holding it, if any,
   * otherwise `gap` and `oldGap` are the changed stretch holding it in the new and old text.
   */
  map(oldOffset: number): { position: number; unchanged?: Span; gap?: Span; oldGap?: Span } {
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
    const gapOldEnd = after ? after.oldStart : this.oldLength;
    return {
      position: Math.min(gapStart + (oldOffset - gapOldStart), gapEnd),
      gap: { start: gapStart, end: gapEnd },
      oldGap: { start: gapOldStart, end: gapOldEnd },
    };
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
