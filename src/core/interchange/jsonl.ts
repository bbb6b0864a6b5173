// `jsonl`: one article per line with its text, spans, facts and metadata. The project's own,
// lossless-as-far-as-offsets-go shape for pipelines. Offsets: Unicode code points into `text`
// (Python's `text[start:end]`).
import { statusOf } from '../model';
import { jsonLines, summaryOf, wikidataOf, type ExportOutput, type FilteredArticle, type ExportSummary } from './model';

export function exportJsonl(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut']): ExportOutput {
  const lines = articles.map(({ article, annotations, facts }) => {
    const source = article.sidecar.source;
    return {
      text: article.text,
      spans: annotations.map((a) => ({
        start: a.start, end: a.end, text: a.text, label: a.label,
        entity: a.entity ?? null, wikidata: wikidataOf(article, a.entity) ?? null,
        author: a.author ?? null, status: statusOf(a),
      })),
      facts: facts.map((f) => ({
        start: f.start, end: f.end, text: f.text, subject: f.subject, property: f.property, value: f.value,
        author: f.author ?? null, status: statusOf(f),
      })),
      meta: {
        file: article.path, title: article.title, outlet: source.outlet ?? null, published: source.published ?? null, sha256: article.sha256,
      },
    };
  });
  return {
    files: [{ path: 'corpus.jsonl', content: jsonLines(lines) }],
    summary: summaryOf('jsonl', articles, leftOut, { annotations: true, facts: true }),
  };
}
