// Writes sidecars by splicing the file's own text: only the lines a change concerns are
// rewritten, in the file's layout (indentation, sequence style, blank lines, comments), and
// everything the reader did not understand (rejected items and fields, unknown keys, later
// duplicates of an id) stays byte for byte. Same data and same file give the same bytes, so
// git diffs show only real changes.
import { Document, isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { formatDiagnostic, type Sidecar } from '../model';
import { readSidecarDocument, type SidecarDocument, type SidecarItemNode } from './sidecar';
import {
  ANNOTATION_ORDER, applyEdits, asRecord, canonicalJson, DEFAULT_STYLE, FACT_ORDER, flowText, itemLines, listLines, pad, pairLines,
  renderNewSidecar, REVIEW_ORDER, sameItems, SOURCE_ORDER, sourceData, TOP_LEVEL_ORDER, arrangeItems, sameSidecarData,
  type Edit, type Item, type PlacedItem, type Style,
} from './sidecarLayout';
import { STRINGIFY_OPTIONS } from './yamlReader';
import { isScalarValue, scalarText, type ScalarValue } from './yamlScalars';

export { compareAnchored, sameSidecarData } from './sidecarLayout';
export { doubleQuoted, isSafePlain, yamlScalar } from './yamlScalars';
import { numberedVariant } from '../util';
import { findPair, itemIdScalar } from './yamlReader';

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

/**
 * The text of a sidecar holding `next`. With a previous text (or its parse), that file is
 * edited in place; a previous text that does not parse, or a change to something the reader
 * did not understand, throws {@link NotWritableError} and nothing is written.
 */
export function writeSidecar(file: string, next: Sidecar, previous?: string | SidecarDocument): string {
  const prepared = typeof previous === 'string' ? (previous.trim() === '' ? undefined : readSidecarDocument(file, previous)) : previous;
  if (!prepared) return renderNewSidecar(next);
  return new SidecarEdit(file, prepared).write(next);
}

/**
 * The lines of each item of list `key` in `prepared` (a document of just those items) after
 * editing it to hold `items[i]`, in the style of the file they come from.
 */
export function editedItemLines(file: string, prepared: SidecarDocument, key: 'annotations' | 'facts', items: readonly Item[], style: Style): string[] {
  return new SidecarEdit(file, prepared, style).itemBodies(key, items);
}

class SidecarEdit {
  private readonly text: string;
  private readonly style: Style;
  private readonly edits: Edit[] = [];

  constructor(private readonly file: string, private readonly prepared: SidecarDocument, style?: Style) {
    this.text = prepared.text;
    this.style = style ?? detectStyle(prepared);
  }

  /** Each item of list `key`, in file order, edited to hold `items[i]`: its lines, not placed. */
  itemBodies(key: 'annotations' | 'facts', items: readonly Item[]): string[] {
    const nodes = key === 'annotations' ? this.prepared.annotationItems : this.prepared.factItems;
    const order = key === 'annotations' ? ANNOTATION_ORDER : FACT_ORDER;
    const oldItems = this.prepared.parsed.sidecar?.[key] ?? [];
    return this.blocksOf(nodes).map((block, index) => {
      const item = items[index];
      const map = block.node.node;
      if (!item || !isMap(map)) throw new Error(`internal: no item to write for block ${index} of \`${key}\``);
      const edits = this.withoutRecording(() => this.editMap(map, asRecord(item), order, block.node.rejectedFields, `item \`${item.id}\``, asRecord(oldItems[index])));
      const bodyStart = block.start + block.lead.length;
      return applyEdits(this.text.slice(bodyStart, block.end), edits.map((edit) => ({ ...edit, start: edit.start - bodyStart, end: edit.end - bodyStart })));
    });
  }

  write(next: Sidecar): string {
    const { parsed, document } = this.prepared;
    if (parsed.notWritable || !parsed.sidecar) {
      const first = parsed.diagnostics[0];
      throw new NotWritableError(this.file, (parsed.notWritable ?? 'it cannot be read') + (first ? `\n${formatDiagnostic(first)}` : ''));
    }
    // Unchanged data: keep the file exactly as it is.
    if (sameSidecarData(parsed.sidecar, next)) return this.text;
    if (document.contents == null) {
      // Empty or only comments: the comments stay, the sidecar starts below them.
      const head = this.text.replace(/\s+$/, '');
      return (head ? head + this.style.eol : '') + renderNewSidecar(next, this.style);
    }
    const root = document.contents as YAMLMap;
    const takenRaw = new Set([...this.prepared.annotationItems, ...this.prepared.factItems]
      .filter((item) => item.acceptedId === undefined && item.rawId !== undefined).map((item) => item.rawId as string));
    for (const item of [...next.annotations, ...next.facts]) {
      if (takenRaw.has(item.id) && ![...parsed.sidecar.annotations, ...parsed.sidecar.facts].some((old) => old.id === item.id)) {
        throw new NotWritableError(this.file, `the new item's id \`${item.id}\` is already used by an item that is not loaded. Fix that item first.`);
      }
    }
    const versionPair = findPair(root, 'version');
    if (versionPair && isScalar(versionPair.value) && versionPair.value.value !== next.version) this.replaceScalar(versionPair.value, 'version', next.version);
    this.source(root, next);
    this.list(root, 'annotations', next.annotations, this.prepared.annotationItems, ANNOTATION_ORDER, true);
    this.list(root, 'facts', next.facts, this.prepared.factItems, FACT_ORDER, false);
    return applyEdits(this.text, this.edits);
  }

  private source(root: YAMLMap, next: Sidecar): void {
    const data = sourceData(next);
    const pair = findPair(root, 'source');
    if (!pair || pair.value == null || (isScalar(pair.value) && pair.value.value === null)) {
      if (Object.keys(data).length === 0) return;
      const lines = pairLines('source', data, 0, this.style);
      if (pair) this.edits.push({ start: keyStart(pair), end: this.lineEndAfter(valueEnd(pair)), text: this.joinLines(lines) });
      else this.insertTopLevel(root, 'source', lines);
      return;
    }
    if (!isMap(pair.value)) return; // reported by the reader; left as it is
    const old = this.prepared.parsed.sidecar?.source as unknown as Record<string, unknown>;
    this.editMap(pair.value, data, SOURCE_ORDER, this.prepared.sourceRejected, '`source`', old);
  }

  /** Edits of one block (or flow) mapping: changed values, new keys, removed keys. */
  private editMap(map: YAMLMap, data: Record<string, unknown>, order: readonly string[], rejected: ReadonlySet<string>, what: string, old?: Record<string, unknown>): Edit[] {
    const edits: Edit[] = [];
    if (map.flow) return this.editFlowMap(map, data, order, rejected, what);
    const keyColumn = this.columnOf(map.range?.[0] ?? 0);
    let previous: Pair | undefined;
    for (const key of order) {
      const pair = findPair(map, key);
      const value = data[key];
      if (rejected.has(key)) {
        if (value !== undefined && (old === undefined || JSON.stringify(old[key]) !== JSON.stringify(value))) {
          throw new NotWritableError(this.file, `\`${key}\` of ${what} is not understood (line ${this.lineOf(keyStart(pair))}); fix it before changing it.`);
        }
        previous = pair ?? previous;
        continue;
      }
      if (value === undefined) {
        if (pair) edits.push(this.removePair(map, pair));
        continue;
      }
      if (pair) {
        previous = pair;
        if (holds(pair.value, value)) continue;
        const appended = this.appendedEntries(pair, value);
        if (appended) {
          edits.push(appended);
        } else if (isScalarValue(value) && isScalar(pair.value) && pair.value.range) {
          edits.push(this.scalarEdit(pair.value, key, value));
        } else {
          const lines = pairLines(key, value, keyColumn, this.style);
          const start = keyStart(pair);
          const onOwnLine = this.columnOf(start) === keyColumn && /^[ \t]*$/.test(this.text.slice(this.lineStart(start), start));
          const from = onOwnLine ? this.lineStart(start) : start;
          if (!onOwnLine && lines[0]) lines[0] = lines[0].slice(keyColumn);
          edits.push({ start: from, end: this.lineEndAfter(valueEnd(pair)), text: this.joinLines(lines) });
        }
        continue;
      }
      const lines = pairLines(key, value, keyColumn, this.style);
      const at = previous ? this.lineEndAfter(valueEnd(previous)) : this.lineEndAfter(map.range?.[1] ?? 0);
      edits.push({ start: at, end: at, text: (at === this.text.length && !/[\r\n]$/.test(this.text) ? this.style.eol : '') + this.joinLines(lines) });
    }
    this.edits.push(...edits);
    return edits;
  }

  /**
   * A block list of mappings (reviews) that the change only extended: the new entries are
   * inserted after the last one, in its layout; the existing ones stay as they are.
   */
  private appendedEntries(pair: Pair, value: unknown): Edit | undefined {
    const seq = pair.value;
    if (!Array.isArray(value) || !isSeq(seq) || seq.flow || seq.items.length === 0 || seq.items.length >= value.length) return undefined;
    const entries = seq.items as Node[];
    const first = entries[0];
    const last = entries[entries.length - 1];
    if (!isMap(first) || first.flow || !first.range || !last?.range) return undefined;
    if (canonicalJson(seq.toJSON()) !== canonicalJson(value.slice(0, entries.length))) return undefined;
    let dash = first.range[0] - 1;
    while (dash > 0 && /\s/.test(this.text[dash] ?? '')) dash--;
    if (this.text[dash] !== '-') return undefined;
    const dashColumn = this.columnOf(dash);
    const style = { ...this.style, dashToKey: this.columnOf(first.range[0]) - dashColumn };
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const lines = value.slice(entries.length).flatMap((entry) => (isScalarValue(entry) ? [] : itemLines(
      entry as Record<string, unknown>, key === 'reviews' ? REVIEW_ORDER : Object.keys(entry as object), dashColumn, style)));
    if (lines.length === 0) return undefined;
    const at = this.lineEndAfter(last.range[1]);
    return { start: at, end: at, text: (at === this.text.length && !/[\r\n]$/.test(this.text) ? this.style.eol : '') + this.joinLines(lines) };
  }

  /** Flow mappings (`{ id: a1, … }`) are rewritten as one node, still in flow style. */
  private editFlowMap(map: YAMLMap, data: Record<string, unknown>, order: readonly string[], rejected: ReadonlySet<string>, what: string): Edit[] {
    const document = new Document(null);
    let changed = false;
    for (const key of order) {
      const value = data[key];
      if (rejected.has(key)) {
        if (value !== undefined) throw new NotWritableError(this.file, `\`${key}\` of ${what} is not understood; fix it before changing it.`);
        continue;
      }
      const pair = findPair(map, key);
      if (value === undefined) {
        if (pair) map.items.splice(map.items.indexOf(pair), 1);
        changed ||= pair !== undefined;
        continue;
      }
      if (pair && holds(pair.value, value)) continue;
      changed = true;
      const node = quotedNode(document, key, value);
      if (pair) {
        pair.value = node;
      } else {
        // At its canonical place: before the first key that comes after it.
        const later = map.items.findIndex((other) => order.indexOf(isScalar(other.key) ? String(other.key.value) : '') > order.indexOf(key));
        map.items.splice(later < 0 ? map.items.length : later, 0, document.createPair(key, node) as Pair);
      }
    }
    if (!changed) return [];
    document.contents = map;
    const [start, end] = [map.range?.[0] ?? 0, map.range?.[1] ?? 0];
    const padded = /^[{[]\s/.test(this.text.slice(start, end));
    const edit = { start, end, text: document.toString({ ...STRINGIFY_OPTIONS, flowCollectionPadding: padded }).trimEnd() };
    this.edits.push(edit);
    return [edit];
  }

  private scalarEdit(node: Scalar, key: string, value: ScalarValue): Edit {
    const [start, end] = node.range as [number, number, number];
    let replacement = scalarText(key, value, node);
    if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) {
      // A block scalar's range ends after its last line break, which the next key needs.
      replacement += this.text.slice(start, end).match(/(?:\r?\n[ \t]*)+$/)?.[0] ?? this.style.eol;
    }
    return { start, end, text: replacement };
  }

  private replaceScalar(node: Scalar, key: string, value: ScalarValue): void {
    this.edits.push(this.scalarEdit(node, key, value));
  }

  /** Removes a key's lines; a key on the `- ` line hands that line to the key after it. */
  private removePair(map: YAMLMap, pair: Pair): Edit {
    const start = keyStart(pair);
    const end = this.lineEndAfter(valueEnd(pair));
    if (/^[ \t]*$/.test(this.text.slice(this.lineStart(start), start))) return { start: this.lineStart(start), end, text: '' };
    const following = map.items[map.items.indexOf(pair) + 1];
    if (!following) throw new NotWritableError(this.file, `the item at line ${this.lineOf(start)} would be left empty.`);
    return { start, end: keyStart(following), text: '' };
  }

  private list(root: YAMLMap, key: 'annotations' | 'facts', items: readonly Item[], nodes: readonly SidecarItemNode[], order: readonly string[], keepWhenEmpty: boolean): void {
    const pair = findPair(root, key);
    const value = pair?.value;
    const empty = !value || (isScalar(value) && value.value === null) || (isSeq(value) && value.items.length === 0);
    if (empty) {
      if (items.length === 0) return;
      const lines = listLines(key, items, order, 0, this.style, keepWhenEmpty);
      if (pair) this.edits.push({ start: keyStart(pair), end: this.lineEndAfter(valueEnd(pair)), text: this.joinLines(lines) });
      else this.insertTopLevel(root, key, lines);
      return;
    }
    if (!isSeq(value)) return; // the reader refused the file
    if (value.flow) {
      if (sameItems(this.prepared.parsed.sidecar?.[key] ?? [], items)) return;
      throw new NotWritableError(this.file, `\`${key}\` is written as a flow list (\`[…]\`); write it as a block list (\`- …\` per item) to edit it here.`);
    }
    const blocks = this.blocksOf(nodes);
    const regionStart = blocks[0]?.start ?? 0;
    const regionEnd = blocks[blocks.length - 1]?.end ?? 0;
    const wanted = new Map(items.map((item) => [item.id, item]));
    const oldItems = new Map((this.prepared.parsed.sidecar?.[key] ?? []).map((item) => [item.id, item]));
    const dashColumn = blocks.find((block) => block.dash !== undefined)?.dash ?? this.style.seqOffset;
    const separator = blocks[1] && /\n[ \t]*\r?\n|^[ \t]*\r?\n/.test(blocks[1].lead) ? this.style.eol : '';
    const firstLead = blocks[0]?.lead ?? '';

    const placed: PlacedItem[] = [];
    const added: PlacedItem[] = [];
    let changed = false;
    for (const block of blocks) {
      const id = block.node.acceptedId;
      if (id === undefined) { placed.push({ lead: block.lead, body: block.body }); continue; }
      const item = wanted.get(id);
      if (!item) { changed = true; continue; } // deleted by the user
      const old = oldItems.get(id);
      // The very object the reader gave (a change that left this item alone): its lines stay.
      const edits = item !== old && isMap(block.node.node)
        ? this.withoutRecording(() => this.editMap(block.node.node as YAMLMap, asRecord(item), order, block.node.rejectedFields, `item \`${id}\``, asRecord(old)))
        : [];
      const bodyStart = block.start + block.lead.length;
      const body = edits.length === 0 ? block.body
        : applyEdits(this.text.slice(bodyStart, block.end), edits.map((edit) => ({ ...edit, start: edit.start - bodyStart, end: edit.end - bodyStart })));
      if (edits.length > 0) changed = true;
      placed.push({ lead: block.lead, body, key: { start: item.start, end: item.end, id }, moved: !old || old.start !== item.start || old.end !== item.end });
    }
    const inFile = new Set(nodes.map((node) => node.acceptedId));
    // A list written one `{…}` per item gets its new items the same way.
    const flowItems = blocks.length > 0 && blocks.every((block) => isMap(block.node.node) && block.node.node.flow);
    const flowPadding = flowItems && /^\{\s/.test(this.text.slice((blocks[0]?.node.node as Node).range?.[0] ?? 0));
    for (const item of items) {
      if (oldItems.has(item.id) && inFile.has(item.id)) continue;
      const lines = flowItems
        ? [`${pad(dashColumn)}- ${flowText(asRecord(item), order, flowPadding)}`]
        : itemLines(asRecord(item), order, dashColumn, this.style);
      added.push({ lead: '', body: this.joinLines(lines), key: { start: item.start, end: item.end, id: item.id } });
    }
    if (arrangeItems(placed, added, separator) > 0) changed = true;
    if (!changed) return;
    if (placed.length > 0 && placed[0]) placed[0].lead = firstLead;
    if (placed.length === 0) {
      const text = keepWhenEmpty || key === 'facts' ? `${key}: []${this.style.eol}` : '';
      this.edits.push({ start: this.lineStart(keyStart(pair as Pair)), end: regionEnd, text });
      return;
    }
    // Every item ends its last line (the file's last one may not have had a line break).
    let region = placed.map((entry) => entry.lead + (/[\r\n]$/.test(entry.body) ? entry.body : entry.body + this.style.eol)).join('');
    if (regionEnd === this.text.length && !/[\r\n]$/.test(this.text.slice(regionStart, regionEnd))) region = region.replace(/\r?\n$/, '');
    this.edits.push({ start: regionStart, end: regionEnd, text: region });
  }

  private withoutRecording<T>(run: () => T): T {
    const length = this.edits.length;
    const result = run();
    this.edits.length = length;
    return result;
  }

  /**
   * Each list item's lines: `lead` (blank lines before it) and `body` (the comments right
   * above it and the item itself), so an item moves or goes with its own comments.
   */
  private blocksOf(nodes: readonly SidecarItemNode[]): { node: SidecarItemNode; start: number; end: number; lead: string; body: string; dash?: number }[] {
    const blocks: { node: SidecarItemNode; start: number; end: number; lead: string; body: string; dash?: number }[] = [];
    let previousEnd: number | undefined;
    for (const entry of nodes) {
      const range = (entry.node as Node).range;
      if (!range) continue;
      let dash = range[0] - 1;
      while (dash > 0 && /\s/.test(this.text[dash] ?? '')) dash--;
      if (this.text[dash] !== '-') dash = range[0];
      let start = previousEnd ?? this.lineStart(dash);
      if (previousEnd === undefined) {
        // Comment lines directly above the first item are that item's.
        for (;;) {
          if (start === 0) break;
          const above = this.lineStart(start - 1);
          if (!/^[ \t]*#/.test(this.text.slice(above, start))) break;
          start = above;
        }
      }
      const end = this.lineEndAfter(range[1]);
      const segment = this.text.slice(start, end);
      const lead = segment.match(/^(?:[ \t]*\r?\n)*/)?.[0] ?? '';
      blocks.push({ node: entry, start, end, lead, body: segment.slice(lead.length), dash: this.columnOf(dash) });
      previousEnd = end;
    }
    return blocks;
  }

  private insertTopLevel(root: YAMLMap, key: string, lines: string[]): void {
    const rank = TOP_LEVEL_ORDER.indexOf(key as (typeof TOP_LEVEL_ORDER)[number]);
    const before = [...root.items].reverse().find((pair) => {
      const other = TOP_LEVEL_ORDER.indexOf((isScalar(pair.key) ? String(pair.key.value) : '') as (typeof TOP_LEVEL_ORDER)[number]);
      return other >= 0 && other < rank;
    }) as Pair | undefined;
    const at = before ? this.lineEndAfter(valueEnd(before)) : this.text.length;
    const lead = at === this.text.length && !/[\r\n]$/.test(this.text) ? this.style.eol : '';
    this.edits.push({ start: at, end: at, text: lead + this.joinLines(lines) });
  }

  private joinLines(lines: readonly string[]): string {
    return lines.map((line) => line + this.style.eol).join('');
  }

  private lineStart(offset: number): number {
    let i = offset;
    while (i > 0 && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  /** The end of the line holding `offset - 1` (just after its line break). */
  private lineEndAfter(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === '\n') return offset;
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  private columnOf(offset: number): number {
    return offset - this.lineStart(offset);
  }

  private lineOf(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) line++;
    return line;
  }
}

function detectStyle(prepared: SidecarDocument): Style {
  const text = prepared.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const column = (offset: number) => offset - (Math.max(text.lastIndexOf('\n', offset - 1), -1) + 1);
  let unit = DEFAULT_STYLE.unit;
  let seqOffset = DEFAULT_STYLE.seqOffset;
  let dashToKey = DEFAULT_STYLE.dashToKey;
  const root = prepared.document.contents;
  if (isMap(root)) {
    const source = findPair(root, 'source')?.value;
    if (isMap(source) && !source.flow && source.range) unit = column(source.range[0]) || unit;
    for (const key of ['annotations', 'facts']) {
      const pair = findPair(root, key);
      const seq = pair?.value;
      const first = isSeq(seq) && !seq.flow ? seq.items.find((item) => isMap(item) && !item.flow) as YAMLMap | undefined : undefined;
      if (!first?.range || !isScalar(pair?.key) || !pair.key.range) continue;
      let dash = first.range[0] - 1;
      while (dash > 0 && /\s/.test(text[dash] ?? '')) dash--;
      if (text[dash] !== '-') continue;
      seqOffset = column(dash) - column(pair.key.range[0]);
      dashToKey = column(first.range[0]) - column(dash);
      if (!(isMap(source) && !source.flow)) unit = Math.max(1, dashToKey);
      break;
    }
  }
  return { eol, unit, seqOffset: Math.max(0, seqOffset), dashToKey: Math.max(1, dashToKey) };
}

function keyStart(pair: Pair | undefined): number {
  return (pair?.key as Node | undefined)?.range?.[0] ?? 0;
}

/** Where a pair's value ends (its comment on the same line is kept by the line logic). */
function valueEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range?.[1] ?? (pair.key as Node | undefined)?.range?.[2] ?? 0;
}

/** A node for a flow mapping's value, quoted like the text edits. */
export function quotedNode(document: Document, key: string, value: unknown): Node {
  const node = document.createNode(value) as Node;
  const visit = (child: unknown, childKey: string): void => {
    if (isScalar(child) && typeof child.value === 'string') {
      const text = scalarText(childKey, child.value, undefined, true);
      child.type = text.startsWith('"') ? Scalar.QUOTE_DOUBLE : text.startsWith("'") ? Scalar.QUOTE_SINGLE : Scalar.PLAIN;
    } else if (isSeq(child)) {
      child.items.forEach((item) => visit(item, ''));
    } else if (isMap(child)) {
      child.items.forEach((pair) => visit(pair.value, isScalar(pair.key) ? String(pair.key.value) : ''));
    }
  };
  visit(node, key);
  return node;
}

/** Whether the node already holds `value`; a hand-written `24` holds the string "24". */
function holds(node: unknown, value: unknown): boolean {
  if (isScalar(node)) {
    if (typeof value === 'string') return typeof node.value === 'string' ? node.value === value : String(node.source ?? node.value) === value;
    return node.value === value;
  }
  if (node && typeof node === 'object' && 'toJSON' in node) {
    return canonicalJson((node as { toJSON(): unknown }).toJSON()) === canonicalJson(value);
  }
  return false;
}

/** A replacement of one span of a file's text (UTF-16 offsets). */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The quick fix for a duplicate id: gives the item whose `id` value is at `offset` (UTF-16,
 * in `text`) a new id unique in the file, `<id>-2` or the next free number. Only that one
 * scalar changes. Undefined when no item's id is there.
 */
export function renameDuplicateId(file: string, text: string, offset: number): (TextReplacement & { readonly id: string }) | undefined {
  const prepared = readSidecarDocument(file, text);
  const items = [...prepared.annotationItems, ...prepared.factItems];
  const taken = new Set(items.map((item) => item.rawId).filter((id): id is string => id !== undefined));
  for (const item of items) {
    if (!isMap(item.node)) continue;
    const node = itemIdScalar(item.node);
    if (!node?.range || offset < node.range[0] || offset > node.range[1] || item.rawId === undefined) continue;
    const id = numberedVariant(item.rawId, taken);
    return { start: node.range[0], end: node.range[1], text: scalarText('id', id, node), id };
  }
  return undefined;
}
