// Writes a change to a sidecar in our own layout in time proportional to the change, not to
// the file: the file's lines are indexed once (item by item), a change rewrites only the items
// it touches, and the check-back parse reads only the rewritten stretch of the list. The result
// is byte for byte what sidecarWriter.ts writes (the same item edits and the same placement
// rule, tested on random changes), and the new state is exactly what `parseSidecar` would read
// from the new text, positions included, so the next change needs no parse at all.
//
// It handles the common case and declines (undefined) the rest, which then goes through the
// general writer: files the fast reader does not read (hand-written layouts, comments or blank
// lines inside a list, CRLF, a last line without a line break, any reported problem), `source`
// written below the lists, emptying a list or filling an empty one, repeated ids.
import type { Sidecar } from '../model';
import { readSidecarFast } from './fastSidecarReader';
import { parseSidecar, readSidecarDocument, tooManyItems, type ItemLocation, type ParsedSidecar } from './sidecar';
import {
  ANNOTATION_ORDER, arrangeItems, asRecord, canonicalJson, DEFAULT_STYLE, FACT_ORDER, itemLines, sourceData,
  type Item, type PlacedItem, type Style,
} from './sidecarLayout';
import { editedItemLines, NotWritableError, writeSidecar } from './sidecarWriter';
import { SIDECAR_LIMITS, type SourceRange } from './yamlReader';

type ListKey = 'annotations' | 'facts';
const LIST_KEYS: readonly ListKey[] = ['annotations', 'facts'];

/** Where a block list's items are: item i is the text from `starts[i]` to the next start (or `end`). */
interface ListLines {
  readonly starts: readonly number[];
  /** Just after the list's last line break. */
  readonly end: number;
  /** Zero-based line of each item's `- ` line. */
  readonly lines: readonly number[];
  readonly endLine: number;
  readonly dashColumn: number;
}

/** A clean sidecar in our own layout with its items' lines: what {@link spliceSidecar} edits. */
export interface SidecarLines {
  readonly file: string;
  readonly text: string;
  /** What `parseSidecar(file, text)` reads: no diagnostics, writable. */
  readonly parsed: ParsedSidecar;
  readonly style: Style;
  /** Undefined for a list that is absent or written `[]`. */
  readonly lists: Readonly<Record<ListKey, ListLines | undefined>>;
}

/**
 * Indexes a sidecar's lines for splicing, reading it with the fast reader unless its parse is
 * given (it must be `parseSidecar(file, text)`). Undefined when the file is not one this path
 * may splice.
 */
export function indexSidecarLines(file: string, text: string, parsed: ParsedSidecar | undefined = readSidecarFast(file, text)): SidecarLines | undefined {
  const sidecar = parsed?.sidecar;
  if (!parsed || !sidecar || parsed.notWritable || parsed.diagnostics.length > 0 || !parsed.sourceLocation) return undefined;
  if (text.includes('\r') || !text.endsWith('\n') || sidecar.annotations.length + sidecar.facts.length > SIDECAR_LIMITS.maxItems) return undefined;
  const lists: Record<ListKey, ListLines | undefined> = { annotations: undefined, facts: undefined };
  let sourceColumn: number | undefined;
  let line = 0;
  let at = 0;
  while (at < text.length) {
    const next = text.indexOf('\n', at) + 1;
    const content = text.slice(at, next - 1);
    const key = content === 'annotations:' || content === 'facts:' ? content.slice(0, -1) as ListKey : undefined;
    if (content === 'source:' && next < text.length) sourceColumn = indentOf(text, next);
    at = next;
    line++;
    if (!key) continue;
    const list = listAt(text, at, line);
    if (!list) return undefined;
    lists[key] = list;
    at = list.end;
    line = list.endLine;
  }
  for (const key of LIST_KEYS) {
    const list = lists[key];
    const locations = key === 'annotations' ? parsed.annotationLocations : parsed.factLocations;
    // The reader's items must be exactly the `- ` lines found, in order.
    if ((list?.starts.length ?? 0) !== sidecar[key].length || locations.length !== sidecar[key].length) return undefined;
    if (list && list.lines.some((itemLine, index) => locations[index]?.item.start.line !== itemLine)) return undefined;
  }
  const first = lists.annotations ? 'annotations' : lists.facts ? 'facts' : undefined;
  const firstList = first ? lists[first] : undefined;
  const firstLocation = first === 'annotations' ? parsed.annotationLocations[0] : parsed.factLocations[0];
  // As the general writer detects it: nested maps indented like `source`, lists like the first list.
  const dashToKey = firstList && firstLocation ? Math.max(1, firstLocation.item.start.column - firstList.dashColumn) : DEFAULT_STYLE.dashToKey;
  const style: Style = {
    eol: '\n', unit: sourceColumn || DEFAULT_STYLE.unit,
    seqOffset: firstList ? firstList.dashColumn : DEFAULT_STYLE.seqOffset, dashToKey,
  };
  return { file, text, parsed, style, lists };
}

function indentOf(text: string, at: number): number {
  let column = 0;
  while (text.charCodeAt(at + column) === 32) column++;
  return column;
}

/**
 * The items of the block list whose first line starts at `at`: `- ` lines at one column, each
 * followed by deeper lines; no blank or comment lines. Undefined for anything else.
 */
function listAt(text: string, at: number, line: number): ListLines | undefined {
  const starts: number[] = [];
  const lines: number[] = [];
  const dashColumn = indentOf(text, at);
  let offset = at;
  let lineNumber = line;
  while (offset < text.length) {
    const indent = indentOf(text, offset);
    const isDash = indent === dashColumn && text.startsWith('- ', offset + indent);
    if (!isDash && indent <= dashColumn) {
      // The list ends at a key of the top level; a blank or comment line in it declines.
      if (indent !== 0 || text[offset] === '\n' || text[offset] === '#' || text.startsWith('- ', offset)) return undefined;
      break;
    }
    const next = text.indexOf('\n', offset) + 1;
    if (next === 0) return undefined;
    if (isDash) {
      starts.push(offset);
      lines.push(lineNumber);
    } else if (text[offset + indent] === '\n' || text[offset + indent] === '#') {
      return undefined;
    }
    offset = next;
    lineNumber++;
  }
  return starts.length > 0 ? { starts, end: offset, lines, endLine: lineNumber, dashColumn } : undefined;
}

/** A change written by {@link spliceSidecar}: the new text and its state for the next change. */
export interface SplicedSidecar {
  readonly text: string;
  readonly lines: SidecarLines;
}

/** An item on its way to its place: where it was in the file when the change left it alone. */
interface Entry extends PlacedItem {
  readonly item: Item;
  /** The item's index in the file when the change left it alone (its text is then that slice). */
  readonly origin: number | undefined;
}

/** A rewritten stretch, in offsets and lines of the old text. */
interface Splice {
  readonly key: ListKey | 'head';
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly startLine: number;
  readonly lineDelta: number;
  readonly charDelta: number;
}

/** The lines above the lists (version, source) rewritten, and what they read as now. */
interface HeadSplice extends Splice {
  readonly key: 'head';
  readonly version: number;
  readonly source: Sidecar['source'];
  readonly sourceLocation: SourceRange;
}

/** One list's rewritten stretch. */
interface ListSplice extends Splice {
  readonly key: ListKey;
  readonly list: ListLines;
  readonly items: readonly Item[];
  readonly locations: ItemLocation[];
}

/** Lines before the items in the documents of the check-back parse. */
const PROBE_HEADER = 'version: 1\nsource:\n  file: probe\n';
const PROBE_HEADER_LINES = 3;

/**
 * `next` written over `state`: the same text as `writeSidecar(file, next, state.text)` and
 * checked back, or undefined when this path does not make that change (then use the general
 * writer). Throws NotWritableError for a change the general writer's read-back would refuse:
 * one that takes the file over the item limit.
 */
export function spliceSidecar(state: SidecarLines, next: Sidecar): SplicedSidecar | undefined {
  const old = state.parsed.sidecar!;
  // Ids unique in the new data (spliceList checks each list; here: none in both lists).
  const [fewer, more] = next.facts.length <= next.annotations.length ? [next.facts, next.annotations] : [next.annotations, next.facts];
  if (fewer.length > 0) {
    const ids = new Set(fewer.map((item) => item.id));
    if (more.some((item) => ids.has(item.id))) return undefined;
  }
  const total = next.annotations.length + next.facts.length;
  // Refused as the general writer's read-back would refuse it, without parsing the whole file.
  if (total > SIDECAR_LIMITS.maxItems) throw new NotWritableError(state.file, `after this change ${tooManyItems(total)}`);
  const splices: Splice[] = [];
  let head: HeadSplice | undefined;
  if (next.version !== old.version || canonicalJson(sourceData(next)) !== canonicalJson(sourceData(old))) {
    head = spliceHead(state, next);
    if (!head) return undefined;
    splices.push(head);
  }
  for (const key of LIST_KEYS) {
    const list = state.lists[key];
    if (!list) {
      if (next[key].length > 0) return undefined;
      continue;
    }
    if (next[key].length === 0) return undefined;
    const splice = spliceList(state, key, list, next[key]);
    if (splice === undefined) return undefined;
    if (splice !== 'unchanged') splices.push(splice);
  }
  if (splices.length === 0) return { text: state.text, lines: state };
  let text = state.text;
  for (const splice of [...splices].sort((a, b) => b.start - a.start)) text = text.slice(0, splice.start) + splice.text + text.slice(splice.end);
  // A list after another's rewritten stretch moves by that stretch's length and line count.
  const shiftBefore = (key: ListKey, offset: number): { chars: number; lines: number } => {
    const earlier = splices.filter((splice) => splice.key !== key && splice.end <= offset);
    return { chars: earlier.reduce((sum, splice) => sum + splice.charDelta, 0), lines: earlier.reduce((sum, splice) => sum + splice.lineDelta, 0) };
  };
  const lists = { ...state.lists };
  const items: Record<ListKey, readonly Item[]> = { annotations: old.annotations, facts: old.facts };
  const locations: Record<ListKey, readonly ItemLocation[]> = { annotations: state.parsed.annotationLocations, facts: state.parsed.factLocations };
  for (const key of LIST_KEYS) {
    const list = state.lists[key];
    if (!list) continue;
    const own = splices.find((splice): splice is ListSplice => splice.key === key);
    const shift = shiftBefore(key, list.starts[0]!);
    lists[key] = shiftList(own?.list ?? list, shift.chars, shift.lines);
    if (own) items[key] = own.items;
    const listLocations = own ? own.locations : locations[key];
    locations[key] = shift.lines === 0 ? listLocations : listLocations.map((location) => shiftLocation(location, shift.lines));
  }
  const source = head?.sourceLocation ?? state.parsed.sourceLocation!;
  const sourceShift = head ? 0 : splices.filter((splice) => splice.startLine < source.start.line).reduce((sum, splice) => sum + splice.lineDelta, 0);
  const parsed: ParsedSidecar = {
    ...state.parsed,
    sidecar: { ...old, ...(head ? { version: head.version, source: head.source } : {}), annotations: items.annotations as Sidecar['annotations'], facts: items.facts as Sidecar['facts'] },
    annotationLocations: locations.annotations, factLocations: locations.facts,
    sourceLocation: sourceShift === 0 ? source : shiftRange(source, sourceShift),
  };
  return { text, lines: { file: state.file, text, parsed, style: state.style, lists } };
}

/**
 * The lines above the first list rewritten by the general writer for a new `version` or
 * `source` (the store adds the article's hash on a first write), or undefined to decline.
 */
function spliceHead(state: SidecarLines, next: Sidecar): HeadSplice | undefined {
  const firstItem = Math.min(...LIST_KEYS.map((key) => state.lists[key]?.starts[0] ?? state.text.length));
  // The start of the list's key line, just above its first item.
  const end = firstItem === state.text.length ? firstItem : state.text.lastIndexOf('\n', firstItem - 2) + 1;
  const text = state.text.slice(0, end);
  const oldLines = countLines(text);
  const sourceEnd = state.parsed.sourceLocation!.end; // may be the start of the line after it
  if (sourceEnd.line > oldLines || (sourceEnd.line === oldLines && sourceEnd.column > 0)) return undefined; // `source` below a list
  const wanted: Sidecar = { version: next.version, source: next.source, annotations: [], facts: [] };
  const before = readSidecarDocument(state.file, text);
  if (!isClean(before.parsed) || before.parsed.sidecar!.annotations.length + before.parsed.sidecar!.facts.length > 0) return undefined;
  const written = writeSidecar(state.file, wanted, before);
  // The check-back parse of the new lines.
  const read = parseSidecar(state.file, written);
  if (!isClean(read) || !written.endsWith('\n') || !read.sourceLocation) return undefined;
  if (read.sidecar!.version !== next.version || canonicalJson(sourceData(read.sidecar!)) !== canonicalJson(sourceData(next))) return undefined;
  if (read.sidecar!.annotations.length + read.sidecar!.facts.length > 0) return undefined;
  return {
    key: 'head', start: 0, end, text: written, startLine: 0, lineDelta: countLines(written) - oldLines, charDelta: written.length - end,
    version: read.sidecar!.version, source: read.sidecar!.source, sourceLocation: read.sourceLocation,
  };
}

/** The rewritten stretch of one list, 'unchanged', or undefined to decline. */
function spliceList(state: SidecarLines, key: ListKey, list: ListLines, wantedItems: readonly Item[]): ListSplice | 'unchanged' | undefined {
  const text = state.text;
  const before = state.parsed.sidecar![key];
  const order = key === 'annotations' ? ANNOTATION_ORDER : FACT_ORDER;
  const wanted = new Map<string, Item>();
  const bodyOf = (index: number) => text.slice(list.starts[index]!, list.starts[index + 1] ?? list.end);
  // The common change edits items where they are (a status, a note): then only those items are
  // looked at. Anything else (an item added, deleted or moved) goes through the placement rule.
  const inPlace = inPlaceEdits(before, wantedItems);
  const from = inPlace ? inPlace[0] ?? 0 : 0;
  const to = inPlace ? (inPlace[inPlace.length - 1] ?? -1) + 1 : before.length;
  if (inPlace) {
    if (inPlace.length === 0) return 'unchanged';
    for (let index = from; index < to; index++) wanted.set(wantedItems[index]!.id, wantedItems[index]!);
  } else {
    for (const item of wantedItems) wanted.set(item.id, item);
    if (wanted.size !== wantedItems.length) return undefined; // a repeated id
  }
  // One small object per item and no copies of its text: at 20,000 items the garbage
  // collector, not the work, would otherwise set the pace.
  const placed: Entry[] = [];
  const edited: { entry: Entry; item: Item; body: string }[] = [];
  let changed = false;
  for (let index = from; index < to; index++) {
    const item = before[index]!;
    const want = wanted.get(item.id);
    if (!want) { changed = true; continue; }
    const same = want === item || canonicalJson(want) === canonicalJson(item);
    const entry: Entry = { lead: '', body: '', key: want, moved: want.start !== item.start || want.end !== item.end, item: want, origin: same ? index : undefined };
    if (!same) edited.push({ entry, item: want, body: bodyOf(index) });
    placed.push(entry);
  }
  if (edited.length > 0) {
    // The items' own edits, made by the general writer on a document of just those items.
    const probe = readSidecarDocument(state.file, `${PROBE_HEADER}${key}:\n${edited.map((edit) => edit.body).join('')}`);
    if (!isClean(probe.parsed) || probe.parsed.sidecar![key].length !== edited.length) return undefined;
    const bodies = editedItemLines(state.file, probe, key, edited.map((edit) => edit.item), state.style);
    bodies.forEach((body, index) => {
      const edit = edited[index]!;
      if (body !== edit.body) changed = true;
      edit.entry.body = body;
    });
  }
  const known = new Set<string>();
  if (!inPlace) for (const item of before) known.add(item.id);
  const added: Entry[] = inPlace ? [] : wantedItems.filter((item) => !known.has(item.id)).map((item) => ({
    lead: '', body: itemLines(asRecord(item), order, list.dashColumn, state.style).map((line) => `${line}\n`).join(''),
    key: item, moved: true, item, origin: undefined,
  }));
  if (!inPlace && arrangeItems(placed, added, '') > 0) changed = true;
  if (!changed) return 'unchanged';

  // The stretch from the first to the last item that is not where it was, as it was.
  const count = before.length;
  let head = 0;
  while (head < placed.length && placed[head]!.origin === from + head) head++;
  let tail = 0;
  while (tail < placed.length - head && placed[placed.length - 1 - tail]!.origin === to - 1 - tail) tail++;
  const middle = placed.slice(head, placed.length - tail);
  head += from;
  tail += count - to;
  for (const entry of middle) if (entry.origin !== undefined) entry.body = bodyOf(entry.origin);
  const start = list.starts[head] ?? list.end;
  const end = list.starts[count - tail] ?? list.end;
  const startLine = list.lines[head] ?? list.endLine;
  const oldLines = (list.lines[count - tail] ?? list.endLine) - startLine;
  const middleText = middle.map((entry) => entry.body).join('');
  if (!middle.every((entry) => isItemLines(entry.body, list.dashColumn))) return undefined;

  // The check-back parse, of the rewritten stretch only: it must read as exactly the intended items.
  const check = readSidecarDocument(state.file, `${PROBE_HEADER}${key}:\n${middleText}`);
  const read = check.parsed.sidecar?.[key];
  if (!isClean(check.parsed) || !read || read.length !== middle.length) return undefined;
  if (read.some((item, index) => canonicalJson(item) !== canonicalJson(middle[index]!.item))) return undefined;
  const readLocations = key === 'annotations' ? check.parsed.annotationLocations : check.parsed.factLocations;
  const oldLocations = key === 'annotations' ? state.parsed.annotationLocations : state.parsed.factLocations;
  const newLines = countLines(middleText);
  const lineDelta = newLines - oldLines;
  const charDelta = middleText.length - (end - start);
  const middleStarts: number[] = [];
  const middleLines: number[] = [];
  let offset = start;
  let lineNumber = startLine;
  for (const entry of middle) {
    middleStarts.push(offset);
    middleLines.push(lineNumber);
    offset += entry.body.length;
    lineNumber += countLines(entry.body);
  }
  const firstLine = startLine - (PROBE_HEADER_LINES + 1);
  return {
    key, start, end, text: middleText, startLine, lineDelta, charDelta,
    list: {
      starts: [...list.starts.slice(0, head), ...middleStarts, ...list.starts.slice(count - tail).map((at) => at + charDelta)],
      lines: [...list.lines.slice(0, head), ...middleLines, ...list.lines.slice(count - tail).map((at) => at + lineDelta)],
      end: list.end + charDelta, endLine: list.endLine + lineDelta, dashColumn: list.dashColumn,
    },
    items: [...before.slice(0, head), ...read, ...before.slice(count - tail)],
    locations: [
      ...oldLocations.slice(0, head),
      ...readLocations.map((location) => shiftLocation(location, firstLine)),
      ...oldLocations.slice(count - tail).map((location) => (lineDelta === 0 ? location : shiftLocation(location, lineDelta))),
    ],
  };
}

/**
 * Indexes of the items a change edited in place (same id, same offsets, another object; the
 * others the very objects they were), ascending; undefined when it did anything else.
 */
function inPlaceEdits(before: readonly Item[], after: readonly Item[]): number[] | undefined {
  if (before.length !== after.length) return undefined;
  const edited: number[] = [];
  for (let index = 0; index < before.length; index++) {
    const old = before[index]!;
    const item = after[index]!;
    if (item === old) continue;
    if (item.id !== old.id || item.start !== old.start || item.end !== old.end) return undefined;
    edited.push(index);
  }
  return edited;
}

function isClean(parsed: ParsedSidecar): boolean {
  return parsed.sidecar !== undefined && parsed.notWritable === undefined && parsed.diagnostics.length === 0;
}

/** Whether `body` is one item as the index reads it: a `- ` line, then deeper ones, none blank. */
function isItemLines(body: string, dashColumn: number): boolean {
  if (!body.endsWith('\n') || !body.startsWith(`${' '.repeat(dashColumn)}- `)) return false;
  for (let at = body.indexOf('\n') + 1; at < body.length; at = body.indexOf('\n', at) + 1) {
    const indent = indentOf(body, at);
    if (indent <= dashColumn || body[at + indent] === '\n' || body[at + indent] === '#') return false;
  }
  return true;
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

function shiftList(list: ListLines, chars: number, lines: number): ListLines {
  if (chars === 0 && lines === 0) return list;
  return {
    starts: list.starts.map((at) => at + chars), lines: list.lines.map((at) => at + lines),
    end: list.end + chars, endLine: list.endLine + lines, dashColumn: list.dashColumn,
  };
}

function shiftRange(range: SourceRange, lines: number): SourceRange {
  return { start: { line: range.start.line + lines, column: range.start.column }, end: { line: range.end.line + lines, column: range.end.column } };
}

function shiftLocation(location: ItemLocation, lines: number): ItemLocation {
  const fields: Record<string, SourceRange> = {};
  for (const [key, range] of Object.entries(location.fields)) fields[key] = shiftRange(range, lines);
  return { item: shiftRange(location.item, lines), fields };
}
