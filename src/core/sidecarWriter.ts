// Writes sidecars by editing the parsed YAML Document in place rather than re-serialising the
// data: a person's comments, key order, unknown keys and quoting survive, and writing the same
// data twice yields the same bytes, so git diffs show only real changes.
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatDiagnostic } from './diagnostics';
import { parseSidecar } from './sidecar';
import type { Annotation, Fact, Sidecar } from './types';
import { PARSE_OPTIONS, STRINGIFY_OPTIONS } from './yamlReader';

/** Thrown instead of writing over a corpus file that does not parse: nothing may be lost. */
export class NotWritableError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file} cannot be changed because ${reason}`);
    this.name = 'NotWritableError';
  }
}

/** Why a host refuses to write a file that is itself fine (one kind so far; more may come). */
export type WriteRefusalKind = 'untrusted-workspace';

/** Thrown by a host that may not write now (Restricted Mode); nothing was written. */
export class WriteRefusedError extends NotWritableError {
  constructor(file: string, readonly kind: WriteRefusalKind, reason: string) {
    super(file, reason);
    this.name = 'WriteRefusedError';
  }
}

/** Canonical key orders, used for new files and to place keys added to existing items. */
const TOP_LEVEL_ORDER = ['version', 'source', 'annotations', 'facts'] as const;
const SOURCE_ORDER = ['file', 'sha256', 'title', 'outlet', 'published', 'url', 'language'] as const;
const ANNOTATION_ORDER = [
  'id', 'label', 'start', 'end', 'text', 'prefix', 'suffix', 'entity',
  'author', 'created', 'status', 'orphaned', 'note', 'reviews',
] as const;
const FACT_ORDER = [
  'id', 'subject', 'property', 'value', 'start', 'end', 'text', 'prefix', 'suffix',
  'author', 'created', 'status', 'orphaned', 'note', 'reviews',
] as const;
/** Quotes of article text: always double-quoted when they hold line breaks, tabs or edge spaces. */
const QUOTE_FIELDS = new Set(['text', 'prefix', 'suffix']);

/** Sorting rule of the contract: by start, then end, then id. */
export function compareAnchored(a: { start: number; end: number; id: string }, b: { start: number; end: number; id: string }): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The text of a sidecar holding `next`. With `previousText`, that file is edited in place;
 * a previous text that does not parse throws {@link NotWritableError}.
 */
export function writeSidecar(file: string, next: Sidecar, previousText?: string): string {
  let document: Document;
  if (previousText !== undefined && previousText.trim() !== '') {
    const parsed = parseSidecar(file, previousText);
    if (parsed.notWritable) {
      const first = parsed.diagnostics[0];
      throw new NotWritableError(file, parsed.notWritable + (first ? `\n${formatDiagnostic(first)}` : ''));
    }
    // Unchanged data: keep the file exactly as it is (the YAML printer would normalise
    // a person's spacing before comments, which is not a change worth a diff).
    if (parsed.sidecar && sameData(parsed.sidecar, next)) return previousText;
    document = parseDocument(previousText, PARSE_OPTIONS);
  } else {
    document = new Document(undefined, PARSE_OPTIONS);
    document.contents = document.createNode({});
  }
  const root = document.contents as YAMLMap;
  setKey(document, root, 'version', next.version, TOP_LEVEL_ORDER);
  const source = ensureMap(document, root, 'source', TOP_LEVEL_ORDER);
  reconcileMap(document, source, next.source as unknown as Record<string, unknown>, SOURCE_ORDER);
  reconcileList(document, root, 'annotations', next.annotations, ANNOTATION_ORDER, true);
  reconcileList(document, root, 'facts', next.facts, FACT_ORDER, false);
  return document.toString(STRINGIFY_OPTIONS);
}

function sameData(a: Sidecar, b: Sidecar): boolean {
  const canonical = (s: Sidecar) => JSON.stringify({
    ...s, annotations: [...s.annotations].sort(compareAnchored), facts: [...s.facts].sort(compareAnchored),
  }, (_key, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)))
    : value));
  return canonical(a) === canonical(b);
}

function ensureMap(document: Document, parent: YAMLMap, key: string, order: readonly string[]): YAMLMap {
  const pair = findPair(parent, key);
  if (pair && isMap(pair.value)) return pair.value;
  const map = document.createNode({}) as YAMLMap;
  if (pair) pair.value = map;
  else insertPair(parent, new Pair(document.createNode(key), map), order);
  return map;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => isScalar(item.key) && item.key.value === key) as Pair | undefined;
}

/** Inserts a pair before the first existing key that comes after it in the canonical order. */
function insertPair(map: YAMLMap, pair: Pair, order: readonly string[]): void {
  const key = (pair.key as Scalar).value as string;
  const rank = order.indexOf(key);
  if (rank >= 0) {
    const before = map.items.findIndex((item) => {
      const other = order.indexOf(isScalar(item.key) ? String(item.key.value) : '');
      return other > rank;
    });
    if (before >= 0) {
      map.items.splice(before, 0, pair);
      return;
    }
  }
  map.items.push(pair);
}

function makeValueNode(document: Document, key: string, value: unknown): Node {
  const node = document.createNode(value) as Node;
  if (key === 'aliases' && isSeq(node)) node.flow = true;
  if (QUOTE_FIELDS.has(key) && isScalar(node) && typeof value === 'string' && needsDoubleQuotes(value)) {
    node.type = Scalar.QUOTE_DOUBLE;
  }
  return node;
}

function needsDoubleQuotes(value: string): boolean {
  // Block scalars cannot carry \r, and trailing spaces or tabs are easy to lose in an editor.
  return /[\r\n\t]/.test(value) || value !== value.trim();
}

/** Whether the node already holds `value`; a hand-written `24` holds the string "24". */
function holds(node: unknown, value: unknown): boolean {
  if (isScalar(node)) {
    if (typeof value === 'string') return typeof node.value === 'string' ? node.value === value : String(node.source ?? node.value) === value;
    return node.value === value;
  }
  if (node && typeof node === 'object' && 'toJSON' in node) {
    return JSON.stringify((node as { toJSON(): unknown }).toJSON()) === JSON.stringify(value);
  }
  return false;
}

function setKey(document: Document, map: YAMLMap, key: string, value: unknown, order: readonly string[]): void {
  const pair = findPair(map, key);
  if (value === undefined) {
    if (pair) map.items.splice(map.items.indexOf(pair), 1);
    return;
  }
  if (pair) {
    if (holds(pair.value, value)) return;
    if (isScalar(pair.value) && typeof value !== 'object' && typeof pair.value.value === typeof value
      && !(QUOTE_FIELDS.has(key) && typeof value === 'string' && needsDoubleQuotes(value))) {
      pair.value.value = value; // keeps the node's comment and quoting style
      return;
    }
    const replacement = makeValueNode(document, key, value);
    if (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value)) {
      replacement.comment = pair.value.comment;
    }
    pair.value = replacement;
    return;
  }
  insertPair(map, new Pair(document.createNode(key), makeValueNode(document, key, value)), order);
}

/** Sets the known keys; keys not in `order` (a person's or another tool's) are left alone. */
function reconcileMap(document: Document, map: YAMLMap, data: Record<string, unknown>, order: readonly string[]): void {
  for (const key of order) setKey(document, map, key, data[key], order);
}

type Item = Annotation | Fact;

function reconcileList(
  document: Document, root: YAMLMap, key: 'annotations' | 'facts', items: readonly Item[],
  order: readonly string[], keepWhenEmpty: boolean,
): void {
  const pair = findPair(root, key);
  if (!pair || !isSeq(pair.value)) {
    if (items.length === 0 && !keepWhenEmpty) return;
    if (pair && items.length === 0) return; // `annotations:` left empty by hand stays as it is
    const seq = document.createNode([]) as YAMLSeq;
    if (pair) pair.value = seq;
    else insertPair(root, new Pair(document.createNode(key), seq), TOP_LEVEL_ORDER);
    return reconcileList(document, root, key, items, order, keepWhenEmpty);
  }
  const seq = pair.value;
  const wanted = new Map(items.map((item) => [item.id, item]));
  const kept = new Set<string>();
  seq.items = seq.items.filter((node) => {
    const id = isMap(node) ? idOf(node) : undefined;
    // Items the reader could not understand (no id) are a person's to fix: never dropped.
    if (id === undefined) return true;
    const item = wanted.get(id);
    if (!item || kept.has(id)) return false;
    kept.add(id);
    reconcileMap(document, node as YAMLMap, item as unknown as Record<string, unknown>, order);
    return true;
  });
  for (const item of items) {
    if (kept.has(item.id)) continue;
    const map = document.createNode({}) as YAMLMap;
    reconcileMap(document, map, item as unknown as Record<string, unknown>, order);
    seq.items.push(map);
  }
  const keyOf = (node: unknown) => {
    if (!isMap(node)) return undefined;
    const start = findPair(node, 'start')?.value;
    const end = findPair(node, 'end')?.value;
    const id = idOf(node);
    if (!isScalar(start) || !isScalar(end) || typeof start.value !== 'number' || typeof end.value !== 'number' || id === undefined) return undefined;
    return { start: start.value, end: end.value, id };
  };
  // The parser hangs a comment above the first item on the list itself; it belongs to that
  // item (a person's note about it), so it moves with the item when sorting reorders.
  const first = seq.items[0];
  if (seq.commentBefore && isMap(first)) {
    first.commentBefore = first.commentBefore ? `${seq.commentBefore}\n${first.commentBefore}` : seq.commentBefore;
    seq.commentBefore = undefined;
  }
  // Stable: items without a usable key keep their order, after the sorted ones.
  seq.items = seq.items
    .map((node, index) => ({ node, index, key: keyOf(node) }))
    .sort((a, b) => (a.key && b.key ? compareAnchored(a.key, b.key) : a.key ? -1 : b.key ? 1 : a.index - b.index))
    .map((entry) => entry.node);
}

function idOf(map: YAMLMap): string | undefined {
  const node = findPair(map, 'id')?.value;
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}
