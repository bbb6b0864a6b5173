// Reading, validating and writing `<article>.annotations.yaml` (corpus format, version 1).
import { isMap, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { anchorMismatch, sidecarIsStale, type CorpusDiagnostic } from '../model';
import { OffsetMap, truncate } from '../text';
import { basename } from '../util';
import type { RegistryIndex } from './registry';
import {
  ANNOTATION_STATUSES, FORMAT_VERSION, REVIEW_VERDICTS,
  type Annotation, type Fact, type Review, type Sidecar, type SourceInfo,
} from '../model';
import { itemIdScalar, SIDECAR_LIMITS, YamlReader, type SourceRange } from './yamlReader';

export const SIDECAR_SUFFIX = '.annotations.yaml';

/** Where an annotation or fact and its checked fields are in the sidecar file. */
export interface ItemLocation {
  readonly item: SourceRange;
  readonly fields: Readonly<Record<string, SourceRange>>;
}

/**
 * A sidecar as read from its text. Plain data (JSON-serialisable), so it can be cached and
 * the YAML parser, the slow part, skipped when the file has not changed.
 */
export interface ParsedSidecar {
  readonly file: string;
  /** Undefined when the file is unusable (broken YAML, unknown version, wrong shape). */
  readonly sidecar?: Sidecar;
  /** Problems in the file itself, independent of article and registry. */
  readonly diagnostics: readonly CorpusDiagnostic[];
  /** Why this file must not be rewritten; undefined when it may be. */
  readonly notWritable?: string;
  readonly annotationLocations: readonly ItemLocation[];
  readonly factLocations: readonly ItemLocation[];
  readonly sourceLocation?: SourceRange;
}

export const ANCHOR_FIELDS = ['start', 'end', 'text', 'label', 'entity', 'subject', 'id'] as const;

/**
 * One item of an `annotations` or `facts` list as the writer needs it: its YAML node, whether
 * the reader understood it (only then may a write change or remove it), and which of its
 * fields the reader rejected (those stay byte for byte).
 */
export interface SidecarItemNode {
  readonly node: unknown;
  /** The id of the item in the model; undefined when the reader did not accept the item. */
  readonly acceptedId?: string;
  /** The id written in the file, accepted or not (new ids must not collide with it). */
  readonly rawId?: string;
  /** Keys whose values the reader reported as wrong. */
  readonly rejectedFields: ReadonlySet<string>;
}

/** A parse that keeps the YAML document: what the writer edits, from the one parse of a write. */
export interface SidecarDocument {
  readonly parsed: ParsedSidecar;
  /** The text that was parsed. */
  readonly text: string;
  readonly document: Document.Parsed;
  /** Keys of `source` the reader rejected. */
  readonly sourceRejected: ReadonlySet<string>;
  readonly annotationItems: readonly SidecarItemNode[];
  readonly factItems: readonly SidecarItemNode[];
}

export function parseSidecar(file: string, text: string): ParsedSidecar {
  return readSidecarDocument(file, text).parsed;
}

/** An empty sidecar's data: what a new file or an empty one holds. */
export function emptySidecar(file = ''): Sidecar {
  return { version: FORMAT_VERSION, source: { file }, annotations: [], facts: [] };
}

export function readSidecarDocument(file: string, text: string): SidecarDocument {
  const reader = new YamlReader(file, text, SIDECAR_LIMITS);
  const annotationLocations: ItemLocation[] = [];
  const factLocations: ItemLocation[] = [];
  const annotationItems: SidecarItemNode[] = [];
  const factItems: SidecarItemNode[] = [];
  let sourceRejected: ReadonlySet<string> = new Set();
  const done = (parsed: ParsedSidecar): SidecarDocument => ({ parsed, text, document: reader.document, sourceRejected, annotationItems, factItems });
  const fail = (reason: string): SidecarDocument => done({
    file, diagnostics: reader.diagnostics, notWritable: reason, annotationLocations, factLocations,
  });
  if (reader.refusal) return fail(reader.refusal);
  if (reader.hasSyntaxErrors) {
    reader.root();
    const first = reader.diagnostics[0];
    const at = first ? ` at line ${first.start.line + 1}, column ${first.start.column + 1}` : '';
    return fail(`it is not valid YAML${at}. Fix the YAML (or restore it with git) and save it; the annotations will load again.`);
  }
  if (reader.document.contents == null) {
    // Empty (or only comments): reported, and a change simply starts the file.
    reader.reportAt(0, 0, 'wrong-type', 'The file is empty: expected a mapping with `version: 1`. The next change writes a new sidecar here.', 'warning');
    return done({ file, sidecar: emptySidecar(), diagnostics: reader.diagnostics, annotationLocations, factLocations });
  }
  const root = reader.root();
  if (!root) return fail('it is not a mapping. Fix the file so it starts with `version: 1`.');
  const where = 'the sidecar';
  const version = reader.version(root, FORMAT_VERSION, where);
  if (version === undefined) return fail(`its \`version\` is missing or not ${FORMAT_VERSION}. Fix the version line.`);

  const sourceMap = reader.map(root, 'source', where, true);
  const source: SourceInfo = sourceMap ? readSource(reader, sourceMap) : { file: '' };
  if (sourceMap) sourceRejected = reader.rejectedKeys(sourceMap);

  // Ids of accepted items: a later item with the same id is kept in the file but not in the
  // model (editing "a1" must mean one item), and reported with a quick fix to rename it.
  const acceptedIds = new Set<string>();
  const readList = <T extends Annotation | Fact>(
    key: 'annotations' | 'facts', noun: string, readItem: (map: YAMLMap, where: string) => T | undefined,
    into: T[], locations: ItemLocation[], nodes: SidecarItemNode[],
  ): string | undefined => {
    const seq = reader.seq(root, key, where, false);
    const value = reader.pair(root, key)?.value;
    if (seq === undefined && value && !isScalar(value)) return `\`${key}\` is not a list. Fix it to be a list (or remove it).`;
    for (const [index, item] of (seq?.items ?? []).entries()) {
      if (!isMap(item)) {
        reader.report(item as Node, 'wrong-type', `${noun} #${index + 1} must be a mapping; it is kept as it is.`);
        nodes.push({ node: item, rejectedFields: new Set() });
        continue;
      }
      const reportedBefore = reader.diagnostics.length;
      const read = readItem(item, `${noun.toLowerCase()} #${index + 1}`);
      const rawId = silentId(item);
      const idNode = (reader.pair(item, 'id')?.value as Node | undefined) ?? item;
      let accepted = read;
      if (read && acceptedIds.has(read.id)) {
        reader.report(idNode, 'duplicate-id', `Duplicate id \`${read.id}\`: ids must be unique within a sidecar (annotations and facts together). This item is kept but not loaded; give it a new id (quick fix).`);
        accepted = undefined;
      } else if (!read && reader.diagnostics.length > reportedBefore) {
        // Say once, on the item's first problem, that it is kept but not loaded.
        const first = reader.diagnostics[reportedBefore] as CorpusDiagnostic;
        reader.diagnostics[reportedBefore] = { ...first, message: `${first.message} The item is kept in the file as it is, but not loaded until this is fixed.` };
      }
      nodes.push({
        node: item, ...(accepted ? { acceptedId: accepted.id } : {}), ...(rawId !== undefined ? { rawId } : {}),
        rejectedFields: reader.rejectedKeys(item),
      });
      if (!accepted) continue;
      acceptedIds.add(accepted.id);
      into.push(accepted);
      locations.push({ item: reader.rangeOf(item), fields: reader.fieldRanges(item, ANCHOR_FIELDS) });
    }
    return undefined;
  };

  const annotations: Annotation[] = [];
  const facts: Fact[] = [];
  const badAnnotations = readList('annotations', 'Annotation', (map, at) => readAnnotation(reader, map, at), annotations, annotationLocations, annotationItems);
  if (badAnnotations) return fail(badAnnotations);
  const badFacts = readList('facts', 'Fact', (map, at) => readFact(reader, map, at), facts, factLocations, factItems);
  if (badFacts) return fail(badFacts);
  const items = (annotationItems.length + factItems.length);
  if (items > SIDECAR_LIMITS.maxItems) {
    return fail(tooManyItems(items));
  }

  return done({
    file,
    sidecar: { version, source, annotations, facts },
    diagnostics: reader.diagnostics,
    annotationLocations,
    factLocations,
    ...(sourceMap ? { sourceLocation: reader.rangeOf(sourceMap) } : {}),
  });
}

/** Why a sidecar of `count` items (over the limit) is not edited. */
export function tooManyItems(count: number): string {
  return `it holds ${count} items, more than the ${SIDECAR_LIMITS.maxItems} this extension edits. It is shown read-only; split the article or its sidecar.`;
}

/** The id of an item without reporting anything (its reader already did). */
function silentId(item: YAMLMap): string | undefined {
  const node = itemIdScalar(item);
  return node && String(node.value);
}

function readSource(reader: YamlReader, map: YAMLMap): SourceInfo {
  const where = '`source`';
  const optional = (key: string): Partial<Record<string, string>> => {
    const value = reader.string(map, key, where, false);
    return value === undefined ? {} : { [key]: value };
  };
  const sha = reader.string(map, 'sha256', where, false);
  if (sha !== undefined && !/^[0-9a-f]{64}$/.test(sha)) {
    reader.report(reader.pair(map, 'sha256')?.value as Node, 'invalid-value', '`sha256` in `source` must be 64 lowercase hex digits.');
  }
  return {
    file: reader.string(map, 'file', where, true) ?? '',
    ...(sha !== undefined ? { sha256: sha } : {}),
    ...optional('title'), ...optional('outlet'), ...optional('published'), ...optional('url'), ...optional('language'),
  };
}

/** Fields shared by annotations and facts; undefined when a required one is missing or ill-typed. */
function readAnchorAndAuthor(reader: YamlReader, map: YAMLMap, where: string) {
  const id = reader.text(map, 'id', where, true);
  const start = reader.integer(map, 'start', where, true);
  const end = reader.integer(map, 'end', where, true);
  const text = reader.text(map, 'text', where, true);
  const prefix = reader.text(map, 'prefix', where, false);
  const suffix = reader.text(map, 'suffix', where, false);
  const author = reader.string(map, 'author', where, false);
  const created = reader.string(map, 'created', where, false);
  const status = reader.oneOf(map, 'status', ANNOTATION_STATUSES, where, false);
  const statusPresent = reader.pair(map, 'status') !== undefined;
  const note = reader.string(map, 'note', where, false);
  const orphaned = reader.boolean(map, 'orphaned', where);
  const reviews = readReviews(reader, map, where);
  if (id === undefined || start === undefined || end === undefined || text === undefined) return undefined;
  if (statusPresent && status === undefined) return undefined;
  return {
    id, start, end, text,
    ...(prefix !== undefined ? { prefix } : {}),
    ...(suffix !== undefined ? { suffix } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(created !== undefined ? { created } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(orphaned !== undefined ? { orphaned } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(reviews !== undefined ? { reviews } : {}),
  };
}

function readAnnotation(reader: YamlReader, map: YAMLMap, where: string): Annotation | undefined {
  const label = reader.text(map, 'label', where, true);
  const entity = reader.text(map, 'entity', where, false);
  const common = readAnchorAndAuthor(reader, map, where);
  if (!common || label === undefined) return undefined;
  return { ...common, label, ...(entity !== undefined ? { entity } : {}) };
}

function readFact(reader: YamlReader, map: YAMLMap, where: string): Fact | undefined {
  const subject = reader.text(map, 'subject', where, true);
  const property = reader.text(map, 'property', where, true);
  const value = reader.string(map, 'value', where, true);
  const common = readAnchorAndAuthor(reader, map, where);
  if (!common || subject === undefined || property === undefined || value === undefined) return undefined;
  return { ...common, subject, property, value };
}

function readReviews(reader: YamlReader, map: YAMLMap, where: string): Review[] | undefined {
  const seq = reader.seq(map, 'reviews', where, false);
  if (!seq) return undefined;
  const reviews: Review[] = [];
  for (const [index, item] of seq.items.entries()) {
    const at = `review #${index + 1} of ${where}`;
    if (!isMap(item)) { reader.report(item as Node, 'wrong-type', `${at} must be a mapping.`); continue; }
    const by = reader.string(item, 'by', at, true);
    const verdict = reader.oneOf(item, 'verdict', REVIEW_VERDICTS, at, true);
    const when = reader.string(item, 'at', at, true);
    const comment = reader.string(item, 'comment', at, false);
    if (by === undefined || verdict === undefined || when === undefined) continue;
    reviews.push({ by, verdict, at: when, ...(comment !== undefined ? { comment } : {}) });
  }
  return reviews;
}

/** What a sidecar is checked against: its article's text and the registry that governs it. */
export interface SidecarContext {
  /** The article text, decoded (BOM stripped); undefined when the article is missing. */
  readonly articleText?: string;
  readonly articleSha256?: string;
  /** The article's file name, to check `source.file`. */
  readonly articleFile?: string;
  readonly registry?: RegistryIndex;
}

/**
 * The version of {@link checkSidecar}'s rules: its results are cached across restarts under a
 * key holding it (corpus/sidecarChecks.ts). Bump it when a check, a message or a position changes.
 */
export const SIDECAR_CHECKS_VERSION = 1;

/**
 * Checks a parsed sidecar against its article and registry: offsets in range, quotes that
 * match the text, known labels and entities. Cheap (no YAML), so it runs on every change.
 */
export function checkSidecar(parsed: ParsedSidecar, context: SidecarContext): CorpusDiagnostic[] {
  const sidecar = parsed.sidecar;
  if (!sidecar) return [];
  const problems: CorpusDiagnostic[] = [];
  const report = (range: SourceRange | undefined, code: CorpusDiagnostic['code'], message: string, severity: CorpusDiagnostic['severity'] = 'error'): void => {
    const at = range ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
    problems.push({ file: parsed.file, ...at, severity, code, message });
  };

  if (context.articleFile !== undefined && sidecar.source.file && sidecar.source.file !== context.articleFile) {
    report(parsed.sourceLocation, 'invalid-value', `\`source.file\` is \`${sidecar.source.file}\` but this sidecar belongs to \`${context.articleFile}\`.`, 'warning');
  }
  const articleChanged = sidecarIsStale(sidecar, context.articleSha256);
  const map = context.articleText !== undefined ? new OffsetMap(context.articleText) : undefined;
  if (context.articleText === undefined) {
    report(parsed.sourceLocation, 'article-missing', `The article \`${sidecar.source.file || basename(articleUriFor(parsed.file))}\` was not found next to this sidecar.`);
  } else if (articleChanged) {
    report(parsed.sourceLocation, 'article-changed', 'The article changed since these offsets were checked (sha256 differs); annotations will be re-anchored from their text and context.', 'info');
  }

  // Locations are looked up only to report a problem: a clean sidecar from the fast reader
  // or the cache then never builds them (see sidecarLocations.ts).
  const checkAnchor = (item: Annotation | Fact, locate: () => ItemLocation | undefined, kind: string): void => {
    if (!map || item.orphaned) return;
    const mismatch = anchorMismatch(map, item);
    if (mismatch === 'out-of-range') {
      const location = locate();
      report(location?.fields['start'] ?? location?.item, 'offset-out-of-range',
        `${kind} \`${item.id}\`: offsets ${item.start}–${item.end} are outside the article (0–${map.codePointLength} code points) or reversed.`);
      return;
    }
    if (mismatch === 'text-mismatch') {
      const location = locate();
      const actual = map.slice(item.start, item.end);
      report(location?.fields['text'] ?? location?.item, 'text-mismatch',
        `${kind} \`${item.id}\`: the article has ${JSON.stringify(truncate(actual, 60))} at ${item.start}–${item.end}, not ${JSON.stringify(truncate(item.text, 60))}.`
        + (articleChanged ? ' The article changed since it was annotated.' : ''));
    }
  };

  const registry = context.registry;
  // Read once: a kept parse unpacks its positions on each read (see corpus/retainedSidecar.ts).
  // Each list is read at most once per check, and only when a problem is reported: a lazy or
  // packed list is built (or unpacked) then, never for a clean sidecar.
  let annotationLocations: readonly ItemLocation[] | undefined;
  let factLocations: readonly ItemLocation[] | undefined;
  sidecar.annotations.forEach((annotation, index) => {
    const locate = (): ItemLocation | undefined => (annotationLocations ??= parsed.annotationLocations)[index];
    const field = (name: string): SourceRange | undefined => locate()?.fields[name];
    checkAnchor(annotation, locate, 'Annotation');
    if (!registry) return;
    if (!registry.labels.has(annotation.label)) {
      report(field('label'), 'unknown-label', `Annotation \`${annotation.id}\`: unknown label \`${annotation.label}\`; labels are ${[...registry.labels.keys()].join(', ') || '(none)'} in ${registry.file}.`);
    }
    if (annotation.entity !== undefined) {
      const entity = registry.entities.get(annotation.entity);
      if (!entity) {
        report(field('entity'), 'unknown-entity', `Annotation \`${annotation.id}\`: unknown entity \`${annotation.entity}\`; add it to ${registry.file} or fix the id.`);
      } else if (entity.label !== annotation.label) {
        report(field('label'), 'invalid-value', `Annotation \`${annotation.id}\` is labelled ${annotation.label} but entity \`${entity.id}\` is ${entity.label}.`, 'warning');
      }
    }
  });
  sidecar.facts.forEach((fact, index) => {
    const locate = (): ItemLocation | undefined => (factLocations ??= parsed.factLocations)[index];
    checkAnchor(fact, locate, 'Fact');
    if (registry && !registry.entities.has(fact.subject)) {
      report(locate()?.fields['subject'], 'unknown-entity', `Fact \`${fact.id}\`: unknown subject entity \`${fact.subject}\`; add it to ${registry.file} or fix the id.`);
    }
  });
  return problems;
}

/** The sidecar of an article (URI, path or file name alike: the sidecar sits beside it). */
export function sidecarUriFor(article: string): string {
  return article + SIDECAR_SUFFIX;
}

export function isSidecarName(name: string): boolean {
  return name.endsWith(SIDECAR_SUFFIX);
}

/** The article a sidecar belongs to (URI, path or file name alike). */
export function articleUriFor(sidecar: string): string {
  return sidecar.slice(0, -SIDECAR_SUFFIX.length);
}
