// What every exporter takes and gives: the corpus as plain data (articles with their text and
// sidecar, and the registry that governs each), the filters, and files as text. Pure: the
// command line and the editor read the corpus and write the files.
import { OffsetMap } from '../text';
import type { RegistryIndex } from '../format';
import { anchorMismatch, statusOf, type Annotation, type AnnotationStatus, type Fact, type Sidecar } from '../model';

export interface ExportArticle {
  /** The article's path relative to the corpus folder, with `/` (e.g. `2024/a.txt`). */
  readonly path: string;
  /** The text offsets count: BOM removed, line endings kept. */
  readonly text: string;
  readonly sidecar: Sidecar;
  /** Hex SHA-256 of the article's bytes. */
  readonly sha256: string;
  /** The sidecar's title, else the first line of the text. */
  readonly title: string;
  readonly registry?: RegistryIndex;
}

export type StatusFilter = AnnotationStatus | 'all';

export interface ExportFilter {
  /** Default `accepted`. `all` includes rejected items (their status is in the output where the format has a place for it). */
  readonly status?: StatusFilter;
  /** Only these labels (annotations only); undefined: every label. */
  readonly labels?: readonly string[];
  /** Only items by these authors; undefined: everyone. */
  readonly authors?: readonly string[];
}

export interface FilterCounts {
  /** Items left out by `--status`. */
  status: number;
  /** Annotations left out by `--labels`. */
  labels: number;
  /** Items left out by `--authors`. */
  authors: number;
  /** Orphaned items: their offsets are not trustworthy, so no export carries them. */
  orphaned: number;
  /** Items whose quote is not the article's text at their offsets (a stale sidecar): left out too. */
  mismatched: number;
}

export interface ExportSummary {
  format: string;
  articles: number;
  annotations: number;
  facts: number;
  leftOut: { annotations: FilterCounts; facts: FilterCounts };
  /** Format-specific counts (e.g. overlaps resolved), with a sentence each for the summary. */
  notes: { count: number; message: string }[];
}

export interface ExportFile {
  /** Relative to the output folder, `/`-separated, never absolute and never with `..`. */
  readonly path: string;
  readonly content: string;
}

export interface ExportOutput {
  readonly files: ExportFile[];
  readonly summary: ExportSummary;
}

/** An article after filtering: what an exporter writes. */
export interface FilteredArticle {
  readonly article: ExportArticle;
  /** In the sidecar's sort order (start, end, id). */
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
}

function emptyCounts(): FilterCounts {
  return { status: 0, labels: 0, authors: 0, orphaned: 0, mismatched: 0 };
}

/**
 * Applies the filters in a fixed order (orphaned, quote no longer matching, status, labels, authors); an item left out
 * is counted under the first filter that removed it.
 */
export function filterArticles(articles: readonly ExportArticle[], filter: ExportFilter): {
  articles: FilteredArticle[]; leftOut: { annotations: FilterCounts; facts: FilterCounts };
} {
  const status = filter.status ?? 'accepted';
  const labels = filter.labels ? new Set(filter.labels) : undefined;
  const authors = filter.authors ? new Set(filter.authors) : undefined;
  const leftOut = { annotations: emptyCounts(), facts: emptyCounts() };
  const keep = (map: OffsetMap, item: Annotation | Fact, counts: FilterCounts, label: string | undefined): boolean => {
    if (item.orphaned) { counts.orphaned++; return false; }
    if (anchorMismatch(map, item)) { counts.mismatched++; return false; }
    if (status !== 'all' && statusOf(item) !== status) { counts.status++; return false; }
    if (labels && label !== undefined && !labels.has(label)) { counts.labels++; return false; }
    if (authors && !authors.has(item.author ?? '')) { counts.authors++; return false; }
    return true;
  };
  const byPosition = <T extends { start: number; end: number; id: string }>(a: T, b: T) =>
    a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const filtered = [...articles]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((article): FilteredArticle => {
      const map = new OffsetMap(article.text);
      return {
        article,
        annotations: article.sidecar.annotations.filter((a) => keep(map, a, leftOut.annotations, a.label)).sort(byPosition),
        facts: article.sidecar.facts.filter((f) => keep(map, f, leftOut.facts, undefined)).sort(byPosition),
      };
    });
  return { articles: filtered, leftOut };
}

/** The Wikidata id of an annotation's entity, when the registry knows one. */
export function wikidataOf(article: ExportArticle, entityId: string | undefined): string | undefined {
  return entityId === undefined ? undefined : article.registry?.entities.get(entityId)?.wikidata;
}

/** Labels in registry order, then any other label used, alphabetically. */
export function labelsOf(articles: readonly FilteredArticle[]): string[] {
  const ordered: string[] = [];
  const seen = new Set<string>();
  for (const { article } of articles) {
    for (const label of article.registry?.registry.labels ?? []) if (!seen.has(label.id)) { seen.add(label.id); ordered.push(label.id); }
  }
  const extra = new Set<string>();
  for (const { annotations } of articles) for (const a of annotations) if (!seen.has(a.label)) extra.add(a.label);
  return [...ordered, ...[...extra].sort()];
}

/**
 * How the editor and the command line name an entity link in formats with one reference
 * string (brat `N` lines, doccano meta): `Wikidata:Q…` when the registry knows the item, else
 * `Registry:<entity id>`. {@link parseEntityReference} reads it back.
 */
export function entityReference(article: ExportArticle, entityId: string): string {
  const wikidata = wikidataOf(article, entityId);
  return wikidata ? `Wikidata:${wikidata}` : `Registry:${entityId}`;
}

export type EntityReference = { readonly kind: 'wikidata'; readonly id: string } | { readonly kind: 'registry'; readonly id: string } | { readonly kind: 'other'; readonly db: string; readonly id: string };

export function parseEntityReference(reference: string): EntityReference {
  const colon = reference.indexOf(':');
  const db = colon < 0 ? '' : reference.slice(0, colon);
  const id = colon < 0 ? reference : reference.slice(colon + 1);
  if (/^wikidata$/i.test(db) && /^Q[1-9][0-9]*$/.test(id)) return { kind: 'wikidata', id };
  if (db === 'Registry') return { kind: 'registry', id };
  return { kind: 'other', db, id };
}

/** The name of the linked entity, for formats that carry one next to the reference. */
export function entityNameOf(article: ExportArticle, entityId: string): string {
  return article.registry?.entities.get(entityId)?.name ?? entityId;
}

/** JSON Lines: one compact JSON value per line, `\n` after each. */
export function jsonLines(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}

/** A new summary with the common counts filled in. */
export function summaryOf(format: string, articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut'], counted: { annotations: boolean; facts: boolean }): ExportSummary {
  return {
    format,
    articles: articles.length,
    annotations: counted.annotations ? articles.reduce((n, a) => n + a.annotations.length, 0) : 0,
    facts: counted.facts ? articles.reduce((n, a) => n + a.facts.length, 0) : 0,
    leftOut,
    notes: [],
  };
}
