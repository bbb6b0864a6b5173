// What the corpus says about each entity, across articles: where it is mentioned (with the
// sentence around each mention), which claims are made about it and whether the sources
// agree, and which entities appear with it. The model behind the cross-article hover cards.
// The parts live beside it: articleEntry.ts (one article's mentions and claims),
// factGroups.ts (claims clustered and judged), coOccurrence.ts, sentences.ts.
//
// Incremental: each article's contribution is kept apart, so updating or removing an article
// costs time in proportion to that article, never a rebuild. What a hover card reads is kept
// current on each change, without per-query sorting or counting over an entity's articles:
// its articles in sorted order (one binary insertion when an article joins), its mention
// count, its co-occurrence totals once asked for (typed arrays, updated per article). Fact
// groups are rebuilt on first query after an article in them changed, from that group's
// claims alone.
//
// Memory: the index keeps no copy of article texts. Only sentences that hold a mention or a
// claim's evidence are kept, as slices of the text passed in; V8 shares a slice with its
// parent string, so at worst the index keeps each annotated article's text alive once — the
// corpus store holds it anyway.
import type { Entity, Registry } from '../model';
import { buildEntry, entryMentions, MENTION_STRIDE, mentionCounts, type ArticleEntry, type ArticleInfo, type ArticleInput, type Mention } from './articleEntry';
import { CoOccurrenceTotals, type CoOccurrence } from './coOccurrence';
import { buildGroup, claimValueKey, compareGroups, groupKey, type Claim, type FactGroup, type GroupState } from './factGroups';
import { compareStrings } from './order';

/** How many entities keep co-occurrence totals (80 KB each for 10,000 entities), most recently asked first. */
const CO_OCCURRENCE_ENTITIES = 32;

interface EntityState {
  /** Sorted, kept so by binary insertion. */
  readonly articles: string[];
  count: number;
  /** A copy of `articles` handed out, until it changes. */
  articlesView?: readonly string[];
  // Views cached until an article mentioning the entity changes: all of them depend only on
  // those articles.
  sortedMentions?: readonly Mention[];
  /**
   * Once asked for: the shares with every other entity, kept up to date article by article
   * (a change costs that article, not all the entity's articles).
   */
  coTotals?: CoOccurrenceTotals;
}

/** Where `uri` is in a sorted list, or where it would go (as -(position + 1)). */
function search(sorted: readonly string[], uri: string): number {
  let low = 0;
  let high = sorted.length - 1;
  // Articles mostly arrive in order: try the end first.
  if (high >= 0 && sorted[high]! < uri) return -(high + 2);
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const item = sorted[middle]!;
    if (item < uri) low = middle + 1;
    else if (item > uri) high = middle - 1;
    else return middle;
  }
  return -(low + 1);
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
  /** Entities with co-occurrence totals, least recently asked first (a Map keeps insertion order). */
  private readonly withCoTotals = new Map<string, EntityState>();

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
          normalized: claimValueKey(fact.value),
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
      if (!state) this.entityStates.set(entityId, (state = { articles: [], count: 0 }));
      // The article list changes only when the article joins the entity's articles.
      removed.delete(entityId);
      const at = search(state.articles, article.uri);
      if (at < 0) {
        state.articles.splice(-at - 1, 0, article.uri);
        state.articlesView = undefined;
      }
      state.count += count;
      state.sortedMentions = undefined;
      state.coTotals?.add(entry.mentionData, MENTION_STRIDE, 1);
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
    this.dropArticle(article.uri, removed); // entities the article no longer mentions
  }

  removeArticle(uri: string): void {
    if (!this.articles.has(uri)) return;
    this.dropArticle(uri, this.removeContributions(uri));
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
      const ordinal = this.ordinalOf(entityId);
      for (const uri of state.articles) {
        const entry = this.articles.get(uri);
        if (entry) for (const mention of entryMentions(entry, ordinal)) mentions.push(mention);
      }
      state.sortedMentions = mentions;
    }
    return state.sortedMentions;
  }

  /** The entity's mentions in one article, in text order. */
  mentionsIn(articleUri: string, entityId: string): readonly Mention[] {
    const entry = this.articles.get(articleUri);
    const ordinal = this.ordinals.get(entityId);
    return entry && ordinal !== undefined ? entryMentions(entry, ordinal) : [];
  }

  /** Sorted. */
  articlesMentioning(entityId: string): readonly string[] {
    const state = this.entityStates.get(entityId);
    if (!state) return [];
    return (state.articlesView ??= state.articles.slice());
  }

  /** How many articles mention the entity. */
  articleCount(entityId: string): number {
    return this.entityStates.get(entityId)?.articles.length ?? 0;
  }

  /** Whether the article mentions the entity. */
  mentions(articleUri: string, entityId: string): boolean {
    const state = this.entityStates.get(entityId);
    return state !== undefined && search(state.articles, articleUri) >= 0;
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
    let totals = state.coTotals;
    if (totals) {
      this.withCoTotals.delete(entityId);
    } else {
      totals = state.coTotals = new CoOccurrenceTotals(this.ordinalOf(entityId), this.entityIds.length);
      for (const uri of state.articles) {
        const entry = this.articles.get(uri);
        if (entry) totals.add(entry.mentionData, MENTION_STRIDE, 1);
      }
    }
    this.withCoTotals.set(entityId, state);
    // Only the entities of recent cards keep totals: the rest are counted again when asked.
    for (const [oldest, oldState] of this.withCoTotals) {
      if (this.withCoTotals.size <= CO_OCCURRENCE_ENTITIES) break;
      oldState.coTotals = undefined;
      this.withCoTotals.delete(oldest);
    }
    return totals.best(limit, this.entityIds);
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
   * Takes out what the article contributed. Returns the entities it mentioned; the article is
   * still to be taken out of their article lists by the caller ({@link dropArticle}), unless the
   * new version of the article mentions them again (the list is then the same).
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
      state.coTotals?.add(entry.mentionData, MENTION_STRIDE, -1);
      removed.add(entityId);
    }
    for (const key of entry.claims.keys()) {
      const state = this.groups.get(key);
      if (!state) continue;
      state.articleClaims.delete(uri);
      this.groupChanged(key, state);
    }
    return removed;
  }

  private dropArticle(uri: string, entityIds: Iterable<string>): void {
    for (const entityId of entityIds) {
      const state = this.entityStates.get(entityId);
      if (!state) continue;
      const at = search(state.articles, uri);
      if (at >= 0) {
        state.articles.splice(at, 1);
        state.articlesView = undefined;
      }
      if (state.articles.length === 0) {
        this.entityStates.delete(entityId);
        this.withCoTotals.delete(entityId);
      }
    }
  }

}
