// The data model of a corpus, as defined by the corpus format contract (version 1).
// Plain data only: everything here can be serialised with JSON (the sidecar cache does).

export const FORMAT_VERSION = 1;

export type AnnotationStatus = 'proposed' | 'accepted' | 'rejected';
export const ANNOTATION_STATUSES: readonly AnnotationStatus[] = ['proposed', 'accepted', 'rejected'];

export type ReviewVerdict = 'accepted' | 'rejected' | 'comment';
export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ['accepted', 'rejected', 'comment'];

export interface Label {
  /** The key in `labels:`, e.g. `PER`. */
  readonly id: string;
  readonly name: string;
  /** `#rrggbb`. */
  readonly color: string;
}

/**
 * A fact about an entity from a reference source (e.g. Wikidata), kept in the registry. It
 * counts as one more source when articles' claims are compared: a claim that contradicts it is
 * a conflict even when only one article makes it. (An extension of the format: `facts:` under
 * an entity in entities.yaml.)
 */
export interface ReferenceFact {
  readonly property: string;
  /** The normalised value, compared with the articles' values. */
  readonly value: string;
  /** Where it comes from, e.g. `Wikidata`. */
  readonly source: string;
  readonly url?: string;
}

export interface Entity {
  /** Stable slug, unique in the corpus. */
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description?: string;
  /** Wikidata item id, e.g. `Q7747`. */
  readonly wikidata?: string;
  readonly facts?: readonly ReferenceFact[];
}

/** `entities.yaml`: the label set (in display order) and the entity registry. */
export interface Registry {
  readonly version: number;
  readonly labels: readonly Label[];
  readonly entities: readonly Entity[];
}

export interface Review {
  readonly by: string;
  readonly verdict: ReviewVerdict;
  readonly at: string;
  readonly comment?: string;
}

/** A span of the article: code point offsets plus the quote that lets it be found again. */
export interface Anchor {
  /** Inclusive, in Unicode code points, BOM excluded. */
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** The exact covered text. */
  readonly text: string;
  /** Up to {@link CONTEXT_LENGTH} code points before the span. */
  readonly prefix?: string;
  /** Up to {@link CONTEXT_LENGTH} code points after the span. */
  readonly suffix?: string;
  /** Set when the text changed and the span could not be placed with confidence. */
  readonly orphaned?: boolean;
}

/** How many code points of context `prefix` and `suffix` keep. */
export const CONTEXT_LENGTH = 32;

interface Authored {
  readonly id: string;
  readonly author?: string;
  readonly created?: string;
  /** Absent in a hand-written item: read it with {@link statusOf}. */
  readonly status?: AnnotationStatus;
  readonly note?: string;
  readonly reviews?: readonly Review[];
}

/** An item without a status is a proposal, like any new one. */
export function statusOf(item: { readonly status?: AnnotationStatus }): AnnotationStatus {
  return item.status ?? 'proposed';
}

export interface Annotation extends Anchor, Authored {
  readonly label: string;
  /** Id of an entity in the registry. */
  readonly entity?: string;
}

/** A claim the article makes about an entity. */
export interface Fact extends Anchor, Authored {
  /** Entity id. */
  readonly subject: string;
  readonly property: string;
  /** The normalised value, compared across sources. */
  readonly value: string;
}

/** Optional metadata about the article. */
export interface SourceInfo {
  /** The article's file name, relative to the sidecar. */
  readonly file: string;
  /** Hex SHA-256 of the article's bytes when the offsets were last checked. */
  readonly sha256?: string;
  readonly title?: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly url?: string;
  readonly language?: string;
}

/** `<article>.annotations.yaml`. */
export interface Sidecar {
  readonly version: number;
  readonly source: SourceInfo;
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
}
