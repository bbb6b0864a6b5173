// How two annotators' annotations of one article line up: which pairs agree, and the kind of
// each disagreement. Shared by the agreement report (counts) and the review queue (the
// disagreements a reviewer resolves).

/** The fields of an annotation that alignment looks at. */
export interface AlignedAnnotation {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly entity?: string;
}

/**
 * - `label`: the two overlap and their labels differ (whatever their boundaries);
 * - `boundary`: same label, different start or end;
 * - `entity`: same span and label, linked to different entities (or only one linked);
 * - `missing`: one annotator marked text the other did not mark at all.
 */
export type DisagreementKind = 'label' | 'boundary' | 'entity' | 'missing';
export const DISAGREEMENT_KINDS: readonly DisagreementKind[] = ['label', 'boundary', 'entity', 'missing'];

export type AlignedPair<T extends AlignedAnnotation> =
  | { readonly kind: 'agreement' | Exclude<DisagreementKind, 'missing'>; readonly a: T; readonly b: T }
  | { readonly kind: 'missing'; readonly a: T; readonly b?: undefined }
  | { readonly kind: 'missing'; readonly a?: undefined; readonly b: T };

function overlap(a: AlignedAnnotation, b: AlignedAnnotation): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function classify(a: AlignedAnnotation, b: AlignedAnnotation): 'agreement' | Exclude<DisagreementKind, 'missing'> {
  if (a.label !== b.label) return 'label';
  if (a.start !== b.start || a.end !== b.end) return 'boundary';
  if ((a.entity ?? '') !== (b.entity ?? '')) return 'entity';
  return 'agreement';
}

const rank = { agreement: 0, entity: 1, boundary: 2, label: 3 } as const;

/**
 * Aligns A's annotations with B's one to one: first identical spans (best kind first), then
 * the overlapping pairs with the most shared characters; whatever is left over is `missing` on
 * the other side. Each annotation is in exactly one result.
 */
export function alignAnnotations<T extends AlignedAnnotation>(as: readonly T[], bs: readonly T[]): AlignedPair<T>[] {
  const candidates: { a: T; b: T; kind: ReturnType<typeof classify>; shared: number; sameSpan: boolean }[] = [];
  for (const a of as) {
    for (const b of bs) {
      const shared = overlap(a, b);
      if (shared > 0 || (a.start === b.start && a.end === b.end)) {
        candidates.push({ a, b, kind: classify(a, b), shared, sameSpan: a.start === b.start && a.end === b.end });
      }
    }
  }
  candidates.sort((x, y) => Number(y.sameSpan) - Number(x.sameSpan) || rank[x.kind] - rank[y.kind] || y.shared - x.shared
    || x.a.start - y.a.start || x.b.start - y.b.start);
  const usedA = new Set<T>();
  const usedB = new Set<T>();
  const pairs: AlignedPair<T>[] = [];
  for (const candidate of candidates) {
    if (usedA.has(candidate.a) || usedB.has(candidate.b)) continue;
    usedA.add(candidate.a);
    usedB.add(candidate.b);
    pairs.push({ kind: candidate.kind, a: candidate.a, b: candidate.b });
  }
  for (const a of as) if (!usedA.has(a)) pairs.push({ kind: 'missing', a });
  for (const b of bs) if (!usedB.has(b)) pairs.push({ kind: 'missing', b });
  const startOf = (pair: AlignedPair<T>) => Math.min(pair.a?.start ?? Infinity, pair.b?.start ?? Infinity);
  return pairs.sort((x, y) => startOf(x) - startOf(y));
}
