// `doccano`: the JSON Lines doccano imports for sequence labelling, one article per line:
// `{"text", "label": [[start, end, label]], "meta"}`; with `relations`, doccano's
// relation-extraction shape `{"text", "entities": [{"id", "label", "start_offset",
// "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}], "meta"}`. Offsets:
// Unicode code points (doccano counts Python `str` indexes).
//
// doccano has no entity links, so `meta.entity_links` carries them as
// `[start, end, label, reference, name]` (reference as in model.ts: `Wikidata:Q…` or
// `Registry:<id>`), in the order of the spans; our importer reads them back. A fact becomes a relation (type: its
// property) from a mention of its subject to a mention of its value entity inside its quote;
// facts without both are counted.
import { entityNameOf, entityReference, jsonLines, summaryOf, type ExportOutput, type ExportSummary, type FilteredArticle } from './model';

export function exportDoccano(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut'], options: { relations?: boolean } = {}): ExportOutput {
  let factsWithoutRelation = 0;
  let relationCount = 0;
  const lines = articles.map(({ article, annotations, facts }) => {
    const source = article.sidecar.source;
    const meta = {
      file: article.path, title: article.title, outlet: source.outlet ?? null, published: source.published ?? null, sha256: article.sha256,
      entity_links: annotations.filter((a) => a.entity !== undefined)
        .map((a) => [a.start, a.end, a.label, entityReference(article, a.entity!), entityNameOf(article, a.entity!)]),
    };
    if (!options.relations) {
      return { text: article.text, label: annotations.map((a) => [a.start, a.end, a.label]), meta };
    }
    const entities = annotations.map((a, index) => ({ id: index + 1, label: a.label, start_offset: a.start, end_offset: a.end }));
    const relations: { id: number; from_id: number; to_id: number; type: string }[] = [];
    for (const fact of facts) {
      const inside = annotations
        .map((a, index) => ({ a, id: index + 1 }))
        .filter(({ a }) => a.start >= fact.start && a.end <= fact.end);
      const from = inside.find(({ a }) => a.entity === fact.subject);
      const to = inside.find(({ a }) => a.entity !== undefined && a.entity === fact.value && a !== from?.a);
      if (!from || !to) { factsWithoutRelation++; continue; }
      relations.push({ id: relations.length + 1, from_id: from.id, to_id: to.id, type: fact.property });
    }
    relationCount += relations.length;
    return { text: article.text, entities, relations, meta };
  });
  const summary = summaryOf('doccano', articles, leftOut, { annotations: true, facts: false });
  if (options.relations) {
    summary.facts = relationCount;
    summary.notes.push({ count: factsWithoutRelation, message: 'facts not written as relations (no mention of both the subject and an entity value inside the quote)' });
  } else {
    summary.notes.push({ count: articles.reduce((n, a) => n + a.facts.length, 0), message: 'facts not written (doccano sequence labelling has no place for them; use --relations, jsonl or csv)' });
  }
  return { files: [{ path: 'doccano.jsonl', content: jsonLines(lines) }], summary };
}
