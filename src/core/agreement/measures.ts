// The agreement coefficients as plain arithmetic, independent of annotations: Cohen's kappa and
// Fleiss' kappa over coded items, Krippendorff's unitizing alpha over a continuum, and span F1.
// The report (report.ts) feeds them from sidecars; the tests feed them published examples.

/** A number with the name of what it counts and the rule that produced it. */
export interface Measure {
  /** Undefined results (no data, or no variation to correct for) are null, never NaN. */
  readonly value: number | null;
  readonly unit: string;
  readonly rule: string;
  /** Why the value is null, or a caveat. */
  readonly note?: string;
}

export interface KappaResult {
  readonly kappa: number | null;
  /** Observed agreement, a proportion of items. */
  readonly observed: number;
  /** Agreement expected by chance. */
  readonly expected: number;
  readonly items: number;
}

/**
 * Cohen's kappa (1960) for two coders who coded the same items: (Ao − Ae) / (1 − Ae), with Ae
 * from each coder's own category distribution. Null when there are no items, or when chance
 * agreement is already 1 (both used one and the same category throughout).
 */
export function cohenKappa(first: readonly string[], second: readonly string[]): KappaResult {
  if (first.length !== second.length) throw new Error(`cohenKappa: ${first.length} items against ${second.length}`);
  const n = first.length;
  if (n === 0) return { kappa: null, observed: 0, expected: 0, items: 0 };
  const countsA = new Map<string, number>();
  const countsB = new Map<string, number>();
  let agreed = 0;
  for (let i = 0; i < n; i++) {
    const a = first[i]!;
    const b = second[i]!;
    if (a === b) agreed++;
    countsA.set(a, (countsA.get(a) ?? 0) + 1);
    countsB.set(b, (countsB.get(b) ?? 0) + 1);
  }
  const observed = agreed / n;
  let expected = 0;
  for (const [category, countA] of countsA) expected += (countA / n) * ((countsB.get(category) ?? 0) / n);
  return { kappa: expected === 1 ? null : (observed - expected) / (1 - expected), observed, expected, items: n };
}

/**
 * Fleiss' kappa (1971) for a fixed number of coders per item. `counts[i][k]` is how many coders
 * put item i in category k; every row must sum to the same number of coders (≥ 2).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): KappaResult {
  const items = counts.length;
  if (items === 0) return { kappa: null, observed: 0, expected: 0, items: 0 };
  const raters = counts[0]!.reduce((sum, c) => sum + c, 0);
  if (raters < 2) throw new Error('fleissKappa: at least two coders per item are needed');
  const categories = counts[0]!.length;
  const totals = new Array<number>(categories).fill(0);
  let agreementSum = 0;
  for (const row of counts) {
    if (row.length !== categories || row.reduce((sum, c) => sum + c, 0) !== raters) {
      throw new Error('fleissKappa: every item needs the same number of coders and categories');
    }
    let pairs = 0;
    row.forEach((c, k) => {
      totals[k] = totals[k]! + c;
      pairs += c * (c - 1);
    });
    agreementSum += pairs / (raters * (raters - 1));
  }
  const observed = agreementSum / items;
  const expected = totals.reduce((sum, total) => sum + (total / (items * raters)) ** 2, 0);
  return { kappa: expected === 1 ? null : (observed - expected) / (1 - expected), observed, expected, items };
}

/** Fleiss' table from each item's labels, one per coder (`labels[i][c]`). */
export function fleissCounts(labels: readonly (readonly string[])[]): { counts: number[][]; categories: string[] } {
  const categories = [...new Set(labels.flat())].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = labels.map((row) => {
    const counted = new Array<number>(categories.length).fill(0);
    for (const label of row) counted[index.get(label)!]!++;
    return counted;
  });
  return { counts, categories };
}

// ---- Krippendorff's unitizing alpha ----------------------------------------------------------

/** A unit one coder marked on the continuum: [start, end) with a category. */
export interface Unit {
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

export interface UnitizingStudy {
  /** The continuum is [begin, begin + length). */
  readonly begin: number;
  readonly length: number;
  /** Each coder's units. Units of one category by one coder that overlap are merged. */
  readonly coders: readonly (readonly Unit[])[];
}

export interface UnitizingResult {
  readonly alpha: number | null;
  readonly observed: number;
  readonly expected: number;
}

interface Section { readonly start: number; readonly end: number; readonly unit: boolean }

/** One coder's partition of the continuum into units of `category` and the gaps between them. */
function sections(units: readonly Unit[], category: string, begin: number, end: number): Section[] {
  const spans = units
    .filter((u) => u.category === category)
    .map((u) => ({ start: Math.max(begin, u.start), end: Math.min(end, u.end) }))
    .filter((u) => u.start < u.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const result: Section[] = [];
  let position = begin;
  for (const span of merged) {
    if (span.start > position) result.push({ start: position, end: span.start, unit: false });
    result.push({ start: span.start, end: span.end, unit: true });
    position = span.end;
  }
  if (position < end) result.push({ start: position, end, unit: false });
  return result;
}

/**
 * δ² between a section of one coder and a section of another (Krippendorff 1995, 2004): two
 * overlapping units differ by the squares of their start and end differences; a unit lying
 * inside the other's gap differs by its squared length; everything else does not differ.
 */
export function sectionDistance(g: Section, h: Section): number {
  if (g.unit && h.unit) {
    return g.start < h.end && h.start < g.end ? (g.start - h.start) ** 2 + (g.end - h.end) ** 2 : 0;
  }
  if (g.unit && !h.unit) return h.start <= g.start && g.end <= h.end ? (g.end - g.start) ** 2 : 0;
  if (!g.unit && h.unit) return g.start <= h.start && h.end <= g.end ? (h.end - h.start) ** 2 : 0;
  return 0;
}

/**
 * Krippendorff's α_u for one category: 1 − D_o/D_e, D_o from the pairwise section distances,
 * D_e from all the ways the same units could have been placed in the continuum (Krippendorff
 * 2004, Content Analysis, 2nd ed., §12.4). Null when D_e is 0 (no units at all).
 */
export function unitizingAlphaFor(study: UnitizingStudy, category: string): UnitizingResult {
  const m = study.coders.length;
  const L = study.length;
  const end = study.begin + L;
  const bySection = study.coders.map((units) => sections(units, category, study.begin, end));
  let observedSum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      for (const g of bySection[i]!) {
        for (const h of bySection[j]!) {
          observedSum += sectionDistance(g, h);
        }
      }
    }
  }
  const observed = m < 2 || L === 0 ? 0 : observedSum / (m * (m - 1) * L * L);

  const unitLengths = bySection.flatMap((s) => s.filter((x) => x.unit).map((x) => x.end - x.start));
  const gapLengths = bySection.flatMap((s) => s.filter((x) => !x.unit).map((x) => x.end - x.start));
  const n = unitLengths.length;
  let numerator = 0;
  let squaredLengths = 0;
  for (const l of unitLengths) {
    let fits = 0;
    for (const gap of gapLengths) if (gap >= l) fits += gap - l + 1;
    numerator += ((n - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l ** 2 * fits;
    squaredLengths += l * (l - 1);
  }
  const denominator = m * L * (m * L - 1) - squaredLengths;
  const expected = denominator > 0 && L > 0 ? ((2 / L) * numerator) / denominator : 0;
  return { alpha: expected === 0 ? null : 1 - observed / expected, observed, expected };
}

/** α_u per category and over all categories (1 − ΣD_o / ΣD_e). */
export function unitizingAlpha(study: UnitizingStudy, categories?: readonly string[]): { overall: UnitizingResult; perCategory: Map<string, UnitizingResult> } {
  const all = categories ?? [...new Set(study.coders.flat().map((u) => u.category))].sort();
  const perCategory = new Map(all.map((c) => [c, unitizingAlphaFor(study, c)]));
  let observed = 0;
  let expected = 0;
  for (const result of perCategory.values()) {
    observed += result.observed;
    expected += result.expected;
  }
  return { overall: { alpha: expected === 0 ? null : 1 - observed / expected, observed, expected }, perCategory };
}

// ---- Span F1 ---------------------------------------------------------------------------------

export interface LabeledSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

export interface F1Result {
  /** Reference spans matched / reference spans. */
  readonly recall: number | null;
  /** Other spans matched / other spans. */
  readonly precision: number | null;
  readonly f1: number | null;
  readonly referenceSpans: number;
  readonly otherSpans: number;
  readonly matchedReference: number;
  readonly matchedOther: number;
}

/**
 * F1 of `other` against `reference`. `exact`: a span matches one with the same label, start
 * and end. `overlap`: one with the same label sharing at least one character. Swapping the two
 * swaps precision and recall, so F1 is symmetric.
 */
export function spanF1(reference: readonly LabeledSpan[], other: readonly LabeledSpan[], mode: 'exact' | 'overlap'): F1Result {
  const matches = (a: LabeledSpan, b: LabeledSpan) => a.label === b.label
    && (mode === 'exact' ? a.start === b.start && a.end === b.end : a.start < b.end && b.start < a.end);
  const matchedReference = reference.filter((r) => other.some((o) => matches(r, o))).length;
  const matchedOther = other.filter((o) => reference.some((r) => matches(r, o))).length;
  const recall = reference.length ? matchedReference / reference.length : null;
  const precision = other.length ? matchedOther / other.length : null;
  let f1: number | null;
  if (reference.length === 0 && other.length === 0) f1 = null;
  else if (!recall || !precision) f1 = 0;
  else f1 = (2 * precision * recall) / (precision + recall);
  return { recall, precision, f1, referenceSpans: reference.length, otherSpans: other.length, matchedReference, matchedOther };
}
