// A fast reader for `entities.yaml` in the layout our own writer produces (registryWriter.ts)
// and the seed corpus uses: `version: 1`, a block mapping of labels whose values are one-line
// flow mappings (`PER: { name: Person, color: "#e0a030" }`), and a block list of entities with
// one-line scalars, one-line flow lists of aliases (`aliases: [Putin, "V. Putin"]`) and block
// lists of reference facts; full-line comments anywhere. It reads the benchmark's 10,000-entity
// registry many times faster than the `yaml` parser.
//
// Contract, as for fastSidecarReader: either exactly what `parseRegistry(file, text)` returns
// (data, no diagnostics, the same entity positions), or undefined, and then the caller must use
// `parseRegistry`. It gives up on anything outside the subset (anchors, tags, block scalars,
// multi-line scalars or flow collections, trailing comments, tabs, CR line ends, unknown keys,
// nulls, booleans) and on any file with a problem at all (a missing or ill-typed field, a bad
// id, colour or Wikidata id, an unknown label, a duplicate): `parseRegistry` diagnoses those,
// with the `yaml` parser's positions, so one place words a diagnostic.
import { LineIndex, FORMAT_VERSION, type Entity, type Label, type ReferenceFact } from '../model';
import { FAST_AWKWARD_CHARS, FastReaderUnsure, fastKeyPrefixLength, fastReaderUnsure as unsure, fastScalar } from './fastScalars';
import { isEntityId, type ParsedRegistry } from './registry';
import { REGISTRY_LIMITS, type SourceRange } from './yamlReader';

// The rules of parseRegistry (registry.ts), for the values it accepts without a diagnostic.
const COLOR = /^#[0-9a-fA-F]{6}$/;
const WIKIDATA_ID = /^Q[1-9][0-9]*$/;
/** Plain keys the core schema resolves to null or a boolean: their label id would differ from the text. */
const NOT_A_STRING_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

const ENTITY_KEYS = new Set(['id', 'label', 'name', 'aliases', 'description', 'wikidata', 'facts']);
const FACT_KEYS = new Set(['property', 'value', 'source', 'url']);

interface Line {
  /** Offset just after the line's `\n` (the text's length on a last line without one). */
  readonly next: number;
  readonly indent: number;
  /** Offset of the line's first non-blank character. */
  readonly contentStart: number;
  /** The line without its indentation and line end. */
  readonly content: string;
}

/** The lines that carry data: blank and full-line comment lines dropped (the `yaml` parser skips them too). */
function dataLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const next = newline < 0 ? text.length : newline + 1;
    let indent = 0;
    while (text.charCodeAt(start + indent) === 32) indent++;
    const first = start + indent < end ? text.charCodeAt(start + indent) : -1;
    if (first === 9) unsure(); // a tab in the indentation
    if (first !== -1 && first !== 35 /* # */) lines.push({ next, indent, contentStart: start + indent, content: text.slice(start + indent, end) });
    start = next;
  }
  return lines;
}

/** `key: rest` of one line: the key, and what follows the colon and its spaces ('' for a nested value). */
function keyValue(content: string): { key: string; rest: string } {
  const length = fastKeyPrefixLength(content);
  if (length < 0) unsure();
  const rest = content.slice(length);
  if (rest[0] === '\t') unsure();
  return { key: content.slice(0, content.indexOf(':')), rest };
}

/** What `YamlReader.string` (and, in this subset, `text`) returns: a string, or an integer as written. */
function stringValue(written: string): string {
  const node = fastScalar(written, 0);
  if (typeof node.value === 'boolean') unsure();
  return typeof node.value === 'string' ? node.value : node.source!;
}

/**
 * The entries of a one-line flow collection `[a, "b"]` or `{ k: v, k2: 'w' }` that is all of
 * `written`, as written scalars (keys too, for a mapping); anything but one-line scalars gives up.
 */
function flowEntries(written: string, mapping: boolean): { key?: string; value: string }[] {
  const close = mapping ? '}' : ']';
  const entries: { key?: string; value: string }[] = [];
  let at = 1;
  const skipSpaces = () => { while (written[at] === ' ') at++; };
  skipSpaces();
  if (written[at] === close) {
    if (at + 1 !== written.length) unsure();
    return entries;
  }
  for (;;) {
    skipSpaces();
    let key: string | undefined;
    if (mapping) {
      const length = fastKeyPrefixLength(written.slice(at));
      // `key:` needs a space after it here; the key's own characters hold no indicator.
      if (length < 0 || written[at + length - 1] !== ' ') unsure();
      key = written.slice(at, written.indexOf(':', at));
      at += length;
    }
    const from = at;
    const quote = written[at];
    if (quote === '"') {
      for (at++; at < written.length && written[at] !== '"'; at++) if (written[at] === '\\') at++;
      if (at >= written.length) unsure();
      at++;
    } else if (quote === "'") {
      for (at++; at < written.length; at++) {
        if (written[at] !== "'") continue;
        if (written[at + 1] === "'") at++;
        else break;
      }
      if (at >= written.length) unsure();
      at++;
    } else {
      while (at < written.length && written[at] !== ',' && written[at] !== close) at++;
    }
    let token = written.slice(from, at);
    if (quote !== '"' && quote !== "'") {
      token = token.replace(/ +$/, '');
      // Flow indicators, a `:` (a key) or a comment inside a plain scalar: left to the parser.
      if (token === '' || /[[\]{}:]| #/.test(token)) unsure();
    }
    entries.push(key === undefined ? { value: token } : { key, value: token });
    skipSpaces();
    if (written[at] === ',') { at++; skipSpaces(); if (written[at] === close) unsure(); continue; }
    if (written[at] !== close || at + 1 !== written.length) unsure();
    return entries;
  }
}

class RegistryLines {
  private at = 0;

  constructor(private readonly lines: readonly Line[]) {}

  get done(): boolean { return this.at >= this.lines.length; }
  peek(): Line | undefined { return this.lines[this.at]; }
  take(): Line { return this.lines[this.at++]!; }
  /** Offset after the last line taken. */
  get end(): number { return this.lines[this.at - 1]!.next; }

  /** The `key: value` lines of a mapping at `indent` that follow, consumed; a nested value's own lines are left. */
  *keysAt(indent: number): Generator<{ key: string; rest: string }> {
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) unsure(); // a continuation line of a multi-line scalar, or not our layout
      this.at++;
      yield keyValue(line.content);
    }
  }
}

/** A block list item `- key: value` at `indent`, with the item's further keys at indent + 2 (nested values read by `nested`). */
function readItem(lines: RegistryLines, indent: number, keys: ReadonlySet<string>, nested: (key: string) => void): { pairs: Map<string, string>; start: number; end: number } {
  const line = lines.take();
  if (line.indent !== indent || !line.content.startsWith('- ') || line.content[2] === ' ') unsure();
  const start = line.contentStart + 2;
  const pairs = new Map<string, string>();
  let pair: { key: string; rest: string } | undefined = keyValue(line.content.slice(2));
  const fields = lines.keysAt(indent + 2);
  while (pair) {
    if (!keys.has(pair.key) || pairs.has(pair.key)) unsure();
    pairs.set(pair.key, pair.rest);
    if (pair.rest === '') nested(pair.key);
    const following = fields.next();
    pair = following.done ? undefined : following.value;
  }
  return { pairs, start, end: lines.end };
}

function readFacts(lines: RegistryLines, parentIndent: number): ReferenceFact[] {
  const first = lines.peek();
  if (!first || first.indent <= parentIndent) return unsure(); // `facts:` with nothing: null
  const facts: ReferenceFact[] = [];
  while (lines.peek() && lines.peek()!.indent >= first.indent) {
    const { pairs } = readItem(lines, first.indent, FACT_KEYS, unsure);
    const url = pairs.get('url');
    for (const key of ['property', 'value', 'source']) if (!pairs.has(key)) unsure();
    facts.push({
      property: stringValue(pairs.get('property')!), value: stringValue(pairs.get('value')!), source: stringValue(pairs.get('source')!),
      ...(url !== undefined ? { url: stringValue(url) } : {}),
    });
  }
  return facts;
}

function readLabels(lines: RegistryLines): Label[] {
  const first = lines.peek();
  if (!first || first.indent === 0) return unsure(); // `labels:` with nothing: null
  const labels: Label[] = [];
  const ids = new Set<string>();
  for (const { key, rest } of lines.keysAt(first.indent)) {
    if (ids.has(key) || NOT_A_STRING_KEY.test(key) || rest[0] !== '{') unsure();
    ids.add(key);
    const fields = new Map<string, string>();
    for (const entry of flowEntries(rest, true)) {
      if ((entry.key !== 'name' && entry.key !== 'color') || fields.has(entry.key)) unsure();
      fields.set(entry.key!, stringValue(entry.value));
    }
    const name = fields.get('name');
    const color = fields.get('color');
    if (name === undefined || color === undefined || !COLOR.test(color)) unsure();
    labels.push({ id: key, name: name!, color: color! });
  }
  return labels;
}

function readEntities(lines: RegistryLines, labelIds: ReadonlySet<string>, index: LineIndex, locations: Record<string, SourceRange>): Entity[] {
  const first = lines.peek();
  // `entities:` with nothing is null; a list at the key's own column is valid YAML but not our layout.
  if (!first || first.indent === 0) return unsure();
  const entities: Entity[] = [];
  while (lines.peek() && lines.peek()!.indent > 0) {
    let facts: ReferenceFact[] | undefined;
    const { pairs, start, end } = readItem(lines, first.indent, ENTITY_KEYS, (key) => {
      if (key !== 'facts') unsure();
      facts = readFacts(lines, first.indent + 2);
    });
    const field = (key: string, required: boolean): string | undefined => {
      const written = pairs.get(key);
      if (written === undefined) return required ? unsure() : undefined;
      return stringValue(written);
    };
    const id = field('id', true)!;
    const label = field('label', true)!;
    const name = field('name', true)!;
    if (!isEntityId(id) || Object.hasOwn(locations, id) || !labelIds.has(label)) unsure();
    const aliasesWritten = pairs.get('aliases');
    const aliases = aliasesWritten === undefined ? [] : aliasesWritten[0] === '[' ? flowEntries(aliasesWritten, false).map((entry) => stringValue(entry.value)) : unsure();
    const description = field('description', false);
    const wikidata = field('wikidata', false);
    if (wikidata !== undefined && !WIKIDATA_ID.test(wikidata)) unsure();
    const factsWritten = pairs.get('facts');
    if (factsWritten !== undefined && factsWritten !== '' && factsWritten !== '[]') unsure();
    locations[id] = { start: index.position(start), end: index.position(end) };
    entities.push({
      id, label, name, aliases,
      ...(description !== undefined ? { description } : {}),
      ...(wikidata !== undefined ? { wikidata } : {}),
      ...(facts !== undefined && facts.length > 0 ? { facts } : {}),
    });
  }
  return entities;
}

/**
 * The ParsedRegistry `parseRegistry(file, text)` would return, or undefined when this reader is
 * not sure it would (then call `parseRegistry`).
 */
export function readRegistryFast(file: string, text: string): ParsedRegistry | undefined {
  try {
    if (text.length > REGISTRY_LIMITS.maxChars || text.includes('\r') || FAST_AWKWARD_CHARS.test(text)) return undefined;
    const lines = new RegistryLines(dataLines(text));
    if (lines.done || lines.peek()!.indent !== 0) return undefined;
    // Keyed by ids from the file: no prototype, as parseRegistry gives.
    const entityLocations = Object.create(null) as Record<string, SourceRange>;
    const index = new LineIndex(text);
    const root = new Map<string, unknown>();
    for (const { key, rest } of lines.keysAt(0)) {
      if (root.has(key)) return undefined;
      if (key === 'version') {
        if (fastScalar(rest, 0).value !== FORMAT_VERSION) return undefined;
        root.set(key, FORMAT_VERSION);
      } else if (key === 'labels' && rest === '') {
        root.set(key, readLabels(lines));
      } else if (key === 'entities' && (rest === '' || rest === '[]')) {
        // Labels come first in our layout; entities before them are left to the parser.
        const labels = root.get('labels') as Label[] | undefined;
        if (!labels) return undefined;
        root.set(key, rest === '' ? readEntities(lines, new Set(labels.map((label) => label.id)), index, entityLocations) : []);
      } else {
        return undefined;
      }
    }
    if (!lines.done || !root.has('version') || !root.has('labels')) return undefined;
    const registry = { version: FORMAT_VERSION, labels: root.get('labels') as Label[], entities: (root.get('entities') ?? []) as Entity[] };
    return { file, registry, diagnostics: [], entityLocations };
  } catch (error) {
    if (error instanceof FastReaderUnsure) return undefined;
    throw error;
  }
}
