// Three-way merge of two versions of a sidecar that grew apart from a common one, by item id.
// Used when a sidecar is rewritten on disk while the editor holds unsaved annotation changes
// for it, and meant for a git merge driver. The contract: nothing either side made is lost,
// and a disagreement is recorded in the file for a person to settle, never decided by which
// side was written last.
//
// Rules, per item id (annotations and facts separately):
// - unchanged on one side: the other side's version (a change or a deletion) is taken;
// - changed on both sides: merged field by field; the anchor (start, end, text, prefix,
//   suffix, orphaned) counts as one field, and reviews are merged as a set (a review added on
//   either side is kept). When the same field was changed to different values on both sides,
//   that is a true conflict: `ours` keeps the id, `theirs` is kept beside it under a new id,
//   and both get a `comment` review naming the other;
// - added on both sides with the same id: kept once when equal, else both (as a conflict);
// - deleted on one side and changed on the other: the change is kept (and reported);
// - deleted on both sides, or deleted on one and unchanged on the other: gone.
// Source metadata merges field by field; a field changed both ways keeps `ours` and is
// reported (a sidecar has one title; its `sha256` is rewritten by every writer anyway).
import { FORMAT_VERSION, type Annotation, type Fact, type Review, type Sidecar, type SourceInfo } from '../model';
import { numberedVariant } from '../util';

export type Collection = 'annotations' | 'facts';

export type MergeConflictKind =
  /** The same item was changed to different values on both sides: both versions kept. */
  | 'both-changed'
  /** Both sides added a different item under the same id: both kept. */
  | 'both-added'
  /** One side deleted an item the other side changed: the changed item is kept. */
  | 'changed-and-deleted'
  /** A source field (title, url, …) changed both ways: `ours` kept. */
  | 'source';

export interface MergeConflict {
  readonly kind: MergeConflictKind;
  /** For item conflicts: where the item is. */
  readonly collection?: Collection;
  /** The item's id (for `source`, the field name). */
  readonly id: string;
  /** For `both-changed` and `both-added`: the id under which `theirs` was kept. */
  readonly theirsId?: string;
  /** The fields that were changed both ways (`anchor` stands for the span fields). */
  readonly fields?: readonly string[];
  /** For `changed-and-deleted`: which side deleted it. */
  readonly deletedBy?: 'ours' | 'theirs';
}

export interface MergeOptions {
  /** Timestamp of the review entries that record a conflict (ISO 8601); defaults to now. */
  readonly at?: string;
  /** Author of those review entries; defaults to `merge`. */
  readonly by?: string;
}

export interface SidecarMergeResult {
  readonly sidecar: Sidecar;
  /** Every disagreement found, in a stable order; empty when the merge was clean. */
  readonly conflicts: readonly MergeConflict[];
}

type Item = Annotation | Fact;

/** The span fields: merged as one unit, since a start from one side and an end from the other make no span. */
const ANCHOR_FIELDS = ['start', 'end', 'text', 'prefix', 'suffix', 'orphaned'] as const;
const ANCHOR = 'anchor';

/**
 * Merges `ours` and `theirs`, both descended from `base` (undefined when neither existed:
 * every item is then an addition). Pure; the inputs are not changed. Offsets of all three
 * must refer to the same article text: re-anchor a side first when its text differs.
 */
export function mergeSidecars(base: Sidecar | undefined, ours: Sidecar, theirs: Sidecar, options: MergeOptions = {}): SidecarMergeResult {
  const conflicts: MergeConflict[] = [];
  const record = { at: options.at ?? new Date().toISOString(), by: options.by ?? 'merge' };
  const taken = new Set([...ours.annotations, ...ours.facts, ...theirs.annotations, ...theirs.facts, ...(base?.annotations ?? []), ...(base?.facts ?? [])].map((item) => item.id));
  const annotations = mergeItems('annotations', base?.annotations ?? [], ours.annotations, theirs.annotations, taken, record, conflicts);
  const facts = mergeItems('facts', base?.facts ?? [], ours.facts, theirs.facts, taken, record, conflicts);
  const source = mergeSource(base?.source, ours.source, theirs.source, conflicts);
  const version = Math.max(ours.version, theirs.version, base?.version ?? FORMAT_VERSION);
  return { sidecar: { version, source, annotations, facts }, conflicts };
}

function mergeItems<T extends Item>(
  collection: Collection, base: readonly T[], ours: readonly T[], theirs: readonly T[],
  taken: Set<string>, record: { at: string; by: string }, conflicts: MergeConflict[],
): T[] {
  const baseById = firstById(base);
  const oursById = firstById(ours);
  const theirsById = firstById(theirs);
  const merged: T[] = [];
  const emitted = new Set<string>();
  // Our order first, then items only theirs has: the writer sorts by span anyway.
  const ids = [...new Set([...ours.map((item) => item.id), ...theirs.map((item) => item.id)])];
  for (const id of ids) {
    if (emitted.has(id)) continue;
    emitted.add(id);
    const b = baseById.get(id);
    const o = oursById.get(id);
    const t = theirsById.get(id);
    if (o && t) {
      if (same(o, t)) merged.push(o);
      else if (b && same(o, b)) merged.push(t);
      else if (b && same(t, b)) merged.push(o);
      else {
        const fieldMerge = b ? mergeFields(b, o, t) : undefined;
        if (fieldMerge && fieldMerge.conflicting.length === 0) merged.push(fieldMerge.item);
        else {
          const theirsId = freshId(id, taken);
          const kind: MergeConflictKind = b ? 'both-changed' : 'both-added';
          merged.push(withReview(o, record, `Merge conflict: this item was also changed elsewhere; the other version is ${theirsId}.`));
          merged.push(withReview({ ...t, id: theirsId }, record, `Merge conflict: another version of ${id}, kept beside it; keep one and delete the other.`));
          conflicts.push({ kind, collection, id, theirsId, ...(fieldMerge ? { fields: fieldMerge.conflicting } : {}) });
        }
      }
    } else {
      const present = (o ?? t) as T;
      if (!b) merged.push(present); // added on one side
      else if (!same(present, b)) {
        // Deleted on one side, changed on the other: the change is work, so it stays.
        merged.push(present);
        conflicts.push({ kind: 'changed-and-deleted', collection, id, deletedBy: o ? 'theirs' : 'ours' });
      }
      // else: deleted on one side, untouched on the other: gone.
    }
  }
  // A second item under an id already used on its side (a reader reports it) is not ours to
  // judge: it is kept as it is, once.
  const extras = [...ours.filter((item) => oursById.get(item.id) !== item), ...theirs.filter((item) => theirsById.get(item.id) !== item)];
  for (const extra of extras) {
    if (!merged.some((item) => same(item, extra))) merged.push(extra);
  }
  return merged;
}

/** Field-by-field merge of one item changed on both sides. */
function mergeFields<T extends Item>(base: T, ours: T, theirs: T): { item: T; conflicting: string[] } {
  const result: Record<string, unknown> = {};
  const conflicting: string[] = [];
  const oursAnchor = pick(ours, ANCHOR_FIELDS);
  const theirsAnchor = pick(theirs, ANCHOR_FIELDS);
  const anchor = pickSide(pick(base, ANCHOR_FIELDS), oursAnchor, theirsAnchor);
  if (anchor === CONFLICT) conflicting.push(ANCHOR);
  else Object.assign(result, anchor);
  const keys = new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)]);
  for (const key of keys) {
    if ((ANCHOR_FIELDS as readonly string[]).includes(key)) continue;
    const b = (base as unknown as Record<string, unknown>)[key];
    const o = (ours as unknown as Record<string, unknown>)[key];
    const t = (theirs as unknown as Record<string, unknown>)[key];
    const value = key === 'reviews'
      ? mergeReviews(b as readonly Review[] | undefined, o as readonly Review[] | undefined, t as readonly Review[] | undefined)
      : pickSide(b, o, t);
    if (value === CONFLICT) conflicting.push(key);
    else if (value !== undefined) result[key] = value;
  }
  return { item: result as unknown as T, conflicting };
}

const CONFLICT = Symbol('conflict');

/** The three-way choice for one value: whichever side changed it, or CONFLICT when both did differently. */
function pickSide<V>(base: V, ours: V, theirs: V): V | typeof CONFLICT {
  if (same(ours, theirs)) return ours;
  if (same(ours, base)) return theirs;
  if (same(theirs, base)) return ours;
  return CONFLICT;
}

/** Reviews as a set: those either side added are kept; one removed on a side (and unchanged on the other) goes. */
function mergeReviews(base: readonly Review[] = [], ours: readonly Review[] = [], theirs: readonly Review[] = []): readonly Review[] | undefined {
  const key = (review: Review) => canonical(review);
  const inBase = new Set(base.map(key));
  const inOurs = new Set(ours.map(key));
  const inTheirs = new Set(theirs.map(key));
  const kept: Review[] = [];
  const seen = new Set<string>();
  for (const review of [...ours, ...theirs]) {
    const k = key(review);
    if (seen.has(k)) continue;
    seen.add(k);
    const removedBySomeone = inBase.has(k) && (!inOurs.has(k) || !inTheirs.has(k));
    if (!removedBySomeone) kept.push(review);
  }
  // Oldest first, as the format asks; the sort is stable for equal times.
  kept.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return kept.length > 0 ? kept : undefined;
}

function mergeSource(base: SourceInfo | undefined, ours: SourceInfo, theirs: SourceInfo, conflicts: MergeConflict[]): SourceInfo {
  const result: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(base ?? {}), ...Object.keys(ours), ...Object.keys(theirs)]);
  for (const key of keys) {
    const b = (base as Record<string, unknown> | undefined)?.[key];
    const o = (ours as unknown as Record<string, unknown>)[key];
    const t = (theirs as unknown as Record<string, unknown>)[key];
    const value = pickSide(b, o, t);
    if (value === CONFLICT) {
      if (key !== 'sha256') conflicts.push({ kind: 'source', id: key });
      if (o !== undefined) result[key] = o;
    } else if (value !== undefined) result[key] = value;
  }
  return result as unknown as SourceInfo;
}

function withReview<T extends Item>(item: T, record: { at: string; by: string }, comment: string): T {
  const review: Review = { by: record.by, verdict: 'comment', at: record.at, comment };
  return { ...item, reviews: [...(item.reviews ?? []), review] };
}

/** `a1` → `a1-conflict`, then `a1-conflict-2`, …: the first not used anywhere in the merge. */
function freshId(id: string, taken: Set<string>): string {
  const conflictId = `${id}-conflict`;
  const candidate = taken.has(conflictId) ? numberedVariant(conflictId, taken) : conflictId;
  taken.add(candidate);
  return candidate;
}

function firstById<T extends Item>(items: readonly T[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return byId;
}

function pick(item: Item, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (item as unknown as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

/** JSON with sorted keys and no undefined members: equal data, equal string. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => (member && typeof member === 'object' && !Array.isArray(member)
    ? Object.fromEntries(Object.entries(member).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : member)) ?? 'undefined';
}

function same(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b);
}
