// Round trips (seeds → brat / doccano → import into an empty folder give the same spans, labels
// and entity links) and the importers' handling of what the corpus cannot hold.
import * as assert from 'node:assert/strict';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import {
  annPathFor, articlesForExport, exportArticles, importIntoCorpus, parseBrat, parseDoccano,
  type ExportArticle, type ImportDocument, type ImportError, type ImportNotes, type ParsedImport,
} from '../../../src/core/interchange';
import { statusOf } from '../../../src/core/model/types';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';
import { seedArticles, storeOf, trickyArticles } from './helpers';

const encoder = new TextEncoder();

/** Every annotation as `file start end label → entity name (Wikidata)`: what a round trip keeps. */
function spansOf(articles: readonly ExportArticle[]): string[] {
  return articles.flatMap((article) => article.sidecar.annotations.map((a) => {
    const entity = a.entity !== undefined ? article.registry?.entities.get(a.entity) : undefined;
    return `${article.path} ${a.start} ${a.end} ${a.label} ${statusOf(a)} → ${entity ? `${entity.name} (${entity.wikidata ?? '-'}) ${entity.label}` : '-'}`;
  })).sort();
}

function bratInput(files: { path: string; content: string }[]): ParsedImport {
  const errors: ImportError[] = [];
  const notes: ImportNotes = new Map();
  const documents = files.filter((f) => f.path.endsWith('.txt')).map((txt) => {
    const ann = files.find((f) => f.path === annPathFor(txt.path));
    return parseBrat({ path: txt.path, txt: encoder.encode(txt.content), ...(ann ? { ann: ann.content } : {}), annFile: annPathFor(txt.path) }, errors, notes);
  });
  return { documents, errors, notes };
}

function doccanoInput(content: string, options = {}): ParsedImport {
  const errors: ImportError[] = [];
  const notes: ImportNotes = new Map();
  return { documents: parseDoccano('doccano.jsonl', content, options, errors, notes), errors, notes };
}

async function importInto(parsed: ParsedImport, host = new MemoryCorpusHost('mem:///empty'), options = {}) {
  const store = new CorpusStore(host);
  const report = await importIntoCorpus(store, host, 'mem:///empty', parsed, { now: '2026-12-01T00:00:00Z', ...options });
  const fresh = await storeOf(host); // read back from the files, as another session would
  return { report, host, store: fresh, articles: articlesForExport(fresh, 'mem:///empty').articles };
}

describe('round trips', function () {
  // Loading and parsing the seeds takes a few hundred ms, more on a busy machine.
  this.timeout(30000);
  it('seeds → brat → import into an empty folder: the same spans, labels, statuses and entity links', async function () {
    this.timeout(30000);
    const seeds = await seedArticles();
    const exported = exportArticles(seeds, 'brat', { status: 'all' });
    const { report, articles, store } = await importInto(bratInput(exported.files));
    assert.deepEqual(report.refused, []);
    assert.equal(report.annotations, 267);
    assert.equal(report.duplicates, 0);
    assert.deepEqual(spansOf(articles), spansOf(seeds));
    assert.equal(spansOf(seeds).length, 267);
    // Texts are byte for byte, and the new corpus validates with no problem.
    for (const article of articles) assert.equal(article.text, seeds.find((s) => s.path === article.path)!.text);
    assert.deepEqual([...store.diagnostics().values()].flat().map((d) => d.message), []);
    // The notes survive (one line each, as brat holds them).
    const note = articles[0]!.sidecar.annotations.find((a) => a.start === 0)!.note;
    assert.equal(note, 'The outlet, named before the dash like a dateline.');
  });

  it('seeds → doccano → import into an empty folder: the same spans, labels and entity links', async function () {
    this.timeout(30000);
    const seeds = await seedArticles();
    const exported = exportArticles(seeds, 'doccano', { status: 'all' });
    const { report, articles } = await importInto(doccanoInput(exported.files[0]!.content));
    assert.deepEqual(report.refused, []);
    // doccano has no review status: every imported span is proposed, the rest is kept.
    const withoutStatus = (lines: string[]) => lines.map((l) => l.replace(/ (accepted|proposed|rejected) →/, ' →'));
    assert.deepEqual(withoutStatus(spansOf(articles)), withoutStatus(spansOf(seeds)));
    assert.ok(articles.every((a) => a.sidecar.annotations.every((x) => x.status === 'proposed')));
  });

  it('the tricky article (BOM, CRLF, emoji, combining marks) survives brat and doccano', async function () {
    this.timeout(10000);
    const tricky = await trickyArticles();
    for (const format of ['brat', 'doccano'] as const) {
      const exported = exportArticles(tricky, format, { status: 'all' });
      const parsed = format === 'brat' ? bratInput(exported.files) : doccanoInput(exported.files[0]!.content);
      const { articles, report } = await importInto(parsed);
      // a7 and a8 are the same span from two annotators; neither format says who, so they are one.
      assert.equal(report.duplicates, 1, format);
      const keep = (lines: string[]) => [...new Set(lines.map((l) => l.replace(/ (accepted|proposed|rejected) →/, ' →')))];
      assert.deepEqual(keep(spansOf(articles)), keep(spansOf(tricky)), format);
      const quoted = articles[0]!.sidecar.annotations.find((a) => a.label === 'LOC' && a.text.includes('\r\n'));
      assert.equal(quoted?.text, 'Vietnam.\r\nLalu', `${format}: the span across the line break is one span again`);
    }
  });
});

describe('import into an existing corpus', function () {
  // Loading and parsing the seeds takes a few hundred ms, more on a busy machine.
  this.timeout(30000);
  it('merges by article: new spans are added, identical ones skipped, the rest of the sidecar kept', async function () {
    this.timeout(10000);
    const tricky = await trickyArticles();
    const exported = exportArticles(tricky, 'doccano', { status: 'all' });
    const host = new MemoryCorpusHost('mem:///empty');
    await importInto(doccanoInput(exported.files[0]!.content), host);
    const again = await importInto(doccanoInput(exported.files[0]!.content), host, { author: 'carol', status: 'accepted' });
    assert.equal(again.report.annotations, 0);
    assert.equal(again.report.duplicates, 8);
    assert.equal(again.report.articlesMerged, 1);
    const line = JSON.parse(exported.files[0]!.content);
    line.label.push([6, 8, 'EMOJI']);
    const third = await importInto(doccanoInput(JSON.stringify(line)), host, { author: 'carol', status: 'accepted' });
    assert.equal(third.report.annotations, 1);
    assert.deepEqual(third.report.labelsAdded, ['EMOJI']);
    const added = third.articles[0]!.sidecar.annotations.find((a) => a.label === 'EMOJI')!;
    assert.deepEqual([added.text, added.author, added.status, added.created], ['👍🏽', 'carol', 'accepted', '2026-12-01T00:00:00Z']);
    assert.equal(added.prefix, 'Putin ');
    assert.match(third.host.text('mem:///empty/entities.yaml')!, /EMOJI: \{ name: EMOJI, color: "#20a0a0" \}/);
    assert.deepEqual([...third.store.diagnostics().values()].flat().map((d) => d.message), []);
  });

  it('refuses, writing nothing, when an article of that name has another text', async () => {
    const host = new MemoryCorpusHost('mem:///empty');
    host.put('a.txt', 'Another text.');
    const before = new Map(host.files);
    const parsed = doccanoInput(`${JSON.stringify({ text: 'Putin tiba.', label: [[0, 5, 'PER']], meta: { file: 'a.txt' } })}\n`);
    const { report } = await importInto(parsed, host);
    assert.equal(report.refused.length, 1);
    assert.match(report.refused[0]!, /mem:\/\/\/empty\/a\.txt: an article with a different text is already there/);
    assert.deepEqual(host.writes, []);
    assert.deepEqual(host.files, before);
  });

  it('refuses the whole import on a malformed input line, writing nothing', async () => {
    const parsed = doccanoInput('{"text": "ok", "label": []}\n{"text": "Putin", "label": [[0, 9, "PER"]]}\n{bad\n');
    assert.deepEqual(parsed.errors.map((e) => [e.line, e.column]), [[2, 1], [3, 2]]);
    assert.match(parsed.errors[0]!.message, /span \[0, 9\] is not inside the text \(5 code points/);
    const { report, host } = await importInto(parsed);
    assert.equal(report.refused.length, 2);
    assert.match(report.refused[1]!, /^doccano\.jsonl:3:2: error: not valid JSON/);
    assert.deepEqual(host.writes, []);
  });
});

describe('brat import', function () {
  // Loading and parsing the seeds takes a few hundred ms, more on a busy machine.
  this.timeout(30000);
  const txt = 'Putin met Kim\nin Pyongyang.';
  const parse = (ann: string) => {
    const errors: ImportError[] = [];
    const notes: ImportNotes = new Map();
    const document: ImportDocument = parseBrat({ path: 'x.txt', txt: encoder.encode(txt), ann, annFile: 'x.ann' }, errors, notes);
    return { document, errors, notes: Object.fromEntries(notes) };
  };

  it('reads T, N, # and Status lines, and counts E, R, * lines, other attributes and discontinuous spans', () => {
    const { document, errors, notes } = parse([
      'T1\tPER 0 5\tPutin', 'N1\tReference T1 Wikidata:Q7747\tVladimir Putin', '#1\tAnnotatorNotes T1\tsure',
      'A1\tStatus T1 rejected', 'A2\tNegated T1', 'T2\tPER 10 13\tKim', 'T3\tLOC 14 16;17 26\tin Pyongyang',
      'T4\tLOC 0 5;10 13\tPutin Kim', 'R1\tMeets Arg1:T1 Arg2:T2', 'E1\tMeet:T1', '*\tAlias T1 T2', '',
    ].join('\n'));
    assert.deepEqual(errors, []);
    assert.deepEqual(document.spans, [
      { start: 0, end: 5, label: 'PER', reference: 'Wikidata:Q7747', entityName: 'Vladimir Putin', note: 'sure', status: 'rejected' },
      { start: 10, end: 13, label: 'PER' },
      { start: 14, end: 26, label: 'LOC' },
    ]);
    assert.deepEqual(notes, {
      'attributes other than Status (proposed, accepted, rejected) not imported': 1,
      'spans written as fragments across a line break imported as one span': 1,
      'discontinuous spans not imported (the corpus holds one stretch per annotation)': 1,
      'relations (R lines) not imported': 1,
      'events (E lines) not imported': 1,
      'equivalences (* lines) not imported': 1,
    });
  });

  it('stops at a T line whose text is not the .txt\'s, and at a line it cannot read, with line and column', () => {
    const { errors } = parse('T1\tPER 0 5\tPutin\nT2\tPER 1 6\tPutin\nT3\tPER 0 99\tx\nX1\tstrange\nN1\tReference T9 Wikidata:Q1\tx\n');
    assert.deepEqual(errors.map((e) => `${e.file}:${e.line}:${e.column}`), ['x.ann:2:12', 'x.ann:3:8', 'x.ann:4:1', 'x.ann:5:14']);
    assert.match(errors[0]!.message, /the text is "Putin" but x\.txt has "utin " at 1 6/);
  });
});

describe('doccano import', function () {
  // Loading and parsing the seeds takes a few hundred ms, more on a busy machine.
  this.timeout(30000);
  it('reads the entities/relations shape, counting the relations it cannot import', () => {
    const parsed = doccanoInput(`${JSON.stringify({
      text: 'Putin met Kim.', entities: [{ id: 1, label: 'PER', start_offset: 0, end_offset: 5 }, { id: 2, label: 'PER', start_offset: 10, end_offset: 13 }],
      relations: [{ id: 1, from_id: 1, to_id: 2, type: 'met' }],
    })}\n`);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.documents[0]!.spans.map((s) => [s.start, s.end, s.label]), [[0, 5, 'PER'], [10, 13, 'PER']]);
    assert.equal(parsed.documents[0]!.path, 'doccano-0001.txt');
    assert.deepEqual(Object.fromEntries(parsed.notes), { 'doccano relations not imported (a fact needs a value, not only two spans)': 1 });
  });

  it('takes renamed text and label columns, and says which one is missing', () => {
    const line = `${JSON.stringify({ body: 'Kim 😀 Jong Un', tags: [[6, 13, 'PER']] })}\n`;
    const parsed = doccanoInput(line, { textField: 'body', labelField: 'tags' });
    assert.deepEqual(parsed.errors, []);
    assert.equal(Array.from(parsed.documents[0]!.text).slice(6, 13).join(''), 'Jong Un');
    const wrong = doccanoInput(line);
    assert.match(wrong.errors[0]!.message, /no string field `text` \(use --text-field/);
  });

  it('never names an article outside the corpus folder', () => {
    const parsed = doccanoInput(`${JSON.stringify({ text: 'x', label: [], meta: { file: '../../etc/passwd' } })}\n${JSON.stringify({ text: 'y', label: [], meta: { file: '/abs/y.txt' } })}\n`);
    assert.deepEqual(parsed.documents.map((d) => d.path), ['doccano-0001.txt', 'doccano-0002.txt']);
  });
});
