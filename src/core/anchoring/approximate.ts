// Approximate matching of quotes: code point strings with a folded form (case, separators and
// curly quotes cost half an edit: foldForQuotes in src/core/text/folding.ts), and Sellers' approximate substring search.
import { codePointsOf, foldForQuotes } from '../text';

/** A string as code points, plus the folded form used for cheap substitutions. */
export interface CodeString {
  readonly codes: Int32Array;
  readonly folded: Int32Array;
}

/** Every alignment cell costs at most this much; substitutions of equal folded characters half. */
export const EDIT_COST = 2;

function substitutionCost(a: number, foldedA: number, b: number, foldedB: number): number {
  return a === b ? 0 : foldedA === foldedB ? EDIT_COST / 2 : EDIT_COST;
}

export function toCodeString(text: string): CodeString {
  const codes = codePointsOf(text);
  const folded = new Int32Array(codes.length);
  for (let at = 0; at < codes.length; at++) folded[at] = foldForQuotes(codes[at]!);
  return { codes, folded };
}

export { firstCodePoints, lastCodePoints } from '../text';

export function mergeWindows(windows: readonly [number, number][], length: number): [number, number][] {
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

export interface ApproximateMatch {
  readonly start: number;
  readonly end: number;
  readonly cost: number;
}

/**
 * Sellers' algorithm: places in text[from, to) where the pattern matches with cost <= maxCost,
 * the match may start anywhere. Each column tracks where its best alignment started. Of
 * overlapping matches only the cheapest is kept (ties: the length nearest the pattern's).
 */
export function approximateMatches(pattern: CodeString, text: CodeString, from: number, to: number, maxCost: number): ApproximateMatch[] {
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
