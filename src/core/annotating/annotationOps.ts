// The changes a person makes to annotations, as pure functions from sidecar to sidecar, so
// the editor commands, the command line and the tests share them.
import { quoteAt } from '../anchoring';
import { EntityMatcher } from './matcher';
import type { OffsetMap } from '../text';
import type { Annotation, Fact, Sidecar } from '../model';

export interface NewAnnotation {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly entity?: string;
  readonly note?: string;
}

export interface Authorship {
  readonly author: string;
  /** ISO 8601 timestamp, e.g. new Date().toISOString() without milliseconds. */
  readonly created: string;
}

/** An ISO timestamp to the second, as people write them in YAML. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A new id, unique in the sidecar. Random rather than sequential: two annotators adding on
 * separate branches must not both create `a4`, which would collide when their work merges.
 */
export function newItemId(sidecar: Sidecar, prefix = 'a', random: () => number = Math.random): string {
  const taken = new Set([...sidecar.annotations, ...sidecar.facts].map((item) => item.id));
  for (;;) {
    const id = prefix + Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
    if (!taken.has(id)) return id;
  }
}

export function addAnnotations(sidecar: Sidecar, spans: readonly NewAnnotation[], map: OffsetMap, by: Authorship): { sidecar: Sidecar; added: Annotation[] } {
  const added: Annotation[] = [];
  let current = sidecar;
  for (const span of spans) {
    const annotation: Annotation = {
      id: newItemId(current),
      label: span.label,
      start: span.start,
      end: span.end,
      ...quoteAt(map, span.start, span.end),
      ...(span.entity !== undefined ? { entity: span.entity } : {}),
      author: by.author,
      created: by.created,
      status: 'proposed',
      ...(span.note !== undefined ? { note: span.note } : {}),
    };
    added.push(annotation);
    current = { ...current, annotations: [...current.annotations, annotation] };
  }
  return { sidecar: current, added };
}

export interface NewFact {
  readonly subject: string;
  readonly property: string;
  readonly value: string;
  /** The evidence span. */
  readonly start: number;
  readonly end: number;
  readonly note?: string;
}

export function addFact(sidecar: Sidecar, fact: NewFact, map: OffsetMap, by: Authorship): { sidecar: Sidecar; added: Fact } {
  const added: Fact = {
    id: newItemId(sidecar, 'f'),
    subject: fact.subject,
    property: fact.property,
    value: fact.value,
    start: fact.start,
    end: fact.end,
    ...quoteAt(map, fact.start, fact.end),
    author: by.author,
    created: by.created,
    status: 'proposed',
    ...(fact.note !== undefined ? { note: fact.note } : {}),
  };
  return { sidecar: { ...sidecar, facts: [...sidecar.facts, added] }, added };
}

export function removeFact(sidecar: Sidecar, id: string): Sidecar {
  return { ...sidecar, facts: sidecar.facts.filter((fact) => fact.id !== id) };
}

/** A property name as the format writes them: lowercase words joined by hyphens. */
export function propertyName(text: string): string {
  return text.trim().toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

type AnnotationPatch = { readonly [K in keyof Annotation]?: Annotation[K] | undefined };

/** Changes fields of one annotation; a field set to undefined is removed. */
export function updateAnnotation(sidecar: Sidecar, id: string, patch: AnnotationPatch): Sidecar {
  return {
    ...sidecar,
    annotations: sidecar.annotations.map((annotation) => {
      if (annotation.id !== id) return annotation;
      const next: Record<string, unknown> = { ...annotation, ...patch };
      for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
      return next as unknown as Annotation;
    }),
  };
}

export function removeAnnotation(sidecar: Sidecar, id: string): Sidecar {
  return { ...sidecar, annotations: sidecar.annotations.filter((annotation) => annotation.id !== id) };
}

/** Places an orphaned annotation or fact on a new span, with a fresh quote. */
export function reattach(sidecar: Sidecar, id: string, start: number, end: number, map: OffsetMap): Sidecar {
  const place = <T extends Annotation | Fact>(item: T): T => {
    if (item.id !== id) return item;
    const { orphaned: _orphaned, ...rest } = item;
    return { ...rest, start, end, ...quoteAt(map, start, end) } as T;
  };
  return { ...sidecar, annotations: sidecar.annotations.map(place), facts: sidecar.facts.map(place) };
}

/** Annotations covering [start, end) or touching a cursor position, innermost first. */
export function annotationsAt(sidecar: Sidecar | undefined, start: number, end = start): Annotation[] {
  return (sidecar?.annotations ?? [])
    .filter((a) => !a.orphaned && a.start <= start && end <= a.end && (a.start < a.end))
    .sort((a, b) => (a.end - a.start) - (b.end - b.start) || a.start - b.start);
}

/**
 * Every other mention of `phrase` in the text, found with the same rules as suggestions
 * (word boundaries in any script, case-aware), excluding spans already annotated with `label`.
 */
export function otherOccurrences(text: string, phrase: string, label: string, annotations: readonly Annotation[]): { start: number; end: number }[] {
  const matcher = EntityMatcher.fromEntities([{ id: 'phrase', label, name: phrase, aliases: [] }]);
  return matcher.find(text)
    .filter((match) => !annotations.some((a) => !a.orphaned && a.label === label && a.start === match.start && a.end === match.end))
    .map(({ start, end }) => ({ start, end }));
}
