// Pre-annotation: which mentions of registry entities and which dates are offered as
// suggestions in an article. Text, annotations and a matcher in, suggestions out; the editor
// layer decides when to compute them (after a typing pause) and how to draw them.
import type { Entity } from '../model';
import type { EntityMatcher } from './matcher';
import { DATE_LABEL, findMentions, type Mention } from './mentions';
import type { Span } from '../anchoring';
import { withoutAnnotated } from './suggestionFilter';

/** A mention not annotated yet (code points in the text it was computed on). */
export type Suggestion = Mention;

/** What of the registry suggestions need (a RegistryIndex has it). */
export interface SuggestionRegistry {
  readonly entities: ReadonlyMap<string, Entity>;
  readonly labels: ReadonlyMap<string, unknown>;
}

/**
 * Every suggestion for the text: one per candidate entity of each match (the registry's first
 * entity with that name first; the quick fixes offer every candidate), and each date when the
 * registry has the DATE label; none overlapping a placed annotation. Sorted by start, the
 * longer first at the same start. The editor keeps mentions between pauses and rescans only
 * around edits (mentions.ts); this is the same scan of a whole text.
 */
export function computeSuggestions(
  text: string, annotations: readonly (Span & { readonly orphaned?: boolean })[], matcher: EntityMatcher, registry: SuggestionRegistry,
): Suggestion[] {
  const found = findMentions({ matcher, entities: registry.entities, dates: registry.labels.has(DATE_LABEL) }, text);
  return withoutAnnotated(found, annotations).sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The suggestions that touch [start, end] (code points, ends included), for quick fixes at a cursor or selection. */
export function suggestionsTouching(suggestions: readonly Suggestion[], start: number, end: number): Suggestion[] {
  return suggestions.filter((s) => s.start <= end && s.end >= start);
}

/** The distinct spans to underline: several candidates of one mention share one underline. */
export function suggestedSpans(suggestions: readonly Suggestion[]): Span[] {
  const seen = new Set<string>();
  const spans: Span[] = [];
  for (const { start, end } of suggestions) {
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    spans.push({ start, end });
  }
  return spans;
}
