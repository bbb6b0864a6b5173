// Formats that hold one label per character (CoNLL's IOB2 tags, spaCy's `doc.ents`) cannot hold
// nested or overlapping spans. The rule that makes a corpus flat, documented in the README:
//
// 1. Identical spans (same start, end and label, e.g. from several annotators) collapse into one.
// 2. The rest are taken longest first (then earliest start, then the label more annotators gave,
//    then the label's place in the registry); a span that overlaps one already taken is left
//    out. So the outermost mention wins: "kunjungan Putin ke Pyongyang" (EVENT) over the PER
//    and LOC inside it, as CoNLL-2003 and OntoNotes keep the outermost name.
// 3. Empty spans are left out.
//
// Every span left out is counted, and the summary says how many.
import type { Annotation } from '../model';

export interface FlatSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly entity?: string;
  /** The annotations this span stands for (several when identical ones collapsed). */
  readonly sources: readonly Annotation[];
}

export interface FlattenResult {
  /** Non-overlapping, in text order. */
  readonly spans: FlatSpan[];
  /** Annotations merged into an identical one. */
  readonly collapsed: number;
  /** Spans left out because they overlap a longer one. */
  readonly overlapping: number;
  readonly empty: number;
}

export function flattenSpans(annotations: readonly Annotation[], labelOrder: readonly string[]): FlattenResult {
  const groups = new Map<string, Annotation[]>();
  let empty = 0;
  for (const annotation of annotations) {
    if (annotation.end <= annotation.start) { empty++; continue; }
    const key = `${annotation.start}\u0000${annotation.end}\u0000${annotation.label}`;
    const group = groups.get(key);
    if (group) group.push(annotation);
    else groups.set(key, [annotation]);
  }
  const ranks = new Map<string, number>();
  labelOrder.forEach((label, index) => { if (!ranks.has(label)) ranks.set(label, index); });
  const rank = (label: string) => ranks.get(label) ?? labelOrder.length;
  const candidates = [...groups.values()].map((sources): FlatSpan => {
    const first = sources[0]!;
    const entity = sources.find((s) => s.entity !== undefined)?.entity;
    return { start: first.start, end: first.end, label: first.label, ...(entity !== undefined ? { entity } : {}), sources };
  }).sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start
    || b.sources.length - a.sources.length || rank(a.label) - rank(b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  // A sweep instead of comparing each candidate with every kept span: the kept spans, in text
  // order, never overlap, so their ends rise too. A binary search finds the first kept span
  // that ends after the candidate starts; the candidate overlaps some kept span exactly when it
  // overlaps that one, and otherwise goes in its place, keeping the text order.
  const kept: FlatSpan[] = [];
  let overlapping = 0;
  for (const candidate of candidates) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (kept[middle]!.end <= candidate.start) low = middle + 1;
      else high = middle;
    }
    if (low < kept.length && kept[low]!.start < candidate.end) overlapping++;
    else kept.splice(low, 0, candidate);
  }
  return { spans: kept, collapsed: annotations.length - empty - groups.size, overlapping, empty };
}
