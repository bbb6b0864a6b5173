// Export and import in the formats NLP tools read. Pure: the callers (command line, editor)
// read the corpus through a CorpusStore and write the files this returns.
import { articleTitle } from '../corpus';
import type { CorpusStore } from '../corpus';
import { exportBrat } from './brat';
import { exportConll } from './conll';
import { exportFactsCsv } from './csv';
import { exportDoccano } from './doccano';
import { exportJsonl } from './jsonl';
import { filterArticles, type ExportArticle, type ExportFilter, type ExportOutput, type ExportSummary } from './model';
import { exportSpacy } from './spacy';
import { exportW3c } from './w3c';

export * from './model';
export { DOCSTART, conllSentences } from './conll';
export { flattenSpans } from './flatten';
export { annPathFor } from './brat';
export { ANNO_CONTEXT } from './w3c';
export { parseBrat, type BratDocument } from './bratImport';
export { parseDoccano, type DoccanoOptions } from './doccanoImport';
export * from './importModel';
export { describeImport, importIntoCorpus, type ImportOptions, type ImportReport } from './importPlan';

export const EXPORT_FORMATS = ['jsonl', 'doccano', 'spacy', 'conll', 'brat', 'w3c', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One line per format, for `--help` and the editor's quick pick. */
export const FORMAT_DESCRIPTIONS: Readonly<Record<ExportFormat, string>> = {
  jsonl: 'one article per line: text, spans, facts, meta (code points)',
  doccano: 'doccano sequence labelling JSONL (--relations: entities and relations)',
  spacy: 'displaCy / Doc.char_span JSONL, flat spans with kb_id',
  conll: 'CoNLL-2003 columns, IOB2 tags, one token per line',
  brat: 'brat standoff: .txt + .ann per article, annotation.conf',
  w3c: 'W3C Web Annotation JSON-LD collection',
  csv: 'facts with their agreement across sources',
};

export const IMPORT_FORMATS = ['brat', 'doccano'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface ExportOptions extends ExportFilter {
  /** doccano: the relation-extraction shape. */
  readonly relations?: boolean;
}

/** Filters the articles and writes them in one format. */
export function exportArticles(articles: readonly ExportArticle[], format: ExportFormat, options: ExportOptions = {}): ExportOutput {
  const { articles: filtered, leftOut } = filterArticles(articles, options);
  switch (format) {
    case 'jsonl': return exportJsonl(filtered, leftOut);
    case 'doccano': return exportDoccano(filtered, leftOut, { relations: options.relations ?? false });
    case 'spacy': return exportSpacy(filtered, leftOut);
    case 'conll': return exportConll(filtered, leftOut);
    case 'brat': return exportBrat(filtered, leftOut);
    case 'w3c': return exportW3c(filtered, leftOut);
    case 'csv': return exportFactsCsv(filtered, leftOut);
  }
}

/**
 * The loaded store's articles under `root` (a folder URI without trailing slash) that have a
 * readable sidecar, as exporters take them, plus the articles left out and why.
 */
export function articlesForExport(store: CorpusStore, root: string): { articles: ExportArticle[]; skipped: { uri: string; reason: string }[] } {
  const articles: ExportArticle[] = [];
  const skipped: { uri: string; reason: string }[] = [];
  const prefix = `${root}/`;
  for (const uri of store.articleUris()) {
    if (!uri.startsWith(prefix)) continue;
    const state = store.article(uri);
    if (!state?.parsed) continue; // not annotated: nothing to export
    const sidecar = state.parsed.sidecar;
    if (!sidecar || state.text === undefined || state.sha256 === undefined) {
      skipped.push({ uri, reason: state.parsed.notWritable ?? 'its sidecar cannot be read' });
      continue;
    }
    const registry = store.registryFor(uri);
    articles.push({
      path: uri.slice(prefix.length),
      text: state.text,
      sidecar,
      sha256: state.sha256,
      title: articleTitle(sidecar, state, uri),
      ...(registry ? { registry } : {}),
    });
  }
  return { articles, skipped };
}

/** The summary as lines for people: what was written and what each filter left out. */
export function describeSummary(summary: ExportSummary): string[] {
  const lines = [`${summary.format}: ${summary.articles} article(s), ${summary.annotations} annotation(s)${summary.facts ? `, ${summary.facts} fact(s)` : ''} written.`];
  for (const [kind, counts] of [['annotations', summary.leftOut.annotations], ['facts', summary.leftOut.facts]] as const) {
    const parts = [
      counts.status ? `${counts.status} by --status` : '',
      counts.labels ? `${counts.labels} by --labels` : '',
      counts.authors ? `${counts.authors} by --authors` : '',
      counts.orphaned ? `${counts.orphaned} orphaned` : '',
      counts.mismatched ? `${counts.mismatched} whose quote no longer matches the text` : '',
    ].filter(Boolean);
    lines.push(`Left out (${kind}): ${parts.length ? parts.join(', ') : 'none'}.`);
  }
  for (const note of summary.notes) if (note.count > 0) lines.push(`${note.count} ${note.message}.`);
  return lines;
}
