// The spans of one sidecar while its article is edited, kept so a keystroke costs what the
// edit touches, not what the article holds: placed items sorted by start in typed arrays, a
// binary search for the edit, shiftSpan (the one rule, src/core/anchoring/spans.ts) for the
// items that can overlap it, and a lazy delta for every item after it. The sidecar with the
// moved offsets is built only when someone asks for it, once per change.
import { isPossibleSpan, shiftSpan, shiftSpans, type Span, type SpanEdit } from '../anchoring';
import type { Annotation, Fact, Sidecar } from '../model';

type Item = Annotation | Fact;

/** An item at its current offsets (code points in the text as it is now). */
export interface PlacedItem {
  readonly item: Item;
  readonly kind: 'annotation' | 'fact';
  readonly start: number;
  readonly end: number;
}

export class LiveSpans {
  /** Entries sorted by start; entries from `pivot` on are `pending` code points short. */
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** The item of each entry: k < annotations.length is annotation k, else fact k - that. */
  private readonly itemOf: Int32Array;
  /** Entries whose item an edit orphaned (kept in place at the edit's start, ignored). */
  private readonly orphanedEntry: Uint8Array;
  private pivot: number;
  private pending = 0;
  /** At least the length of the longest live span: how far back an edit can reach. */
  private maxLength = 0;
  /** Items with offsets that did not fit the text (left alone while they do not), shifted one by one. */
  private readonly unfit: { index: number; span: Span; orphaned: boolean }[] = [];
  /** Where each orphaned entry was when the edit removed its text (what the sidecar keeps). */
  private readonly orphanedAt = new Map<number, Span>();
  private built: Sidecar | undefined;

  private constructor(private readonly base: Sidecar, lengthBefore: number) {
    const items = [...base.annotations, ...base.facts];
    const placed: number[] = [];
    items.forEach((item, index) => {
      if (item.orphaned || !isPossibleSpan(item)) return;
      if (item.end <= lengthBefore) placed.push(index);
      else this.unfit.push({ index, span: { start: item.start, end: item.end }, orphaned: false });
    });
    placed.sort((a, b) => items[a]!.start - items[b]!.start);
    this.starts = new Float64Array(placed.length);
    this.ends = new Float64Array(placed.length);
    this.itemOf = Int32Array.from(placed);
    this.orphanedEntry = new Uint8Array(placed.length);
    placed.forEach((index, entry) => {
      const item = items[index]!;
      this.starts[entry] = item.start;
      this.ends[entry] = item.end;
      this.maxLength = Math.max(this.maxLength, item.end - item.start);
    });
    this.pivot = placed.length;
    this.built = base;
  }

  /** The spans of `sidecar`, whose article has `length` code points now. */
  static of(sidecar: Sidecar, length: number): LiveSpans {
    return new LiveSpans(sidecar, length);
  }

  /**
   * Applies the edits of one editor event (each relative to the text before it, which had
   * `lengthBefore` code points): the same result as shiftSidecar, item for item. True when
   * an item changed other than by moving with the text before it (cut into, grown, orphaned).
   */
  applyEdits(edits: readonly SpanEdit[], lengthBefore: number): boolean {
    if (edits.length === 0) return false;
    this.built = undefined;
    let reshaped = false;
    for (const entry of this.unfit) {
      if (entry.orphaned || entry.span.end > lengthBefore) continue;
      const moved = shiftSpans(entry.span, edits);
      if (moved) entry.span = moved;
      else entry.orphaned = true;
      reshaped = true;
    }
    // From the highest offset down, so no edit moves the offsets of one still to come.
    const descending = edits.length < 2 ? edits : [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
    // An item orphaned by one edit of an event keeps its offsets from before the event.
    const before = edits.length > 1 ? new Map<number, Span>() : undefined;
    for (const edit of descending) if (this.applyEdit(edit, before)) reshaped = true;
    return reshaped;
  }

  /** The sidecar with every item at its current offsets (built once per change). */
  sidecar(): Sidecar {
    if (this.built) return this.built;
    const annotationCount = this.base.annotations.length;
    const annotations = [...this.base.annotations];
    const facts = [...this.base.facts];
    const put = (index: number, update: (item: Item) => Item): void => {
      if (index < annotationCount) annotations[index] = update(annotations[index]!) as Annotation;
      else facts[index - annotationCount] = update(facts[index - annotationCount]!) as Fact;
    };
    for (let entry = 0; entry < this.itemOf.length; entry++) {
      const orphaned = this.orphanedAt.get(entry);
      const start = orphaned?.start ?? this.at(this.starts, entry);
      const end = orphaned?.end ?? this.at(this.ends, entry);
      put(this.itemOf[entry]!, (item) => placedAt(item, start, end, orphaned !== undefined));
    }
    for (const { index, span, orphaned } of this.unfit) put(index, (item) => placedAt(item, span.start, span.end, orphaned));
    this.built = { ...this.base, annotations, facts };
    return this.built;
  }

  /**
   * The placed items that overlap or touch [start, end] now, ascending by start (then in
   * sidecar order): what an editor shows of its visible lines, without building the sidecar.
   */
  itemsIn(start: number, end: number): PlacedItem[] {
    const found: PlacedItem[] = [];
    const annotationCount = this.base.annotations.length;
    const itemAt = (index: number): PlacedItem['item'] => (index < annotationCount ? this.base.annotations[index] : this.base.facts[index - annotationCount])!;
    const kindOf = (index: number): PlacedItem['kind'] => (index < annotationCount ? 'annotation' : 'fact');
    const last = this.firstStartAtOrAfter(end + 1);
    for (let entry = this.firstStartAtOrAfter(start - this.maxLength); entry < last; entry++) {
      if (this.orphanedEntry[entry] === 1) continue;
      const itemEnd = this.at(this.ends, entry);
      if (itemEnd < start) continue;
      const index = this.itemOf[entry]!;
      found.push({ item: itemAt(index), kind: kindOf(index), start: this.at(this.starts, entry), end: itemEnd });
    }
    for (const { index, span, orphaned } of this.unfit) {
      if (!orphaned && span.start <= end && span.end >= start) found.push({ item: itemAt(index), kind: kindOf(index), start: span.start, end: span.end });
    }
    return found;
  }

  /** Whether a placed annotation overlaps [start, end) (the suggestion filter's rule), without allocating. */
  overlapsAnnotation(start: number, end: number): boolean {
    const annotationCount = this.base.annotations.length;
    const last = this.firstStartAtOrAfter(end);
    for (let entry = this.firstStartAtOrAfter(start - this.maxLength); entry < last; entry++) {
      if (this.orphanedEntry[entry] === 1 || this.itemOf[entry]! >= annotationCount) continue;
      if (this.at(this.ends, entry) > start) return true;
    }
    return this.unfit.some(({ index, span, orphaned }) => !orphaned && index < annotationCount && span.start < end && span.end > start);
  }

  private at(values: Float64Array, entry: number): number {
    return values[entry]! + (entry >= this.pivot ? this.pending : 0);
  }

  private firstStartAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.at(this.starts, mid) < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** True when an item the edit touched changed (not just moved by the tail's delta). */
  private applyEdit(edit: SpanEdit, before: Map<number, Span> | undefined): boolean {
    let reshaped = false;
    const delta = edit.insertedLength - (edit.end - edit.start);
    // Every item starting at or after the edit's end just moves (shiftSpan: typing at a
    // start goes before the item): those are the tail, moved by the lazy delta. Only items
    // starting before the edit's end and ending after its start can change otherwise.
    const tail = this.firstStartAtOrAfter(edit.end);
    this.settleBefore(tail);
    // Entries stay sorted: an orphan is parked at the edit's start, or after the items before
    // it that moved right after the inserted text (which follow the edit's start).
    let parking = edit.start;
    for (let entry = this.firstStartAtOrAfter(edit.start - this.maxLength); entry < tail; entry++) {
      const start = this.starts[entry]!;
      const end = this.ends[entry]!;
      if (this.orphanedEntry[entry] === 1) {
        if (start >= edit.start) this.starts[entry] = this.ends[entry] = parking;
        continue;
      }
      if (end < edit.start || (end === edit.start && start < end)) continue;
      const moved = shiftSpan({ start, end }, edit);
      if (!moved) {
        this.orphanedEntry[entry] = 1;
        this.orphanedAt.set(entry, before?.get(entry) ?? { start, end });
        reshaped = true;
        this.starts[entry] = this.ends[entry] = parking;
        continue;
      }
      if (moved.start === start && moved.end === end) continue;
      reshaped = true;
      if (before && !before.has(entry)) before.set(entry, { start, end });
      this.starts[entry] = moved.start;
      this.ends[entry] = moved.end;
      parking = Math.max(parking, moved.start);
      this.maxLength = Math.max(this.maxLength, moved.end - moved.start);
    }
    this.pending += delta;
    return reshaped;
  }

  /** Makes entries before `entry` hold their true offsets and the ones from it on carry the delta. */
  private settleBefore(entry: number): void {
    if (this.pivot < entry) {
      for (let k = this.pivot; k < entry; k++) { this.starts[k]! += this.pending; this.ends[k]! += this.pending; }
    } else {
      for (let k = entry; k < this.pivot; k++) { this.starts[k]! -= this.pending; this.ends[k]! -= this.pending; }
    }
    this.pivot = entry;
  }
}

/** The item at [start, end), the same object when nothing changed. */
function placedAt(item: Item, start: number, end: number, orphaned: boolean): Item {
  if (item.start === start && item.end === end) return orphaned ? { ...item, orphaned: true } : item;
  return { ...item, start, end, ...(orphaned ? { orphaned: true } : {}) };
}

/**
 * The live sidecar of one article: the one last set, moved by the edits typed since. Typing
 * moves spans in a LiveSpans (work per edit, not per article); the sidecar with the moved
 * offsets is built when someone reads it.
 */
export class LiveSidecar {
  private value: Sidecar | undefined;
  private spans: LiveSpans | undefined;
  private shape = 0;

  get shapeVersion(): number {
    return this.shape;
  }

  get(): Sidecar | undefined {
    return this.spans ? this.spans.sidecar() : this.value;
  }

  set(sidecar: Sidecar | undefined): void {
    this.value = sidecar;
    this.spans = undefined;
    this.shape++;
  }

  /** Moves the spans with one editor event; false when there is no sidecar to move. */
  shift(edits: readonly SpanEdit[], lengthBefore: number): boolean {
    if (!this.value || edits.length === 0) return false;
    this.spans ??= LiveSpans.of(this.value, lengthBefore);
    if (this.spans.applyEdits(edits, lengthBefore)) this.shape++;
    return true;
  }

  overlapsAnnotation(start: number, end: number): boolean {
    if (this.spans) return this.spans.overlapsAnnotation(start, end);
    return this.itemsIn(start, end).some((p) => p.kind === 'annotation' && p.start < end && p.end > start);
  }

  itemsIn(start: number, end: number): PlacedItem[] {
    if (this.spans) return this.spans.itemsIn(start, end);
    if (!this.value) return [];
    return [...this.value.annotations.map((item) => ({ item, kind: 'annotation' as const })), ...this.value.facts.map((item) => ({ item, kind: 'fact' as const }))]
      .filter(({ item }) => !item.orphaned && item.start <= end && item.end >= start)
      .map(({ item, kind }) => ({ item, kind, start: item.start, end: item.end }))
      .sort((a, b) => a.start - b.start);
  }
}
