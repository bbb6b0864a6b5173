// Mentions of registry entities and dates in an article, as pre-annotation suggests them, kept
// per open document: scanned whole once, then after each typing pause scanned again only
// around the edits (rescanAfterEdits), so a pause in a long article costs the edit's region.
import type { SpanEdit } from '../anchoring';
import { codePointLength, findDates } from '../text';
import type { Entity } from '../model';
import type { EntityMatcher } from './matcher';
import { rescanAfterEdits } from './rescan';

export const DATE_LABEL = 'DATE';

export interface Mention {
  /** Code points in the document's text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly label: string;
  readonly entityId?: string;
  readonly entityName?: string;
  /** For dates: the normalised ISO date. */
  readonly iso?: string;
}

/** What a scan looks for: the registry's matcher and entities, and whether dates are a label. */
export interface MentionSource {
  readonly matcher: EntityMatcher;
  readonly entities: ReadonlyMap<string, Entity>;
  readonly dates: boolean;
}

/** Every mention in `text` (one per candidate entity), offsets plus `offset`, by start. */
export function findMentions(source: MentionSource, text: string, offset = 0): Mention[] {
  const found: Mention[] = [];
  for (const match of source.matcher.find(text)) {
    // The first candidate is the registry's first entity with that name; quick fixes offer all.
    for (const candidate of match.candidates) {
      const entity = source.entities.get(candidate.entityId);
      found.push({
        start: match.start + offset, end: match.end + offset, text: match.text, label: candidate.label,
        entityId: candidate.entityId, ...(entity ? { entityName: entity.name } : {}),
      });
    }
  }
  if (source.dates) {
    for (const date of findDates(text)) found.push({ start: date.start + offset, end: date.end + offset, text: date.text, label: DATE_LABEL, iso: date.iso });
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Context on each side of an edit that is scanned again: longer than any name or date (and chains of them). */
export function rescanMargin(entities: Iterable<Entity>): number {
  let longest = 0;
  for (const entity of entities) for (const name of [entity.name, ...entity.aliases]) longest = Math.max(longest, codePointLength(name));
  return 2 * longest + 64;
}

/** The text of a document as a rescan reads it: its length and a part of it (code points). */
export interface ScannedText {
  readonly codePointLength: number;
  slice(start: number, end: number): string;
}

/**
 * The mentions of one document at `version`: from those found at an earlier version and the
 * edits since when they are known (rescanning around them), else from a scan of the whole text.
 */
export function mentionsAt(
  source: MentionSource, margin: number, text: ScannedText,
  earlier: { readonly mentions: readonly Mention[] } | undefined, editsSince: readonly (readonly SpanEdit[])[] | undefined,
): Mention[] {
  if (!earlier || !editsSince) return findMentions(source, text.slice(0, text.codePointLength));
  return rescanAfterEdits(earlier.mentions, editsSince, {
    margin, length: text.codePointLength,
    scan: (from, to) => findMentions(source, text.slice(from, to), from),
    moved: (mention, start, end) => ({ ...mention, start, end }),
  });
}
