// Adds entities to `entities.yaml` by editing the parsed document, like the sidecar writer:
// a person's comments, order and layout stay as they were.
import { Document, isMap, isSeq, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { numberedVariant } from '../util';
import { parseRegistry } from './registry';
import { ENTITY_ORDER, entityFields, spliceEntity, spliceLabels, spliceNewEntities } from './registrySplice';
import { NotWritableError, quotedNode, yamlScalar } from './sidecarWriter';
import { FORMAT_VERSION, type Entity, type Label } from '../model';
import { PARSE_OPTIONS, STRINGIFY_OPTIONS } from './yamlReader';

/** The label set a new registry starts with: the classic CoNLL/OntoNotes-style five. */
export const DEFAULT_LABELS: readonly Label[] = [
  { id: 'PER', name: 'Person', color: '#e0a030' },
  { id: 'ORG', name: 'Organisation', color: '#3080e0' },
  { id: 'LOC', name: 'Place', color: '#30a060' },
  { id: 'DATE', name: 'Date', color: '#a060c0' },
  { id: 'EVENT', name: 'Event', color: '#c04040' },
];

/** A new registry with the given labels and no entities. */
export function newRegistryText(labels: readonly Label[] = DEFAULT_LABELS): string {
  const document = new Document(undefined, PARSE_OPTIONS);
  const labelMap = document.createNode({}) as YAMLMap;
  for (const label of labels) {
    const value = document.createNode({ name: label.name, color: label.color }) as YAMLMap;
    value.flow = true;
    labelMap.set(label.id, value);
  }
  document.contents = document.createNode({ version: FORMAT_VERSION }) as YAMLMap;
  (document.contents as YAMLMap).set('labels', labelMap);
  (document.contents as YAMLMap).set('entities', document.createNode([]));
  return document.toString(STRINGIFY_OPTIONS);
}

/** A slug for an entity name that is not yet taken: "Kim Jong Un" -> "kim-jong-un". */
export function entityIdFor(name: string, taken: ReadonlySet<string>): string {
  const base = name
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '') || 'entity';
  if (!taken.has(base)) return base;
  return numberedVariant(base, taken);
}

/**
 * A new entity made from selected text: its canonical name as typed, and the selection (white
 * space collapsed) kept as an alias when it differs from that name.
 */
export function entityFromSelection(id: string, label: string, canonicalName: string, selectedText: string): Entity {
  const name = canonicalName.trim();
  const alias = selectedText.replace(/\s+/g, ' ').trim();
  return { id, label, name, aliases: alias !== '' && alias !== name ? [alias] : [] };
}

/**
 * The registry text with `entity` appended (or updated in place when its id exists): a splice of
 * its lines in a file of our own layout (registrySplice.ts), the `yaml` document otherwise.
 */
export function upsertEntity(file: string, registryText: string, entity: Entity): string {
  return spliceEntity(file, registryText, entity) ?? upsertEntityInDocument(file, registryText, entity);
}

/**
 * {@link upsertEntity} for many entities, as if upserted one after another (an import adds
 * thousands): each spliced in turn while the splice takes the file, the rest by one `yaml`
 * document. One by one, a hand-laid-out 10,000-entity registry would be parsed once per entity.
 */
export function upsertEntities(file: string, registryText: string, entities: readonly Entity[]): string {
  if (entities.length > 1) {
    const appended = spliceNewEntities(file, registryText, entities);
    if (appended !== undefined) return appended;
  }
  let text = registryText;
  for (let k = 0; k < entities.length; k++) {
    const spliced = spliceEntity(file, text, entities[k]!);
    if (spliced === undefined) return upsertEntitiesInDocument(file, text, entities.slice(k));
    text = spliced;
  }
  return text;
}

/** {@link upsertEntity} by the general writer: the file parsed, checked and edited as a `yaml` document. */
export function upsertEntityInDocument(file: string, registryText: string, entity: Entity): string {
  return upsertEntitiesInDocument(file, registryText, [entity]);
}

/**
 * {@link upsertEntities} by the general writer, with one parse for them all. New entities only
 * (an import's case) are appended in the file's style, as one after another would be; with any
 * entity changed in place, the document is written out once.
 */
export function upsertEntitiesInDocument(file: string, registryText: string, entities: readonly Entity[]): string {
  const parsed = parseRegistry(file, registryText);
  if (parsed.notWritable) throw new NotWritableError(file, parsed.notWritable);
  if (entities.length === 0) return registryText;
  const document = parseDocument(registryText, PARSE_OPTIONS);
  const root = document.contents as YAMLMap;
  let list = root.get('entities', true) as YAMLSeq | undefined;
  if (!isSeq(list)) {
    list = document.createNode([]) as YAMLSeq;
    root.set('entities', list);
  }
  // A new registry says `entities: []`; its first entity starts a block list, not a flow one.
  if (list.items.length === 0) list.flow = false;
  const existing = new Map<unknown, YAMLMap>();
  for (const item of list.items) if (isMap(item) && !existing.has(item.get('id'))) existing.set(item.get('id'), item);
  // New entities by id, in order of first appearance; a later upsert of the same id replaces the data.
  const appended = new Map<string, Record<string, unknown>>();
  let changedInPlace = false;
  for (const entity of entities) {
    const data: Record<string, unknown> = entityFields(entity);
    const item = existing.get(entity.id);
    if (!item) {
      appended.set(entity.id, data);
      continue;
    }
    changedInPlace = true;
    for (const key of ENTITY_ORDER) {
      if (data[key] === undefined) item.delete(key);
      else item.set(key, quotedNode(document, key, data[key]));
    }
    const aliases = item.get('aliases', true);
    if (isSeq(aliases)) aliases.flow = true;
  }
  if (!changedInPlace) {
    const inStyle = appendInFileStyle(registryText, list, [...appended.values()]);
    if (inStyle !== undefined) return inStyle;
  }
  for (const data of appended.values()) {
    const node = quotedNode(document, '', data) as YAMLMap;
    const aliases = node.get('aliases', true);
    if (isSeq(aliases)) aliases.flow = true;
    list.items.push(node);
  }
  return document.toString(STRINGIFY_OPTIONS);
}

/** Colours for labels an import adds, in turn; distinct from the default five. */
const NEW_LABEL_COLORS = ['#20a0a0', '#c06090', '#8080c0', '#a0a040', '#d07030', '#5090b0', '#909090'];

/** A label for an id the registry does not know yet: its id as name, the next colour in turn. */
export function newLabel(id: string, index: number): Label {
  return DEFAULT_LABELS.find((label) => label.id === id) ?? { id, name: id, color: NEW_LABEL_COLORS[index % NEW_LABEL_COLORS.length]! };
}

/** The registry text with `labels` added under `labels:` (those already there are left as they are). */
export function addLabels(file: string, registryText: string, labels: readonly Label[]): string {
  return spliceLabels(file, registryText, labels) ?? addLabelsInDocument(file, registryText, labels);
}

/** {@link addLabels} by the general writer (the `yaml` document). */
export function addLabelsInDocument(file: string, registryText: string, labels: readonly Label[]): string {
  const parsed = parseRegistry(file, registryText);
  if (parsed.notWritable) throw new NotWritableError(file, parsed.notWritable);
  const known = new Set(parsed.registry?.labels.map((label) => label.id));
  const missing = labels.filter((label) => !known.has(label.id));
  if (missing.length === 0) return registryText;
  const document = parseDocument(registryText, PARSE_OPTIONS);
  const root = document.contents as YAMLMap;
  let labelMap = root.get('labels', true) as YAMLMap | undefined;
  if (!isMap(labelMap)) {
    labelMap = document.createNode({}) as YAMLMap;
    root.set('labels', labelMap);
  }
  for (const label of missing) {
    const value = quotedNode(document, '', { name: label.name, color: label.color }) as YAMLMap;
    value.flow = true;
    labelMap.set(label.id, value);
  }
  return document.toString(STRINGIFY_OPTIONS);
}

/**
 * The registry text with entities appended after the last one, in the layout of the first (its
 * indentation, a blank line between entities when the file has them): a diff of their lines
 * only. Undefined when the list has no block items to copy the layout from.
 */
function appendInFileStyle(text: string, entities: YAMLSeq, appended: readonly Record<string, unknown>[]): string | undefined {
  const first = entities.items[0] as Node | undefined;
  const last = entities.items[entities.items.length - 1] as Node | undefined;
  if (entities.flow || !isMap(first) || first.flow || !first.range || !last?.range) return undefined;
  const lineStart = (offset: number) => {
    let i = offset;
    while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
    return i;
  };
  let dash = first.range[0] - 1;
  while (dash > 0 && /\s/.test(text[dash] ?? '')) dash--;
  if (text[dash] !== '-') return undefined;
  const dashColumn = dash - lineStart(dash);
  const keyColumn = first.range[0] - lineStart(first.range[0]);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const value = (key: string, v: unknown) => (Array.isArray(v) ? `[${v.map((x) => yamlScalar('', x as string, true)).join(', ')}]` : yamlScalar(key, v as string));
  // Nested values (reference facts, mappings) are not written in the file's style here: the
  // caller falls back to the general writer. Checked before the lines are built from them.
  if (appended.some((data) => Object.values(data).some((v) => typeof v === 'object' && !Array.isArray(v)) || data['facts'] !== undefined)) return undefined;
  const itemLines = (data: Record<string, unknown>) => Object.entries(data).map(([key, v], index) => (index === 0
    ? `${' '.repeat(dashColumn)}-${' '.repeat(keyColumn - dashColumn - 1)}${key}: ${value(key, v)}`
    : `${' '.repeat(keyColumn)}${key}: ${value(key, v)}`));
  const second = entities.items[1] as Node | undefined;
  const spaced = second?.range ? /\n[ \t]*\r?\n/.test(text.slice(first.range[1] - 1, second.range[0])) : false;
  let at = last.range[1];
  if (!(at > 0 && text[at - 1] === '\n')) {
    const newline = text.indexOf('\n', at);
    at = newline < 0 ? text.length : newline + 1;
  }
  const lead = at === text.length && !/[\r\n]$/.test(text) ? eol : '';
  const items = appended.map((data) => (spaced ? eol : '') + itemLines(data).map((line) => line + eol).join(''));
  return text.slice(0, at) + lead + items.join('') + text.slice(at);
}
