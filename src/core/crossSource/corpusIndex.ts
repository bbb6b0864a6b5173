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
// Memory: the index keeps no copy of article texts. An article's text is split into sentences
// when a query first needs them (see withSentences), not when it is indexed; only sentences
// that hold a mention or a claim's evidence are kept, as slices of the text passed in; V8 shares a slice with its
// parent string, so at worst the index keeps each annotated article's text alive once — the
// corpus store holds it anyway.
import type { Entity, Registry } from '../model';
import { buildEntry, entryMentions, MENTION_STRIDE, withSentences, type ArticleEntry, type ArticleInfo, type ArticleInput, type Mention } from './articleEntry';
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
  /** By the entity's ordinal; undefined while no article mentions it. */
  private readonly entityStates: (EntityState | undefined)[] = [];
  /**
   * Per ordinal, the number of the last article pass that met the entity: an article's
   * distinct entities without a Map or Set per article (at open, 10,000 of each).
   */
  private seenInPass = new Int32Array(64);
  private pass = 0;
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
  private readonly ordinalFor = (entityId: string): number => this.ordinalOf(entityId);
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
    const previous = this.articles.get(article.uri);
    if (previous) this.removeContributions(previous);
    const entry = buildEntry(article, this.ordinalFor);
    this.articles.set(article.uri, entry);
    if (!previous) this.sortedArticleUris = undefined;
    const pass = this.addContributions(entry);
    // Entities the article no longer mentions (the new version's pass did not meet them).
    if (previous) this.dropArticle(previous, pass);
  }

  removeArticle(uri: string): void {
    const entry = this.articles.get(uri);
    if (!entry) return;
    this.removeContributions(entry);
    this.dropArticle(entry, -1);
    this.articles.delete(uri);
    this.sortedArticleUris = undefined;
  }

  /**
   * Splits the article's text into sentences now, ahead of the first query that needs them
   * (which would split it then): for splitting in the background (CorpusIndexer's splitAhead).
   */
  splitSentencesOf(uri: string): void {
    const entry = this.articles.get(uri);
    if (entry) withSentences(entry);
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
    const state = this.stateOf(entityId);
    if (!state) return [];
    if (!state.sortedMentions) {
      const mentions: Mention[] = [];
      const ordinal = this.ordinals.get(entityId)!;
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
    const state = this.stateOf(entityId);
    if (!state) return [];
    return (state.articlesView ??= state.articles.slice());
  }

  /** How many articles mention the entity. */
  articleCount(entityId: string): number {
    return this.stateOf(entityId)?.articles.length ?? 0;
  }

  /** Whether the article mentions the entity. */
  mentions(articleUri: string, entityId: string): boolean {
    const state = this.stateOf(entityId);
    return state !== undefined && search(state.articles, articleUri) >= 0;
  }

  mentionCount(entityId: string): number {
    return this.stateOf(entityId)?.count ?? 0;
  }

  /** Entities with at least one mention, sorted. */
  mentionedEntities(): string[] {
    const ids: string[] = [];
    this.entityStates.forEach((state, ordinal) => { if (state) ids.push(this.entityIds[ordinal]!); });
    return ids.sort(compareStrings);
  }

  /**
   * Other entities mentioned in the articles that mention this one, with how many articles
   * and sentences they share: most sentences first, then most articles, then by id.
   */
  coOccurring(entityId: string, limit = 10): CoOccurrence[] {
    const state = this.stateOf(entityId);
    if (!state || limit <= 0) return [];
    let totals = state.coTotals;
    if (totals) {
      this.withCoTotals.delete(entityId);
    } else {
      totals = state.coTotals = new CoOccurrenceTotals(this.ordinals.get(entityId)!, this.entityIds.length);
      for (const uri of state.articles) {
        const entry = this.articles.get(uri);
        if (entry) totals.add(withSentences(entry), MENTION_STRIDE, 1);
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

  private stateOf(entityId: string): EntityState | undefined {
    const ordinal = this.ordinals.get(entityId);
    return ordinal === undefined ? undefined : this.entityStates[ordinal];
  }

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
   * Adds what the article contributes: its mentions to its entities (the article joins their
   * sorted lists: one binary insertion, an append when articles come in order), its claims to
   * their groups. Returns the number of the pass, which marks the entities it met.
   */
  private addContributions(entry: ArticleEntry): number {
    const uri = entry.info.uri;
    const pass = this.nextPass();
    const data = entry.mentionData;
    const stride = MENTION_STRIDE; // read once: an import is a property read in some builds
    for (let at = 0; at < data.length; at += stride) {
      const ordinal = data[at]!;
      let state = this.entityStates[ordinal];
      if (!state) this.entityStates[ordinal] = state = { articles: [], count: 0 };
      state.count++;
      if (this.seenInPass[ordinal] === pass) continue;
      this.seenInPass[ordinal] = pass;
      const articles = state.articles;
      const found = search(articles, uri);
      if (found < 0) {
        const position = -found - 1;
        if (position === articles.length) articles.push(uri);
        else articles.splice(position, 0, uri);
        state.articlesView = undefined;
      }
      state.sortedMentions = undefined;
      state.coTotals?.add(withSentences(entry), MENTION_STRIDE, 1);
    }
    for (const [key, claims] of entry.claims) {
      let state = this.groups.get(key);
      if (!state) {
        const [subject, property] = key.split('\u0000') as [string, string];
        state = this.addGroup(key, subject, property);
      }
      state.articleClaims.set(uri, claims);
      state.cached = undefined;
    }
    return pass;
  }

  /**
   * Takes out what the article contributed, except its place in its entities' article lists:
   * {@link dropArticle} takes it out of those the new version of the article (if any) no
   * longer mentions (the others stay the same).
   */
  private removeContributions(entry: ArticleEntry): void {
    const pass = this.nextPass();
    const data = entry.mentionData;
    const stride = MENTION_STRIDE; // read once: an import is a property read in some builds
    for (let at = 0; at < data.length; at += stride) {
      const ordinal = data[at]!;
      const state = this.entityStates[ordinal];
      if (!state) continue;
      state.count--;
      if (this.seenInPass[ordinal] === pass) continue;
      this.seenInPass[ordinal] = pass;
      state.sortedMentions = undefined;
      state.coTotals?.add(withSentences(entry), MENTION_STRIDE, -1);
    }
    for (const key of entry.claims.keys()) {
      const state = this.groups.get(key);
      if (!state) continue;
      state.articleClaims.delete(entry.info.uri);
      this.groupChanged(key, state);
    }
  }

  /** Takes the article out of the lists of the entities it mentioned that pass `kept` did not meet. */
  private dropArticle(entry: ArticleEntry, kept: number): void {
    const uri = entry.info.uri;
    const data = entry.mentionData;
    const stride = MENTION_STRIDE; // read once: an import is a property read in some builds
    for (let at = 0; at < data.length; at += stride) {
      const ordinal = data[at]!;
      if (this.seenInPass[ordinal] === kept) continue;
      const state = this.entityStates[ordinal];
      if (!state) continue;
      const position = search(state.articles, uri);
      if (position >= 0) {
        state.articles.splice(position, 1);
        state.articlesView = undefined;
      }
      if (state.articles.length === 0) {
        this.entityStates[ordinal] = undefined;
        this.withCoTotals.delete(this.entityIds[ordinal]!);
      }
    }
  }

  /** A new pass number, with a mark for every ordinal given out so far. */
  private nextPass(): number {
    if (this.seenInPass.length < this.entityIds.length) {
      const larger = new Int32Array(Math.max(this.entityIds.length, this.seenInPass.length * 2));
      larger.set(this.seenInPass);
      this.seenInPass = larger;
    }
    // Marks of earlier passes only have to differ from the new number: start over long before
    // the numbers leave the Int32Array's range.
    if (this.pass >= 0x7fff_fff0) {
      this.seenInPass.fill(0);
      this.pass = 0;
    }
    return ++this.pass;
  }
}
