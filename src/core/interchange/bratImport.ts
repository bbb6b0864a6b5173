// Reads brat standoff (.txt + .ann) into import documents. T lines become annotations, N lines
// entity links, `#` AnnotatorNotes notes, `A … Status` the review status. What brat has and the
// corpus does not (E events, R relations, * equivalences, other attributes, discontinuous
// spans whose gap is more than line breaks) is counted, never silently dropped. A malformed
// line, or a T line whose text is not the .txt's text at its offsets, stops the import.
import { decodeArticle, OffsetMap } from '../text';
import { ANNOTATION_STATUSES, type AnnotationStatus } from '../model';
import { addNote, type ImportDocument, type ImportError, type ImportNotes, type ImportSpan } from './importModel';

export interface BratDocument {
  /** The .txt path, relative to the folder imported. */
  readonly path: string;
  readonly txt: Uint8Array;
  /** The .ann file's text; undefined when there is none (the text is imported unannotated). */
  readonly ann?: string;
  /** The .ann file's name as messages should show it. */
  readonly annFile: string;
}

interface TextBound { start: number; end: number; label: string; reference?: string; entityName?: string; note?: string; status?: AnnotationStatus }

export function parseBrat(input: BratDocument, errors: ImportError[], notes: ImportNotes): ImportDocument {
  const text = decodeArticle(input.txt);
  const offsets = new OffsetMap(text);
  const bounds = new Map<string, TextBound>();
  const lines = (input.ann ?? '').split('\n');
  const fail = (line: number, column: number, message: string) => errors.push({ file: input.annFile, line, column, message });
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const at = index + 1;
    if (line.trim() === '') return;
    const id = line.slice(0, line.indexOf('\t') < 0 ? line.length : line.indexOf('\t'));
    const fields = line.split('\t');
    switch (id[0]) {
      case 'T': {
        const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(fields[1] ?? '');
        if (!match || fields.length < 3) { fail(at, id.length + 2, `T line \`${id}\` must be \`${id}<TAB>LABEL start end<TAB>text\`.`); return; }
        const fragments = match[2]!.split(';').map((pair) => pair.split(' ').map(Number) as [number, number]);
        if (fragments.some(([s, e], k) => s > e || e > offsets.codePointLength || (k > 0 && s < fragments[k - 1]![1]))) {
          fail(at, id.length + match[1]!.length + 3, `\`${id}\`: offsets ${match[2]} are outside the text (${offsets.codePointLength} code points) or out of order.`);
          return;
        }
        const expected = fragments.map(([s, e]) => offsets.slice(s, e)).join(' ');
        const given = fields.slice(2).join('\t');
        if (given !== expected) {
          fail(at, line.length - given.length + 1, `\`${id}\`: the text is ${JSON.stringify(given)} but ${input.path} has ${JSON.stringify(expected)} at ${match[2]} (brat offsets count Unicode code points of the .txt).`);
          return;
        }
        if (fragments.length > 1) {
          const gapsAreSpace = fragments.every(([s], k) => k === 0 || /^\s*$/u.test(offsets.slice(fragments[k - 1]![1], s)));
          if (!gapsAreSpace) { addNote(notes, 'discontinuous spans not imported (the corpus holds one stretch per annotation)'); return; }
          addNote(notes, 'spans written as fragments across a line break imported as one span');
        }
        bounds.set(id, { start: fragments[0]![0], end: fragments[fragments.length - 1]![1], label: match[1]! });
        return;
      }
      case 'N': {
        const match = /^Reference (\S+) (\S+)$/.exec(fields[1] ?? '');
        if (!match) { fail(at, id.length + 2, `N line \`${id}\` must be \`${id}<TAB>Reference T1 DB:ID<TAB>name\`.`); return; }
        const target = bounds.get(match[1]!);
        if (!target) { fail(at, id.length + 12, `\`${id}\` refers to \`${match[1]}\`, which is not a T line above it.`); return; }
        if (target.reference !== undefined) { addNote(notes, 'extra entity links on one span not imported (an annotation links to one entity)'); return; }
        target.reference = match[2]!;
        const name = fields.slice(2).join('\t').trim();
        if (name) target.entityName = name;
        return;
      }
      case '#': {
        const match = /^AnnotatorNotes (\S+)$/.exec(fields[1] ?? '');
        const target = match ? bounds.get(match[1]!) : undefined;
        if (!match) { addNote(notes, '# comments other than AnnotatorNotes not imported'); return; }
        if (!target) { addNote(notes, 'notes on annotations that were not imported (relations, events, skipped spans) left out'); return; }
        const note = fields.slice(2).join('\t');
        target.note = target.note === undefined ? note : `${target.note}\n${note}`;
        return;
      }
      case 'A':
      case 'M': {
        const match = /^(\S+) (\S+)(?: (\S+))?$/.exec(fields[1] ?? '');
        if (!match) { fail(at, id.length + 2, `attribute line \`${id}\` must be \`${id}<TAB>Name T1 value\`.`); return; }
        const target = bounds.get(match[2]!);
        const value = match[3] as AnnotationStatus | undefined;
        if (match[1] === 'Status' && target && value !== undefined && ANNOTATION_STATUSES.includes(value)) { target.status = value; return; }
        addNote(notes, 'attributes other than Status (proposed, accepted, rejected) not imported');
        return;
      }
      case 'E': addNote(notes, 'events (E lines) not imported'); return;
      case 'R': addNote(notes, 'relations (R lines) not imported'); return;
      case '*': addNote(notes, 'equivalences (* lines) not imported'); return;
      default: fail(at, 1, `unrecognised brat line starting with ${JSON.stringify(id.slice(0, 10))}.`);
    }
  });
  const spans: ImportSpan[] = [...bounds.values()].map((b) => ({
    start: b.start, end: b.end, label: b.label,
    ...(b.reference !== undefined ? { reference: b.reference } : {}),
    ...(b.entityName !== undefined ? { entityName: b.entityName } : {}),
    ...(b.note !== undefined ? { note: b.note } : {}),
    ...(b.status !== undefined ? { status: b.status } : {}),
  }));
  return { path: input.path, bytes: input.txt, text, spans };
}
