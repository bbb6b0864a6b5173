// The re-anchoring engine (strategy and thresholds: strategy.ts): one new text, optionally the
// old one, many anchors.
import { codePointLength, OffsetMap } from '../text';
import { CONTEXT_LENGTH, type Anchor } from '../model';
import {
  approximateMatches, EDIT_COST, firstCodePoints, lastCodePoints, mergeWindows, toCodeString, type CodeString,
} from './approximate';
import { decide, round2, startsNear, type Candidate, type Prediction } from './decide';
import { isHighSurrogate, isLowSurrogate, PositionMap } from './positionMap';
import { REANCHOR_THRESHOLDS, type ReanchorResult } from './strategy';

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
