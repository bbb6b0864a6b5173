// Choosing among candidate places: the best by context agreement, only when nothing else is
// plausible.
import type { Span } from './spans';
import { REANCHOR_THRESHOLDS } from './strategy';
import { firstIndexAtLeast } from '../util';

export interface Candidate {
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
export type PredictionMode = 'kept' | 'local' | 'moved' | 'blind';

export interface Prediction {
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

export interface Decision {
  readonly winner?: Candidate;
  /** Set when there is no winner among candidates, or when position broke a tie. */
  readonly reason?: string;
}

export function round2(value: number): number {
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
export function decide(candidates: readonly Candidate[], prediction: Prediction): Decision {
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
export function startsNear(starts: readonly number[], from: number, to: number): number[] {
  const found: number[] = [];
  for (let i = firstIndexAtLeast(starts, from); i < starts.length && starts[i]! <= to; i++) found.push(starts[i]!);
  return found;
}
