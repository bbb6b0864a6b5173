// The diff of an old and a new text as a map of positions: which stretches stayed unchanged,
// and where an old offset is now.
import { isHighSurrogate, isLowSurrogate, type OffsetMap } from '../text';
import type { Span } from './spans';
import { firstIndexWhere } from '../util';

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
export class PositionMap {
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
    const segment = segments[firstIndexWhere(segments.length, (index) => segments[index]!.newStart > start) - 1];
    if (!segment || end > segment.newStart + segment.length) return undefined;
    return segment.oldStart + start - segment.newStart;
  }

  /**
   * The new offset of an old one; `unchanged` is the old unchanged stretch holding it, if any,
   * otherwise `gap` and `oldGap` are the changed stretch holding it in the new and old text.
   */
  map(oldOffset: number): { position: number; unchanged?: Span; gap?: Span; oldGap?: Span } {
    const segments = this.segments;
    const low = firstIndexWhere(segments.length, (index) => segments[index]!.oldStart > oldOffset);
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

// The surrogate tests live with the one code point decoder; re-exported for the reanchorer.
export { isHighSurrogate, isLowSurrogate };

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
