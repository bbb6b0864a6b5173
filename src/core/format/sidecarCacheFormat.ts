// The compact JSON form of parsed sidecars kept in the on-disk cache. Positions (where each
// item and its checked fields are in the YAML) would otherwise be most of the cache: eight
// {start:{line,column},end:{line,column}} objects per annotation. Here each item's positions
// are one flat array of numbers; for sidecars the fast reader read (nearly all of them) they
// are one string of offsets (sidecarLocations.ts), decoded only when a diagnostic needs them.
import type { CorpusDiagnostic, DiagnosticCode, Severity } from '../model';
import { ANCHOR_FIELDS, type ItemLocation, type ParsedSidecar } from './sidecar';
import { packedLocationsOf, withLazyLocations } from './sidecarLocations';
import type { Registry, Sidecar } from '../model';
import type { ParsedRegistry } from './registry';
import type { SourceRange } from './yamlReader';

/** Bump when the packed shape changes: an old cache is then ignored, not misread. */
export const CACHE_FORMAT_VERSION = 3;

export interface PackedSidecar {
  readonly f: string;
  readonly s?: Sidecar;
  readonly d: readonly CorpusDiagnostic[];
  readonly w?: string;
  /** Per annotation: item range then each ANCHOR_FIELDS range, 4 numbers each, -1 when absent. */
  readonly a?: readonly (readonly number[])[];
  readonly t?: readonly (readonly number[])[];
  readonly r?: readonly number[];
  /** Instead of a, t and r: the compact locations' string (CompactLocations.pack). */
  readonly c?: string;
}

function packRange(range: SourceRange | undefined, into: number[]): void {
  if (!range) into.push(-1, -1, -1, -1);
  else into.push(range.start.line, range.start.column, range.end.line, range.end.column);
}

function unpackRange(numbers: readonly number[], at: number): SourceRange | undefined {
  if (numbers[at] === -1 || numbers[at] === undefined) return undefined;
  return { start: { line: numbers[at]!, column: numbers[at + 1]! }, end: { line: numbers[at + 2]!, column: numbers[at + 3]! } };
}

function packLocation(location: ItemLocation): number[] {
  const numbers: number[] = [];
  packRange(location.item, numbers);
  for (const field of ANCHOR_FIELDS) packRange(location.fields[field], numbers);
  return numbers;
}

function unpackLocation(numbers: readonly number[]): ItemLocation {
  const fields: Record<string, SourceRange> = {};
  ANCHOR_FIELDS.forEach((field, index) => {
    const range = unpackRange(numbers, 4 + index * 4);
    if (range) fields[field] = range;
  });
  return { item: unpackRange(numbers, 0)!, fields };
}

export function packParsedSidecar(parsed: ParsedSidecar): PackedSidecar {
  const base = {
    f: parsed.file,
    ...(parsed.sidecar ? { s: parsed.sidecar } : {}),
    d: parsed.diagnostics,
    ...(parsed.notWritable !== undefined ? { w: parsed.notWritable } : {}),
  };
  const compact = packedLocationsOf(parsed);
  if (compact !== undefined) return { ...base, c: compact };
  return {
    ...base,
    a: parsed.annotationLocations.map(packLocation),
    t: parsed.factLocations.map(packLocation),
    ...(parsed.sourceLocation ? { r: (() => { const n: number[] = []; packRange(parsed.sourceLocation, n); return n; })() } : {}),
  };
}

/** The ParsedSidecar of a cache entry; undefined when the entry is damaged (then the file is read again). */
export function unpackParsedSidecar(packed: PackedSidecar): ParsedSidecar | undefined {
  // A clean sidecar's entry (nearly all of a warm open's) without the spreads of the others'.
  const base = packed.s && packed.w === undefined ? { file: packed.f, sidecar: packed.s, diagnostics: packed.d } : {
    file: packed.f,
    ...(packed.s ? { sidecar: packed.s } : {}),
    diagnostics: packed.d,
    ...(packed.w !== undefined ? { notWritable: packed.w } : {}),
  };
  if (typeof packed.c === 'string') {
    // Checked to decode (cheaply: its shape and its count of numbers), decoded only when asked.
    return isPackedLocations(packed.c) ? withLazyLocations(base, packed.c) : undefined;
  }
  if (!Array.isArray(packed.a) || !Array.isArray(packed.t)) return undefined;
  const sourceLocation = packed.r ? unpackRange(packed.r, 0) : undefined;
  return {
    ...base,
    annotationLocations: packed.a.map(unpackLocation),
    factLocations: packed.t.map(unpackLocation),
    ...(sourceLocation ? { sourceLocation } : {}),
  };
}

function isPackedLocations(packed: string): boolean {
  // One scan (this runs for every entry of a warm start; four scans were 5% of it): only the
  // string's characters, no empty number, and as many numbers as the header says; the numbers
  // are parsed only when needed.
  let numbers = 1;
  let afterComma = true;
  for (let at = 0; at < packed.length; at++) {
    const code = packed.charCodeAt(at);
    if (code === 0x2c) {
      if (afterComma) return false;
      numbers++;
      afterComma = true;
      continue;
    }
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || code === 0x2d)) return false;
    afterComma = false;
  }
  if (afterComma) return false; // empty, or a comma at the end
  const head = packed.split(',', 3).map((part) => parseInt(part, 36));
  return head.length === 3 && head.every((count) => count >= 0) && numbers === 3 + head[0]! + head[1]! + head[2]! + 2;
}

/** A parsed registry as kept in the cache: plain JSON. */
export interface PackedRegistry {
  readonly f: string;
  readonly r?: Registry;
  readonly d: readonly CorpusDiagnostic[];
  readonly w?: string;
  readonly l: Readonly<Record<string, SourceRange>>;
}

export function packParsedRegistry(parsed: ParsedRegistry): PackedRegistry {
  return {
    f: parsed.file, ...(parsed.registry ? { r: parsed.registry } : {}), d: parsed.diagnostics,
    ...(parsed.notWritable !== undefined ? { w: parsed.notWritable } : {}), l: parsed.entityLocations,
  };
}

/** The ParsedRegistry of a cache entry; undefined when the entry is damaged. */
export function unpackParsedRegistry(packed: PackedRegistry): ParsedRegistry | undefined {
  if (typeof packed.f !== 'string' || !Array.isArray(packed.d) || typeof packed.l !== 'object' || packed.l === null) return undefined;
  // Keyed by ids from the file: no prototype, as parseRegistry gives (`constructor` is an id like any other).
  const entityLocations = Object.assign(Object.create(null) as Record<string, SourceRange>, packed.l);
  return {
    file: packed.f, ...(packed.r ? { registry: packed.r } : {}), diagnostics: packed.d,
    ...(packed.w !== undefined ? { notWritable: packed.w } : {}), entityLocations,
  };
}

/** A file's stat and what was found in it (StatFacts): [size, mtime, sha256 or null, first line]. */
export type PackedStatFacts = readonly [number, number, string | null, string?];

/** The stat facts of a file as cache JSON (see corpusHost.ts for StatFacts). */
export function packStatFacts(facts: { size: number; mtime: number; sha256?: string; firstLine?: string }): PackedStatFacts {
  return facts.firstLine !== undefined ? [facts.size, facts.mtime, facts.sha256 ?? null, facts.firstLine] : [facts.size, facts.mtime, facts.sha256 ?? null];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The facts of a cache entry; undefined when it is damaged (then the file is read and hashed). */
export function unpackStatFacts(packed: unknown): { size: number; mtime: number; sha256?: string; firstLine?: string } | undefined {
  if (!Array.isArray(packed) || packed.length < 3 || packed.length > 4) return undefined;
  const [size, mtime, sha256, firstLine] = packed as unknown[];
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || typeof mtime !== 'number' || !Number.isFinite(mtime)) return undefined;
  if (sha256 !== null && (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256))) return undefined;
  if (firstLine !== undefined && typeof firstLine !== 'string') return undefined;
  return { size, mtime, ...(sha256 !== null ? { sha256 } : {}), ...(firstLine !== undefined ? { firstLine } : {}) };
}

/**
 * checkSidecar's results for one sidecar as cache JSON: `0` when there are none (nearly every
 * sidecar: one character to store, nothing to revive), else its file once and a tuple a problem.
 */
export type PackedChecks = 0 | { readonly f: string; readonly d: readonly PackedCheck[] };
/** [start line, start column, end line, end column, severity, code, message]. */
export type PackedCheck = readonly [number, number, number, number, Severity, DiagnosticCode, string];

/** The one empty result: revived for every sidecar without problems, never changed. */
export const NO_CHECK_PROBLEMS: readonly CorpusDiagnostic[] = Object.freeze([]);

/**
 * More problems than any sidecar the store reads can have (three an item, 8 MB of YAML): a
 * longer list is damage, dropped before it is walked.
 */
export const MAX_PACKED_CHECKS = 300_000;

/** Every known code and severity (a Record, so a new one fails to compile until added here). */
const DIAGNOSTIC_CODES: Readonly<Record<DiagnosticCode, true>> = {
  'yaml-syntax': true, 'unknown-version': true, 'missing-field': true, 'wrong-type': true, 'invalid-value': true,
  'offset-out-of-range': true, 'text-mismatch': true, 'unknown-label': true, 'unknown-entity': true, 'duplicate-id': true,
  'article-missing': true, 'article-changed': true, 'registry-missing': true, 'limit-exceeded': true, 'invalid-encoding': true,
  'binary-file': true,
};
const SEVERITIES: Readonly<Record<Severity, true>> = { error: true, warning: true, info: true };

/** Packs check results whose problems are all in one file (checkSidecar's always are: its sidecar's). */
export function packChecks(problems: readonly CorpusDiagnostic[]): PackedChecks {
  if (problems.length === 0) return 0;
  return {
    f: problems[0]!.file,
    d: problems.map((p) => [p.start.line, p.start.column, p.end.line, p.end.column, p.severity, p.code, p.message] as const),
  };
}

function isPosition(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isKnown<Key extends string>(known: Readonly<Record<Key, true>>, value: unknown): value is Key {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(known, value);
}

/** The check results of a cache entry; undefined when it is damaged (then the checks run again). */
export function unpackChecks(packed: unknown): readonly CorpusDiagnostic[] | undefined {
  if (packed === 0) return NO_CHECK_PROBLEMS;
  if (typeof packed !== 'object' || packed === null) return undefined;
  const { f: file, d: tuples } = packed as { f?: unknown; d?: unknown };
  if (typeof file !== 'string' || !Array.isArray(tuples) || tuples.length === 0 || tuples.length > MAX_PACKED_CHECKS) return undefined;
  const problems: CorpusDiagnostic[] = [];
  for (const tuple of tuples as unknown[]) {
    if (!Array.isArray(tuple) || tuple.length !== 7) return undefined;
    const [startLine, startColumn, endLine, endColumn, severity, code, message] = tuple as unknown[];
    if (!isPosition(startLine) || !isPosition(startColumn) || !isPosition(endLine) || !isPosition(endColumn)) return undefined;
    if (!isKnown(SEVERITIES, severity) || !isKnown(DIAGNOSTIC_CODES, code) || typeof message !== 'string') return undefined;
    problems.push({ file, start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn }, severity, code, message });
  }
  return problems;
}
