// Keeping annotations on the text they annotate: quotes with context when an annotation is
// made (spans.ts), span shifting while a person types (spans.ts), and re-anchoring when the
// article changed outside the editor (strategy.ts describes it; reanchorer.ts does it). Every
// offset in and out is in Unicode code points (the stored format).
export { codePointEdit, isPossibleSpan, quoteAt, shiftSpan, shiftSpans, type Quote, type Span, type SpanEdit } from './spans';
export { REANCHOR_THRESHOLDS, type ReanchorKind, type ReanchorResult } from './strategy';
export { Reanchorer } from './reanchorer';
export { reanchor, reanchorSidecar, type ReanchorReport } from './reanchorSidecar';
export { refreshQuotes, shiftSidecar } from './liveSidecar';
