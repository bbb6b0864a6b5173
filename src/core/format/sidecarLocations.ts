// Where each item of a sidecar and its checked fields are, kept as character offsets and turned
// into line/column ranges only when something asks (a diagnostic, a "go to item"). A clean
// corpus never asks: building eight {start:{line,column},end:{line,column}} ranges for each of
// 220,000 annotations was most of the garbage of a load. The fast reader and the cache give
// ParsedSidecars whose `annotationLocations`, `factLocations` and `sourceLocation` are such
// lazy views: enumerable getters that build the plain arrays once, on first use, so the object
// still compares, clones and serialises as plain data.
import type { Position } from '../model';
import { ANCHOR_FIELDS, type ItemLocation, type ParsedSidecar } from './sidecar';
import type { SourceRange } from './yamlReader';

/** Offsets per item: the item's start and end, then start and end of each ANCHOR_FIELDS field (-1 when absent). */
export const OFFSETS_PER_ITEM = 2 + 2 * ANCHOR_FIELDS.length;

export class CompactLocations {
  constructor(
    /** Offset of each line's first character (the text has no CR). */
    readonly lineStarts: Int32Array,
    /** OFFSETS_PER_ITEM numbers per annotation. */
    readonly annotationOffsets: Int32Array,
    readonly factOffsets: Int32Array,
    /** Start and end of the `source` mapping. */
    readonly sourceStart: number,
    readonly sourceEnd: number,
  ) {}

  annotationLocations(): ItemLocation[] {
    return this.locations(this.annotationOffsets);
  }

  factLocations(): ItemLocation[] {
    return this.locations(this.factOffsets);
  }

  sourceLocation(): SourceRange {
    const cursor = new LineCursor(this.lineStarts);
    return cursor.range(this.sourceStart, this.sourceEnd);
  }

  private locations(offsets: Int32Array): ItemLocation[] {
    const cursor = new LineCursor(this.lineStarts);
    const locations: ItemLocation[] = [];
    for (let at = 0; at < offsets.length; at += OFFSETS_PER_ITEM) {
      const item = cursor.range(offsets[at]!, offsets[at + 1]!);
      const fields: Record<string, SourceRange> = {};
      for (let field = 0; field < ANCHOR_FIELDS.length; field++) {
        const start = offsets[at + 2 + field * 2]!;
        if (start >= 0) fields[ANCHOR_FIELDS[field]!] = cursor.range(start, offsets[at + 3 + field * 2]!);
      }
      locations.push({ item, fields });
    }
    return locations;
  }

  /**
   * One string for the cache: every number as the difference to the one before it, in base
   * 36, comma-separated. JSON.parse reads a string without building anything, and this one is
   * decoded only when a location is asked for.
   */
  pack(): string {
    const parts: string[] = [this.lineStarts.length.toString(36), this.annotationOffsets.length.toString(36), this.factOffsets.length.toString(36)];
    let previous = 0;
    const add = (value: number): void => {
      parts.push((value - previous).toString(36));
      previous = value;
    };
    for (const value of this.lineStarts) add(value);
    for (const value of this.annotationOffsets) add(value);
    for (const value of this.factOffsets) add(value);
    add(this.sourceStart);
    add(this.sourceEnd);
    return parts.join(',');
  }

  /** The inverse of {@link pack}; undefined when the string is not one (a damaged cache). */
  static unpack(packed: string): CompactLocations | undefined {
    const parts = packed.split(',');
    const lines = parseInt(parts[0]!, 36);
    const annotations = parseInt(parts[1]!, 36);
    const facts = parseInt(parts[2]!, 36);
    if (!(lines >= 0 && annotations >= 0 && facts >= 0) || parts.length !== 3 + lines + annotations + facts + 2) return undefined;
    const values = new Int32Array(parts.length - 3);
    let previous = 0;
    for (let index = 3; index < parts.length; index++) {
      const delta = parseInt(parts[index]!, 36);
      if (Number.isNaN(delta)) return undefined;
      previous += delta;
      values[index - 3] = previous;
    }
    return new CompactLocations(
      values.subarray(0, lines), values.subarray(lines, lines + annotations), values.subarray(lines + annotations, lines + annotations + facts),
      values[lines + annotations + facts]!, values[lines + annotations + facts + 1]!,
    );
  }
}

/**
 * Line and column of offsets, as LineIndex gives them. Offsets are asked for nearly in order,
 * so a cursor that walks from the previous line replaces the binary search.
 */
class LineCursor {
  private line = 0;

  constructor(private readonly lineStarts: Int32Array) {}

  private position(offset: number): Position {
    const starts = this.lineStarts;
    let line = this.line;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    while (line > 0 && starts[line]! > offset) line--;
    this.line = line;
    return { line, column: offset - starts[line]! };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(end) };
  }
}

/** Where a lazy ParsedSidecar's locations come from: decoded, or the cache's string. */
const lazySources = new WeakMap<ParsedSidecar, { compact?: CompactLocations; packed?: string }>();

/** A decoding of a cached string that failed: a cache entry that is damaged must not be used. */
export class DamagedLocationsError extends Error {}

/**
 * `parsed` (without locations) completed with lazy `annotationLocations`, `factLocations` and
 * `sourceLocation`, each built on first use from `locations`: compact offsets, or the cache's
 * string (decoded only then; the cache checks it decodes before it hands out an entry).
 */
export function withLazyLocations(parsed: Omit<ParsedSidecar, 'annotationLocations' | 'factLocations' | 'sourceLocation'>, locations: CompactLocations | string): ParsedSidecar {
  const source: { compact?: CompactLocations; packed?: string } = typeof locations === 'string' ? { packed: locations } : { compact: locations };
  const resolve = (): CompactLocations => {
    source.compact ??= CompactLocations.unpack(source.packed!);
    if (!source.compact) throw new DamagedLocationsError(`The cached locations of ${parsed.file} are damaged.`);
    return source.compact;
  };
  let annotationLocations: ItemLocation[] | undefined;
  let factLocations: ItemLocation[] | undefined;
  let sourceLocation: SourceRange | undefined;
  const result = { ...parsed } as ParsedSidecar;
  Object.defineProperties(result, {
    annotationLocations: { enumerable: true, get: () => (annotationLocations ??= resolve().annotationLocations()) },
    factLocations: { enumerable: true, get: () => (factLocations ??= resolve().factLocations()) },
    sourceLocation: { enumerable: true, get: () => (sourceLocation ??= resolve().sourceLocation()) },
  });
  lazySources.set(result, source);
  return result;
}

/** Whether the parse's locations are lazy offsets (from the fast reader or the cache), not built yet or built on demand. */
export function hasLazyLocations(parsed: ParsedSidecar): boolean {
  return lazySources.has(parsed);
}

/** The cache string of a lazy ParsedSidecar's locations (as it came, when it came from the cache); undefined for others. */
export function packedLocationsOf(parsed: ParsedSidecar): string | undefined {
  const source = lazySources.get(parsed);
  if (!source) return undefined;
  source.packed ??= source.compact!.pack();
  return source.packed;
}
