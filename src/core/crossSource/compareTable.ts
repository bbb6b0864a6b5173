// The model of "Compare Sources": for one entity, its properties × the sources that state
// them, every mention with its sentence and the entities mentioned with it; for one property,
// its subjects × sources. Each cell holds what a source says, coloured by which value it gives;
// each row has its verdict (agreement, conflict, one source). Plain data: the webview renders it.
import type { Entity, Label } from '../model';
import type { CorpusIndex } from './corpusIndex';
import type { ClaimSource, FactGroup } from './factGroups';

/** What the page is about: an entity, or a property (of one subject, or of all). */
export type CompareTarget = { readonly entity: string } | { readonly subject?: string; readonly property: string };

/** What of the registry the page needs (a RegistryIndex has it). */
export interface CompareRegistry {
  readonly entities: ReadonlyMap<string, Entity>;
  readonly labels: ReadonlyMap<string, Label>;
}

/** A source that speaks in some row: an article, or a reference of the registry. */
export interface CompareColumn {
  readonly key: string;
  /** The article's outlet (else its title), or the reference's name. */
  readonly name: string;
  readonly reference: boolean;
}

/** One value a source gives in a row. */
export interface CompareClaim {
  readonly value: string;
  /**
   * Which value it is, for its colour: 0 for the value most sources give, 1 and 2 for the
   * next, 3 for all others; always 0 where several values are expected (multi-valued).
   */
  readonly shade: 0 | 1 | 2 | 3;
  /** For an article's claim: the fact to reveal, and the sentence of its evidence. */
  readonly fact?: { readonly articleUri: string; readonly factId: string; readonly sentence?: string };
}

export type CompareVerdict =
  | { readonly kind: 'conflict'; readonly values: number }
  | { readonly kind: 'agree'; readonly sources: number }
  | { readonly kind: 'single'; readonly sources: number };

export interface CompareRow {
  readonly name: string;
  readonly verdict: CompareVerdict;
  /** One cell per column, in column order; an empty cell where the source says nothing. */
  readonly cells: readonly (readonly CompareClaim[])[];
}

export interface CompareTable {
  /** What the rows are: `Property` or `Subject`. */
  readonly rowHeader: string;
  readonly columns: readonly CompareColumn[];
  readonly rows: readonly CompareRow[];
}

/** A mention with its sentence, split around the mention (code points). */
export interface CompareMention {
  readonly articleUri: string;
  readonly annotationId: string;
  /** On an article's first mention only: its title and outlet. */
  readonly article?: { readonly title: string; readonly outlet?: string };
  readonly before: string;
  readonly mention: string;
  readonly after: string;
}

export interface EntityComparePage {
  readonly kind: 'entity';
  readonly entityId: string;
  /** The entity's name, or its id when the registry does not have it. */
  readonly title: string;
  /** From the registry, when it has the entity: the label's name, description, Wikidata id. */
  readonly about?: { readonly label: string; readonly description?: string; readonly wikidata?: string };
  readonly facts: CompareTable;
  readonly mentions: readonly CompareMention[];
  readonly articleCount: number;
  readonly together: readonly { readonly name: string; readonly articles: number; readonly sentences: number }[];
}

export interface PropertyComparePage {
  readonly kind: 'property';
  readonly title: string;
  readonly facts: CompareTable;
}

export type ComparePage = EntityComparePage | PropertyComparePage;

/** How many entities the "often mentioned with" line lists. */
export const TOGETHER_LIMIT = 20;

export function comparePage(index: CorpusIndex, registry: CompareRegistry, target: CompareTarget): ComparePage {
  const nameOf = (id: string): string => registry.entities.get(id)?.name ?? id;
  if (!('entity' in target)) {
    const groups = index.factGroupsByProperty(target.property).filter((g) => !target.subject || g.subject === target.subject);
    return { kind: 'property', title: target.property, facts: compareTable(groups, (g) => nameOf(g.subject), 'Subject') };
  }
  const entityId = target.entity;
  const entity = registry.entities.get(entityId);
  const mentions = index.mentionsOf(entityId);
  let previousArticle: string | undefined;
  const rows = mentions.map((mention): CompareMention => {
    const first = mention.articleUri !== previousArticle;
    previousArticle = mention.articleUri;
    const info = first ? index.article(mention.articleUri) : undefined;
    const sentence = [...mention.sentence.text];
    const from = Math.max(0, mention.start - mention.sentence.start);
    const to = Math.min(sentence.length, mention.end - mention.sentence.start);
    return {
      articleUri: mention.articleUri, annotationId: mention.annotationId,
      ...(first ? { article: { title: info?.title ?? mention.articleUri, ...(info?.outlet !== undefined ? { outlet: info.outlet } : {}) } } : {}),
      before: sentence.slice(0, from).join(''), mention: sentence.slice(from, to).join(''), after: sentence.slice(to).join(''),
    };
  });
  return {
    kind: 'entity', entityId, title: entity?.name ?? entityId,
    ...(entity ? { about: {
      label: registry.labels.get(entity.label)?.name ?? entity.label,
      ...(entity.description ? { description: entity.description } : {}),
      ...(entity.wikidata ? { wikidata: entity.wikidata } : {}),
    } } : {}),
    facts: compareTable(index.factGroupsFor(entityId), (g) => g.property, 'Property'),
    mentions: rows,
    articleCount: new Set(mentions.map((m) => m.articleUri)).size,
    together: index.coOccurring(entityId, TOGETHER_LIMIT).map((c) => ({ name: nameOf(c.entityId), articles: c.articles, sentences: c.sentences })),
  };
}

function sourceKey(source: ClaimSource): string {
  return source.kind === 'reference' ? `ref:${source.name}` : `article:${source.articleUri}`;
}

/** Rows: the groups in their order; columns: every source that speaks in any of them, in order of first appearance. */
export function compareTable(groups: readonly FactGroup[], rowName: (group: FactGroup) => string, rowHeader: string): CompareTable {
  const columns = new Map<string, CompareColumn>();
  for (const group of groups) {
    for (const { source } of group.claims) {
      const key = sourceKey(source);
      if (!columns.has(key)) {
        columns.set(key, source.kind === 'reference'
          ? { key, name: source.name, reference: true }
          : { key, name: source.outlet ?? source.title, reference: false });
      }
    }
  }
  const rows = groups.map((group): CompareRow => ({
    name: rowName(group),
    verdict: group.verdict === 'conflict' ? { kind: 'conflict', values: group.values.length }
      : group.verdict === 'agree' ? { kind: 'agree', sources: Math.max(...group.values.map((v) => v.sourceCount)) }
        : { kind: 'single', sources: group.sourceCount },
    cells: [...columns.keys()].map((key) => group.claims.filter((claim) => sourceKey(claim.source) === key).map((claim): CompareClaim => {
      const cluster = group.values.findIndex((c) => c.claims.includes(claim));
      const shade = group.multiValued ? 0 : Math.min(Math.max(cluster, 0), 3) as CompareClaim['shade'];
      return {
        value: claim.value, shade,
        ...(claim.source.kind === 'article' ? { fact: {
          articleUri: claim.source.articleUri, factId: claim.source.factId,
          ...(claim.evidence ? { sentence: claim.evidence.sentence.text } : {}),
        } } : {}),
      };
    })),
  }));
  return { rowHeader, columns: [...columns.values()], rows };
}
