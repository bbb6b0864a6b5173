// What a selection annotates: the selected text without the white space at its edges
// (double-click selects a trailing space, a drag often takes the line break). Only white
// space is trimmed, never punctuation: "U.S." and "(AP)" keep their dots and brackets.
import type { OffsetMap } from '../text';
import type { Span } from '../anchoring';

// The set String.prototype.trim removes: Unicode white space, line terminators and U+FEFF.
const WHITE_SPACE = /^\s$/u;
const COMBINING_MARK = /^\p{M}$/u;

/**
 * The span [start, end) (code points of the map's text) without leading and trailing white
 * space. A white space character that carries a combining mark stays, so the mark is never
 * split from its base; a selection of nothing but white space is returned as it is.
 */
export function trimSpan(map: OffsetMap, start: number, end: number): Span {
  const points = [...map.slice(start, end)];
  let from = 0;
  let to = points.length;
  while (from < to && WHITE_SPACE.test(points[from]!) && !COMBINING_MARK.test(points[from + 1] ?? '')) from++;
  while (to > from && WHITE_SPACE.test(points[to - 1]!)) to--;
  return from === to ? { start, end } : { start: start + from, end: start + to };
}
