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

/** 16-bit storage's mark for an absent field (offsets there are below it); -1 in 32 bits. */
const ABSENT_16 = 0xffff;

export class CompactLocations {
  /**
   * The line starts, then the annotations' offsets, then the facts', in one array (issue 12:
   * three typed arrays per sidecar cost ~300 bytes of objects besides their numbers): in 16
   * bits when every number fits, as in any sidecar under 64 KiB, else 32.
   */
  private readonly numbers: Uint16Array | Int32Array;
  private readonly lineCount: number;
  private readonly annotationEnd: number;

  constructor(
    /** Offset of each line's first character (the text has no CR). */
    lineStarts: ArrayLike<number>,
    /** OFFSETS_PER_ITEM numbers per annotation, -1 for an absent field. */
    annotationOffsets: ArrayLike<number>,
    factOffsets: ArrayLike<number>,
    /** Start and end of the `source` mapping. */
    readonly sourceStart: number,
    readonly sourceEnd: number,
  ) {
    this.lineCount = lineStarts.length;
    this.annotationEnd = lineStarts.length + annotationOffsets.length;
    const length = this.annotationEnd + factOffsets.length;
    // Line starts ascend, so the last is their largest.
    let largest = lineStarts.length > 0 ? lineStarts[lineStarts.length - 1]! : 0;
    for (const offsets of [annotationOffsets, factOffsets]) for (let k = 0; k < offsets.length; k++) largest = Math.max(largest, offsets[k]!);
    const numbers = largest < ABSENT_16 ? new Uint16Array(length) : new Int32Array(length);
    const absent = numbers instanceof Uint16Array ? ABSENT_16 : -1;
    let at = 0;
    for (const part of [lineStarts, annotationOffsets, factOffsets]) {
      for (let k = 0; k < part.length; k++) numbers[at++] = part[k]! < 0 ? absent : part[k]!;
    }
    this.numbers = numbers;
  }

  /** The number at `index` of the combined array, -1 for an absent field. */
  private at(index: number): number {
    const value = this.numbers[index]!;
    return value === ABSENT_16 && this.numbers instanceof Uint16Array ? -1 : value;
  }

  private copy(from: number, to: number): Int32Array {
    const copy = new Int32Array(to - from);
    for (let k = from; k < to; k++) copy[k - from] = this.at(k);
    return copy;
  }

  /** A copy: the offset of each line's first character. */
  get lineStarts(): Int32Array {
    return this.copy(0, this.lineCount);
  }

  /** A copy: OFFSETS_PER_ITEM numbers per annotation, -1 for an absent field. */
  get annotationOffsets(): Int32Array {
    return this.copy(this.lineCount, this.annotationEnd);
  }

  /** A copy, as annotationOffsets. */
  get factOffsets(): Int32Array {
    return this.copy(this.annotationEnd, this.numbers.length);
  }

  /** Whether the numbers are kept in 16 bits. */
  get narrow(): boolean {
    return this.numbers instanceof Uint16Array;
  }

  annotationLocations(): ItemLocation[] {
    return this.locations(this.lineCount, this.annotationEnd);
  }

  factLocations(): ItemLocation[] {
    return this.locations(this.annotationEnd, this.numbers.length);
  }

  sourceLocation(): SourceRange {
    const cursor = new LineCursor(this.numbers.subarray(0, this.lineCount));
    return cursor.range(this.sourceStart, this.sourceEnd);
  }

  private locations(from: number, to: number): ItemLocation[] {
    const cursor = new LineCursor(this.numbers.subarray(0, this.lineCount));
    const locations: ItemLocation[] = [];
    for (let at = from; at < to; at += OFFSETS_PER_ITEM) {
      const item = cursor.range(this.at(at), this.at(at + 1));
      const fields: Record<string, SourceRange> = {};
      for (let field = 0; field < ANCHOR_FIELDS.length; field++) {
        const start = this.at(at + 2 + field * 2);
        if (start >= 0) fields[ANCHOR_FIELDS[field]!] = cursor.range(start, this.at(at + 3 + field * 2));
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
    const parts: string[] = [this.lineCount.toString(36), (this.annotationEnd - this.lineCount).toString(36), (this.numbers.length - this.annotationEnd).toString(36)];
    let previous = 0;
    const add = (value: number): void => {
      parts.push((value - previous).toString(36));
      previous = value;
    };
    for (let index = 0; index < this.numbers.length; index++) add(this.at(index));
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

  constructor(private readonly lineStarts: Uint16Array | Int32Array) {}

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
interface LazySource {
  compact?: CompactLocations;
  packed?: string;
}

/**
 * The key of a lazy ParsedSidecar's LazySource: a non-enumerable symbol, so the object still
 * compares, clones and serialises as plain data. A WeakMap of them cost as much as all the rest
 * of a warm open's unpacking of its 10,000 entries (an ephemeron each, at every collection).
 */
const LAZY_SOURCE = Symbol('lazyLocations');

function lazySourceOf(parsed: ParsedSidecar): LazySource | undefined {
  return (parsed as { [LAZY_SOURCE]?: LazySource })[LAZY_SOURCE];
}

/** A decoding of a cached string that failed: a cache entry that is damaged must not be used. */
export class DamagedLocationsError extends Error {}

/**
 * `parsed` (without locations) completed with lazy `annotationLocations`, `factLocations` and
 * `sourceLocation`, each built on first use from `locations`: compact offsets, or the cache's
 * string (decoded only then; the cache checks it decodes before it hands out an entry).
 */
export function withLazyLocations(parsed: Omit<ParsedSidecar, 'annotationLocations' | 'factLocations' | 'sourceLocation'>, locations: CompactLocations | string): ParsedSidecar {
  const source: LazySource = typeof locations === 'string' ? { packed: locations } : { compact: locations };
  const resolve = (): CompactLocations => {
    source.compact ??= CompactLocations.unpack(source.packed!);
    if (!source.compact) throw new DamagedLocationsError(`The cached locations of ${parsed.file} are damaged.`);
    return source.compact;
  };
  let annotationLocations: ItemLocation[] | undefined;
  let factLocations: ItemLocation[] | undefined;
  let sourceLocation: SourceRange | undefined;
  // A spread and one defineProperties keep the object's properties fast (an object literal with
  // getters, or a property defined after them, would make it a dictionary: more memory).
  const result = { ...parsed } as ParsedSidecar;
  Object.defineProperties(result, {
    annotationLocations: { enumerable: true, get: () => (annotationLocations ??= resolve().annotationLocations()) },
    factLocations: { enumerable: true, get: () => (factLocations ??= resolve().factLocations()) },
    sourceLocation: { enumerable: true, get: () => (sourceLocation ??= resolve().sourceLocation()) },
    [LAZY_SOURCE]: { value: source },
  });
  return result;
}

/** Whether the parse's locations are lazy offsets (from the fast reader or the cache), not built yet or built on demand. */
export function hasLazyLocations(parsed: ParsedSidecar): boolean {
  return lazySourceOf(parsed) !== undefined;
}

/** The cache string of a lazy ParsedSidecar's locations (as it came, when it came from the cache); undefined for others. */
export function packedLocationsOf(parsed: ParsedSidecar): string | undefined {
  const source = lazySourceOf(parsed);
  if (!source) return undefined;
  source.packed ??= source.compact!.pack();
  return source.packed;
}
