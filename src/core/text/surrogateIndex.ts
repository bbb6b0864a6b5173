// Where the surrogate pairs of a text being edited are, kept up to date from each edit instead
// of scanning the text again: what converts VS Code's UTF-16 offsets to code points while a
// person types in a long article. The work per edit is a binary search, the units next to the
// edit and the pairs between this edit and the previous one (the offsets of everything after
// an edit move by a lazy delta), never the whole text.

/** One change of a text, in UTF-16 units of the text before it (VS Code's contentChanges). */
import { includesSorted } from '../util';
export interface Utf16Change {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

const enum Unit { Other, High, Low }

function unitOf(code: number): Unit {
  return code >= 0xd800 && code <= 0xdbff ? Unit.High : code >= 0xdc00 && code <= 0xdfff ? Unit.Low : Unit.Other;
}

/**
 * The UTF-16 offsets of every surrogate pair (its high half) of a text, and of every lone
 * surrogate, which an edit next to it can pair up. Mutable: one per live document.
 */
export class SurrogateIndex {
  /** Pair starts, ascending; entries from `pivot` on are `pending` units short of the truth. */
  private pairs: Int32Array;
  private count = 0;
  private pivot = 0;
  private pending = 0;
  /** Lone high and low surrogates (rare: broken text), true offsets, ascending. */
  private loneHigh: number[] = [];
  private loneLow: number[] = [];
  private length = 0;

  private constructor(capacity: number) {
    this.pairs = new Int32Array(Math.max(16, capacity));
  }

  static of(text: string): SurrogateIndex {
    const starts: number[] = [];
    const index = new SurrogateIndex(0);
    for (let i = 0; i < text.length; i++) {
      const unit = unitOf(text.charCodeAt(i));
      if (unit === Unit.High && i + 1 < text.length && unitOf(text.charCodeAt(i + 1)) === Unit.Low) starts.push(i++);
      else if (unit === Unit.High) index.loneHigh.push(i);
      else if (unit === Unit.Low) index.loneLow.push(i);
    }
    index.pairs = new Int32Array(Math.max(16, starts.length + (starts.length >> 2)));
    index.pairs.set(starts);
    index.count = starts.length;
    index.pivot = starts.length;
    index.length = text.length;
    return index;
  }

  /** The text length in UTF-16 units. */
  get utf16Length(): number {
    return this.length;
  }

  /** The text length in code points (a lone surrogate counts as one). */
  get codePointLength(): number {
    return this.length - this.count;
  }

  /** The pair starts, ascending (a copy). */
  pairStarts(): Int32Array {
    const copy = this.pairs.slice(0, this.count);
    for (let i = this.pivot; i < this.count; i++) copy[i]! += this.pending;
    return copy;
  }

  /** UTF-16 offset of a code point offset; clamps to the text. */
  toUtf16(codePoint: number): number {
    if (codePoint <= 0) return 0;
    if (codePoint >= this.codePointLength) return this.length;
    // The k-th pair (0-based) starts at code point at(k) - k.
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.at(mid) - mid < codePoint) low = mid + 1;
      else high = mid;
    }
    return codePoint + low;
  }

  /** Code point offset of a UTF-16 offset; one between the halves of a pair rounds down. */
  toCodePoint(utf16: number): number {
    if (utf16 <= 0) return 0;
    if (utf16 >= this.length) return this.codePointLength;
    return utf16 - this.firstAtOrAfter(utf16);
  }

  /**
   * Applies the changes of one editor event: non-overlapping, each relative to the text before
   * the event (as VS Code reports them), so they are applied from the highest offset down.
   */
  applyChanges(changes: readonly Utf16Change[]): void {
    const descending = changes.length < 2 ? changes : [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset || b.rangeLength - a.rangeLength);
    for (const change of descending) this.applyChange(change);
  }

  /** Replaces [rangeOffset, rangeOffset + rangeLength) by `text`. */
  applyChange(change: Utf16Change): void {
    const start = Math.max(0, Math.min(change.rangeOffset, this.length));
    const end = Math.max(start, Math.min(change.rangeOffset + change.rangeLength, this.length));
    const inserted = change.text;
    const delta = inserted.length - (end - start);
    // Only a high surrogate just before the edit and a low one just after it can pair anew
    // (a low half's partner is before it, a high half's after it, both outside the edit).
    const highBefore = start > 0 && this.unitAt(start - 1) === Unit.High;
    const lowAfter = end < this.length && this.unitAt(end) === Unit.Low;
    const from = highBefore ? start - 1 : start;
    const to = lowAfter ? end + 1 : end;
    // Pairs starting in [start - 1, end) have a half in or next to the edit: found again below.
    const first = this.firstAtOrAfter(start - 1);
    const last = this.firstAtOrAfter(end);
    const found: number[] = [];
    const foundHigh: number[] = [];
    const foundLow: number[] = [];
    const units = to - from - (end - start) + inserted.length;
    const unitAtWindow = (k: number): Unit => {
      if (highBefore && k === 0) return Unit.High;
      if (lowAfter && k === units - 1) return Unit.Low;
      return unitOf(inserted.charCodeAt(k - (highBefore ? 1 : 0)));
    };
    for (let k = 0; k < units; k++) {
      const unit = unitAtWindow(k);
      if (unit === Unit.High && k + 1 < units && unitAtWindow(k + 1) === Unit.Low) found.push(from + k++);
      else if (unit === Unit.High) foundHigh.push(from + k);
      else if (unit === Unit.Low) foundLow.push(from + k);
    }
    this.replacePairs(first, last, found, delta);
    this.loneHigh = replaceSorted(this.loneHigh, from, to, foundHigh, delta);
    this.loneLow = replaceSorted(this.loneLow, from, to, foundLow, delta);
    this.length += delta;
  }

  private at(i: number): number {
    return this.pairs[i]! + (i >= this.pivot ? this.pending : 0);
  }

  /** Index of the first pair starting at or after `utf16`. */
  private firstAtOrAfter(utf16: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.at(mid) < utf16) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private unitAt(utf16: number): Unit {
    const i = this.firstAtOrAfter(utf16 - 1);
    if (i < this.count) {
      const pair = this.at(i);
      if (pair === utf16) return Unit.High;
      if (pair === utf16 - 1) return Unit.Low;
    }
    if (includesSorted(this.loneHigh, utf16)) return Unit.High;
    if (includesSorted(this.loneLow, utf16)) return Unit.Low;
    return Unit.Other;
  }

  /** Pairs [first, last) become `found` (true offsets); the ones after move by `delta`. */
  private replacePairs(first: number, last: number, found: readonly number[], delta: number): void {
    // Make every entry from `last` on carry the pending delta, and none before it.
    if (this.pivot < last) for (let i = this.pivot; i < last; i++) this.pairs[i]! += this.pending;
    else for (let i = last; i < this.pivot; i++) this.pairs[i]! -= this.pending;
    this.pivot = last;
    const grow = found.length - (last - first);
    if (grow !== 0) {
      if (this.count + grow > this.pairs.length) {
        const larger = new Int32Array(Math.max(16, (this.count + grow) * 2));
        larger.set(this.pairs.subarray(0, this.count));
        this.pairs = larger;
      }
      this.pairs.copyWithin(last + grow, last, this.count);
      this.count += grow;
    }
    for (let k = 0; k < found.length; k++) this.pairs[first + k] = found[k]!;
    this.pivot = first + found.length;
    this.pending += delta;
  }
}


/** `values` without those in [from, to), with `found` in their place and the later ones moved by `delta`. */
function replaceSorted(values: number[], from: number, to: number, found: readonly number[], delta: number): number[] {
  if (values.length === 0 && found.length === 0) return values;
  return [...values.filter((v) => v < from), ...found, ...values.filter((v) => v >= to).map((v) => v + delta)];
}
