// `w3c`: W3C Web Annotation Data Model, JSON-LD. One `Annotation` per span, gathered in an
// `AnnotationCollection` with one `AnnotationPage`. The target is the article (its corpus path,
// a relative IRI) with a `TextQuoteSelector` (exact, prefix, suffix: 32 code points of
// context) and a `TextPositionSelector` (start, end in Unicode code points, as the model
// counts characters). Bodies: the label (`TextualBody`, purpose `tagging`), the entity
// (`SpecificResource`, purpose `identifying`: the Wikidata entity IRI where known, else
// `urn:source-annotator:entity:<id>`), the note (purpose `commenting`). `creator` and
// `created` as recorded.
import { quoteAt } from '../anchoring';
import { OffsetMap } from '../text';
import { summaryOf, wikidataOf, type ExportOutput, type ExportSummary, type FilteredArticle } from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** A path as a relative IRI reference: each segment percent-encoded. */
export function pathIri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function exportW3c(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut']): ExportOutput {
  const items: unknown[] = [];
  for (const { article, annotations } of articles) {
    const map = new OffsetMap(article.text);
    const source = pathIri(article.path);
    for (const annotation of annotations) {
      const quote = quoteAt(map, annotation.start, annotation.end);
      const wikidata = wikidataOf(article, annotation.entity);
      const body: unknown[] = [{ type: 'TextualBody', value: annotation.label, purpose: 'tagging' }];
      if (annotation.entity !== undefined) {
        body.push({
          type: 'SpecificResource', purpose: 'identifying',
          source: wikidata ? `http://www.wikidata.org/entity/${wikidata}` : `urn:source-annotator:entity:${encodeURIComponent(annotation.entity)}`,
        });
      }
      if (annotation.note !== undefined) body.push({ type: 'TextualBody', value: annotation.note, purpose: 'commenting' });
      items.push({
        id: `urn:source-annotator:annotation:${source}:${encodeURIComponent(annotation.id)}`,
        type: 'Annotation',
        ...(annotation.author !== undefined ? { creator: { type: 'Person', name: annotation.author } } : {}),
        ...(annotation.created !== undefined ? { created: annotation.created } : {}),
        body,
        target: {
          source,
          selector: [
            { type: 'TextQuoteSelector', exact: quote.text, prefix: quote.prefix, suffix: quote.suffix },
            { type: 'TextPositionSelector', start: annotation.start, end: annotation.end },
          ],
        },
      });
    }
  }
  const collection = {
    '@context': ANNO_CONTEXT,
    id: 'urn:source-annotator:collection',
    type: 'AnnotationCollection',
    label: 'Source Annotator export',
    total: items.length,
    first: { id: 'urn:source-annotator:collection:page1', type: 'AnnotationPage', startIndex: 0, items },
  };
  const summary = summaryOf('w3c', articles, leftOut, { annotations: true, facts: false });
  summary.notes.push({ count: articles.reduce((k, x) => k + x.facts.length, 0), message: 'facts not written (use jsonl or csv)' });
  return { files: [{ path: 'annotations.jsonld', content: `${JSON.stringify(collection, null, 2)}\n` }], summary };
}
