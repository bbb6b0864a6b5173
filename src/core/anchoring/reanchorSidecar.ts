// Re-anchoring one anchor, or every item of a sidecar, to a changed article.
import { type Anchor, type Sidecar } from '../model';
import { Reanchorer } from './reanchorer';
import { isPossibleSpan, quoteAt } from './spans';
import type { ReanchorKind, ReanchorResult } from './strategy';

/** Re-anchors one anchor. For many anchors of one text use a {@link Reanchorer}. */
export function reanchor(anchor: Anchor, newText: string, options?: { oldText?: string }): ReanchorResult {
  return new Reanchorer(newText, options?.oldText).reanchor(anchor);
}

export interface ReanchorReport {
  unchanged: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
  /**
   * Items left exactly as they were because their offsets cannot describe any text (negative,
   * reversed, not integers): validation reports them, re-anchoring does not guess.
   */
  skipped: number;
  details: { id: string; kind: ReanchorKind; reason?: string }[];
}

/**
 * Re-anchors every annotation and fact of a sidecar to a changed article. Placed items get
 * their new offsets, quote and context (an unchanged item's stored context is refreshed only
 * if it has one that is now stale) and lose `orphaned`; items that cannot be placed keep their
 * old data and get `orphaned: true`. Items already orphaned are retried, but their offsets are
 * stale, so the diff's prediction for them counts only as a hint. `source.sha256` is left to
 * the caller, who knows when the result is saved.
 */
export function reanchorSidecar(sidecar: Sidecar, newText: string, oldText?: string): { sidecar: Sidecar; report: ReanchorReport } {
  const reanchorer = new Reanchorer(newText, oldText);
  const report: ReanchorReport = { unchanged: 0, moved: 0, fuzzy: 0, orphaned: 0, skipped: 0, details: [] };
  const placeable = [...sidecar.annotations, ...sidecar.facts].filter(isPossibleSpan);
  const results = new Map<Anchor, ReanchorResult>(reanchorer.reanchorAll(placeable).map((result, i) => [placeable[i]!, result]));
  const update = <T extends Anchor & { readonly id: string }>(item: T): T => {
    const result = results.get(item);
    if (!result) {
      report.skipped++;
      return item;
    }
    report[result.kind]++;
    report.details.push({ id: item.id, kind: result.kind, ...(result.reason !== undefined ? { reason: result.reason } : {}) });
    if (result.kind === 'orphaned' || result.start === undefined || result.end === undefined) {
      return item.orphaned ? item : { ...item, orphaned: true };
    }
    const quote = quoteAt(reanchorer.map, result.start, result.end);
    const { orphaned, ...placed } = item;
    if (result.kind === 'unchanged') {
      const staleContext = (item.prefix !== undefined && item.prefix !== quote.prefix)
        || (item.suffix !== undefined && item.suffix !== quote.suffix);
      if (!orphaned && !staleContext) return item;
      return {
        ...placed,
        ...(item.prefix !== undefined ? { prefix: quote.prefix } : {}),
        ...(item.suffix !== undefined ? { suffix: quote.suffix } : {}),
      } as unknown as T;
    }
    return { ...placed, start: result.start, end: result.end, text: quote.text, prefix: quote.prefix, suffix: quote.suffix } as unknown as T;
  };
  const annotations = sidecar.annotations.map(update);
  const facts = sidecar.facts.map(update);
  return { sidecar: { ...sidecar, annotations, facts }, report };
}
