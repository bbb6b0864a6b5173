// `spacy`: displaCy-shaped JSON Lines, `{"text", "ents": [{"start", "end", "label", "kb_id"}],
// "title", "meta"}`, which `displacy.render(doc, style="ent", manual=True)` draws and
// `Doc.char_span(start, end, label, kb_id=...)` turns into entities. Offsets: Unicode code
// points (Python `str` indexes). `doc.ents` cannot overlap, so spans are made flat by the rule
// of flatten.ts. `kb_id` is the Wikidata id where known, else the registry id, else "".
import { flatNotes } from './conll';
import { flattenSpans } from './flatten';
import { jsonLines, labelsOf, summaryOf, wikidataOf, type ExportOutput, type ExportSummary, type FilteredArticle } from './model';

export function exportSpacy(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut']): ExportOutput {
  const labelOrder = labelsOf(articles);
  let collapsed = 0;
  let overlapping = 0;
  let empty = 0;
  let exported = 0;
  const lines = articles.map(({ article, annotations }) => {
    const flat = flattenSpans(annotations, labelOrder);
    collapsed += flat.collapsed;
    overlapping += flat.overlapping;
    empty += flat.empty;
    exported += flat.spans.length;
    return {
      text: article.text,
      ents: flat.spans.map((span) => ({
        start: span.start, end: span.end, label: span.label,
        kb_id: wikidataOf(article, span.entity) ?? span.entity ?? '',
      })),
      title: article.title,
      meta: { file: article.path, sha256: article.sha256 },
    };
  });
  const summary = summaryOf('spacy', articles, leftOut, { annotations: false, facts: false });
  summary.annotations = exported;
  summary.notes.push(...flatNotes(collapsed, overlapping, empty));
  return { files: [{ path: 'spacy.jsonl', content: jsonLines(lines) }], summary };
}
