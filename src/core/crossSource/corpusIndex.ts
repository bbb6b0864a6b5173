// What the corpus says about each entity, across articles: where it is mentioned (with the
// sentence around each mention), which claims are made about it and whether the sources
// agree, and which entities appear with it. The model behind the cross-article hover cards.
//
// Incremental: each article's contribution is kept apart, so updating or removing an article
// costs time in proportion to that article, never a rebuild. Derived views (sorted mention
// lists, co-occurrences, fact groups with their verdicts) are computed on first query and
// cached until an article they depend on changes.
//
// Memory: the index keeps no copy of article texts. Only sentences that hold a mention or a
// claim's evidence are kept, as slices of the text passed in; V8 shares a slice with its
// parent string, so at worst the index keeps each annotated article's text alive once — the
// corpus store holds it anyway. Per article the rest is one flat list of mentions and a small
// map of claims (~8 KB per article of 30 mentions and 5 facts, see the bench).
import { normalizedValuesAgree, normalizeValue, quantityOf } from '../text';
import { OffsetMap } from '../text';
import { sentenceSpans, sentencesOverlapping, type SentenceSpan } from '../text';
import { statusOf, type AnnotationStatus, type Entity, type Registry, type Sidecar } from '../model';

/** A sentence of an article: code point offsets and its text. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Mention {
  readonly entityId: string;
  readonly articleUri: string;
  readonly annotationId: string;
  /** Code points. */
  readonly start: number;
  readonly end: number;
  /** The covered text, as the annotation quotes it. */
  readonly text: string;
  /** The sentence the mention stands in (several, joined, when it crosses a boundary). */
  readonly sentence: Sentence;
}

/** What {@link CorpusIndex.updateArticle} takes. */
export interface ArticleInput {
  readonly uri: string;
  readonly title: string;
  readonly outlet?: string;
  readonly published?: string;
  /** The article's text, as offsets count it (BOM dropped, line endings kept). */
  readonly text: string;
  readonly sidecar: Sidecar;
}

export interface ArticleInfo {
  readonly uri: string;
  readonly title: string;
  readonly outlet?: string;
  readonly published?: string;
}

export interface ArticleClaimSource {
  readonly kind: 'article';
  readonly articleUri: string;
  readonly factId: string;
  readonly title: string;
  readonly outlet?: string;
}

/** A reference fact of the registry (e.g. Wikidata): one more source to compare with. */
export interface ReferenceClaimSource {
  readonly kind: 'reference';
  /** The reference's name, e.g. `Wikidata`. */
  readonly name: string;
  readonly url?: string;
}

export type ClaimSource = ArticleClaimSource | ReferenceClaimSource;

/** Where an article makes a claim. */
export interface Evidence {
  readonly start: number;
  readonly end: number;
  /** The fact's quote. */
  readonly text: string;
  readonly sentence: Sentence;
}

export interface Claim {
  readonly source: ClaimSource;
  /** The value as the source writes it. */
  readonly value: string;
  /** The comparison key, see {@link normalizeValue}. */
  readonly normalized: string;
  /** Articles only. */
  readonly evidence?: Evidence;
  /** Reference facts count as accepted: the registry is curated. */
  readonly status: AnnotationStatus;
}

/** The claims of a group that say the same. */
export interface ValueCluster {
  readonly normalized: string;
  /** The most common written form (the first one in claim order on a tie). */
  readonly display: string;
  readonly claims: readonly Claim[];
  /** Distinct sources: several facts of one article count once. */
  readonly sourceCount: number;
}

export type FactVerdict = 'agree' | 'conflict' | 'single';

/** Everything said about one property of one subject. */
export interface FactGroup {
  readonly subject: string;
  readonly property: string;
  /** References first (by name), then articles by uri and position. */
  readonly claims: readonly Claim[];
  /** Most sources first. */
  readonly values: readonly ValueCluster[];
  /**
   * `conflict`: two or more values (one article against a reference fact is one) of a property
   * no source gives several values for; `agree`: a value from two or more sources; `single`: a
   * value from one source.
   */
  readonly verdict: FactVerdict;
  /** Distinct sources over all values. */
  readonly sourceCount: number;
  /** Some source states several values, so several values are not a conflict. */
  readonly multiValued: boolean;
}

export interface CoOccurrence {
  readonly entityId: string;
  /** Articles mentioning both. */
  readonly articles: number;
  /** Sentences mentioning both. */
  readonly sentences: number;
}

/** One article's contribution, kept so that it can be taken out again. */
interface ArticleEntry {
  readonly info: ArticleInfo;
  /**
   * The mentions in text order. One flat list, not one per entity: a few hundred bytes per
   * article less, and a query reads one article's 30-odd mentions in well under a microsecond.
   */
  readonly mentions: readonly Mention[];
  /**
   * Per mention, three numbers: the entity's ordinal (see {@link CorpusIndex.ordinalOf}) and
   * the indexes of the first and last sentence it stands in ([-1, -2] for none).
   */
  readonly mentionKeys: readonly number[];
  /** Per fact group key, the claims made here. */
  readonly claims: ReadonlyMap<string, readonly Claim[]>;
}

interface EntityState {
  readonly articles: Set<string>;
  count: number;
  // Views cached until an article mentioning the entity changes: all of them depend only on
  // those articles.
  sortedMentions?: readonly Mention[];
  sortedArticles?: readonly string[];
  /**
   * Once asked for: per other entity's ordinal, the articles and sentences shared, kept up to
   * date article by article (a change costs that article, not all the entity's articles).
   */
  coTotals?: Map<number, { articles: number; sentences: number }>;
  /** The last top list read from coTotals, until they change. */
  coTop?: { readonly limit: number; readonly best: readonly CoOccurrence[] };
}

interface GroupState {
  readonly subject: string;
  readonly property: string;
  readonly articleClaims: Map<string, readonly Claim[]>;
  referenceClaims: readonly Claim[];
  cached?: FactGroup;
}

/** Code unit order: deterministic and the same in every locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupKey(subject: string, property: string): string {
  return `${subject}\u0000${property}`;
}

/** Identifies a source, so that several claims of one source count once. */
function sourceKey(source: ClaimSource): string {
  return source.kind === 'article' ? `a\u0000${source.articleUri}` : `r\u0000${source.name}`;
}

function compareClaims(a: Claim, b: Claim): number {
  const sa = a.source;
  const sb = b.source;
  if (sa.kind !== sb.kind) return sa.kind === 'reference' ? -1 : 1;
  if (sa.kind === 'reference' && sb.kind === 'reference') {
    return compareStrings(sa.name, sb.name) || compareStrings(a.value, b.value);
  }
  if (sa.kind === 'article' && sb.kind === 'article') {
    return compareStrings(sa.articleUri, sb.articleUri)
      || (a.evidence?.start ?? 0) - (b.evidence?.start ?? 0)
      || compareStrings(sa.factId, sb.factId);
  }
  return 0;
}

function compareGroups(a: FactGroup, b: FactGroup): number {
  return Number(b.verdict === 'conflict') - Number(a.verdict === 'conflict')
    || b.sourceCount - a.sourceCount
    || compareStrings(a.property, b.property)
    || compareStrings(a.subject, b.subject);
}

function countSources(claims: readonly Claim[]): number {
  return new Set(claims.map((claim) => sourceKey(claim.source))).size;
}

/**
 * The most common written form, on a tie the one that comes first; a bare number merged into
 * the cluster ("24" in "24 year") is only shown when nothing else is.
 */
function mostCommonValue(normalized: string, claims: readonly Claim[]): string {
  const exact = claims.filter((claim) => claim.normalized === normalized);
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const claim of exact.length > 0 ? exact : claims) {
    const value = claim.value.trim();
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount) { best = value; bestCount = count; }
  }
  return best;
}

/**
 * Clusters of claims by normalised value. A bare number joins the one cluster with the same
 * number and a unit ("24" with "24 tahun"), as {@link normalizedValuesAgree} says they agree;
 * when several units compete ("24 year", "24 month") it stays apart.
 */
function clusterClaims(claims: readonly Claim[]): ValueCluster[] {
  const byKey = new Map<string, Claim[]>();
  for (const claim of claims) {
    const list = byKey.get(claim.normalized);
    if (list) list.push(claim);
    else byKey.set(claim.normalized, [claim]);
  }
  if (byKey.size > 1) {
    for (const key of [...byKey.keys()]) {
      const quantity = quantityOf(key);
      if (!quantity || quantity.unit !== undefined) continue;
      const withUnit = [...byKey.keys()].filter((other) => other !== key && normalizedValuesAgree(key, other));
      if (withUnit.length !== 1) continue;
      byKey.get(withUnit[0]!)!.push(...byKey.get(key)!);
      byKey.delete(key);
    }
  }
  const clusters = [...byKey.entries()].map(([normalized, members]): ValueCluster => {
    const ordered = [...members].sort(compareClaims);
    return { normalized, display: mostCommonValue(normalized, ordered), claims: ordered, sourceCount: countSources(ordered) };
  });
  return clusters.sort((a, b) => b.sourceCount - a.sourceCount || b.claims.length - a.claims.length || compareStrings(a.normalized, b.normalized));
}

function buildGroup(state: GroupState): FactGroup {
  const claims = [...state.referenceClaims];
  for (const list of state.articleClaims.values()) claims.push(...list);
  claims.sort(compareClaims);
  const values = clusterClaims(claims);
  const sourceCount = countSources(claims);
  // A source that states two values itself (the officials who came along) shows the property
  // takes several values: different values then list side by side instead of conflicting.
  const multiValued = [...new Set(claims.map((claim) => sourceKey(claim.source)))]
    .some((source) => values.filter((cluster) => cluster.claims.some((claim) => sourceKey(claim.source) === source)).length >= 2);
  const agreed = values.some((cluster) => cluster.sourceCount >= 2);
  const verdict: FactVerdict = values.length >= 2 && !multiValued ? 'conflict' : agreed ? 'agree' : 'single';
  return { subject: state.subject, property: state.property, claims, values, verdict, sourceCount, multiValued };
}

/**
 * Whether the article stands alone in a group: it is the only source of a value it gives
 * while other sources give another one.
 */
export function isStandalone(group: FactGroup, articleUri: string): boolean {
  const own = `a\u0000${articleUri}`;
  const alone = group.values.some((cluster) => cluster.sourceCount === 1 && sourceKey(cluster.claims[0]!.source) === own);
  if (!alone) return false;
  return group.values.some((cluster) => cluster.claims.some((claim) => sourceKey(claim.source) !== own));
}

/** The value clusters a source's claims fall in: what the article says, for a hover card. */
export function clustersOfArticle(group: FactGroup, articleUri: string): ValueCluster[] {
  return group.values.filter((cluster) => cluster.claims.some((claim) => claim.source.kind === 'article' && claim.source.articleUri === articleUri));
}

/** Cross-article index of the articles governed by one registry. */
export class CorpusIndex {
  private readonly articles = new Map<string, ArticleEntry>();
  private sortedArticleUris: readonly string[] | undefined;
  private readonly entityStates = new Map<string, EntityState>();
  private readonly groups = new Map<string, GroupState>();
  /** Properties with facts, per subject; subjects, per property. */
  private readonly propertiesOfSubject = new Map<string, Set<string>>();
  private readonly subjectsOfProperty = new Map<string, Set<string>>();
  private entities = new Map<string, Entity>();
  /** Groups holding reference claims, so a new registry can take them out. */
  private readonly referenceGroupKeys = new Set<string>();
  /**
   * Every entity id ever mentioned gets a small number, for counting in typed arrays. Never
   * taken back: ids are few (one per entity), and a stable number needs no bookkeeping.
   */
  private readonly ordinals = new Map<string, number>();
  private readonly entityIds: string[] = [];

  constructor(registry?: Registry) {
    if (registry) this.setRegistry(registry);
  }

  // --- Registry ---

  /** Replaces the registry: its entities and its reference facts (claims of kind 'reference'). */
  setRegistry(registry: Registry): void {
    for (const key of this.referenceGroupKeys) {
      const state = this.groups.get(key);
      if (!state) continue;
      state.referenceClaims = [];
      this.groupChanged(key, state);
    }
    this.referenceGroupKeys.clear();
    this.entities = new Map(registry.entities.map((entity) => [entity.id, entity]));
    const claimsByGroup = new Map<string, Claim[]>();
    for (const entity of registry.entities) {
      for (const fact of entity.facts ?? []) {
        const key = groupKey(entity.id, fact.property);
        const claim: Claim = {
          source: { kind: 'reference', name: fact.source, ...(fact.url !== undefined ? { url: fact.url } : {}) },
          value: fact.value,
          normalized: normalizeValue(fact.value),
          status: 'accepted',
        };
        const list = claimsByGroup.get(key);
        if (list) list.push(claim);
        else claimsByGroup.set(key, [claim]);
        if (!this.groups.has(key)) this.addGroup(key, entity.id, fact.property);
      }
    }
    for (const [key, claims] of claimsByGroup) {
      const state = this.groups.get(key)!;
      state.referenceClaims = claims;
      state.cached = undefined;
      this.referenceGroupKeys.add(key);
    }
  }

  entity(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  /** The entity's canonical name, or its id when the registry does not know it. */
  entityName(id: string): string {
    return this.entities.get(id)?.name ?? id;
  }

  // --- Articles ---

  /** Replaces everything the article contributed, in time proportional to the article. */
  updateArticle(article: ArticleInput): void {
    const isNew = !this.articles.has(article.uri);
    const removed = this.removeContributions(article.uri);
    const entry = buildEntry(article, (entityId) => this.ordinalOf(entityId));
    this.articles.set(article.uri, entry);
    if (isNew) this.sortedArticleUris = undefined;
    for (const [entityId, count] of mentionCounts(entry)) {
      let state = this.entityStates.get(entityId);
      if (!state) this.entityStates.set(entityId, (state = { articles: new Set(), count: 0 }));
      // The sorted article list changes only when the article joins the entity's articles.
      if (!removed.delete(entityId)) state.sortedArticles = undefined;
      state.articles.add(article.uri);
      state.count += count;
      state.sortedMentions = undefined;
      if (state.coTotals) addCoOccurrences(state.coTotals, entry.mentionKeys, this.ordinalOf(entityId), 1);
      state.coTop = undefined;
    }
    for (const [key, claims] of entry.claims) {
      let state = this.groups.get(key);
      if (!state) {
        const [subject, property] = key.split('\u0000') as [string, string];
        state = this.addGroup(key, subject, property);
      }
      state.articleClaims.set(article.uri, claims);
      state.cached = undefined;
    }
    this.dropArticleLists(removed); // entities the article no longer mentions
  }

  removeArticle(uri: string): void {
    if (!this.articles.has(uri)) return;
    this.dropArticleLists(this.removeContributions(uri));
    this.articles.delete(uri);
    this.sortedArticleUris = undefined;
  }

  article(uri: string): ArticleInfo | undefined {
    return this.articles.get(uri)?.info;
  }

  /** Sorted. */
  articleUris(): readonly string[] {
    return (this.sortedArticleUris ??= [...this.articles.keys()].sort(compareStrings));
  }

  // --- Mentions ---

  /** Sorted by article uri, then position. */
  mentionsOf(entityId: string): readonly Mention[] {
    const state = this.entityStates.get(entityId);
    if (!state) return [];
    if (!state.sortedMentions) {
      const mentions: Mention[] = [];
      for (const uri of this.articlesMentioning(entityId)) {
        for (const mention of this.articles.get(uri)?.mentions ?? []) if (mention.entityId === entityId) mentions.push(mention);
      }
      state.sortedMentions = mentions;
    }
    return state.sortedMentions;
  }

  /** The entity's mentions in one article, in text order. */
  mentionsIn(articleUri: string, entityId: string): readonly Mention[] {
    return this.articles.get(articleUri)?.mentions.filter((mention) => mention.entityId === entityId) ?? [];
  }

  /** Sorted. */
  articlesMentioning(entityId: string): readonly string[] {
    const state = this.entityStates.get(entityId);
    if (!state) return [];
    return (state.sortedArticles ??= [...state.articles].sort(compareStrings));
  }

  mentionCount(entityId: string): number {
    return this.entityStates.get(entityId)?.count ?? 0;
  }

  /** Entities with at least one mention, sorted. */
  mentionedEntities(): string[] {
    return [...this.entityStates.keys()].sort(compareStrings);
  }

  /**
   * Other entities mentioned in the articles that mention this one, with how many articles
   * and sentences they share: most sentences first, then most articles, then by id.
   */
  coOccurring(entityId: string, limit = 10): CoOccurrence[] {
    const state = this.entityStates.get(entityId);
    if (!state || limit <= 0) return [];
    if (!state.coTotals) {
      const totals = new Map<number, { articles: number; sentences: number }>();
      const own = this.ordinalOf(entityId);
      for (const uri of state.articles) {
        const entry = this.articles.get(uri);
        if (entry) addCoOccurrences(totals, entry.mentionKeys, own, 1);
      }
      state.coTotals = totals;
    }
    if (state.coTop?.limit === limit) return [...state.coTop.best];
    // The best `limit` by one pass with a small sorted list: a popular entity shares articles
    // with thousands of others, and a card shows five. Most entries lose to the last of the
    // list on their counts alone, before anything is allocated for them.
    const best: CoOccurrence[] = [];
    for (const [ordinal, total] of state.coTotals) {
      const last = best.length === limit ? best[limit - 1]! : undefined;
      if (last && (total.sentences < last.sentences || (total.sentences === last.sentences && total.articles < last.articles))) continue;
      const candidate: CoOccurrence = { entityId: this.entityIds[ordinal]!, articles: total.articles, sentences: total.sentences };
      if (last && compareCoOccurrences(candidate, last) >= 0) continue;
      let at = best.length;
      while (at > 0 && compareCoOccurrences(candidate, best[at - 1]!) < 0) at--;
      best.splice(at, 0, candidate);
      if (best.length > limit) best.pop();
    }
    state.coTop = { limit, best };
    return [...best];
  }

  // --- Facts ---

  /** Conflicts first, then most sources, then by property. */
  factGroupsFor(subject: string): FactGroup[] {
    const properties = this.propertiesOfSubject.get(subject);
    if (!properties) return [];
    return [...properties].map((property) => this.factGroup(subject, property)!).sort(compareGroups);
  }

  factGroup(subject: string, property: string): FactGroup | undefined {
    const state = this.groups.get(groupKey(subject, property));
    if (!state) return undefined;
    return (state.cached ??= buildGroup(state));
  }

  /** The groups of one property over all subjects: conflicts first, then most sources, then by subject. */
  factGroupsByProperty(property: string): FactGroup[] {
    const subjects = this.subjectsOfProperty.get(property);
    if (!subjects) return [];
    return [...subjects].map((subject) => this.factGroup(subject, property)!).sort(compareGroups);
  }

  /** The groups an article takes part in, in the same order as {@link factGroupsFor}. */
  factGroupsOfArticle(uri: string): FactGroup[] {
    const entry = this.articles.get(uri);
    if (!entry) return [];
    return [...entry.claims.keys()].map((key) => {
      const state = this.groups.get(key)!;
      return this.factGroup(state.subject, state.property)!;
    }).sort(compareGroups);
  }

  /** Every property with a claim (articles or registry), sorted: for a picker. */
  properties(): string[] {
    return [...this.subjectsOfProperty.keys()].sort(compareStrings);
  }

  /** Every subject with a claim, sorted. */
  subjectsWithFacts(): string[] {
    return [...this.propertiesOfSubject.keys()].sort(compareStrings);
  }

  // --- Bookkeeping ---

  private ordinalOf(entityId: string): number {
    let ordinal = this.ordinals.get(entityId);
    if (ordinal === undefined) {
      ordinal = this.entityIds.length;
      this.ordinals.set(entityId, ordinal);
      this.entityIds.push(entityId);
    }
    return ordinal;
  }

  private addGroup(key: string, subject: string, property: string): GroupState {
    const state: GroupState = { subject, property, articleClaims: new Map(), referenceClaims: [] };
    this.groups.set(key, state);
    let properties = this.propertiesOfSubject.get(subject);
    if (!properties) this.propertiesOfSubject.set(subject, (properties = new Set()));
    properties.add(property);
    let subjects = this.subjectsOfProperty.get(property);
    if (!subjects) this.subjectsOfProperty.set(property, (subjects = new Set()));
    subjects.add(subject);
    return state;
  }

  /** Drops the cached view of a group, and the group itself once no source is left. */
  private groupChanged(key: string, state: GroupState): void {
    state.cached = undefined;
    if (state.articleClaims.size > 0 || state.referenceClaims.length > 0) return;
    this.groups.delete(key);
    const properties = this.propertiesOfSubject.get(state.subject);
    properties?.delete(state.property);
    if (properties?.size === 0) this.propertiesOfSubject.delete(state.subject);
    const subjects = this.subjectsOfProperty.get(state.property);
    subjects?.delete(state.subject);
    if (subjects?.size === 0) this.subjectsOfProperty.delete(state.property);
  }

  /**
   * Takes out what the article contributed. Returns the entities it mentioned; their sorted
   * article lists are still to be dropped by the caller, unless the new version of the article
   * mentions them again (the list is then the same).
   */
  private removeContributions(uri: string): Set<string> {
    const removed = new Set<string>();
    const entry = this.articles.get(uri);
    if (!entry) return removed;
    for (const [entityId, count] of mentionCounts(entry)) {
      const state = this.entityStates.get(entityId);
      if (!state) continue;
      state.count -= count;
      state.sortedMentions = undefined;
      if (state.coTotals) addCoOccurrences(state.coTotals, entry.mentionKeys, this.ordinalOf(entityId), -1);
      state.coTop = undefined;
      state.articles.delete(uri);
      removed.add(entityId);
      if (state.articles.size === 0) this.entityStates.delete(entityId);
    }
    for (const key of entry.claims.keys()) {
      const state = this.groups.get(key);
      if (!state) continue;
      state.articleClaims.delete(uri);
      this.groupChanged(key, state);
    }
    return removed;
  }

  private dropArticleLists(entityIds: Iterable<string>): void {
    for (const entityId of entityIds) {
      const state = this.entityStates.get(entityId);
      if (state) state.sortedArticles = undefined;
    }
  }
}

/** Most sentences first, then most articles, then by id. */
function compareCoOccurrences(a: CoOccurrence, b: CoOccurrence): number {
  return b.sentences - a.sentences || b.articles - a.articles || compareStrings(a.entityId, b.entityId);
}

/**
 * Adds (sign 1) or takes out (sign -1) one article's share in an entity's co-occurrences:
 * every other entity it mentions counts one article, and one sentence per sentence of the
 * entity's own mentions that the other's mention spans. `keys` are the article's mention keys.
 */
function addCoOccurrences(totals: Map<number, { articles: number; sentences: number }>, keys: readonly number[], own: number, sign: 1 | -1): void {
  const ownSentences: number[] = [];
  for (let k = 0; k < keys.length; k += 3) {
    if (keys[k] !== own) continue;
    for (let index = keys[k + 1]!; index <= keys[k + 2]!; index++) if (!ownSentences.includes(index)) ownSentences.push(index);
  }
  const counted = new Set<number>();
  for (let k = 0; k < keys.length; k += 3) {
    const other = keys[k]!;
    if (other === own || counted.has(other)) continue;
    counted.add(other);
    // Own sentences that some mention of `other` in this article spans.
    let sentences = 0;
    for (const sentence of ownSentences) {
      for (let j = 0; j < keys.length; j += 3) {
        if (keys[j] === other && keys[j + 1]! <= sentence && sentence <= keys[j + 2]!) { sentences++; break; }
      }
    }
    let total = totals.get(other);
    if (!total) totals.set(other, (total = { articles: 0, sentences: 0 }));
    total.articles += sign;
    total.sentences += sign * sentences;
    if (total.articles === 0) totals.delete(other);
  }
}

/** How many times the article mentions each entity. */
function mentionCounts(entry: ArticleEntry): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mention of entry.mentions) counts.set(mention.entityId, (counts.get(mention.entityId) ?? 0) + 1);
  return counts;
}

/** An article's mentions and claims, from its sidecar and text. */
function buildEntry(article: ArticleInput, ordinalOf: (entityId: string) => number): ArticleEntry {
  const { uri, title, outlet, published, text, sidecar } = article;
  const info: ArticleInfo = {
    uri, title,
    ...(outlet !== undefined ? { outlet } : {}),
    ...(published !== undefined ? { published } : {}),
  };
  const mentionAnnotations = sidecar.annotations
    .filter((a) => a.entity !== undefined && a.entity !== '' && statusOf(a) !== 'rejected' && !a.orphaned)
    .sort((a, b) => a.start - b.start || a.end - b.end || compareStrings(a.id, b.id));
  // An orphaned fact's position is unknown and the claim may be gone from the text: it waits
  // for review before it is compared.
  const facts = sidecar.facts.filter((f) => statusOf(f) !== 'rejected' && !f.orphaned);
  if (mentionAnnotations.length === 0 && facts.length === 0) return { info, mentions: [], mentionKeys: [], claims: new Map() };

  const sentences = new SentenceFinder(text);
  const mentions: Mention[] = [];
  const mentionKeys: number[] = [];
  for (const annotation of mentionAnnotations) {
    const located = sentences.locate(annotation.start, annotation.end, annotation.text);
    mentions.push({
      entityId: annotation.entity!, articleUri: uri, annotationId: annotation.id,
      start: annotation.start, end: annotation.end, text: annotation.text,
      sentence: located.sentence,
    });
    mentionKeys.push(ordinalOf(annotation.entity!), located.first, located.last);
  }

  const claims = new Map<string, Claim[]>();
  for (const fact of facts) {
    const located = sentences.locate(fact.start, fact.end, fact.text);
    const claim: Claim = {
      source: { kind: 'article', articleUri: uri, factId: fact.id, title, ...(outlet !== undefined ? { outlet } : {}) },
      value: fact.value,
      normalized: normalizeValue(fact.value),
      evidence: { start: fact.start, end: fact.end, text: fact.text, sentence: located.sentence },
      status: statusOf(fact),
    };
    const key = groupKey(fact.subject, fact.property);
    const list = claims.get(key);
    if (list) list.push(claim);
    else claims.set(key, [claim]);
  }
  for (const list of claims.values()) list.sort(compareClaims);
  return { info, mentions, mentionKeys, claims };
}

/** The sentences of one article, split once; each sentence object shared by its spans. */
class SentenceFinder {
  private readonly spans: readonly SentenceSpan[];
  private readonly offsets: OffsetMap;
  private readonly made = new Map<string, Sentence>();

  constructor(text: string) {
    this.spans = sentenceSpans(text);
    this.offsets = new OffsetMap(text);
  }

  /**
   * The sentence(s) around a span, with their indexes. A span outside every sentence (stale
   * offsets) gets its own quote as its sentence and no sentence index, so it co-occurs with
   * nothing.
   */
  locate(start: number, end: number, quote: string): { sentence: Sentence; first: number; last: number } {
    const range = sentencesOverlapping(this.spans, start, end);
    if (!range) return { sentence: { start, end, text: quote }, first: -1, last: -2 };
    const key = `${range.first}:${range.last}`;
    let sentence = this.made.get(key);
    if (!sentence) {
      const from = this.spans[range.first]!.start;
      const to = this.spans[range.last]!.end;
      sentence = { start: from, end: to, text: this.offsets.slice(from, to) };
      this.made.set(key, sentence);
    }
    return { sentence, first: range.first, last: range.last };
  }
}
