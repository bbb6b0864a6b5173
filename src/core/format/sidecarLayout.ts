// The contract layout of a sidecar, shared by the two ways of writing one (sidecarWriter.ts
// edits through the `yaml` document, sidecarSplice.ts splices the lines of our own layout):
// canonical key orders, new lines in a file's style, and where list items go.
import type { Annotation, Fact, Sidecar } from '../model';
import { isScalarValue, scalarText } from './yamlScalars';

/** Canonical key orders, used for new files and to place keys added to existing items. */
export const TOP_LEVEL_ORDER = ['version', 'source', 'annotations', 'facts'] as const;
export const SOURCE_ORDER = ['file', 'sha256', 'title', 'outlet', 'published', 'url', 'language'] as const;
export const ANNOTATION_ORDER = [
  'id', 'label', 'start', 'end', 'text', 'prefix', 'suffix', 'entity',
  'author', 'created', 'status', 'orphaned', 'note', 'reviews',
] as const;
export const FACT_ORDER = [
  'id', 'subject', 'property', 'value', 'start', 'end', 'text', 'prefix', 'suffix',
  'author', 'created', 'status', 'orphaned', 'note', 'reviews',
] as const;
export const REVIEW_ORDER = ['by', 'verdict', 'at', 'comment'] as const;

/** Sorting rule of the contract: by start, then end, then id. */
export function compareAnchored(a: { start: number; end: number; id: string }, b: { start: number; end: number; id: string }): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---- rendering new lines in the file's style -----------------------------------------------

export interface Style {
  readonly eol: string;
  /** Indentation step of nested maps. */
  readonly unit: number;
  /** Columns from a key to the `-` of its block list (0: `key:\n- item`). */
  readonly seqOffset: number;
  /** Columns from `-` to the item's keys. */
  readonly dashToKey: number;
}

export const pad = (n: number) => ' '.repeat(Math.max(0, n));

/** Lines of `key: value` with the key at `column`. */
export function pairLines(key: string, value: unknown, column: number, style: Style): string[] {
  if (isScalarValue(value)) return [`${pad(column)}${key}: ${scalarText(key, value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad(column)}${key}: []`];
    if (value.every(isScalarValue)) return [`${pad(column)}${key}: [${value.map((v) => scalarText('', v, undefined, true)).join(', ')}]`];
    const lines = [`${pad(column)}${key}:`];
    for (const entry of value) {
      const order = key === 'reviews' ? REVIEW_ORDER : Object.keys(entry as object);
      lines.push(...itemLines(entry as Record<string, unknown>, order, column + style.seqOffset, style));
    }
    return lines;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return [`${pad(column)}${key}: {}`];
  return [`${pad(column)}${key}:`, ...entries.flatMap(([k, v]) => pairLines(k, v, column + style.unit, style))];
}

/** A block list entry: `- first: …` at `dashColumn`, the other keys under the first. */
export function itemLines(data: Record<string, unknown>, order: readonly string[], dashColumn: number, style: Style): string[] {
  const keyColumn = dashColumn + style.dashToKey;
  const lines = order.filter((key) => data[key] !== undefined).flatMap((key) => pairLines(key, data[key], keyColumn, style));
  if (lines[0] !== undefined) lines[0] = `${pad(dashColumn)}-${pad(style.dashToKey - 1)}${lines[0].slice(keyColumn)}`;
  return lines;
}

/** A mapping on one line, `{id: a1, label: PER}`, values quoted for a flow context. */
export function flowText(data: Record<string, unknown>, order: readonly string[], padding: boolean): string {
  const value = (key: string, v: unknown): string => {
    if (isScalarValue(v)) return scalarText(key, v, undefined, true);
    if (Array.isArray(v)) return `[${v.map((entry) => value('', entry)).join(', ')}]`;
    const record = v as Record<string, unknown>;
    return flowText(record, key === 'reviews' || key === '' ? REVIEW_ORDER.filter((k) => k in record) : Object.keys(record), padding);
  };
  const body = order.filter((key) => data[key] !== undefined).map((key) => `${key}: ${value(key, data[key])}`).join(', ');
  return padding ? `{ ${body} }` : `{${body}}`;
}

export const DEFAULT_STYLE: Style = { eol: '\n', unit: 2, seqOffset: 2, dashToKey: 2 };

/** A new sidecar in the contract layout. */
export function renderNewSidecar(next: Sidecar, style: Style = DEFAULT_STYLE): string {
  const source = sourceData(next);
  const parts = [
    [`version: ${next.version}`],
    Object.keys(source).length > 0 ? pairLines('source', source, 0, style) : [],
    listLines('annotations', next.annotations, ANNOTATION_ORDER, 0, style, true),
    listLines('facts', next.facts, FACT_ORDER, 0, style, false),
  ];
  return parts.map((lines) => lines.map((line) => line + style.eol).join('')).join('');
}

export function listLines(key: string, items: readonly Item[], order: readonly string[], column: number, style: Style, keepWhenEmpty: boolean): string[] {
  if (items.length === 0) return keepWhenEmpty ? [`${pad(column)}${key}: []`] : [];
  return [`${pad(column)}${key}:`, ...[...items].sort(compareAnchored).flatMap((item) => itemLines(asRecord(item), order, column + style.seqOffset, style))];
}

/** The source fields to write: a missing file name is left out, not written as `file: ""`. */
export function sourceData(next: Sidecar): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of SOURCE_ORDER) {
    const value = (next.source as unknown as Record<string, unknown>)[key];
    if (value !== undefined && !(key === 'file' && value === '')) data[key] = value;
  }
  return data;
}

export type Item = Annotation | Fact;
export const asRecord = (item: unknown) => item as Record<string, unknown>;

// ---- editing a text -----------------------------------------------------------------

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error(`internal: overlapping sidecar edits at ${edit.start}`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)))
    : inner));
}

export function sameItems(a: readonly Item[], b: readonly Item[]): boolean {
  return canonicalJson([...a].sort(compareAnchored)) === canonicalJson([...b].sort(compareAnchored));
}

/** Whether two sidecars hold the same data, whatever the order of their items. */
export function sameSidecarData(a: Sidecar, b: Sidecar): boolean {
  if (a === b) return true;
  const rest = (sidecar: Sidecar) => canonicalJson({ ...sidecar, annotations: undefined, facts: undefined });
  return rest(a) === rest(b) && sameItemData(a.annotations, b.annotations) && sameItemData(a.facts, b.facts);
}

/**
 * Whether two lists hold the same items in any order. Matched by id, an item the change left
 * alone (the same object) costs nothing, so a check of 20,000 items after one change is cheap.
 */
function sameItemData(all: readonly Item[], other: readonly Item[]): boolean {
  if (all.length !== other.length) return false;
  // The same object at the same place is the same item: only the rest is compared.
  const a: Item[] = [];
  const b: Item[] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i] === other[i]) continue;
    a.push(all[i]!);
    b.push(other[i]!);
  }
  if (a.length === 0) return true;
  const byId = new Map(a.map((item) => [item.id, item]));
  if (byId.size !== a.length) return sameItems(a, b); // repeated ids: compare the sorted lists
  for (const item of b) {
    const other = byId.get(item.id);
    if (!other || (other !== item && canonicalJson(other) !== canonicalJson(item))) return false;
    byId.delete(item.id);
  }
  return true;
}

/**
 * Indexes of a longest subsequence of the keyed entries that is already sorted (entries
 * without a key are ignored): what can stay where it is while the list ends up sorted.
 */
export function longestSortedRun(keys: readonly ({ start: number; end: number; id: string } | undefined)[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest last key of a sorted run of length k + 1
  const previous = new Map<number, number>();
  keys.forEach((key, index) => {
    if (!key) return;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareAnchored(keys[tails[mid]!]!, key) <= 0) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous.set(index, tails[low - 1]!);
    tails[low] = index;
  });
  const run = new Set<number>();
  for (let at = tails[tails.length - 1]; at !== undefined; at = previous.get(at)) run.add(at);
  return run;
}

/** Where a list item sorts: the contract's order is by start, then end, then id. */
export interface AnchorKey {
  readonly start: number;
  readonly end: number;
  readonly id: string;
}

/** A list item's text as the writers place it: the blank lines before it, its lines, its sort key. */
export interface PlacedItem {
  lead: string;
  body: string;
  /** Undefined for an item the reader did not load: it stays where it is. */
  readonly key?: AnchorKey;
  /** Whether the change moved its offsets (or it is new). */
  readonly moved?: boolean;
}

/**
 * Puts a list's items in their final order, in place: `placed` holds the file's items in file
 * order (deleted ones left out), `added` the new ones. An item the change did not move stays
 * where it is (even where a person left the list out of order). Between two such items, the
 * moved ones that still fit there and are in order among themselves (the longest such run)
 * stay too; the others, and the new ones, go to their sorted place, `separator` before them.
 * Returns how many items went to a new place.
 */
export function arrangeItems<T extends PlacedItem>(placed: T[], added: readonly T[], separator: string): number {
  const stays = new Set<number>();
  let gapStart = 0;
  const settleGap = (end: number, before?: AnchorKey, after?: AnchorKey) => {
    if (end === gapStart) return;
    const fitting = placed.slice(gapStart, end).map((entry, offset) => ({ entry, index: gapStart + offset }))
      .filter(({ entry }) => entry.key && (!before || compareAnchored(before, entry.key) <= 0) && (!after || compareAnchored(entry.key, after) <= 0));
    for (const at of longestSortedRun(fitting.map(({ entry }) => entry.key))) stays.add(fitting[at]!.index);
  };
  let previousFixed: AnchorKey | undefined;
  placed.forEach((entry, index) => {
    if (!entry.key || entry.moved) return;
    settleGap(index, previousFixed, entry.key);
    stays.add(index);
    previousFixed = entry.key;
    gapStart = index + 1;
  });
  settleGap(placed.length, previousFixed);
  const toInsert: T[] = [];
  for (let i = placed.length - 1; i >= 0; i--) {
    const entry = placed[i] as T;
    if (!entry.key || stays.has(i)) continue;
    placed.splice(i, 1);
    toInsert.push(entry);
  }
  toInsert.push(...added);
  toInsert.sort((a, b) => compareAnchored(a.key!, b.key!));
  for (const entry of toInsert) {
    const index = placed.findIndex((other) => other.key && compareAnchored(other.key, entry.key!) > 0);
    if (index < 0) {
      entry.lead = placed.length > 0 ? separator : '';
      placed.push(entry);
    } else {
      const successor = placed[index] as T;
      entry.lead = index === 0 ? successor.lead : separator;
      if (index === 0) successor.lead = separator;
      placed.splice(index, 0, entry);
    }
  }
  return toInsert.length;
}
