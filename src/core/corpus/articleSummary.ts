// What the Articles view shows about an article, computed from its sidecar and text: the
// model behind the tree, kept apart from the VS Code TreeDataProvider so it is unit-tested.
import { basename } from '../util';
import { truncate } from '../text';
import { detached } from './retainedSidecar';
import type { RegistryIndex } from '../format';
import { awaitsReview } from '../review';
import { statusOf, type Annotation, type Fact, type Sidecar } from '../model';

export type ArticleReviewState = 'empty' | 'in-progress' | 'needs-review' | 'reviewed' | 'problems';

export interface ArticleSummary {
  readonly uri: string;
  readonly fileName: string;
  readonly title: string;
  readonly outlet?: string;
  /** ISO date when known. */
  readonly published?: string;
  readonly annotationCount: number;
  /** Annotations and facts awaiting review ({@link awaitsReview}). */
  readonly awaitingReview: number;
  readonly orphanedCount: number;
  readonly factCount: number;
  readonly state: ArticleReviewState;
}

/** The first non-empty line, trimmed, as a title when the sidecar has none. */
export function firstLineTitle(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // Line by line from the start, not a split of the whole text (run for every article at open).
  for (let from = 0; from <= text.length;) {
    LINE_BREAK.lastIndex = from;
    const lineBreak = LINE_BREAK.exec(text);
    const end = lineBreak ? lineBreak.index : text.length;
    const trimmed = text.slice(from, end).trim();
    // Flat, not a slice of the article: the store keeps this string for each article (issue 12).
    if (trimmed) return detached(truncate(trimmed, 120));
    if (!lineBreak) break;
    from = end + lineBreak[0].length;
  }
  return undefined;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The one title rule, wherever an article is named (Articles view, hover cards, Compare
 * Sources, exports, the review views): the sidecar's `source.title`, else the article's first
 * non-empty line ({@link firstLineTitle}), else its file name.
 */
export function articleTitle(
  sidecar: Sidecar | undefined, article: { readonly firstLine?: string; readonly text?: string } | undefined, uri: string,
): string {
  return sidecar?.source.title?.trim() || article?.firstLine || firstLineTitle(article?.text) || basename(uri);
}

export function summarizeArticle(
  uri: string, sidecar: Sidecar | undefined, firstLine: string | undefined, problemCount: number,
): ArticleSummary {
  const annotations = sidecar?.annotations ?? [];
  const facts = sidecar?.facts ?? [];
  const live = [...annotations, ...facts].filter((item) => statusOf(item) !== 'rejected');
  const awaitingReview = live.filter((item) => awaitsReview(item)).length;
  const orphanedCount = [...annotations, ...facts].filter((item) => item.orphaned).length;
  let state: ArticleReviewState;
  if (problemCount > 0 || orphanedCount > 0) state = 'problems';
  else if (annotations.length + facts.length === 0) state = 'empty';
  else if (awaitingReview > 0) state = awaitingReview === live.length ? 'in-progress' : 'needs-review';
  else state = 'reviewed';
  const source = sidecar?.source;
  return {
    uri,
    fileName: basename(uri),
    title: articleTitle(sidecar, { firstLine }, uri),
    ...(source?.outlet ? { outlet: source.outlet } : {}),
    ...(source?.published ? { published: source.published } : {}),
    annotationCount: annotations.length,
    awaitingReview,
    orphanedCount,
    factCount: facts.length,
    state,
  };
}

export interface EntityMentions {
  /** Entity id, or undefined for annotations not linked to an entity (grouped by their text). */
  readonly entityId?: string;
  readonly name: string;
  readonly label: string;
  readonly mentions: readonly Annotation[];
}

export interface LabelGroup {
  readonly label: string;
  readonly labelName: string;
  readonly color?: string;
  readonly entities: readonly EntityMentions[];
}

/**
 * The article's annotations grouped by label (in the registry's display order, unknown labels
 * last), then by entity (by name), each with its mentions in text order. Orphaned annotations
 * are left out: they are listed on their own.
 */
export function groupByLabel(annotations: readonly Annotation[], registry: RegistryIndex | undefined, options: { includeRejected?: boolean } = {}): LabelGroup[] {
  const byLabel = new Map<string, Map<string, Annotation[]>>();
  for (const annotation of annotations) {
    if (annotation.orphaned) continue;
    if (!options.includeRejected && statusOf(annotation) === 'rejected') continue;
    const entityKey = annotation.entity !== undefined ? `#${annotation.entity}` : `"${annotation.text}`;
    let entities = byLabel.get(annotation.label);
    if (!entities) byLabel.set(annotation.label, (entities = new Map()));
    let mentions = entities.get(entityKey);
    if (!mentions) entities.set(entityKey, (mentions = []));
    mentions.push(annotation);
  }
  const order = registry ? [...registry.labels.keys()] : [];
  const labels = [...byLabel.keys()].sort((a, b) => {
    const ra = order.indexOf(a);
    const rb = order.indexOf(b);
    return (ra < 0 ? Infinity : ra) - (rb < 0 ? Infinity : rb) || a.localeCompare(b);
  });
  return labels.map((label) => {
    const definition = registry?.labels.get(label);
    const entities = [...byLabel.get(label)!.entries()].map(([key, mentions]): EntityMentions => {
      const entityId = key.startsWith('#') ? key.slice(1) : undefined;
      const entity = entityId !== undefined ? registry?.entities.get(entityId) : undefined;
      return {
        ...(entityId !== undefined ? { entityId } : {}),
        name: entity?.name ?? (entityId ?? mentions[0]!.text),
        label,
        mentions: [...mentions].sort((a, b) => a.start - b.start),
      };
    }).sort((a, b) => a.name.localeCompare(b.name));
    return {
      label,
      labelName: definition?.name ?? label,
      ...(definition?.color ? { color: definition.color } : {}),
      entities,
    };
  });
}

/** Orphaned annotations and facts, for the "Orphaned" node. */
export function orphanedItems(sidecar: Sidecar | undefined): (Annotation | Fact)[] {
  return [...(sidecar?.annotations ?? []), ...(sidecar?.facts ?? [])].filter((item) => item.orphaned);
}

export type ArticleSort = 'title' | 'outlet' | 'date' | 'file';

export function sortArticles(articles: readonly ArticleSummary[], sort: ArticleSort): ArticleSummary[] {
  const key = (a: ArticleSummary): string => {
    switch (sort) {
      case 'title': return a.title.toLocaleLowerCase();
      case 'outlet': return `${(a.outlet ?? '\uffff').toLocaleLowerCase()}\u0000${a.title.toLocaleLowerCase()}`;
      case 'date': return `${a.published ?? '\uffff'}\u0000${a.title.toLocaleLowerCase()}`;
      case 'file': return a.fileName;
    }
  };
  return [...articles].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Whether an article matches a filter typed by a person: every word in title, outlet, file or date. */
export function matchesFilter(article: ArticleSummary, filter: string): boolean {
  const haystack = [article.title, article.outlet ?? '', article.fileName, article.published ?? '', article.state].join(' ').toLocaleLowerCase();
  return filter.toLocaleLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}
