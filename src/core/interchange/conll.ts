// `conll`: the CoNLL-2003 layout NER tools read. A token per line, four space-separated columns
// (token, `_` for the part of speech and the chunk this corpus does not have, and the IOB2 tag:
// `B-LABEL` on a mention's first token, `I-LABEL` on the rest, `O` outside), a blank line
// after each sentence, and `-DOCSTART- -X- -X- O` plus a blank line before each article.
//
// Tokens come from the shared tokeniser (src/core/text/tokens.ts), split at every exported span's
// edges so each mention is whole tokens; sentences from the project's sentence splitter, joined
// where a mention crosses their boundary. Overlapping spans follow the rule in flatten.ts.
import { sentenceSpans, tokenBounds } from '../text';
import { flattenSpans, type FlatSpan } from './flatten';
import { labelsOf, summaryOf, type ExportOutput, type ExportSummary, type FilteredArticle } from './model';

export const DOCSTART = '-DOCSTART- -X- -X- O';

/**
 * Walks one article's tokens with their tags, in order, calling `sentenceEnd` after the last
 * token of each sentence: the one pass that both the export and {@link conllSentences} use.
 * A token comes as its UTF-16 offsets, so the text is sliced only where it is written.
 */
function walkConll(text: string, spans: readonly FlatSpan[], token: (startUnit: number, endUnit: number, tag: string) => void, sentenceEnd: () => void): void {
  const boundaries: number[] = [];
  for (const span of spans) boundaries.push(span.start, span.end);
  // Sentences a mention crosses are merged: a mention never spans two CoNLL sentences. Spans
  // are flat and in text order, so one pointer finds the span that may cross each end.
  const sentences: { start: number; end: number }[] = [];
  let crossing = 0;
  for (const sentence of sentenceSpans(text)) {
    const last = sentences[sentences.length - 1];
    if (last) {
      while (crossing < spans.length && spans[crossing]!.end <= last.end) crossing++;
      const span = spans[crossing];
      if (span && span.start < last.end) { last.end = sentence.end; continue; }
    }
    sentences.push({ start: sentence.start, end: sentence.end });
  }
  for (const sentence of sentences) boundaries.push(sentence.start, sentence.end);
  const tags = new Map<string, { begin: string; inside: string }>();
  const tagsOf = (label: string) => {
    let known = tags.get(label);
    if (!known) tags.set(label, (known = { begin: `B-${label}`, inside: `I-${label}` }));
    return known;
  };
  let sentenceIndex = 0;
  let spanIndex = 0;
  let open = false;
  const tokens = tokenBounds(text, { boundaries });
  for (let k = 0; k < tokens.count; k++) {
    const start = tokens.starts[k]!;
    const end = tokens.ends[k]!;
    while (sentenceIndex < sentences.length && start >= sentences[sentenceIndex]!.end) {
      if (open) sentenceEnd();
      open = false;
      sentenceIndex++;
    }
    while (spanIndex < spans.length && spans[spanIndex]!.end <= start) spanIndex++;
    const span = spans[spanIndex];
    const inside = span !== undefined && span.start <= start && end <= span.end;
    token(tokens.startUnits[k]!, tokens.endUnits[k]!, inside ? (start === span.start ? tagsOf(span.label).begin : tagsOf(span.label).inside) : 'O');
    open = true;
  }
  if (open) sentenceEnd();
}

/** The sentences of one article as token/tag pairs. */
export function conllSentences(text: string, spans: readonly FlatSpan[]): { token: string; tag: string }[][] {
  const result: { token: string; tag: string }[][] = [];
  let current: { token: string; tag: string }[] = [];
  walkConll(text, spans, (startUnit, endUnit, tag) => current.push({ token: text.slice(startUnit, endUnit), tag }), () => { result.push(current); current = []; });
  return result;
}

export function exportConll(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut']): ExportOutput {
  const labelOrder = labelsOf(articles);
  let collapsed = 0;
  let overlapping = 0;
  let empty = 0;
  let exported = 0;
  // One string per article, joined once at the end: a line's pieces die young, where a string
  // per line kept to the end of the corpus is promoted and adds to garbage collection.
  const parts: string[] = [];
  for (const { article, annotations } of articles) {
    const flat = flattenSpans(annotations, labelOrder);
    collapsed += flat.collapsed;
    overlapping += flat.overlapping;
    empty += flat.empty;
    exported += flat.spans.length;
    const text = article.text;
    const pieces: string[] = [`${DOCSTART}\n\n`];
    walkConll(text, flat.spans, (startUnit, endUnit, tag) => { pieces.push(text.slice(startUnit, endUnit), ' _ _ ', tag, '\n'); }, () => { pieces.push('\n'); });
    parts.push(pieces.join(''));
  }
  const summary = summaryOf('conll', articles, leftOut, { annotations: false, facts: false });
  summary.annotations = exported;
  summary.notes.push(...flatNotes(collapsed, overlapping, empty), { count: articles.reduce((n, a) => n + a.facts.length, 0), message: 'facts not written (CoNLL has no place for them; use jsonl or csv)' });
  return { files: [{ path: 'corpus.conll', content: parts.join('') }], summary };
}

/** The summary lines of {@link flattenSpans}, shared with the spaCy export. */
export function flatNotes(collapsed: number, overlapping: number, empty: number): ExportSummary['notes'] {
  return [
    { count: collapsed, message: 'identical spans collapsed into one' },
    { count: overlapping, message: 'spans left out because they overlap a longer span (the outermost is kept)' },
    { count: empty, message: 'empty spans left out' },
  ];
}
