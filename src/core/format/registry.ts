// Reading and validating `entities.yaml`: the label set and the entity registry.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { CorpusDiagnostic } from '../model';
import { FORMAT_VERSION, type Entity, type Label, type ReferenceFact, type Registry } from '../model';
import { REGISTRY_LIMITS, YamlReader, type SourceRange } from './yamlReader';

export const REGISTRY_FILE_NAME = 'entities.yaml';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR = '#808080';
const ENTITY_ID = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}._-]*$/u;

/** Whether a string is a valid entity id: a lowercase slug (letters, digits, ".", "_", "-"), e.g. `vladimir-putin`. */
export function isEntityId(value: string): boolean {
  return ENTITY_ID.test(value);
}
const WIKIDATA_ID = /^Q[1-9][0-9]*$/;

export interface ParsedRegistry {
  readonly file: string;
  /** Undefined when the file is unusable (broken YAML, unknown version, wrong shape). */
  readonly registry?: Registry;
  readonly diagnostics: readonly CorpusDiagnostic[];
  readonly notWritable?: string;
  /** Where each entity is, by id, so a link can reveal it. */
  readonly entityLocations: Readonly<Record<string, SourceRange>>;
}

export function parseRegistry(file: string, text: string): ParsedRegistry {
  const reader = new YamlReader(file, text, REGISTRY_LIMITS);
  // Keyed by ids from the file: no prototype, so `constructor` or `__proto__` are ids like any other.
  const entityLocations = Object.create(null) as Record<string, SourceRange>;
  const fail = (reason: string): ParsedRegistry => ({ file, diagnostics: reader.diagnostics, notWritable: reason, entityLocations });
  const root = reader.root();
  if (reader.refusal) return fail(reader.refusal);
  if (reader.hasSyntaxErrors) return fail('it is not valid YAML. Fix the YAML and save it.');
  if (!root) return fail('it is not a mapping. Fix the file so it starts with `version: 1`.');
  const where = REGISTRY_FILE_NAME;
  const version = reader.version(root, FORMAT_VERSION, where);
  if (version === undefined) return fail(`its \`version\` is missing or not ${FORMAT_VERSION}.`);

  const labels: Label[] = [];
  const labelMap = reader.map(root, 'labels', where, true);
  for (const pair of labelMap?.items ?? []) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const at = `label \`${id}\``;
    if (!isMap(pair.value)) { reader.report(pair as never, 'wrong-type', `${at} must be a mapping with \`name\` and \`color\`.`); continue; }
    const name = reader.string(pair.value, 'name', at, true);
    const color = reader.string(pair.value, 'color', at, true);
    if (color !== undefined && !COLOR.test(color)) {
      reader.report(reader.pair(pair.value, 'color')?.value as Node, 'invalid-value', `\`color\` of ${at} must be like "#e0a030" (quoted, six hex digits).`);
    }
    // A label with a bad colour is still a label: annotations using it stay valid.
    labels.push({ id, name: name ?? id, color: color !== undefined && COLOR.test(color) ? color : DEFAULT_COLOR });
  }
  const labelIds = new Set(labels.map((label) => label.id));

  const entities: Entity[] = [];
  const seen = new Set<string>();
  const entitySeq = reader.seq(root, 'entities', where, false);
  for (const [index, item] of (entitySeq?.items ?? []).entries()) {
    if (!isMap(item)) { reader.report(item as Node, 'wrong-type', `Entity #${index + 1} must be a mapping.`); continue; }
    const at = `entity #${index + 1}`;
    const id = reader.text(item, 'id', at, true);
    const label = reader.text(item, 'label', at, true);
    const name = reader.string(item, 'name', at, true);
    const aliases = reader.stringList(item, 'aliases', at);
    const description = reader.string(item, 'description', at, false);
    const wikidata = reader.string(item, 'wikidata', at, false);
    const idNode = reader.pair(item, 'id')?.value as Node | undefined;
    if (id !== undefined) {
      if (!ENTITY_ID.test(id)) reader.report(idNode, 'invalid-value', `Entity id \`${id}\` must be a lowercase slug (letters, digits, ".", "_", "-"), e.g. \`vladimir-putin\`.`);
      if (seen.has(id)) reader.report(idNode, 'duplicate-id', `Duplicate entity id \`${id}\`: ids must be unique in the registry.`);
      seen.add(id);
    }
    if (label !== undefined && labelMap && !labelIds.has(label)) {
      reader.report(reader.pair(item, 'label')?.value as Node, 'unknown-label', `Entity \`${id ?? index + 1}\`: unknown label \`${label}\`; labels are ${[...labelIds].join(', ') || '(none)'}.`);
    }
    if (wikidata !== undefined && !WIKIDATA_ID.test(wikidata)) {
      reader.report(reader.pair(item, 'wikidata')?.value as Node, 'invalid-value', `\`wikidata\` must be an item id like Q7747; found \`${wikidata}\`.`);
    }
    const facts = readReferenceFacts(reader, item, `entity \`${id ?? index + 1}\``);
    if (id === undefined || label === undefined || name === undefined || Object.hasOwn(entityLocations, id)) continue;
    entityLocations[id] = reader.rangeOf(item);
    entities.push({
      id, label, name, aliases,
      ...(description !== undefined ? { description } : {}),
      ...(wikidata !== undefined && WIKIDATA_ID.test(wikidata) ? { wikidata } : {}),
      ...(facts.length > 0 ? { facts } : {}),
    });
  }
  return { file, registry: { version, labels, entities }, diagnostics: reader.diagnostics, entityLocations };
}

function readReferenceFacts(reader: YamlReader, entity: YAMLMap, where: string): ReferenceFact[] {
  const seq = reader.seq(entity, 'facts', where, false);
  const facts: ReferenceFact[] = [];
  for (const [index, item] of (seq?.items ?? []).entries()) {
    const at = `reference fact #${index + 1} of ${where}`;
    if (!isMap(item)) { reader.report(item as Node, 'wrong-type', `${at} must be a mapping with property, value and source.`); continue; }
    const property = reader.text(item, 'property', at, true);
    const value = reader.string(item, 'value', at, true);
    const source = reader.string(item, 'source', at, true);
    const url = reader.string(item, 'url', at, false);
    if (property === undefined || value === undefined || source === undefined) continue;
    facts.push({ property, value, source, ...(url !== undefined ? { url } : {}) });
  }
  return facts;
}

/** Fast lookups into one registry. */
export class RegistryIndex {
  readonly labels: ReadonlyMap<string, Label>;
  readonly entities: ReadonlyMap<string, Entity>;

  constructor(readonly file: string, readonly registry: Registry) {
    this.labels = new Map(registry.labels.map((label) => [label.id, label]));
    this.entities = new Map(registry.entities.map((entity) => [entity.id, entity]));
  }
}
