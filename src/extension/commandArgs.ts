// The arguments the commands take, defined once. A tree node, a code action, a hover link and
// a test pass the same shapes, so no command has to guess what it was invoked from: the
// Articles view's nodes carry exactly these fields (an article node is an ArticleRef, a
// mention node an ItemRef, an entity node a CompareTarget). No argument means "at the cursor".

/** One annotation or fact of an article. */
export interface ItemRef {
  /** The article's URI string. */
  readonly articleUri: string;
  /** The annotation's or fact's `id` in the sidecar. */
  readonly itemId: string;
}

/** One article of the corpus. */
export interface ArticleRef {
  readonly articleUri: string;
}

/** A span of an article in code points: what Review's "Show in Article" reveals. */
export interface SpanRef {
  readonly articleUri: string;
  readonly start: number;
  readonly end: number;
  /** An orphaned item has no place: revealing it opens its sidecar instead. */
  readonly orphaned?: boolean;
}

/** A suggested annotation (the quick fix's argument): a span with its label and entity. */
export interface SuggestionRef {
  readonly articleUri: string;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly entityId?: string;
}

/** What Compare Sources shows: one entity, or one property (of one subject or of all). */
// The target's shape is the core's (crossSource/compareTable.ts): one definition.
export type { CompareTarget } from '../core/crossSource';
