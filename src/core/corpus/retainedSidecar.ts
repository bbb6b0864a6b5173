// What the store keeps of a parsed sidecar for as long as the article is open (issue 12: the
// memory of the indexed corpus). Two things made a parse heavy to keep:
// - positions: eight {start:{line,column},end:{line,column}} objects per item, ~1 KB per
//   annotation, kept only for the rare diagnostic. Here they are small integers in typed
//   arrays (~70 bytes an item), unpacked on each read;
// - strings: the reader's values are slices of the YAML text, so each kept value kept the
//   whole file's text alive. Here repeated values (ids, labels, entities, authors, dates,
//   statuses, properties) are shared through a pool, and the rest copied out of the file.
// The data are unchanged: the same Sidecar values, the same locations when asked for.
import { ANCHOR_FIELDS, hasLazyLocations, type ItemLocation, type ParsedSidecar } from '../format';
import type { SourceRange } from '../format';
import type { Sidecar } from '../model';

/** The item's range then one range per ANCHOR_FIELDS entry, four numbers each. */
const NUMBERS_PER_ITEM = (1 + ANCHOR_FIELDS.length) * 4;

/** Fields whose values repeat across items and files: one string each, shared (poolRevivedSidecar names those of a sidecar: keep them in step). */
const POOLED_FIELDS: ReadonlySet<string> = new Set([
  'id', 'label', 'entity', 'author', 'created', 'modified', 'status', 'subject', 'property', 'value', 'by', 'at',
  'outlet', 'published', 'language', 'decision',
]);

/**
 * V8 copies substrings shorter than this; longer ones are slices that keep their parent (the
 * whole YAML text) alive.
 */
const SLICE_MIN_LENGTH = 13;

/** One copy of each repeated value, for the life of a store. */
export class StringPool {
  private readonly strings = new Map<string, string>();
  /**
   * Per pooled field, the value kept last: a label, an author, a status mostly repeats the one
   * before it, and comparing with that spares hashing the new string for the pool (issue 12:
   * the pool's lookups were a fifteenth of a cold read). No slot: the field is not pooled.
   */
  private readonly lastKept = new Map<string, { value: string }>([...POOLED_FIELDS].map((key) => [key, { value: '' }]));

  /**
   * The kept form of the value of a field `key`: shared when the field's values repeat, else a
   * copy out of the file's text. The one rule, for the fast reader (which keeps values as it
   * reads them) and for {@link retainedParsedSidecar}.
   */
  readonly keep = (key: string, value: string): string => {
    const last = this.lastKept.get(key);
    if (last === undefined) return detached(value);
    if (last.value !== value) last.value = this.intern(value);
    return last.value;
  };

  intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    const own = detached(value);
    this.strings.set(own, own);
    return own;
  }

  get size(): number {
    return this.strings.size;
  }
}

/** Characters a JSON string literal cannot hold as they are. */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/;
/** A character outside Latin-1: the string needs two bytes a character however it is copied. */
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/** A copy of the string that shares no memory with a larger one. */
export function detached(value: string): string {
  if (value.length < SLICE_MIN_LENGTH) return value;
  // Joining two pieces builds one fresh flat string (a concatenation would be a rope over the
  // slice, keeping its parent), at half the cost of JSON.parse; but it keeps the pieces' form,
  // two bytes a character when the file had any character beyond Latin-1. So a value all in
  // Latin-1 goes through JSON.parse of it as a literal, which builds it one byte a character:
  // joined, those were +4–10 MB of the opened bench corpus (issue 12). The former
  // `(' ' + value).slice(1)` was a slice too (32 bytes more, besides its private parent).
  if (BEYOND_LATIN1.test(value)) return [value.slice(0, 1), value.slice(1)].join('');
  return JSON.parse(NEEDS_JSON_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`) as string;
}

/**
 * Positions of items, one run of numbers per item: the line its range starts on, then its
 * range and each ANCHOR_FIELDS entry's range as four numbers (start line, start column, end
 * line, end column) with lines counted from that first line, -1 for an absent field. In 16
 * bits when every number fits (any sidecar under 32,768 lines without a longer line), else 32.
 * One array per sidecar: a typed array costs some 130 bytes besides its numbers.
 */
export type PackedLocations = Int16Array | Int32Array;

/** Numbers per item: the first line, then the item's and the fields' ranges. */
const ITEM_NUMBERS = 1 + NUMBERS_PER_ITEM;

/** Writes a range at `at`; returns the largest number written (to choose 16 or 32 bits). */
function putRange(range: SourceRange | undefined, firstLine: number, into: Int32Array, at: number): number {
  if (!range) {
    into.fill(-1, at, at + 4);
    return -1;
  }
  into[at] = range.start.line - firstLine;
  into[at + 1] = range.start.column;
  into[at + 2] = range.end.line - firstLine;
  into[at + 3] = range.end.column;
  return Math.max(into[at]!, into[at + 1]!, into[at + 2]!, into[at + 3]!);
}

function rangeAt(numbers: PackedLocations, at: number, firstLine: number): SourceRange | undefined {
  if (numbers[at] === -1) return undefined;
  return { start: { line: firstLine + numbers[at]!, column: numbers[at + 1]! }, end: { line: firstLine + numbers[at + 2]!, column: numbers[at + 3]! } };
}

export function packLocations(locations: readonly ItemLocation[]): PackedLocations {
  const numbers = new Int32Array(locations.length * ITEM_NUMBERS);
  let largest = -1;
  locations.forEach((location, index) => {
    const base = index * ITEM_NUMBERS;
    const firstLine = location.item.start.line;
    numbers[base] = firstLine;
    largest = Math.max(largest, firstLine, putRange(location.item, firstLine, numbers, base + 1));
    ANCHOR_FIELDS.forEach((field, k) => {
      largest = Math.max(largest, putRange(location.fields[field], firstLine, numbers, base + 5 + k * 4));
    });
  });
  // Lines of a field are never above its item's, so only the largest number can overflow.
  return largest <= 0x7fff ? Int16Array.from(numbers) : numbers;
}

/** The items from index `from` (inclusive) to `to` (exclusive; default: all). */
export function unpackLocations(numbers: PackedLocations, from = 0, to = numbers.length / ITEM_NUMBERS): ItemLocation[] {
  const locations: ItemLocation[] = [];
  for (let index = from; index < to; index++) {
    const base = index * ITEM_NUMBERS;
    const firstLine = numbers[base]!;
    const fields: Record<string, SourceRange> = {};
    ANCHOR_FIELDS.forEach((field, k) => {
      const range = rangeAt(numbers, base + 5 + k * 4, firstLine);
      if (range) fields[field] = range;
    });
    locations.push({ item: rangeAt(numbers, base + 1, firstLine)!, fields });
  }
  return locations;
}

/**
 * V8's JSON.parse gives every string value of up to 10 characters from its string table, one
 * copy for all (measured on Node 20: 40 bytes an object for values of 8 and 10 characters, 72
 * from 11), so in a revived cache entry those (ids, labels, authors, statuses) need no pool.
 */
const JSON_SHARED_MAX_LENGTH = 10;

/** Replaces, in place, every string of a freshly parsed value by a pooled or detached copy. */
function compactStrings(value: unknown, pool: StringPool): void {
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const item: unknown = value[k];
      if (typeof item === 'string') value[k] = detached(item);
      else compactStrings(item, pool);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (typeof field === 'string') record[key] = pool.keep(key, field);
    else if (typeof field === 'object' && field !== null) compactStrings(field, pool);
  }
}

/** A revived value of a pooled field: the pool's string when JSON.parse does not share it already. */
function pooledRevived(value: unknown, pool: StringPool): unknown {
  return typeof value === 'string' && value.length > JSON_SHARED_MAX_LENGTH ? pool.intern(value) : value;
}

/**
 * For a revived cache entry, whose strings are its own already: only the values of pooled
 * fields that JSON.parse does not share are replaced by the pool's. Field by field, by name
 * (monomorphic loads over the few shapes JSON.parse gives): a generic walk with `Object.keys`
 * over every object was a tenth of a warm read (issue 12). An absent field stays absent.
 */
function poolRevivedSidecar(sidecar: Sidecar, pool: StringPool): void {
  const source = sidecar.source as unknown as Record<string, unknown>;
  if (typeof source === 'object' && source !== null) {
    if (source['outlet'] !== undefined) source['outlet'] = pooledRevived(source['outlet'], pool);
    if (source['published'] !== undefined) source['published'] = pooledRevived(source['published'], pool);
    if (source['language'] !== undefined) source['language'] = pooledRevived(source['language'], pool);
  }
  for (const list of [sidecar.annotations, sidecar.facts] as unknown[]) {
    if (!Array.isArray(list)) continue;
    for (const item of list as Record<string, unknown>[]) {
      if (typeof item !== 'object' || item === null) continue;
      if (item['id'] !== undefined) item['id'] = pooledRevived(item['id'], pool);
      if (item['label'] !== undefined) item['label'] = pooledRevived(item['label'], pool);
      if (item['entity'] !== undefined) item['entity'] = pooledRevived(item['entity'], pool);
      if (item['author'] !== undefined) item['author'] = pooledRevived(item['author'], pool);
      if (item['created'] !== undefined) item['created'] = pooledRevived(item['created'], pool);
      if (item['modified'] !== undefined) item['modified'] = pooledRevived(item['modified'], pool);
      if (item['status'] !== undefined) item['status'] = pooledRevived(item['status'], pool);
      if (item['subject'] !== undefined) item['subject'] = pooledRevived(item['subject'], pool);
      if (item['property'] !== undefined) item['property'] = pooledRevived(item['property'], pool);
      if (item['value'] !== undefined) item['value'] = pooledRevived(item['value'], pool);
      const reviews = item['reviews'];
      if (!Array.isArray(reviews)) continue;
      for (const review of reviews as Record<string, unknown>[]) {
        if (typeof review !== 'object' || review === null) continue;
        if (review['by'] !== undefined) review['by'] = pooledRevived(review['by'], pool);
        if (review['at'] !== undefined) review['at'] = pooledRevived(review['at'], pool);
      }
    }
  }
}

/**
 * The form of a parse the store keeps: the same data, positions packed, strings out of the
 * file's text. Takes a fresh parse (its sidecar's strings are replaced in place, which no
 * reader can observe: the values stay equal). `ownStrings`: the strings share no memory with
 * a larger one already (a cache entry: revived by JSON.parse, which copies every string, or
 * kept by this function), so only the pooled ones are replaced — copying the rest again was
 * a fifth of a warm open (issue 12).
 */
export function retainedParsedSidecar(parsed: ParsedSidecar, pool: StringPool, ownStrings = false): ParsedSidecar {
  if (ownStrings) {
    // A revived entry's diagnostics (a clean sidecar has none) keep their strings: no pooled field is in them.
    if (parsed.sidecar) poolRevivedSidecar(parsed.sidecar, pool);
  } else {
    if (parsed.sidecar) compactStrings(parsed.sidecar, pool);
    compactStrings(parsed.diagnostics, pool);
  }
  // The fast reader's and the cache's locations are compact offsets already, built into ranges
  // only when a diagnostic asks: packing them would build them all first.
  if (hasLazyLocations(parsed)) return parsed;
  const annotationCount = parsed.annotationLocations.length;
  const locations = packLocations([...parsed.annotationLocations, ...parsed.factLocations]);
  const retained: ParsedSidecar = {
    file: parsed.file,
    ...(parsed.sidecar ? { sidecar: parsed.sidecar } : {}),
    diagnostics: parsed.diagnostics,
    ...(parsed.notWritable !== undefined ? { notWritable: parsed.notWritable } : {}),
    ...(parsed.sourceLocation ? { sourceLocation: parsed.sourceLocation } : {}),
    // Unpacked on each read (diagnostics read them once per pass), garbage afterwards.
    get annotationLocations() { return unpackLocations(locations, 0, annotationCount); },
    get factLocations() { return unpackLocations(locations, annotationCount); },
  };
  return retained;
}
