// A sidecar kept in step with an article while a person edits it: spans shift with every
// edit, items whose text was deleted become orphans (never deleted), and quotes are brought
// up to date before the sidecar is written with the saved article. An item whose offsets do
// not fit the text (a hand-edited or foreign sidecar: negative, reversed, past the end) is
// left exactly as it is: validation reports it with its line, and the save goes on.
import { isPossibleSpan, quoteAt, shiftSpans, type SpanEdit } from './spans';
import type { OffsetMap } from '../text';
import type { Annotation, Fact, Sidecar } from '../model';

type Item = Annotation | Fact;

function shiftItem<T extends Item>(item: T, edits: readonly SpanEdit[], lengthBefore: number): T {
  if (item.orphaned || !fits(item, lengthBefore)) return item;
  const span = shiftSpans(item, edits);
  if (!span) return { ...item, orphaned: true };
  return span.start === item.start && span.end === item.end ? item : { ...item, start: span.start, end: span.end };
}

function fits(item: Item, length: number): boolean {
  return isPossibleSpan(item) && item.end <= length;
}

/**
 * The sidecar after one editor change event (edits relative to the text before it, which had
 * `lengthBefore` code points; without it only impossible offsets are told apart).
 */
export function shiftSidecar(sidecar: Sidecar, edits: readonly SpanEdit[], lengthBefore = Number.MAX_SAFE_INTEGER): Sidecar {
  if (edits.length === 0) return sidecar;
  return {
    ...sidecar,
    annotations: sidecar.annotations.map((item) => shiftItem(item, edits, lengthBefore)),
    facts: sidecar.facts.map((item) => shiftItem(item, edits, lengthBefore)),
  };
}

function requote<T extends Item>(item: T, map: OffsetMap): T {
  if (item.orphaned || !fits(item, map.codePointLength)) return item;
  const quote = quoteAt(map, item.start, item.end);
  if (quote.text === item.text && quote.prefix === (item.prefix ?? '') && quote.suffix === (item.suffix ?? '')) return item;
  return { ...item, ...quote };
}

/** Quotes (text, prefix, suffix) as they are in `map`'s text now, for every placed item. */
export function refreshQuotes(sidecar: Sidecar, map: OffsetMap): Sidecar {
  return {
    ...sidecar,
    annotations: sidecar.annotations.map((item) => requote(item, map)),
    facts: sidecar.facts.map((item) => requote(item, map)),
  };
}
