// The one truncator: titles, quick-pick titles, code-action titles, hover-card names and
// diagnostic messages shorten text with it, so they agree on how long "long" is and never
// cut a character (a surrogate pair) or a character from its accents (a grapheme cluster).

import { codePointLength, firstCodePoints } from './codePoints';

const ELLIPSIS = '…';

// Graphemes are found by the platform (Node, browsers and web workers all have
// Intl.Segmenter); only a prefix slightly longer than the limit is segmented, because the
// segmenter is slow on long texts (see sentences.ts) and nothing past the cut matters.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Longer than any grapheme cluster met in practice (a family emoji is 7 code points). */
const GRAPHEME_SLACK = 32;

/**
 * `text` shortened to at most `maxCodePoints` code points, the last of them "…" when anything
 * was cut. The cut falls between grapheme clusters, so `e` + U+0301 or 👋🏽 stays whole (the
 * result can then be a little shorter than the limit).
 */
export function truncate(text: string, maxCodePoints: number): string {
  const limit = Math.max(1, Math.floor(maxCodePoints));
  // Cheap test first: a string of at most `limit` UTF-16 units has at most `limit` code points.
  if (text.length <= limit) return text;
  // 2n UTF-16 units hold at least n code points: this prefix reaches past the cut.
  const prefix = text.slice(0, 2 * (limit + GRAPHEME_SLACK));
  if (prefix.length === text.length && codePointLength(text) <= limit) return text;
  // Keep the longest run of whole graphemes of at most limit - 1 code points: up to the cut
  // after limit - 1 code points, or back to the start of the grapheme the cut falls in. One
  // lookup (`containing`) instead of walking every grapheme before the cut (issue 12: a title
  // for each of 10,000 articles was ~0.5 s of a cold open).
  const cut = firstCodePoints(prefix, limit - 1).length;
  const around = graphemes.segment(prefix).containing(cut);
  return prefix.slice(0, around === undefined || around.index === cut ? cut : around.index) + ELLIPSIS;
}

/**
 * `text` shortened from its start to at most `maxCodePoints` code points, the first of them
 * "…" when anything was cut: the end of a text before a quoted span. Cut between graphemes too.
 */
export function truncateStart(text: string, maxCodePoints: number): string {
  const limit = Math.max(1, Math.floor(maxCodePoints));
  if (text.length <= limit) return text;
  const suffix = text.slice(Math.max(0, text.length - 2 * (limit + GRAPHEME_SLACK)));
  if (suffix.length === text.length && codePointLength(text) <= limit) return text;
  const segments = [...graphemes.segment(suffix)];
  let cut = suffix.length;
  let keptCodePoints = 0;
  for (let i = segments.length - 1; i >= 0; i--) {
    const { segment, index } = segments[i]!;
    const size = codePointLength(segment);
    if (keptCodePoints + size > limit - 1) break;
    cut = index;
    keptCodePoints += size;
  }
  return ELLIPSIS + suffix.slice(cut);
}

/** White space runs (line breaks included) folded to one space, and the ends trimmed: text for a one-line label. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
