// Reads doccano JSONL into import documents, in both shapes doccano exports: sequence
// labelling (`"label": [[start, end, label], …]`) and relation extraction (`"entities":
// [{"start_offset", "end_offset", "label"}], "relations": […]`). Projects may rename the
// text and label columns (`textField`, `labelField`). Entity links come back from
// `meta.entity_links` as our doccano export writes them; relations are counted, not imported
// (a fact needs a property's value, which a relation between two spans does not say).
import { codePointLength } from '../text';
import { addNote, safeRelativePath, type ImportDocument, type ImportError, type ImportNotes, type ImportSpan } from './importModel';

export interface DoccanoOptions {
  /** Default `text`. */
  readonly textField?: string;
  /** Default `label` (falls back to `entities` when absent). */
  readonly labelField?: string;
}

const encoder = new TextEncoder();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Line and column of a JSON.parse error in one line, from the position V8 reports. */
function jsonErrorColumn(error: unknown): number {
  const match = /position (\d+)/.exec(String(error instanceof Error ? error.message : error));
  return match ? Number(match[1]) + 1 : 1;
}

export function parseDoccano(file: string, content: string, options: DoccanoOptions, errors: ImportError[], notes: ImportNotes): ImportDocument[] {
  const textField = options.textField ?? 'text';
  const labelField = options.labelField ?? 'label';
  const documents: ImportDocument[] = [];
  const taken = new Set<string>();
  const stem = file.replace(/^.*\//, '').replace(/\.jsonl?$/i, '') || 'doccano';
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const at = index + 1;
    if (line.trim() === '') return;
    const fail = (message: string, column = 1) => errors.push({ file, line: at, column, message });
    let record: Json;
    try { record = JSON.parse(line) as Json; } catch (error) { fail(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`, jsonErrorColumn(error)); return; }
    if (!isObject(record)) { fail('each line must be a JSON object.'); return; }
    const text = record[textField];
    if (typeof text !== 'string') { fail(`no string field \`${textField}\` (use --text-field if the project renamed it).`); return; }
    const length = codePointLength(text);
    const rawSpans: { start: unknown; end: unknown; label: unknown }[] = [];
    const labels = record[labelField];
    if (Array.isArray(labels)) {
      for (const item of labels) {
        if (!Array.isArray(item) || item.length < 3) { fail(`\`${labelField}\` items must be [start, end, label].`); return; }
        rawSpans.push({ start: item[0], end: item[1], label: item[2] });
      }
    } else if (labels !== undefined) {
      fail(`\`${labelField}\` must be a list of [start, end, label].`); return;
    } else if (Array.isArray(record['entities'])) {
      for (const item of record['entities']) {
        if (!isObject(item)) { fail('`entities` items must be objects with start_offset, end_offset and label.'); return; }
        rawSpans.push({ start: item['start_offset'], end: item['end_offset'], label: item['label'] });
      }
      const relations = record['relations'];
      if (Array.isArray(relations) && relations.length > 0) addNote(notes, 'doccano relations not imported (a fact needs a value, not only two spans)', relations.length);
    } else if (options.labelField !== undefined) {
      fail(`no field \`${labelField}\`.`); return;
    }
    const meta = isObject(record['meta']) ? record['meta'] : {};
    // Links in span order, per start, end and label: identical spans with different links stay apart.
    const links = new Map<string, { reference: string; name?: string }[]>();
    if (Array.isArray(meta['entity_links'])) {
      for (const link of meta['entity_links']) {
        if (!Array.isArray(link) || typeof link[0] !== 'number' || typeof link[1] !== 'number' || typeof link[2] !== 'string' || typeof link[3] !== 'string') continue;
        const key = `${link[0]}:${link[1]}:${link[2]}`;
        const queue = links.get(key) ?? [];
        queue.push({ reference: link[3], ...(typeof link[4] === 'string' ? { name: link[4] } : {}) });
        links.set(key, queue);
      }
    }
    const spans: ImportSpan[] = [];
    for (const span of rawSpans) {
      const { start, end, label } = span;
      if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length) {
        fail(`span [${String(start)}, ${String(end)}] is not inside the text (${length} code points; doccano counts Python str indexes).`); return;
      }
      if (typeof label !== 'string' || label.trim() === '') { fail(`span [${start}, ${end}] has no label.`); return; }
      const link = links.get(`${start}:${end}:${label}`)?.shift();
      spans.push({ start, end, label, ...(link ? { reference: link.reference, ...(link.name !== undefined ? { entityName: link.name } : {}) } : {}) });
    }
    let path = typeof meta['file'] === 'string' ? safeRelativePath(meta['file']) : undefined;
    if (path !== undefined && !path.endsWith('.txt')) path = `${path}.txt`;
    if (path === undefined || taken.has(path)) path = `${stem}-${String(at).padStart(4, '0')}.txt`;
    taken.add(path);
    const str = (key: string) => (typeof meta[key] === 'string' ? { [key]: meta[key] as string } : {});
    documents.push({ path, bytes: encoder.encode(text), text, spans, ...str('title'), ...str('outlet'), ...str('published') });
  });
  return documents;
}
