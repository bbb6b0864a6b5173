// What the sources say about one property of one subject: the claims of articles and of the
// registry's reference facts, clustered by value, with a verdict (agree, conflict, single).
// Each group is built from its claims alone, so the index rebuilds only the groups an article
// it changes takes part in.
import { normalizedValuesAgree, normalizeValue, quantityOf } from '../text';
import type { AnnotationStatus } from '../model';
import { compareStrings } from './order';
import type { Sentence } from './sentences';

/** How many values {@link claimValueKey} remembers before it starts over. */
const VALUE_KEYS_KEPT = 10_000;
const valueKeys = new Map<string, string>();

/**
 * `normalizeValue(value)`, remembered: the same values (dates, counts, places) recur across the
 * claims of a corpus, and normalising one costs some microseconds (NFKC, date and number
 * rules), 20,000 times over at a cold open. Bounded: past VALUE_KEYS_KEPT values it starts over.
 */
export function claimValueKey(value: string): string {
  let key = valueKeys.get(value);
  if (key === undefined) {
    if (valueKeys.size >= VALUE_KEYS_KEPT) valueKeys.clear();
    key = normalizeValue(value);
    valueKeys.set(value, key);
  }
  return key;
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

/** The claims of one group, per source, and its view until one of them changes. */
export interface GroupState {
  readonly subject: string;
  readonly property: string;
  readonly articleClaims: Map<string, readonly Claim[]>;
  referenceClaims: readonly Claim[];
  cached?: FactGroup;
}

export function groupKey(subject: string, property: string): string {
  return `${subject}\u0000${property}`;
}

/** Identifies a source, so that several claims of one source count once. */
function sourceKey(source: ClaimSource): string {
  return source.kind === 'article' ? `a\u0000${source.articleUri}` : `r\u0000${source.name}`;
}

export function compareClaims(a: Claim, b: Claim): number {
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

export function compareGroups(a: FactGroup, b: FactGroup): number {
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

export function buildGroup(state: GroupState): FactGroup {
  const claims = [...state.referenceClaims];
  for (const list of state.articleClaims.values()) claims.push(...list);
  claims.sort(compareClaims);
  const values = clusterClaims(claims);
  const sourceCount = countSources(claims);
  // A source that states two values itself (the officials who came along) shows the property
  // takes several values: different values then list side by side instead of conflicting.
  // One pass: the first cluster each source is seen in, and whether it turns up in another.
  const clusterOfSource = new Map<string, number>();
  let multiValued = false;
  values.forEach((cluster, index) => {
    for (const claim of cluster.claims) {
      const source = sourceKey(claim.source);
      const seen = clusterOfSource.get(source);
      if (seen === undefined) clusterOfSource.set(source, index);
      else if (seen !== index) multiValued = true;
    }
  });
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
