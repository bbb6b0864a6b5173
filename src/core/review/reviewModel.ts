// Reviewing teammates' work, as pure functions over sidecars: what awaits a reviewer, the
// verdicts (appended to `reviews`, which set `status`), disagreements between authors and
// their resolution, and discussion threads (`reviews` with `verdict: comment`).
import { alignAnnotations, type DisagreementKind } from '../agreement';
import { statusOf, type Annotation, type AnnotationStatus, type Fact, type Review, type Sidecar } from '../model';

export type ReviewItem = Annotation | Fact;

/**
 * THE rule for "awaiting review", used by the Articles view, the status bar and the Review
 * view: a proposal that is placed in the text (an orphan needs re-attaching first). With a
 * reviewer, only others' proposals: nobody reviews their own work.
 */
export function awaitsReview(item: ReviewItem, reviewer?: string): boolean {
  if (item.orphaned || statusOf(item) !== 'proposed') return false;
  return reviewer === undefined || item.author !== reviewer;
}

export function countAwaitingReview(sidecar: Sidecar | undefined, reviewer?: string): number {
  if (!sidecar) return 0;
  let count = 0;
  for (const item of sidecar.annotations) if (awaitsReview(item, reviewer)) count++;
  for (const item of sidecar.facts) if (awaitsReview(item, reviewer)) count++;
  return count;
}

export const isFact = (item: ReviewItem): item is Fact => 'subject' in item;

export interface QueueItem {
  readonly article: string;
  readonly item: ReviewItem;
}

export interface QueueAuthor {
  /** `(unknown)` for items without an author. */
  readonly author: string;
  readonly items: readonly QueueItem[];
}

export interface QueueArticle {
  readonly article: string;
  readonly authors: readonly QueueAuthor[];
  readonly count: number;
}

export const UNKNOWN_AUTHOR = '(unknown)';

/** What awaits `reviewer`, by article (in the given order), then author (by name), items in text order. */
export function reviewQueue(articles: readonly { uri: string; sidecar: Sidecar | undefined }[], reviewer: string): QueueArticle[] {
  const result: QueueArticle[] = [];
  for (const { uri, sidecar } of articles) {
    if (!sidecar) continue;
    const byAuthor = new Map<string, QueueItem[]>();
    for (const item of [...sidecar.annotations, ...sidecar.facts].sort((a, b) => a.start - b.start || a.end - b.end)) {
      if (!awaitsReview(item, reviewer)) continue;
      const author = item.author ?? UNKNOWN_AUTHOR;
      let items = byAuthor.get(author);
      if (!items) byAuthor.set(author, (items = []));
      items.push({ article: uri, item });
    }
    if (byAuthor.size === 0) continue;
    const authors = [...byAuthor.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([author, items]) => ({ author, items }));
    result.push({ article: uri, authors, count: authors.reduce((sum, a) => sum + a.items.length, 0) });
  }
  return result;
}

/** The queue in reading order: what Accept, Reject and Skip step through. */
export function flattenQueue(queue: readonly QueueArticle[]): QueueItem[] {
  return queue.flatMap((article) => article.authors.flatMap((author) => author.items));
}

// ---- verdicts ---------------------------------------------------------------------------------

export interface Reviewer {
  readonly by: string;
  /** ISO 8601 timestamp. */
  readonly at: string;
}

function mapItem(sidecar: Sidecar, id: string, change: <T extends ReviewItem>(item: T) => T): Sidecar {
  let found = false;
  const apply = <T extends ReviewItem>(item: T): T => {
    if (item.id !== id) return item;
    found = true;
    return change(item);
  };
  const next = { ...sidecar, annotations: sidecar.annotations.map(apply), facts: sidecar.facts.map(apply) };
  if (!found) throw new Error(`No annotation or fact with id ${id} in ${sidecar.source.file}`);
  return next;
}

/** Appends a review; `accepted` and `rejected` also set the item's status, `comment` leaves it. */
export function addReview(sidecar: Sidecar, id: string, review: Review): Sidecar {
  return mapItem(sidecar, id, (item) => ({
    ...item,
    ...(review.verdict !== 'comment' ? { status: review.verdict as AnnotationStatus } : {}),
    reviews: [...(item.reviews ?? []), cleanReview(review)],
  }));
}

function cleanReview(review: Review): Review {
  const comment = review.comment?.trim();
  return { by: review.by, verdict: review.verdict, at: review.at, ...(comment ? { comment } : {}) };
}

export function accept(sidecar: Sidecar, id: string, reviewer: Reviewer, comment?: string): Sidecar {
  return addReview(sidecar, id, { ...reviewer, verdict: 'accepted', ...(comment !== undefined ? { comment } : {}) });
}

export function reject(sidecar: Sidecar, id: string, reviewer: Reviewer, comment?: string): Sidecar {
  return addReview(sidecar, id, { ...reviewer, verdict: 'rejected', ...(comment !== undefined ? { comment } : {}) });
}

/**
 * Accepts every item awaiting the reviewer in this article, or only one author's (and, when
 * given, only those `include` lets through). Returns the ids accepted.
 */
export function bulkAccept(
  sidecar: Sidecar, reviewer: Reviewer, author?: string, include: (item: ReviewItem) => boolean = () => true,
): { sidecar: Sidecar; accepted: string[] } {
  const accepted = [...sidecar.annotations, ...sidecar.facts]
    .filter((item) => awaitsReview(item, reviewer.by) && (author === undefined || (item.author ?? UNKNOWN_AUTHOR) === author) && include(item))
    .map((item) => item.id);
  let next = sidecar;
  for (const id of accepted) next = accept(next, id, reviewer);
  return { sidecar: next, accepted };
}

// ---- disagreements ----------------------------------------------------------------------------

export interface Disagreement {
  readonly kind: DisagreementKind;
  /** The two versions (one for `missing`), ordered by author name. */
  readonly items: readonly Annotation[];
  readonly authors: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** An annotation its author accepted at once: a reviewer's decision (a resolution), not an annotator's work. */
function isAdjudication(annotation: Annotation): boolean {
  const first = annotation.reviews?.[0];
  return first !== undefined && first.by === annotation.author && first.verdict === 'accepted';
}

/**
 * Where two authors annotated the same or overlapping text differently, among the annotations
 * still in play (placed, not rejected, not an adjudication). `missing` is listed only for a
 * proposal, when the other author annotated this article at all (otherwise they have not done
 * it yet) and has no rejected annotation there (that place was decided).
 */
export function findDisagreements(sidecar: Sidecar | undefined): Disagreement[] {
  if (!sidecar) return [];
  const authored = sidecar.annotations.filter((a) => !a.orphaned && a.author !== undefined && !isAdjudication(a));
  const live = authored.filter((a) => statusOf(a) !== 'rejected');
  const decided = (item: Annotation, otherAuthor: string) => authored.some((a) => a.author === otherAuthor
    && statusOf(a) === 'rejected' && a.start < item.end && item.start < a.end);
  const authors = [...new Set(live.map((a) => a.author!))].sort();
  const result: Disagreement[] = [];
  for (let i = 0; i < authors.length; i++) {
    for (let j = i + 1; j < authors.length; j++) {
      const as = live.filter((a) => a.author === authors[i]);
      const bs = live.filter((a) => a.author === authors[j]);
      for (const pair of alignAnnotations(as, bs)) {
        if (pair.kind === 'agreement') continue;
        if (pair.kind === 'missing') {
          const item = (pair.a ?? pair.b)!;
          if (statusOf(item) !== 'proposed' || decided(item, pair.a ? authors[j]! : authors[i]!)) continue;
        }
        const items = [pair.a, pair.b].filter((x): x is Annotation => x !== undefined);
        result.push({
          kind: pair.kind,
          items,
          authors: items.map((x) => x.author!),
          start: Math.min(...items.map((x) => x.start)),
          end: Math.max(...items.map((x) => x.end)),
        });
      }
    }
  }
  return result.sort((a, b) => a.start - b.start || a.end - b.end);
}

export type Resolution =
  /** Keep this annotation (accepted); reject the others. */
  | { readonly keep: string }
  /** Keep a new version, authored by the person deciding. */
  | { readonly replace: Annotation };

/**
 * Resolves a disagreement: the kept version is accepted, every other version is rejected with
 * the reason; each verdict records who decided and when. Returns the id that was kept.
 */
export function resolveDisagreement(
  sidecar: Sidecar, versions: readonly string[], resolution: Resolution, reason: string, reviewer: Reviewer,
): { sidecar: Sidecar; kept: string } {
  let next = sidecar;
  let kept: string;
  const comment = `Resolved: ${reason.trim() || 'no reason given'}`;
  if ('keep' in resolution) {
    kept = resolution.keep;
    if (!versions.includes(kept)) throw new Error(`${kept} is not one of the versions ${versions.join(', ')}`);
    next = accept(next, kept, reviewer, comment);
  } else {
    kept = resolution.replace.id;
    const { status: _status, reviews: _reviews, ...fields } = resolution.replace;
    next = { ...next, annotations: [...next.annotations, { ...fields, author: reviewer.by, created: reviewer.at }] };
    next = accept(next, kept, reviewer, comment);
  }
  for (const id of versions) if (id !== kept) next = reject(next, id, reviewer, comment);
  return { sidecar: next, kept };
}

// ---- discussion threads -----------------------------------------------------------------------

export interface Thread {
  readonly item: ReviewItem;
  /** Every review of the item in order; the comments are the ones with `verdict: comment`. */
  readonly entries: readonly Review[];
  /** Open while the latest review is a comment; a verdict after the comments resolves it. */
  readonly resolved: boolean;
}

/** The items under discussion: those with at least one comment. */
export function threadsOf(sidecar: Sidecar | undefined): Thread[] {
  if (!sidecar) return [];
  return [...sidecar.annotations, ...sidecar.facts]
    .filter((item) => (item.reviews ?? []).some((r) => r.verdict === 'comment'))
    .map((item) => {
      const entries = item.reviews ?? [];
      return { item, entries, resolved: entries[entries.length - 1]!.verdict !== 'comment' };
    });
}

export function addComment(sidecar: Sidecar, id: string, reviewer: Reviewer, text: string): Sidecar {
  if (!text.trim()) throw new Error('A comment needs some text');
  return addReview(sidecar, id, { ...reviewer, verdict: 'comment', comment: text });
}

// ---- reviewing a branch -----------------------------------------------------------------------

/** The fields that make an item what it is; reviews, quotes' context and orphan marks are not a change to review. */
function substance(item: ReviewItem): string {
  const { reviews: _reviews, prefix: _prefix, suffix: _suffix, ...rest } = item;
  return JSON.stringify(Object.keys(rest).sort().map((key) => [key, (rest as Record<string, unknown>)[key]]));
}

/**
 * The items of `current` that are new or changed since `base` (the sidecar at another git
 * ref; undefined when the file did not exist there): what a pull request asks to review.
 */
export function changedSince(base: Sidecar | undefined, current: Sidecar | undefined): ReviewItem[] {
  if (!current) return [];
  const before = new Map([...(base?.annotations ?? []), ...(base?.facts ?? [])].map((item) => [item.id, substance(item)]));
  return [...current.annotations, ...current.facts]
    .filter((item) => before.get(item.id) !== substance(item))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
