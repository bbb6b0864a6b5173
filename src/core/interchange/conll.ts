// `conll`: the CoNLL-2003 layout NER tools read. A token per line, four space-separated columns
// (token, `_` for the part of speech and the chunk this corpus does not have, and the IOB2 tag:
// `B-LABEL` on a mention's first token, `I-LABEL` on the rest, `O` outside), a blank line
// after each sentence, and `-DOCSTART- -X- -X- O` plus a blank line before each article.
//
// Tokens come from the shared tokeniser (src/core/tokens.ts), split at every exported span's
// edges so each mention is whole tokens; sentences from the project's sentence splitter, joined
// where a mention crosses their boundary. Overlapping spans follow the rule in flatten.ts.
import { sentenceSpans } from '../text';
import { tokenize } from '../text';
import { flattenSpans, type FlatSpan } from './flatten';
import { labelsOf, summaryOf, type ExportOutput, type ExportSummary, type FilteredArticle } from './model';

export const DOCSTART = '-DOCSTART- -X- -X- O';

/** The sentences of one article as token/tag pairs. */
export function conllSentences(text: string, spans: readonly FlatSpan[]): { token: string; tag: string }[][] {
  const boundaries = new Set<number>();
  for (const span of spans) { boundaries.add(span.start); boundaries.add(span.end); }
  // Sentences a mention crosses are merged: a mention never spans two CoNLL sentences.
  const sentences: { start: number; end: number }[] = [];
  for (const sentence of sentenceSpans(text)) {
    const last = sentences[sentences.length - 1];
    const crossed = last && spans.some((span) => span.start < last.end && span.end > last.end);
    if (last && crossed) last.end = sentence.end;
    else sentences.push({ ...sentence });
  }
  for (const sentence of sentences) { boundaries.add(sentence.start); boundaries.add(sentence.end); }
  const tokens = tokenize(text, { boundaries });
  const result: { token: string; tag: string }[][] = [];
  let sentenceIndex = 0;
  let spanIndex = 0;
  let current: { token: string; tag: string }[] = [];
  for (const token of tokens) {
    while (sentenceIndex < sentences.length && token.start >= sentences[sentenceIndex]!.end) {
      if (current.length > 0) result.push(current);
      current = [];
      sentenceIndex++;
    }
    while (spanIndex < spans.length && spans[spanIndex]!.end <= token.start) spanIndex++;
    const span = spans[spanIndex];
    const inside = span !== undefined && span.start <= token.start && token.end <= span.end;
    current.push({ token: token.text, tag: inside ? `${token.start === span.start ? 'B' : 'I'}-${span.label}` : 'O' });
  }
  if (current.length > 0) result.push(current);
  return result;
}

export function exportConll(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut']): ExportOutput {
  const labelOrder = labelsOf(articles);
  let collapsed = 0;
  let overlapping = 0;
  let empty = 0;
  let exported = 0;
  const parts: string[] = [];
  for (const { article, annotations } of articles) {
    const flat = flattenSpans(annotations, labelOrder);
    collapsed += flat.collapsed;
    overlapping += flat.overlapping;
    empty += flat.empty;
    exported += flat.spans.length;
    parts.push(`${DOCSTART}\n\n`);
    for (const sentence of conllSentences(article.text, flat.spans)) {
      parts.push(sentence.map(({ token, tag }) => `${token} _ _ ${tag}\n`).join(''), '\n');
    }
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
