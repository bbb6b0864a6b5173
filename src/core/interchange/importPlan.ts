// Puts imported documents into a corpus: writes the articles (never over one whose text
// differs), extends the registry with new labels and with entities for unknown references,
// and merges the spans into each article's sidecar (quotes and context computed; a span
// identical to one already there, entity link included, is skipped). Everything is checked before the first write:
// a refusal writes nothing.
import { quoteAt } from '../anchoring';
import type { CorpusHost, CorpusStore } from '../corpus';
import { OffsetMap, decodeArticle } from '../text';
import { joinPath } from '../util';
import { parseRegistry } from '../format';
import { addLabels, entityIdFor, isEntityId, newLabel, newRegistryText, upsertEntities } from '../format';
import type { Annotation, AnnotationStatus, Entity, Sidecar } from '../model';
import { formatImportError, safeRelativePath, type ImportDocument, type ParsedImport } from './importModel';
import { parseEntityReference } from './model';

export interface ImportOptions {
  /** Recorded as `author` of every imported annotation (else the file's, else none). */
  readonly author?: string;
  /** Forces this status (else the file's, else `proposed`). */
  readonly status?: AnnotationStatus;
  /** `created` of the new annotations; default now. */
  readonly now?: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly isCancelled?: () => boolean;
}

export interface ImportReport {
  documents: number;
  articlesCreated: number;
  articlesMerged: number;
  annotations: number;
  /** Spans already in the sidecar (same start, end, label and entity): skipped. */
  duplicates: number;
  labelsAdded: string[];
  entitiesAdded: string[];
  /** What the source had that the corpus does not take, with counts. */
  notes: { count: number; message: string }[];
  /** Why nothing was written; empty when the import went ahead. */
  refused: string[];
  cancelled: boolean;
}

function emptyReport(parsed: ParsedImport): ImportReport {
  return {
    documents: parsed.documents.length, articlesCreated: 0, articlesMerged: 0, annotations: 0, duplicates: 0,
    labelsAdded: [], entitiesAdded: [], notes: [...parsed.notes].map(([message, count]) => ({ count, message })), refused: [], cancelled: false,
  };
}

interface RegistryPlan {
  readonly uri: string;
  readonly current: string | undefined;
  readonly labels: string[];
  readonly entities: Entity[];
}

/** Imports into the corpus folder `root` (a URI without trailing slash) of a loaded store. */
export async function importIntoCorpus(store: CorpusStore, host: CorpusHost, root: string, parsed: ParsedImport, options: ImportOptions = {}): Promise<ImportReport> {
  const report = emptyReport(parsed);
  report.refused.push(...parsed.errors.map(formatImportError));
  await store.load();
  const targets: { doc: ImportDocument; uri: string; exists: boolean }[] = [];
  for (const doc of parsed.documents) {
    const path = safeRelativePath(doc.path);
    if (path === undefined) { report.refused.push(`${doc.path}: not a relative path inside the corpus folder.`); continue; }
    const uri = joinPath(root, path);
    const existing = await host.readFile(uri);
    if (existing !== undefined && decodeArticle(existing) !== doc.text) {
      report.refused.push(`${uri}: an article with a different text is already there; it is never overwritten (rename one of them, or import into another folder).`);
      continue;
    }
    const notWritable = existing !== undefined ? store.notWritableReason(uri) : undefined;
    if (notWritable) { report.refused.push(`${uri}: its sidecar cannot be changed because ${notWritable}`); continue; }
    targets.push({ doc, uri, exists: existing !== undefined });
  }

  // Registries: labels to add and entities to create, per registry file.
  const registries = new Map<string, RegistryPlan>();
  const entityOf = new Map<string, string>(); // `${registry}\u0000${reference}` -> entity id
  for (const { doc, uri } of targets) {
    const registryUri = store.registryUriFor(uri);
    let plan = registries.get(registryUri);
    if (!plan) {
      const bytes = await host.readFile(registryUri);
      const current = bytes === undefined ? undefined : new TextDecoder().decode(bytes);
      if (current !== undefined && parseRegistry(registryUri, current).notWritable) {
        report.refused.push(`${registryUri}: cannot be extended because ${parseRegistry(registryUri, current).notWritable}`);
      }
      plan = { uri: registryUri, current, labels: [], entities: [] };
      registries.set(registryUri, plan);
    }
    const registry = plan.current !== undefined ? parseRegistry(registryUri, plan.current).registry : undefined;
    const knownLabels = new Set(registry?.labels.map((label) => label.id));
    const taken = new Set([...(registry?.entities ?? []).map((e) => e.id), ...plan.entities.map((e) => e.id)]);
    for (const span of doc.spans) {
      if (!knownLabels.has(span.label) && !plan.labels.includes(span.label)) plan.labels.push(span.label);
      if (span.reference === undefined) continue;
      const key = `${registryUri}\u0000${span.reference}`;
      if (entityOf.has(key)) continue;
      const reference = parseEntityReference(span.reference);
      const name = span.entityName ?? Array.from(doc.text).slice(span.start, span.end).join('');
      const existing = reference.kind === 'wikidata'
        ? [...(registry?.entities ?? []), ...plan.entities].find((e) => e.wikidata === reference.id)
        : reference.kind === 'registry' ? [...(registry?.entities ?? []), ...plan.entities].find((e) => e.id === reference.id) : undefined;
      if (existing) { entityOf.set(key, existing.id); continue; }
      const validId = reference.kind === 'registry' && isEntityId(reference.id) && !taken.has(reference.id);
      const id = validId ? reference.id : entityIdFor(name, taken);
      taken.add(id);
      plan.entities.push({
        id, label: span.label, name, aliases: [],
        ...(reference.kind === 'wikidata' ? { wikidata: reference.id } : {}),
        ...(reference.kind === 'other' ? { description: `Imported reference ${span.reference}` } : {}),
      });
      entityOf.set(key, id);
    }
  }
  if (report.refused.length > 0) return report;

  for (const plan of registries.values()) {
    if (plan.current !== undefined && plan.labels.length === 0 && plan.entities.length === 0) continue;
    const labels = plan.labels.map((id, index) => newLabel(id, index));
    await store.updateRegistry(plan.uri, (current) => {
      const text = addLabels(plan.uri, current ?? newRegistryText(labels), labels);
      return upsertEntities(plan.uri, text, plan.entities);
    });
    report.labelsAdded.push(...plan.labels.filter((label) => !report.labelsAdded.includes(label)));
    report.entitiesAdded.push(...plan.entities.map((entity) => entity.id));
  }

  const now = options.now ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const [index, { doc, uri, exists }] of targets.entries()) {
    if (options.isCancelled?.()) { report.cancelled = true; break; }
    if (!exists) await host.writeFileAtomic(uri, doc.bytes);
    const registryUri = store.registryUriFor(uri);
    const map = new OffsetMap(doc.text);
    await store.updateSidecar(uri, (current): Sidecar => {
      const taken = new Set([...current.annotations, ...current.facts].map((item) => item.id));
      const present = new Set(current.annotations.map((a) => `${a.start}:${a.end}:${a.label}:${a.entity ?? ''}`));
      let next = 1;
      const added: Annotation[] = [];
      for (const span of doc.spans) {
        const entity = span.reference !== undefined ? entityOf.get(`${registryUri}\u0000${span.reference}`) : undefined;
        const key = `${span.start}:${span.end}:${span.label}:${entity ?? ''}`;
        if (present.has(key)) { report.duplicates++; continue; }
        present.add(key);
        while (taken.has(`a${next}`)) next++;
        const id = `a${next}`;
        taken.add(id);
        const quote = quoteAt(map, span.start, span.end);
        const author = options.author ?? span.author;
        added.push({
          id, label: span.label, start: span.start, end: span.end, text: quote.text, prefix: quote.prefix, suffix: quote.suffix,
          ...(entity !== undefined ? { entity } : {}),
          ...(author !== undefined ? { author } : {}),
          created: now,
          status: options.status ?? span.status ?? 'proposed',
          ...(span.note !== undefined ? { note: span.note } : {}),
        });
      }
      report.annotations += added.length;
      const source = { ...current.source };
      if (doc.title !== undefined && source.title === undefined) Object.assign(source, { title: doc.title });
      if (doc.outlet !== undefined && source.outlet === undefined) Object.assign(source, { outlet: doc.outlet });
      if (doc.published !== undefined && source.published === undefined) Object.assign(source, { published: doc.published });
      return { ...current, source, annotations: [...current.annotations, ...added] };
    });
    if (exists) report.articlesMerged++;
    else report.articlesCreated++;
    options.onProgress?.(index + 1, targets.length);
  }
  return report;
}

/** The report as lines for people. */
export function describeImport(report: ImportReport): string[] {
  if (report.refused.length > 0) return ['Nothing was imported:', ...report.refused];
  const lines = [
    `${report.documents} document(s): ${report.articlesCreated} article(s) created, ${report.articlesMerged} merged; ${report.annotations} annotation(s) imported${report.duplicates ? `, ${report.duplicates} already there skipped` : ''}.`,
  ];
  if (report.labelsAdded.length) lines.push(`Labels added to the registry: ${report.labelsAdded.join(', ')}.`);
  if (report.entitiesAdded.length) lines.push(`Entities added to the registry: ${report.entitiesAdded.length}.`);
  for (const note of report.notes) lines.push(`${note.count} ${note.message}.`);
  if (report.cancelled) lines.push('Cancelled: the articles listed above were imported, the rest were not.');
  return lines;
}
