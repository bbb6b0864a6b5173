// Writes one change to `entities.yaml` in time proportional to the change, not to the file, as
// sidecarSplice.ts does for sidecars: a registry the fast reader reads (our own layout, no
// problem at all) is changed by splicing the lines the change concerns — a new entity appended
// after the last one in the layout of the first (what registryWriter's in-style append writes,
// byte for byte), the changed fields of one entity rewritten in place, new labels appended
// after the last label — and the new lines are checked back by reading only them (with the
// file's head, for its labels) before the text is returned. The parse of the new text is known
// from the old one plus the change, and remembered, so neither the next change nor the store's
// read-back parses the file again.
//
// It declines (undefined) anything else, which then goes to the general writer unchanged: files
// the fast reader does not read (hand-written layouts, tabs, anchors, duplicate ids, unknown
// labels, any diagnostic), CR line ends other than CRLF throughout, a last line without a line
// break, an empty entity list, a changed value whose lines hold comments, removing the key on an
// entity's `- ` line, and any new line the check-back does not read as the value written.
//
// Layout of an in-place change (the general writer re-creates every field of the entity, so
// their quoting changes): only the lines of the fields whose value changed are rewritten; a field
// that was absent is inserted before the next field in ENTITY_ORDER (at the end when none
// follows), a field emptied is removed with its lines.
import type { Entity, Label, Position, ReferenceFact } from '../model';
import { readRegistryFast } from './fastRegistryReader';
import type { ParsedRegistry } from './registry';
import { REGISTRY_LIMITS, type SourceRange } from './yamlReader';
import { isSafePlain, yamlScalar } from './yamlScalars';

/** The order the writers give an entity's keys. */
export const ENTITY_ORDER = ['id', 'label', 'name', 'aliases', 'description', 'wikidata', 'facts'] as const;
type EntityKey = (typeof ENTITY_ORDER)[number];

/** The fields the writers write for an entity, in ENTITY_ORDER: absent and empty-list values left out. */
export function entityFields(entity: Entity): Partial<Record<EntityKey, unknown>> {
  const data: Partial<Record<EntityKey, unknown>> = {};
  for (const key of ENTITY_ORDER) {
    const value = entity[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    data[key] = value;
  }
  return data;
}

// ---- the remembered parse ------------------------------------------------------------------

/** How many registry files' last parse is kept (one text of up to 4 MB each). */
const REMEMBERED_FILES = 4;
const remembered = new Map<string, { readonly text: string; readonly parsed: ParsedRegistry }>();

function remember(file: string, text: string, parsed: ParsedRegistry): void {
  remembered.delete(file);
  remembered.set(file, { text, parsed });
  if (remembered.size > REMEMBERED_FILES) remembered.delete(remembered.keys().next().value!);
}

/**
 * `readRegistryFast(file, text)`, answered from memory when `text` is the text last read or
 * spliced for `file` (a parse is a function of the file name and text alone, so the answer is
 * the same): the store's read-back after a splice, and the next change, parse nothing.
 */
export function readRegistryRemembered(file: string, text: string): ParsedRegistry | undefined {
  const entry = remembered.get(file);
  if (entry && entry.text === text) return entry.parsed;
  const parsed = readRegistryFast(file, text);
  if (parsed) remember(file, text, parsed);
  return parsed;
}

// ---- the splices ---------------------------------------------------------------------------

/**
 * The registry text with `entity` appended, or its fields changed in place when its id exists,
 * by a splice of its lines; undefined when this path declines (then use the general writer).
 */
export function spliceEntity(file: string, text: string, entity: Entity): string | undefined {
  return inLineEnds(text, (body) => {
    const parsed = cleanParse(file, body);
    if (!parsed) return undefined;
    const entities = parsed.registry!.entities;
    const index = entities.findIndex((existing) => existing.id === entity.id);
    const result = index < 0 ? appendEntities(body, parsed, [entity]) : changeEntity(body, parsed, index, entity);
    if (result) remember(file, result.text, result.parsed);
    return result?.text;
  });
}

/**
 * The registry text with new entities (ids it does not have, each once) appended in one splice,
 * as many {@link spliceEntity} calls would append them; undefined when this path declines.
 */
export function spliceNewEntities(file: string, text: string, added: readonly Entity[]): string | undefined {
  return inLineEnds(text, (body) => {
    const parsed = cleanParse(file, body);
    if (!parsed) return undefined;
    const ids = new Set(parsed.registry!.entities.map((entity) => entity.id));
    for (const entity of added) {
      if (ids.has(entity.id)) return undefined;
      ids.add(entity.id);
    }
    const result = appendEntities(body, parsed, added);
    if (result) remember(file, result.text, result.parsed);
    return result?.text;
  });
}

/** The registry text with the labels it lacks appended after its last label; undefined when this path declines. */
export function spliceLabels(file: string, text: string, labels: readonly Label[]): string | undefined {
  return inLineEnds(text, (body) => {
    const parsed = cleanParse(file, body);
    if (!parsed) return undefined;
    const known = new Set(parsed.registry!.labels.map((label) => label.id));
    const missing = labels.filter((label) => !known.has(label.id));
    if (missing.length === 0) return body;
    if (new Set(missing.map((label) => label.id)).size !== missing.length) return undefined;
    const result = appendLabels(body, parsed, missing);
    if (result) remember(file, result.text, result.parsed);
    return result?.text;
  });
}

interface Spliced {
  readonly text: string;
  readonly parsed: ParsedRegistry;
}

/**
 * Runs `splice` on the text without its BOM and with LF line ends, and gives the result the
 * file's BOM and line ends back. A file with a lone CR, or with both LF and CRLF, is declined.
 */
function inLineEnds(text: string, splice: (body: string) => string | undefined): string | undefined {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  let body = bom ? text.slice(1) : text;
  const crlf = body.includes('\r');
  if (crlf) {
    body = body.replaceAll('\r\n', '\n');
    if (body.includes('\r') || body.split('\n').length !== text.split('\r\n').length) return undefined;
  }
  const result = splice(body);
  if (result === undefined) return undefined;
  const restored = bom + (crlf ? result.replaceAll('\n', '\r\n') : result);
  return restored.length > REGISTRY_LIMITS.maxChars ? undefined : restored;
}

/** The fast reader's parse of a text this path may splice (a last line break, some entities, room to grow). */
function cleanParse(file: string, text: string): ParsedRegistry | undefined {
  if (!text.endsWith('\n') || text.length > REGISTRY_LIMITS.maxChars) return undefined;
  const parsed = readRegistryRemembered(file, text);
  if (!parsed?.registry || parsed.notWritable || parsed.diagnostics.length > 0 || parsed.registry.entities.length === 0) return undefined;
  return parsed;
}

function appendEntities(text: string, parsed: ParsedRegistry, added: readonly Entity[]): Spliced | undefined {
  const entities = parsed.registry!.entities;
  const locations = parsed.entityLocations;
  const first = locations[entities[0]!.id]!;
  const second = entities[1] && locations[entities[1].id]!;
  const last = locations[entities[entities.length - 1]!.id]!;
  const keyColumn = first.start.column;
  // As registryWriter's in-style append decides it: a blank line between the first two entities.
  const [firstEnd, secondStart, at] = lineOffsets(text, [first.end.line, second?.start.line ?? first.end.line, last.end.line]);
  const spaced = second !== undefined && /\n[ \t]*\r?\n/.test(text.slice(firstEnd! - 1, secondStart! + second.start.column));
  const lead = spaced ? '\n' : '';
  const entityLocations = shiftedLocations(entities, locations, entities.length, 0);
  const expected: Entity[] = [];
  const items: string[] = [];
  let line = last.end.line;
  for (const entity of added) {
    const lines = itemLines(entity, keyColumn);
    if (!lines) return undefined;
    const normal = normalEntity(entity);
    if (!checksBack(text, lines, normal)) return undefined;
    line += lead.length;
    entityLocations[entity.id] = { start: { line, column: keyColumn }, end: { line: line + lines.length, column: 0 } };
    line += lines.length;
    expected.push(normal);
    items.push(lead + lines.map((itemLine) => `${itemLine}\n`).join(''));
  }
  const newText = text.slice(0, at) + items.join('') + text.slice(at);
  if (newText.length > REGISTRY_LIMITS.maxChars) return undefined;
  return { text: newText, parsed: { ...parsed, registry: { ...parsed.registry!, entities: [...entities, ...expected] }, entityLocations } };
}

/** One stretch of an entity's lines: a field (its line and any nested lines), or a comment or blank line. */
interface Segment {
  readonly key?: EntityKey;
  readonly start: number;
  end: number;
  /** Whether a comment or blank line lies among the field's nested lines. */
  commented: boolean;
}

function changeEntity(text: string, parsed: ParsedRegistry, index: number, entity: Entity): Spliced | undefined {
  const entities = parsed.registry!.entities;
  const old = entities[index]!;
  const location = parsed.entityLocations[old.id]!;
  const keyColumn = location.start.column;
  const [itemStart, itemEnd] = lineOffsets(text, [location.start.line, location.end.line]);
  const segments = itemSegments(text, itemStart!, itemEnd!, keyColumn);
  if (!segments) return undefined;
  const present = new Map<EntityKey, Segment>();
  for (const segment of segments) if (segment.key) present.set(segment.key, segment);
  const data = entityFields(entity);
  const firstField = segments[0]!;

  // Fields the file lacks go before the next field it has (in ENTITY_ORDER), else at the end.
  const inserts = new Map<EntityKey | undefined, string[]>();
  for (const [position, key] of ENTITY_ORDER.entries()) {
    if (data[key] === undefined || present.has(key)) continue;
    const before = ENTITY_ORDER.slice(position + 1).find((later) => present.has(later));
    if (before !== undefined && present.get(before) === firstField) return undefined;
    const lines = fieldLines(key, data[key]);
    if (!lines) return undefined;
    inserts.set(before, [...(inserts.get(before) ?? []), ...lines]);
  }
  const indent = ' '.repeat(keyColumn);
  const out: string[] = [];
  const emit = (lines: readonly string[] | undefined, prefix = indent) => { for (const line of lines ?? []) out.push(`${prefix}${line}\n`); };
  for (const segment of segments) {
    const key = segment.key;
    if (!key) { out.push(text.slice(segment.start, segment.end)); continue; }
    emit(inserts.get(key));
    if (sameValue(key, old, entity)) { out.push(text.slice(segment.start, segment.end)); continue; }
    // The `- ` line carries the item: emptying its field would need the dash moved.
    if (segment.commented || (data[key] === undefined && segment === firstField)) return undefined;
    if (data[key] === undefined) continue;
    const lines = fieldLines(key, data[key]);
    if (!lines) return undefined;
    const prefix = segment === firstField ? text.slice(segment.start, segment.start + keyColumn) : indent;
    emit(lines.slice(0, 1), prefix);
    emit(lines.slice(1));
  }
  emit(inserts.get(undefined));
  const item = out.join('');
  const oldItem = text.slice(itemStart, itemEnd);
  if (item === oldItem) return { text, parsed };
  const expected = normalEntity(entity);
  if (!checksBack(text, item, expected)) return undefined;
  const lineCount = countLines(item);
  const delta = lineCount - countLines(oldItem);
  const entityLocations = shiftedLocations(entities, parsed.entityLocations, index + 1, delta);
  entityLocations[old.id] = { start: location.start, end: { line: location.start.line + lineCount, column: 0 } };
  const newEntities = [...entities];
  newEntities[index] = expected;
  const newText = text.slice(0, itemStart) + item + text.slice(itemEnd);
  if (newText.length > REGISTRY_LIMITS.maxChars) return undefined;
  return { text: newText, parsed: { ...parsed, registry: { ...parsed.registry!, entities: newEntities }, entityLocations } };
}

/** The segments of an entity's lines (`start` to `end`, its first line the `- ` one), or undefined when not as expected. */
function itemSegments(text: string, start: number, end: number, keyColumn: number): Segment[] | undefined {
  const segments: Segment[] = [];
  let field: Segment | undefined;
  let pending: Segment[] = [];
  for (let at = start; at < end; ) {
    const next = text.indexOf('\n', at) + 1;
    let indent = 0;
    while (text.charCodeAt(at + indent) === 32) indent++;
    const first = text[at + indent];
    if (first === '\n' || first === '#') {
      pending.push({ start: at, end: next, commented: false });
    } else if (field && indent > keyColumn) {
      field.end = next;
      field.commented ||= pending.length > 0;
      pending = [];
    } else {
      const isFirst = at === start;
      if (isFirst ? !(indent === keyColumn - 2 && text.startsWith('- ', at + indent)) : indent !== keyColumn) return undefined;
      segments.push(...pending);
      pending = [];
      const colon = text.indexOf(':', at + keyColumn);
      const key = text.slice(at + keyColumn, colon) as EntityKey;
      if (!(ENTITY_ORDER as readonly string[]).includes(key)) return undefined;
      field = { key, start: at, end: next, commented: false };
      segments.push(field);
    }
    at = next;
  }
  return pending.length === 0 && segments[0]?.key ? segments : undefined;
}

function sameValue(key: EntityKey, old: Entity, entity: Entity): boolean {
  if (key === 'aliases') return JSON.stringify(old.aliases) === JSON.stringify(entity.aliases ?? []);
  if (key === 'facts') return JSON.stringify((old.facts ?? []).map(normalFact)) === JSON.stringify((entity.facts ?? []).map(normalFact));
  return old[key] === entity[key];
}

function appendLabels(text: string, parsed: ParsedRegistry, labels: readonly Label[]): Spliced | undefined {
  const labelsKey = /^labels: *\n/m.exec(text);
  if (!labelsKey) return undefined;
  const blockStart = labelsKey.index + labelsKey[0].length;
  let indent = -1;
  let blockEnd = blockStart;
  for (let at = blockStart; at < text.length; ) {
    const next = text.indexOf('\n', at) + 1;
    let lineIndent = 0;
    while (text.charCodeAt(at + lineIndent) === 32) lineIndent++;
    const first = text[at + lineIndent];
    if (first !== '\n' && first !== '#') {
      if (lineIndent === 0) break;
      if (indent < 0) indent = lineIndent;
      blockEnd = next;
    }
    at = next;
  }
  if (indent <= 0) return undefined;
  const lines: string[] = [];
  for (const label of labels) {
    // Label ids as plain keys only (what the fast reader reads back); others go to the general writer.
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(label.id) || !isSafePlain(label.id) || typeof label.name !== 'string' || typeof label.color !== 'string') return undefined;
    lines.push(`${' '.repeat(indent)}${label.id}: { name: ${yamlScalar('name', label.name, true)}, color: ${yamlScalar('color', label.color, true)} }\n`);
  }
  const added = lines.join('');
  const newLabels = [...parsed.registry!.labels, ...labels.map((label) => ({ id: label.id, name: label.name, color: label.color }))];
  const check = readRegistryFast('', `version: 1\nlabels:\n${text.slice(blockStart, blockEnd)}${added}`);
  if (!check || JSON.stringify(check.registry!.labels) !== JSON.stringify(newLabels)) return undefined;
  const entities = parsed.registry!.entities;
  const blockEndLine = countLines(text.slice(0, blockEnd));
  // Entities come after the labels in every file the fast reader reads.
  if (parsed.entityLocations[entities[0]!.id]!.start.line < blockEndLine) return undefined;
  const entityLocations = shiftedLocations(entities, parsed.entityLocations, 0, labels.length);
  const newText = text.slice(0, blockEnd) + added + text.slice(blockEnd);
  if (newText.length > REGISTRY_LIMITS.maxChars) return undefined;
  return { text: newText, parsed: { ...parsed, registry: { ...parsed.registry!, labels: newLabels }, entityLocations } };
}

// ---- lines ---------------------------------------------------------------------------------

/** An entity's lines as the in-style append writes them, the first with its `- ` (no line ends). */
function itemLines(entity: Entity, keyColumn: number): string[] | undefined {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(entityFields(entity)) as [EntityKey, unknown][]) {
    const field = fieldLines(key, value);
    if (!field) return undefined;
    lines.push(...field.map((line, index) => (lines.length === 0 && index === 0 ? `${' '.repeat(keyColumn - 2)}- ` : ' '.repeat(keyColumn)) + line));
  }
  return lines;
}

/** A field's lines relative to the entity's key column; undefined for a value of a type no entity has. */
function fieldLines(key: EntityKey, value: unknown): string[] | undefined {
  if (key === 'aliases') {
    if (!Array.isArray(value) || !value.every((alias) => typeof alias === 'string')) return undefined;
    return [`aliases: [${value.map((alias: string) => yamlScalar('', alias, true)).join(', ')}]`];
  }
  if (key === 'facts') {
    if (!Array.isArray(value)) return undefined;
    const lines = ['facts:'];
    for (const fact of value as unknown[]) {
      if (typeof fact !== 'object' || fact === null) return undefined;
      const entries = Object.entries(normalFact(fact as ReferenceFact));
      if (entries.some(([, v]) => typeof v !== 'string')) return undefined;
      entries.forEach(([name, v], at) => lines.push(`${at === 0 ? '  - ' : '    '}${name}: ${yamlScalar(name, v as string)}`));
    }
    return lines;
  }
  return typeof value === 'string' ? [`${key}: ${yamlScalar(key, value)}`] : undefined;
}

/**
 * Whether `item` (an entity's lines, as text or lines) reads back as exactly `expected`, read by
 * the fast reader after the file's own head (through `entities:`), which holds its labels.
 */
function checksBack(text: string, item: string | readonly string[], expected: Entity): boolean {
  const key = /^entities: *\n/m.exec(text);
  if (!key) return false;
  const head = text.slice(0, key.index + key[0].length);
  const lines = typeof item === 'string' ? item : item.map((line) => `${line}\n`).join('');
  const read = readRegistryFast('', head + lines);
  return read?.registry?.entities.length === 1 && JSON.stringify(read.registry.entities[0]) === JSON.stringify(expected);
}

/** An entity as the readers give it: keys in their order, absent optional fields left out. */
function normalEntity(entity: Entity): Entity {
  return {
    id: entity.id, label: entity.label, name: entity.name, aliases: [...(entity.aliases ?? [])],
    ...(entity.description !== undefined ? { description: entity.description } : {}),
    ...(entity.wikidata !== undefined ? { wikidata: entity.wikidata } : {}),
    ...(entity.facts !== undefined && entity.facts.length > 0 ? { facts: entity.facts.map(normalFact) } : {}),
  };
}

function normalFact(fact: ReferenceFact): ReferenceFact {
  return { property: fact.property, value: fact.value, source: fact.source, ...(fact.url !== undefined ? { url: fact.url } : {}) };
}

/** Where the given zero-based lines start (ascending or equal lines), by one scan of the text. */
function lineOffsets(text: string, lines: readonly number[]): number[] {
  const offsets: number[] = [];
  let line = 0;
  let at = 0;
  for (const wanted of lines) {
    for (; line < wanted; line++) at = text.indexOf('\n', at) + 1;
    offsets.push(at);
  }
  return offsets;
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** A copy of the entities' locations, those of entities `from` on moved down `delta` lines. */
function shiftedLocations(entities: readonly Entity[], locations: Readonly<Record<string, SourceRange>>, from: number, delta: number): Record<string, SourceRange> {
  const moved = Object.create(null) as Record<string, SourceRange>;
  const shift = (position: Position): Position => ({ line: position.line + delta, column: position.column });
  entities.forEach((entity, at) => {
    const location = locations[entity.id]!;
    moved[entity.id] = at < from || delta === 0 ? location : { start: shift(location.start), end: shift(location.end) };
  });
  return moved;
}
