// `brat`: brat standoff. Per article a `.txt` (the text the offsets count: BOM removed, line
// endings kept, so brat's Python `str` offsets are Unicode code points like ours) and a `.ann`:
//   T  a text-bound annotation `T1<TAB>LABEL start end<TAB>text`; a span across a line break is
//      written as fragments `start end;start end` (brat shows no span across lines), its text
//      the fragments joined by a space, as brat writes them;
//   N  the entity link `N1<TAB>Reference T1 Wikidata:Q7747<TAB>name` (`Registry:<id>` when the
//      registry has no Wikidata id);
//   A  the review status `A1<TAB>Status T1 accepted`;
//   #  the note `#1<TAB>AnnotatorNotes T1<TAB>text` (line breaks in a note become spaces).
// Plus `annotation.conf` (the labels, the Status attribute, overlaps allowed) and `visual.conf`
// (the label colours).
import { statusOf } from '../model';
import { entityNameOf, entityReference, labelsOf, summaryOf, type ExportFile, type ExportOutput, type ExportSummary, type FilteredArticle } from './model';

const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/u;

/** The `.ann` file of an article: `<name>.ann` next to `<name>.txt`. */
export function annPathFor(textPath: string): string {
  return textPath.replace(/\.txt$/i, '') + '.ann';
}

/** The fragments of [start, end): pieces of the text between line breaks (code points). */
export function bratFragments(chars: readonly string[], start: number, end: number): [number, number][] {
  const fragments: [number, number][] = [];
  let from = -1;
  for (let i = start; i < end; i++) {
    const breaks = LINE_BREAK.test(chars[i] ?? '');
    if (breaks && from >= 0) { fragments.push([from, i]); from = -1; }
    else if (!breaks && from < 0) from = i;
  }
  if (from >= 0) fragments.push([from, end]);
  return fragments;
}

/** A value on one line of an .ann file: no tabs or line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\t\r\n\u2028\u2029\u0085]+/gu, ' ');
}

/** A brat type name: no white space. */
function typeName(label: string): string {
  return label.replace(/\s+/gu, '_');
}

export function exportBrat(articles: readonly FilteredArticle[], leftOut: ExportSummary['leftOut']): ExportOutput {
  const files: ExportFile[] = [];
  let flattenedNotes = 0;
  let multiLine = 0;
  let emptySpans = 0;
  for (const { article, annotations } of articles) {
    const chars = Array.from(article.text);
    const lines: string[] = [];
    let t = 0; let n = 0; let a = 0; let note = 0;
    for (const annotation of annotations) {
      const fragments = bratFragments(chars, annotation.start, annotation.end);
      if (fragments.length === 0) { emptySpans++; continue; }
      if (fragments.length > 1) multiLine++;
      const id = `T${++t}`;
      const text = fragments.map(([s, e]) => chars.slice(s, e).join('')).join(' ');
      lines.push(`${id}\t${typeName(annotation.label)} ${fragments.map(([s, e]) => `${s} ${e}`).join(';')}\t${text}`);
      if (annotation.entity !== undefined) {
        lines.push(`N${++n}\tReference ${id} ${entityReference(article, annotation.entity)}\t${oneLine(entityNameOf(article, annotation.entity))}`);
      }
      lines.push(`A${++a}\tStatus ${id} ${statusOf(annotation)}`);
      if (annotation.note !== undefined) {
        if (oneLine(annotation.note) !== annotation.note) flattenedNotes++;
        lines.push(`#${++note}\tAnnotatorNotes ${id}\t${oneLine(annotation.note)}`);
      }
    }
    files.push({ path: article.path, content: article.text });
    files.push({ path: annPathFor(article.path), content: lines.map((line) => `${line}\n`).join('') });
  }
  const labels = labelsOf(articles);
  files.push({ path: 'annotation.conf', content: annotationConf(labels) });
  files.push({ path: 'visual.conf', content: visualConf(articles, labels) });
  const summary = summaryOf('brat', articles, leftOut, { annotations: true, facts: false });
  summary.annotations -= emptySpans;
  summary.notes.push(
    { count: multiLine, message: 'spans across a line break written as fragments' },
    { count: emptySpans, message: 'empty spans left out' },
    { count: flattenedNotes, message: 'notes put on one line' },
    { count: articles.reduce((k, x) => k + x.facts.length, 0), message: 'facts not written (brat has no place for them; use jsonl or csv)' },
  );
  return { files, summary };
}

function annotationConf(labels: readonly string[]): string {
  return [
    '# Written by Source Annotator: the labels of the corpus, and the review status of each span.',
    '[entities]', ...labels.map(typeName), '',
    '[relations]',
    '# Nested and overlapping spans are allowed, as in the corpus.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>', '',
    '[events]', '',
    '[attributes]',
    'Status\tArg:<ENTITY>, Value:proposed|accepted|rejected', '',
  ].join('\n');
}

function visualConf(articles: readonly FilteredArticle[], labels: readonly string[]): string {
  const definitions = new Map<string, { name: string; color: string }>();
  for (const { article } of articles) for (const label of article.registry?.registry.labels ?? []) if (!definitions.has(label.id)) definitions.set(label.id, label);
  return [
    '[labels]', ...labels.map((label) => `${typeName(label)} | ${oneLine(definitions.get(label)?.name ?? label).replace(/\|/g, '/')}`), '',
    '[drawing]', ...labels.filter((label) => definitions.has(label)).map((label) => `${typeName(label)}\tbgColor:${definitions.get(label)!.color}`), '',
  ].join('\n');
}
