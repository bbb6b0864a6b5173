// A fast reader for sidecars in the layout our own writer produces (block mappings and
// sequences, plain / double-quoted / single-quoted one-line scalars, `[]` for an empty list,
// full-line comments). It reads such a file ~20× faster than the `yaml` parser and yields the
// very same ParsedSidecar as `parseSidecar`, positions included.
//
// Contract: either exactly what `parseSidecar(file, text)` returns, or undefined, and then the
// caller must use `parseSidecar`. It returns undefined whenever it is unsure: any YAML feature
// outside the subset above (anchors, tags, flow collections, block scalars, multi-line
// scalars, trailing comments, document markers, tabs, CR line ends), any value whose type in
// the YAML 1.2 core schema it does not resolve itself (floats, nulls, `True`, `0x1F`…), and any
// file with a problem at all (a missing or ill-typed field, a duplicate key or id, an unknown
// version): those are diagnosed by `parseSidecar`, with the `yaml` parser's positions, so
// there is one place that words a diagnostic.
import { ANCHOR_FIELDS, type ParsedSidecar } from './sidecar';
import { CompactLocations, withLazyLocations } from './sidecarLocations';
import {
  ANNOTATION_STATUSES, FORMAT_VERSION, REVIEW_VERDICTS,
  type Annotation, type AnnotationStatus, type Fact, type Review, type ReviewVerdict, type SourceInfo,
} from '../model';
import { SIDECAR_LIMITS } from './yamlReader';
import {
  FAST_AWKWARD_CHARS as AWKWARD_CHARS, FastReaderUnsure as Unsure, fastClosesOnItsLine as closesOnItsLine, fastFoldDoubleQuoted as foldDoubleQuoted,
  fastKeyAt as keyAt, fastKeyPrefixLengthAt as keyPrefixLengthAt, fastReaderUnsure as unsure, fastScalarValueAt as scalarValueAt, type FastScalarValue as ScalarValue,
} from './fastScalars';

// ---- a minimal tree of the subset, with the offsets the `yaml` parser would give ----------

/** A value in the tree: a scalar as its value (no node), or a nested mapping or sequence. */
type TreeValue = ScalarValue | MapNode | SeqNode;

interface MapNode {
  readonly kind: 'map';
  /**
   * Each pair as ENTRY_STRIDE slots: its key, its value, the value's start and end offsets
   * (scalars need no node of their own). One array, not a Map nor an array of keys, one of
   * values and one of offsets: an item has a dozen keys, our layout's known keys are one shared
   * string each (see keyAt), so a lookup is a few pointer comparisons, and 220,000 items make
   * no hash tables and a third of the arrays (issue 12: a cold open's garbage).
   */
  readonly entries: (string | TreeValue | number)[];
  readonly start: number;
  readonly end: number;
}

/** Slots per pair in MapNode.entries: key, value, value start, value end. */
const ENTRY_STRIDE = 4;

/**
 * The pairs of the mappings being read, innermost last: see TreeReader.map. Shared by every
 * read (one at a time, synchronously); its top goes back to 0 when a read starts (one given up
 * leaves its pairs), its slots are cleared when a read ends.
 */
const entryStack: (string | TreeValue | number)[] = [];
/** How many of entryStack's slots are in use (its length never shrinks: V8 would give back its memory, and the next pushes take it again). */
let entryTop = 0;

function pushEntry(key: string, value: TreeValue, start: number, end: number): void {
  entryStack[entryTop] = key;
  entryStack[entryTop + 1] = value;
  entryStack[entryTop + 2] = start;
  entryStack[entryTop + 3] = end;
  entryTop += ENTRY_STRIDE;
}

/** Index in `map.entries` of the pair with this key, or -1. */
function entryOf(map: MapNode, key: string): number {
  const entries = map.entries;
  for (let at = 0; at < entries.length; at += ENTRY_STRIDE) if (entries[at] === key) return at;
  return -1;
}

interface SeqNode {
  readonly kind: 'seq';
  readonly items: MapNode[];
  readonly start: number;
  end: number;
}

/** Numbers kept per data line in {@link TreeReader}: see LINE_START to LINE_NEXT. */
const LINE_STRIDE = 4;
/** Offset of the line's first character. */
const LINE_START = 0;
/** Spaces before its content. */
const LINE_INDENT = 1;
/** Offset of its line end (the text's length on a last line without one). */
const LINE_END = 2;
/** Offset just after its `\n`. */
const LINE_NEXT = 3;

/** `numbers` with room for at least `needed` of them: twice as long, its numbers copied. */
function grown(numbers: Int32Array, needed: number): Int32Array {
  const larger = new Int32Array(Math.max(needed, 2 * numbers.length));
  larger.set(numbers);
  return larger;
}

/**
 * The numbers of the data lines and the line starts of the text being read, shared by every
 * read and grown when a text needs more: the reader reads one text at a time, synchronously,
 * and nothing keeps them (CompactLocations copies the line starts). Arrays of their own, grown
 * by `push`, were a quarter of the memory a cold open allocated (issue 12: the garbage
 * collector's time).
 */
const SCRATCH_LINES = 1024;
let lineScratch: Int32Array = new Int32Array(LINE_STRIDE * SCRATCH_LINES);
let lineStartScratch: Int32Array = new Int32Array(SCRATCH_LINES);

/** After a large file: the scratch goes back to its first size (a 20,000-item sidecar's lines would stay in memory for good). */
function releaseLargeScratch(): void {
  if (lineStartScratch.length > 64 * SCRATCH_LINES) {
    lineScratch = new Int32Array(LINE_STRIDE * SCRATCH_LINES);
    lineStartScratch = new Int32Array(SCRATCH_LINES);
  }
}

/**
 * The tree of a text in the subset. Its data lines (not blank, not a comment) are kept as
 * offsets, LINE_STRIDE numbers each in one array: no object or string per line (issue 12: a
 * line object and its content string for each of the 2.6 million lines of a large corpus were
 * a good part of a cold open's garbage).
 */
class TreeReader {
  private readonly lines: Int32Array;
  private readonly lineCount: number;
  /** Offset of every line's first character, blank and comment lines included (for positions); valid until the next read. */
  readonly lineStarts: Int32Array;
  /** The data line the reader is at. */
  private at = 0;

  constructor(private readonly text: string) {
    entryTop = 0;
    // CR is among the awkward characters (a search for it first was a scan of every sidecar for nothing).
    if (AWKWARD_CHARS.test(text)) unsure();
    let lines = lineScratch;
    let starts = lineStartScratch;
    let numbers = 0;
    let startCount = 1;
    starts[0] = 0;
    let start = 0;
    while (start < text.length) {
      if (start > 0) {
        if (startCount === starts.length) starts = lineStartScratch = grown(starts, startCount + 1);
        starts[startCount++] = start;
      }
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      const next = newline < 0 ? text.length : newline + 1;
      let indent = 0;
      while (text.charCodeAt(start + indent) === 32) indent++;
      const first = start + indent < end ? text.charCodeAt(start + indent) : -1;
      if (first === 9) unsure(); // tabs in indentation
      // Blank and comment lines carry no data; the `yaml` parser skips them too.
      if (first !== -1 && first !== 35 /* # */) {
        if (numbers + LINE_STRIDE > lines.length) lines = lineScratch = grown(lines, numbers + LINE_STRIDE);
        lines[numbers + LINE_START] = start;
        lines[numbers + LINE_INDENT] = indent;
        lines[numbers + LINE_END] = end;
        lines[numbers + LINE_NEXT] = next;
        numbers += LINE_STRIDE;
      }
      start = next;
    }
    // A text that ends with a line break has one more, empty, line.
    if (text.endsWith('\n')) {
      if (startCount === starts.length) starts = lineStartScratch = grown(starts, startCount + 1);
      starts[startCount++] = text.length;
    }
    this.lines = lines;
    this.lineCount = numbers / LINE_STRIDE;
    this.lineStarts = starts.subarray(0, startCount);
  }

  /** A number of data line `line` (LINE_START...LINE_NEXT). */
  private line(line: number, field: number): number {
    return this.lines[line * LINE_STRIDE + field]!;
  }

  /** Whether data line `line` starts (after its indentation) with `- `. */
  private startsItem(line: number): boolean {
    const content = this.line(line, LINE_START) + this.line(line, LINE_INDENT);
    // At the line's end stands `\n` (or nothing): neither is `-` nor a space.
    return this.text.charCodeAt(content) === 45 /* - */ && this.text.charCodeAt(content + 1) === 32;
  }

  root(): MapNode {
    if (this.lineCount === 0 || this.line(0, LINE_INDENT) !== 0) unsure();
    const text = this.text;
    const start = this.line(0, LINE_START);
    if (text.startsWith('---', start) || text.charCodeAt(start) === 37 /* % */) unsure();
    const root = this.map(0, start, -1);
    if (this.at < this.lineCount) unsure();
    return root;
  }

  /**
   * A block mapping whose keys are at `indent`. `firstContent` is the offset of the first
   * pair when it is on a line already begun (after `- `), else -1.
   */
  private map(indent: number, start: number, firstContent: number): MapNode {
    const text = this.text;
    // The pairs go on the shared stack (a nested mapping's are taken off it before this one
    // goes on) and into an array of their exact size at the end: arrays grown pair by pair
    // were a sixth of a cold open's garbage (issue 12).
    const stack = entryStack;
    const base = entryTop;
    let end = start;
    let content = firstContent;
    for (;;) {
      const at = this.at;
      if (content < 0) {
        if (at >= this.lineCount) break;
        const lineIndent = this.line(at, LINE_INDENT);
        if (lineIndent < indent) break;
        if (lineIndent > indent) unsure();
        content = this.line(at, LINE_START) + lineIndent;
      }
      const lineEnd = this.line(at, LINE_END);
      const lineNext = this.line(at, LINE_NEXT);
      this.at++;
      const keyLength = keyPrefixLengthAt(text, content, lineEnd);
      if (keyLength < 0) unsure();
      const valueStart = content + keyLength;
      let colon = valueStart - 1;
      while (text.charCodeAt(colon) === 32) colon--;
      const name = keyAt(text, content, colon);
      for (let pair = base; pair < entryTop; pair += ENTRY_STRIDE) if (stack[pair] === name) unsure(); // duplicate keys: the full parser reports them
      const first = valueStart < lineEnd ? text.charCodeAt(valueStart) : -1;
      if (first === 9) unsure(); // a tab between key and value is separation, not content
      if (first === -1) {
        const value = this.blockValue(indent);
        pushEntry(name, value, value.start, value.end);
        end = value.end;
      } else if (first === 34 /* " */ && !closesOnItsLine(text, valueStart, lineEnd)) {
        const quoted = this.multiLineQuoted(valueStart, indent);
        pushEntry(name, quoted.value, valueStart, quoted.close + 1);
        end = quoted.next;
        content = -1;
        if (this.at < this.lineCount && this.line(this.at, LINE_INDENT) > indent) unsure();
        continue;
      } else {
        pushEntry(name, lineEnd - valueStart === 2 && first === 91 /* [ */ && text.charCodeAt(valueStart + 1) === 93 /* ] */
          ? { kind: 'seq', items: [], start: valueStart, end: valueStart + 2 }
          : scalarValueAt(text, valueStart, lineEnd), valueStart, lineEnd);
        end = lineNext;
        // A deeper line after a scalar would continue it (a multi-line plain scalar).
        if (this.at < this.lineCount && this.line(this.at, LINE_INDENT) > indent) unsure();
      }
      content = -1;
    }
    const node: MapNode = { kind: 'map', entries: stack.slice(base, entryTop), start, end };
    entryTop = base;
    return node;
  }

  /** The nested block after `key:` at `indent`: a mapping or a sequence (never empty here). */
  private blockValue(indent: number): MapNode | SeqNode {
    const at = this.at;
    if (at >= this.lineCount) return unsure();
    const lineIndent = this.line(at, LINE_INDENT);
    if (this.startsItem(at) && lineIndent >= indent) {
      if (lineIndent === indent && indent === 0) {
        // `key:\n- item` at the top level is valid YAML but not our layout.
        return unsure();
      }
      return this.seq(lineIndent);
    }
    if (lineIndent <= indent) return unsure(); // `key:` with nothing: null
    return this.map(lineIndent, this.line(at, LINE_START) + lineIndent, -1);
  }

  /**
   * A double-quoted scalar that goes on over several lines (the writer folds line breaks of a
   * quote that way): decoded with YAML's folding, the lines it covers consumed.
   */
  private multiLineQuoted(open: number, indent: number): { value: string; close: number; next: number } {
    const text = this.text;
    let close = -1;
    for (let index = open + 1; index < text.length; index++) {
      const ch = text.charCodeAt(index);
      if (ch === 92 /* \ */) index++;
      else if (ch === 34 /* " */) { close = index; break; }
    }
    if (close < 0) unsure();
    const lineEnd = text.indexOf('\n', close);
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    if (text.slice(close + 1, lineEnd < 0 ? text.length : lineEnd).trim() !== '') unsure();
    // Continuation lines must be indented deeper than the mapping, or it is not YAML.
    for (let at = text.indexOf('\n', open); at >= 0 && at < close; at = text.indexOf('\n', at + 1)) {
      let spaces = 0;
      while (text.charCodeAt(at + 1 + spaces) === 32) spaces++;
      const first = text[at + 1 + spaces];
      if (first !== '\n' && first !== undefined && spaces <= indent) unsure();
      if (first === '\t') unsure();
    }
    while (this.at < this.lineCount && this.line(this.at, LINE_START) < next) this.at++;
    return { value: foldDoubleQuoted(text.slice(open + 1, close)), close, next };
  }

  private seq(indent: number): SeqNode {
    const text = this.text;
    const first = this.line(this.at, LINE_START) + indent;
    const node: SeqNode = { kind: 'seq', items: [], start: first, end: first };
    for (;;) {
      const at = this.at;
      if (at >= this.lineCount) break;
      const lineIndent = this.line(at, LINE_INDENT);
      if (lineIndent < indent) break;
      if (lineIndent > indent || !this.startsItem(at)) unsure();
      const content = this.line(at, LINE_START) + indent + 2;
      // Only mappings as items.
      if (text.charCodeAt(content) === 32 || keyPrefixLengthAt(text, content, this.line(at, LINE_END)) < 0) unsure();
      const item = this.map(indent + 2, content, content);
      node.items.push(item);
      node.end = item.end;
    }
    return node;
  }
}

// ---- the sidecar, read from the tree with parseSidecar's rules ------------------------------

/** The value of an optional key, or undefined; an explicit null is left to the full parser. */
function valueOf(map: MapNode, key: string): TreeValue | undefined {
  const at = entryOf(map, key);
  return at < 0 ? undefined : map.entries[at + 1] as TreeValue;
}

/**
 * How the reader keeps each string value it returns, by the field's key: the store shares
 * repeated values and copies the rest out of the file's text (corpus/retainedSidecar.ts), as
 * they are read rather than in a second walk over the result.
 */
export type KeepString = (key: string, value: string) => string;

/** Values as read: slices of the file's text. */
const asRead: KeepString = (_key, value) => value;

/** `YamlReader.string`: a string, or a plain integer as written; kept by `keep`. */
function stringField(map: MapNode, key: string, required: boolean, keep: KeepString): string | undefined {
  const value = valueOf(map, key);
  if (value === undefined) return required ? unsure() : undefined;
  if (typeof value === 'string') return keep(key, value);
  // A plain integer where a string is expected: the integer as written.
  return typeof value === 'number' ? keep(key, String(value)) : unsure();
}

/** `YamlReader.text` accepts the same values as `string` in this subset. */
const textField = stringField;

function integerField(map: MapNode, key: string): number {
  const value = valueOf(map, key);
  return typeof value === 'number' ? value : unsure();
}

function booleanField(map: MapNode, key: string): boolean | undefined {
  const value = valueOf(map, key);
  if (value === undefined) return undefined;
  return typeof value === 'boolean' ? value : unsure();
}

function oneOfField<T extends string>(map: MapNode, key: string, allowed: readonly T[], required: boolean, keep: KeepString): T | undefined {
  const value = stringField(map, key, required, keep);
  if (value === undefined) return undefined;
  return (allowed as readonly string[]).includes(value) ? value as T : unsure();
}

function listField(map: MapNode, key: string): MapNode[] | undefined {
  const value = valueOf(map, key);
  if (value === undefined) return undefined;
  return typeof value === 'object' && value.kind === 'seq' ? value.items : unsure();
}

/** The item's offsets and its ANCHOR_FIELDS' (CompactLocations' layout), appended to `into`. */
function pushOffsets(item: MapNode, into: number[]): void {
  into.push(item.start, item.end);
  for (const key of ANCHOR_FIELDS) {
    const at = entryOf(item, key);
    if (at >= 0) into.push(item.entries[at + 2] as number, item.entries[at + 3] as number);
    else into.push(-1, -1);
  }
}

function readSource(map: MapNode, keep: KeepString): SourceInfo {
  const sha = stringField(map, 'sha256', false, keep);
  if (sha !== undefined && !/^[0-9a-f]{64}$/.test(sha)) unsure();
  const optional = (key: string): Partial<Record<string, string>> => {
    const value = stringField(map, key, false, keep);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    file: stringField(map, 'file', true, keep)!,
    ...(sha !== undefined ? { sha256: sha } : {}),
    ...optional('title'), ...optional('outlet'), ...optional('published'), ...optional('url'), ...optional('language'),
  };
}

function readReviews(map: MapNode, keep: KeepString): Review[] | undefined {
  const items = listField(map, 'reviews');
  if (!items) return undefined;
  return items.map((item): Review => {
    const comment = stringField(item, 'comment', false, keep);
    return {
      by: stringField(item, 'by', true, keep)!,
      verdict: oneOfField<ReviewVerdict>(item, 'verdict', REVIEW_VERDICTS, true, keep)!,
      at: stringField(item, 'at', true, keep)!,
      ...(comment !== undefined ? { comment } : {}),
    };
  });
}

/**
 * The fields shared by annotations and facts, then the kind's own, in parseSidecar's key order;
 * built by assignment (no spread per optional field: this runs 200,000 times on a large corpus).
 */
function readItem(map: MapNode, own: readonly (readonly [string, 'text' | 'string', boolean])[], keep: KeepString): Record<string, unknown> {
  const ownValues = own.map(([key, kind, required]) => (kind === 'text' ? textField : stringField)(map, key, required, keep));
  const item: Record<string, unknown> = {
    id: textField(map, 'id', true, keep), start: integerField(map, 'start'), end: integerField(map, 'end'), text: textField(map, 'text', true, keep),
  };
  const prefix = textField(map, 'prefix', false, keep);
  if (prefix !== undefined) item['prefix'] = prefix;
  const suffix = textField(map, 'suffix', false, keep);
  if (suffix !== undefined) item['suffix'] = suffix;
  const author = stringField(map, 'author', false, keep);
  if (author !== undefined) item['author'] = author;
  const created = stringField(map, 'created', false, keep);
  if (created !== undefined) item['created'] = created;
  const status = oneOfField<AnnotationStatus>(map, 'status', ANNOTATION_STATUSES, false, keep);
  if (status !== undefined) item['status'] = status;
  const orphaned = booleanField(map, 'orphaned');
  if (orphaned !== undefined) item['orphaned'] = orphaned;
  const note = stringField(map, 'note', false, keep);
  if (note !== undefined) item['note'] = note;
  const reviews = readReviews(map, keep);
  if (reviews !== undefined) item['reviews'] = reviews;
  own.forEach(([key], index) => { if (ownValues[index] !== undefined) item[key] = ownValues[index]; });
  return item;
}

const ANNOTATION_FIELDS = [['label', 'text', true], ['entity', 'text', false]] as const;
const FACT_FIELDS = [['subject', 'text', true], ['property', 'text', true], ['value', 'string', true]] as const;

/**
 * The ParsedSidecar `parseSidecar(file, text)` would return, or undefined when this reader is
 * not sure it would (then call `parseSidecar`). Its string values go through `keep` (equal
 * strings, perhaps shared or copied).
 */
export function readSidecarFast(file: string, text: string, keep: KeepString = asRead): ParsedSidecar | undefined {
  try {
    const tree = new TreeReader(text);
    const root = tree.root();
    if (integerField(root, 'version') !== FORMAT_VERSION) return undefined;
    const sourceNode = valueOf(root, 'source');
    if (typeof sourceNode !== 'object' || sourceNode.kind !== 'map') return undefined;
    const source = readSource(sourceNode, keep);

    const ids = new Set<string>();
    const checkId = (id: string): void => {
      if (ids.has(id)) unsure();
      ids.add(id);
    };
    const annotationItems = listField(root, 'annotations') ?? [];
    const annotations: Annotation[] = [];
    const annotationOffsets: number[] = [];
    for (const item of annotationItems) {
      const annotation = readItem(item, ANNOTATION_FIELDS, keep) as unknown as Annotation;
      checkId(annotation.id);
      annotations.push(annotation);
      pushOffsets(item, annotationOffsets);
    }
    const factItems = listField(root, 'facts') ?? [];
    // Over the item limit: `parseSidecar` reports it and makes the file read-only.
    if (annotationItems.length + factItems.length > SIDECAR_LIMITS.maxItems) return undefined;
    const facts: Fact[] = [];
    const factOffsets: number[] = [];
    for (const item of factItems) {
      const fact = readItem(item, FACT_FIELDS, keep) as unknown as Fact;
      checkId(fact.id);
      facts.push(fact);
      pushOffsets(item, factOffsets);
    }
    // Positions are built only if something asks for them (a diagnostic): see sidecarLocations.
    return withLazyLocations(
      { file, sidecar: { version: FORMAT_VERSION, source, annotations, facts }, diagnostics: [] },
      new CompactLocations(tree.lineStarts, annotationOffsets, factOffsets, sourceNode.start, sourceNode.end),
    );
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  } finally {
    // The stack's slots past its top still point into this file's tree (the last file read
    // would stay in memory: the 1 MB article's tree is ~25 MB); its length stays, so its
    // memory does too.
    entryStack.fill(0);
    releaseLargeScratch();
  }
}
