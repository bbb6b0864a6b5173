// The one staleness rule. A sidecar records the sha256 of the article bytes its offsets were
// checked against; when the article now hashes differently, the sidecar is stale: its offsets
// may point into another text, so it is reported ('article-changed'), listed by the command
// line's stats and re-anchored. A sidecar with no recorded hash, or an article not read, is
// never stale: there is nothing to compare.
import type { Sidecar } from './types';

/** Whether the sidecar was written for other article bytes than those hashing to `articleSha256`. */
export function sidecarIsStale(sidecar: Pick<Sidecar, 'source'> | undefined, articleSha256: string | undefined): boolean {
  const recorded = sidecar?.source.sha256;
  return !!recorded && articleSha256 !== undefined && recorded !== articleSha256;
}

/** What an item's anchor is checked against: an article text counted in code points (core's OffsetMap). */
export interface CodePointText {
  readonly codePointLength: number;
  slice(start: number, end: number): string;
}

/**
 * The same rule for one item: its offsets must lie in the article and its quote (`text`) must be
 * the article's text there. Undefined when it holds; otherwise why not.
 */
export function anchorMismatch(article: CodePointText, item: { readonly start: number; readonly end: number; readonly text: string }): 'out-of-range' | 'text-mismatch' | undefined {
  if (item.start < 0 || item.start > item.end || item.end > article.codePointLength) return 'out-of-range';
  return article.slice(item.start, item.end) === item.text ? undefined : 'text-mismatch';
}
