// What "Add Fact" offers first: the entities annotated in the evidence, the properties already
// stated about the subject, and a value to start from. The editor layer shows them in pickers.
import type { Entity } from '../model';
import { codePointLength, findDates } from '../text';

/** An entity offered as the subject of a fact, and whether it is annotated in the evidence. */
export interface SubjectChoice {
  readonly entity: Entity;
  readonly inEvidence: boolean;
}

/**
 * Every entity, those linked by a placed annotation overlapping the evidence [start, end)
 * first ("Putin ... 24 tahun" is about Putin), each group in registry order.
 */
export function subjectChoices(
  annotations: readonly { readonly entity?: string; readonly start: number; readonly end: number; readonly orphaned?: boolean }[],
  entities: readonly Entity[], start: number, end: number,
): SubjectChoice[] {
  const inside = new Set<string>();
  for (const a of annotations) if (!a.orphaned && a.entity !== undefined && a.start < end && start < a.end) inside.add(a.entity);
  return [
    ...entities.filter((e) => inside.has(e.id)).map((entity) => ({ entity, inEvidence: true })),
    ...entities.filter((e) => !inside.has(e.id)).map((entity) => ({ entity, inEvidence: false })),
  ];
}

/** A property offered for a fact: already stated about this subject, or used elsewhere in the corpus. */
export interface PropertyChoice {
  readonly property: string;
  readonly statedAboutSubject: boolean;
}

/** The properties stated about the subject first (so sources can be compared), then the corpus's others, each once. */
export function propertyChoices(aboutSubject: readonly string[], inCorpus: readonly string[]): PropertyChoice[] {
  const stated = new Set(aboutSubject);
  return [
    ...[...stated].map((property) => ({ property, statedAboutSubject: true })),
    ...[...new Set(inCorpus)].filter((p) => !stated.has(p)).map((property) => ({ property, statedAboutSubject: false })),
  ];
}

// Longer evidence is a phrase around the value ("berusia 24 tahun pada saat itu"); shorter
// evidence is likely the value itself ("24,5 persen" stays as written).
const PHRASE_LENGTH = 20;

/**
 * A value to start from, as it is compared across sources: the ISO form of the first date in
 * the evidence; else, in a phrase longer than 20 code points, its first number; else the
 * evidence with its white space collapsed.
 */
export function suggestedFactValue(evidence: string): string {
  const date = findDates(evidence)[0];
  if (date) return date.iso;
  const number = /\b(\d+(?:[.,]\d+)?)\b/.exec(evidence);
  if (number && codePointLength(evidence) > PHRASE_LENGTH) return number[1]!;
  return evidence.replace(/\s+/g, ' ').trim();
}
