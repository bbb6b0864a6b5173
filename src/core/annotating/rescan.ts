// Scan results (suggested mentions, dates) of a text brought up to date after edits by scanning
// again only around what changed: the results elsewhere move with the text. What the scan
// finds depends on a little context (word boundaries, the longest alias, overlapping aliases),
// so the region scanned again is each changed region widened by a margin on both sides, and
// only the new results near the change are kept: with a margin longer than any match (and any
// chain of overlapping matches) this gives what a scan of the whole text gives.
import type { SpanEdit } from '../anchoring';
import { firstIndexAtLeast } from '../util';

export interface ScanSpan {
  readonly start: number;
  readonly end: number;
}

export interface RescanOptions<T extends ScanSpan> {
  /** Code points of context on each side of a change (longer than any match). */
  readonly margin: number;
  /** The text's length now, in code points. */
  readonly length: number;
  /** Scans [from, to) of the text now (code points) and gives what it finds there, offsets in the whole text. */
  scan(from: number, to: number): T[];
  /** A result moved to [start, end) (same length). */
  moved(result: T, start: number, end: number): T;
}

/**
 * The results of a scan of the text now, from `previous` (sorted by start, of the text before
 * `events`) and the events of edits since (each event's edits relative to the text before it,
 * as LiveSidecars records them). Sorted by start, like a scan of the whole text.
 */
export function rescanAfterEdits<T extends ScanSpan>(previous: readonly T[], events: readonly (readonly SpanEdit[])[], options: RescanOptions<T>): T[] {
  if (events.every((edits) => edits.length === 0)) return [...previous];
  const count = previous.length;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  for (let i = 0; i < count; i++) { starts[i] = previous[i]!.start; ends[i] = previous[i]!.end; }
  const kept = new Uint8Array(count).fill(1);
  let changed: ScanSpan[] = [];
  for (const edits of events) {
    for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
      const delta = edit.insertedLength - (edit.end - edit.start);
      // Results touching the edit are found again; the ones after it move. (Results are
      // sorted by start and no longer than the margin: the search may start a margin back.)
      for (let i = firstIndexAtLeast(starts, edit.start - options.margin); i < count; i++) {
        if (!kept[i] || ends[i]! < edit.start) continue;
        if (starts[i]! > edit.end) { starts[i]! += delta; ends[i]! += delta; }
        else {
          kept[i] = 0;
          // Parked where the edit starts, so the starts stay sorted for the next search.
          if (starts[i]! > edit.start) starts[i] = edit.start;
        }
      }
      changed = changedAfter(changed, edit, delta);
    }
  }
  // Each changed region with its margin is scanned again (with a margin more of context);
  // results elsewhere are kept, and the two, both sorted by start, are merged.
  const windows = merged(changed.map((r) => ({ start: Math.max(0, r.start - options.margin), end: Math.min(options.length, r.end + options.margin) })));
  const result: T[] = [];
  let i = 0;
  const keepOldBefore = (limit: number, window: ScanSpan | undefined): void => {
    for (; i < count && starts[i]! < limit; i++) {
      if (!kept[i] || (window && starts[i]! <= window.end && ends[i]! >= window.start)) continue;
      const old = previous[i]!;
      result.push(starts[i] === old.start ? old : options.moved(old, starts[i]!, ends[i]!));
    }
  };
  for (const window of windows) {
    const found = options.scan(Math.max(0, window.start - options.margin), Math.min(options.length, window.end + options.margin))
      .filter((item) => item.start <= window.end && item.end >= window.start);
    for (const item of found) {
      keepOldBefore(item.start, window);
      result.push(item);
    }
    keepOldBefore(window.end + 1, window);
  }
  keepOldBefore(Infinity, undefined);
  return result;
}


/** The changed regions after one more edit: moved, widened by it, and the edit's own text. */
function changedAfter(regions: readonly ScanSpan[], edit: SpanEdit, delta: number): ScanSpan[] {
  const own = { start: edit.start, end: edit.start + edit.insertedLength };
  const next: ScanSpan[] = [];
  let merged = own;
  for (const region of regions) {
    if (region.end < edit.start) next.push(region);
    else if (region.start > edit.end) next.push({ start: region.start + delta, end: region.end + delta });
    else {
      merged = {
        start: Math.min(merged.start, region.start),
        end: Math.max(merged.end, region.end >= edit.end ? region.end + delta : own.end),
      };
    }
  }
  next.push(merged);
  return next.sort((a, b) => a.start - b.start);
}

function merged(regions: readonly ScanSpan[]): ScanSpan[] {
  const sorted = [...regions].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const region of sorted) {
    const last = out[out.length - 1];
    if (last && region.start <= last.end) last.end = Math.max(last.end, region.end);
    else out.push({ start: region.start, end: region.end });
  }
  return out;
}
