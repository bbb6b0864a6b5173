// `csv`: the facts, one row per claim, for spreadsheets and fact-check databases. RFC 4180:
// comma-separated, fields with a comma, quote or line break in double quotes (quotes doubled),
// CRLF after each row, a header row, UTF-8 with no BOM. Offsets (`start`, `end`) are Unicode
// code points into the article as the corpus counts them.
//
// `agreement` is the verdict of the cross-source comparison (src/core/corpusIndex.ts) over the
// exported facts plus the registry's reference facts: `agree`, `conflict` or `single`;
// `sources` counts the distinct sources on that subject and property, `agreeing_sources` those
// that give this row's value.
import { CorpusIndex } from '../crossSource';
import { normalizeValue } from '../text';
import { statusOf, type Registry } from '../model';
import { summaryOf, type ExportOutput, type ExportSummary, type FilteredArticle } from './model';

export const CSV_COLUMNS = [
  'subject', 'subject_name', 'property', 'value', 'normalized_value', 'article', 'title', 'outlet',
  'quote', 'start', 'end', 'status', 'author', 'agreement', 'sources', 'agreeing_sources',
] as const;

/** One CSV field, quoted when it must be. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

const EMPTY_REGISTRY: Registry = { version: 1, labels: [], entities: [] };

export function exportFactsCsv(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut']): ExportOutput {
  // One index per registry: agreement is only meaningful among articles that share entity ids.
  const indexes = new Map<string, CorpusIndex>();
  const indexOf = (article: FilteredArticle['article']): CorpusIndex => {
    const key = article.registry?.file ?? '';
    let index = indexes.get(key);
    if (!index) indexes.set(key, (index = new CorpusIndex(article.registry?.registry ?? EMPTY_REGISTRY)));
    return index;
  };
  for (const { article, annotations, facts } of articles) {
    const source = article.sidecar.source;
    indexOf(article).updateArticle({
      uri: article.path, title: article.title, text: article.text,
      ...(source.outlet ? { outlet: source.outlet } : {}),
      ...(source.published ? { published: source.published } : {}),
      sidecar: { ...article.sidecar, annotations, facts },
    });
  }
  const rows: string[] = [csvRow(CSV_COLUMNS)];
  for (const { article, facts } of articles) {
    const index = indexOf(article);
    for (const fact of facts) {
      const group = index.factGroup(fact.subject, fact.property);
      const cluster = group?.values.find((c) => c.claims.some((claim) => claim.source.kind === 'article' && claim.source.articleUri === article.path && claim.source.factId === fact.id));
      rows.push(csvRow([
        fact.subject, index.entityName(fact.subject), fact.property, fact.value, normalizeValue(fact.value),
        article.path, article.title, article.sidecar.source.outlet ?? '', fact.text, fact.start, fact.end,
        statusOf(fact), fact.author ?? '',
        group?.verdict ?? 'single', group?.sourceCount ?? 1, cluster?.sourceCount ?? 1,
      ]));
    }
  }
  const summary = summaryOf('csv', articles, leftOut, { annotations: false, facts: true });
  summary.notes.push({ count: articles.reduce((k, x) => k + x.annotations.length, 0), message: 'annotations not written (the csv holds facts; use another format for spans)' });
  return { files: [{ path: 'facts.csv', content: rows.join('') }], summary };
}
