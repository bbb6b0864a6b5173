// Spans of an article and their quotes: quoting a span with its context when an annotation is
// made, and shifting spans while a person types. Offsets are Unicode code points.
import { codePointLength, OffsetMap } from '../text';
import { CONTEXT_LENGTH } from '../model';

/** The quote of a span and the context that lets it be found again. */
export interface Quote {
  readonly text: string;
  /** Up to {@link CONTEXT_LENGTH} code points before the span. */
  readonly prefix: string;
  /** Up to {@link CONTEXT_LENGTH} code points after the span. */
  readonly suffix: string;
}

/**
 * The exact text of [start, end) (code points) and its context. Pass an OffsetMap when
 * quoting many spans of one text, so it is built once. Offsets outside the text throw:
 * quoting a span that does not exist is a bug in the caller, not something to paper over.
 */
export function quoteAt(text: string, start: number, end: number): Quote;
export function quoteAt(map: OffsetMap, start: number, end: number): Quote;
export function quoteAt(source: string | OffsetMap, start: number, end: number): Quote {
  const map = typeof source === 'string' ? new OffsetMap(source) : source;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > map.codePointLength) {
    throw new RangeError(`span [${start}, ${end}) is not inside a text of ${map.codePointLength} code points`);
  }
  return {
    text: map.slice(start, end),
    prefix: map.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: map.slice(end, Math.min(map.codePointLength, end + CONTEXT_LENGTH)),
  };
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Replacement of [start, end) of the text before the edit by insertedLength code points. */
export interface SpanEdit {
  readonly start: number;
  readonly end: number;
  readonly insertedLength: number;
}

/**
 * A VS Code content change (UTF-16 rangeOffset/rangeLength into the document before the
 * event, plus the inserted text) as a code point edit. `before` must be the map (or the live
 * SurrogateIndex) of the document before the whole event, since all changes of one event are relative to it.
 */
export function codePointEdit(before: Pick<OffsetMap, 'toCodePoint'>, utf16Offset: number, utf16Length: number, insertedText: string): SpanEdit {
  return {
    start: before.toCodePoint(utf16Offset),
    end: before.toCodePoint(utf16Offset + utf16Length),
    insertedLength: codePointLength(insertedText),
  };
}

/**
 * Where a span is after one edit; undefined when the edit removed all of it (the caller
 * orphans the annotation, never deletes it). Typing at either boundary does not extend the
 * span: text typed at its start goes before it, text typed at its end goes after it, which
 * is what a person means when writing next to a name. A replacement wholly inside the span
 * becomes part of it; one that straddles a boundary is left outside and the span keeps only
 * its surviving part.
 */
export function shiftSpan(span: Span, edit: SpanEdit): Span | undefined {
  const { start, end } = span;
  const delta = edit.insertedLength - (edit.end - edit.start);
  if (start === end) {
    // An empty span is a point: it survives unless the edit deletes around it.
    if (edit.start < start && start < edit.end) return undefined;
    return edit.end <= start ? { start: start + delta, end: end + delta } : span;
  }
  if (edit.start <= start && edit.end >= end) return undefined;
  if (edit.end <= start) return { start: start + delta, end: end + delta };
  if (edit.start >= end) return span;
  if (edit.start >= start && edit.end <= end) return { start, end: end + delta };
  if (edit.start < start) return { start: edit.start + edit.insertedLength, end: end + delta };
  return { start, end: edit.start };
}

/**
 * A span after all the edits of one event. Like VS Code's contentChanges, the edits are
 * non-overlapping and each is relative to the text before the event; they are applied from
 * the highest offset down, so no edit shifts the offsets of one still to come.
 */
export function shiftSpans(span: Span, edits: readonly SpanEdit[]): Span | undefined {
  const descending = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let current: Span | undefined = span;
  for (const edit of descending) {
    current = shiftSpan(current, edit);
    if (!current) return undefined;
  }
  return current;
}

/**
 * Offsets that can describe a span of some text: integers, not negative, not reversed. Items
 * with other offsets (a hand-edited or foreign sidecar) are left alone by re-anchoring and
 * live editing alike; validation reports them with their line.
 */
export function isPossibleSpan(span: Span): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end;
}
