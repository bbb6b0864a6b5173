// Every export checked by readers this project did not write: Python's standard library reads
// the JSONL, brat and CSV output; jsonld (the JSON-LD reference implementation for JavaScript)
// expands the W3C output offline; the CoNLL tags are checked against IOB2 and the mentions.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as jsonld from 'jsonld';
import { DOCSTART, exportArticles, type ExportArticle, type ExportFormat } from '../../../src/core/interchange';
import { python3, repoRoot, runPython, seedArticles, TRICKY_TEXT, trickyArticles } from './helpers';

function writeOut(files: { path: string; content: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sa-export-'));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content, 'utf8');
  }
  return dir;
}

/** For every JSONL line: each span's text[start:end] equals its stated text (or the article's own check). */
const PY_CHECK_JSONL = `
import json, sys
path, kind = sys.argv[1], sys.argv[2]
checked = 0
with open(path, encoding='utf-8', newline='') as f:
    for line in f:
        doc = json.loads(line)
        text = doc['text']
        if kind == 'jsonl':
            for s in doc['spans'] + doc['facts']:
                assert text[s['start']:s['end']] == s['text'], (s, text[s['start']:s['end']])
                checked += 1
        elif kind == 'doccano':
            for start, end, label in doc['label']:
                assert 0 <= start < end <= len(text), (start, end)
                checked += 1
            for start, end, label, ref, name in doc['meta']['entity_links']:
                assert [start, end, label] in doc['label'], (start, end, label)
        elif kind == 'spacy':
            last = 0
            for e in doc['ents']:
                assert last <= e['start'] < e['end'] <= len(text), e
                last = e['end']
                checked += 1
        print(json.dumps([text[s:e] for s, e in ([(x['start'], x['end']) for x in doc.get('spans', doc.get('ents', []))] or [(x[0], x[1]) for x in doc.get('label', [])])]))
print(checked)
`;

function skipWithoutPython(context: Mocha.Context): void {
  if (!python3) {
    console.log('      (python3 not found: the independent Python reader is skipped)');
    context.skip();
  }
}

async function exportDir(articles: ExportArticle[], format: ExportFormat, options: Parameters<typeof exportArticles>[2] = {}) {
  const output = exportArticles(articles, format, options);
  return { output, dir: writeOut(output.files) };
}

describe('exports read by independent readers', function () {
  // Loading and parsing the seeds takes a few hundred ms, more on a busy machine.
  this.timeout(30000);
  const dirs: string[] = [];
  after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

  for (const format of ['jsonl', 'doccano', 'spacy'] as const) {
    it(`${format}: Python reads every line and text[start:end] is each span (emoji, combining marks, CRLF, BOM)`, async function () {
      skipWithoutPython(this);
      this.timeout(20000);
      const { output, dir } = await exportDir(await trickyArticles(), format, { status: 'all' });
      dirs.push(dir);
      const lines = runPython(PY_CHECK_JSONL, [join(dir, output.files[0]!.path), format]).trim().split('\n');
      const slices = JSON.parse(lines[0]!) as string[];
      if (format === 'spacy') {
        // Flat: a6 (across the line break) wins over the two "Vietnam" inside it.
        assert.deepEqual(slices, ['Putin', 'Tô Lâm', 'Hanoi', 'Vietnam.\r\nLalu', 'Ha\u0300 No\u0302\u0323i', 'Kim 𝐉ong']);
      } else {
        assert.deepEqual(slices, ['Putin', 'Tô Lâm', 'Hanoi', 'Vietnam', 'Vietnam', 'Vietnam.\r\nLalu', 'Ha\u0300 No\u0302\u0323i', 'Kim 𝐉ong']);
      }
      assert.equal(Number(lines[1]), format === 'jsonl' ? 9 : format === 'doccano' ? 8 : 6);
    });
  }

  it('jsonl carries links, Wikidata ids, authors, statuses, facts and meta', async () => {
    const output = exportArticles(await trickyArticles(), 'jsonl', { status: 'all' });
    const doc = JSON.parse(output.files[0]!.content.trim());
    assert.equal(doc.text.startsWith('\uFEFF'), false);
    assert.deepEqual(doc.spans[0], { start: 0, end: 5, text: 'Putin', label: 'PER', entity: 'vladimir-putin', wikidata: 'Q7747', author: 'alice', status: 'accepted' });
    assert.deepEqual(doc.facts[0].subject, 'vladimir-putin');
    assert.equal(doc.meta.file, 'news/tricky.txt');
    assert.equal(doc.meta.title, 'Tricky, "quoted"');
    assert.match(doc.meta.sha256, /^[0-9a-f]{64}$/);
  });

  it('brat: Python finds every T line\'s text in the .txt at its offsets, fragments across lines included', async function () {
    skipWithoutPython(this);
    this.timeout(20000);
    for (const articles of [await trickyArticles(), await seedArticles()]) {
      const { dir } = await exportDir(articles, 'brat', { status: 'all' });
      dirs.push(dir);
      const script = `
import glob, os, sys
total = 0
for ann in sorted(glob.glob(os.path.join(sys.argv[1], '**', '*.ann'), recursive=True)):
    text = open(ann[:-4] + '.txt', encoding='utf-8', newline='').read()
    for line in open(ann, encoding='utf-8', newline=''):
        line = line.rstrip('\\n')
        if not line.startswith('T'):
            continue
        ident, spec, covered = line.split('\\t')
        label, ranges = spec.split(' ', 1)
        pieces = [text[int(s):int(e)] for s, e in (r.split(' ') for r in ranges.split(';'))]
        assert ' '.join(pieces) == covered, (ann, line, pieces)
        total += 1
print(total)
`;
      const total = Number(runPython(script, [dir]).trim());
      assert.equal(total, articles.length === 1 ? 8 : 267);
    }
  });

  it('brat: .ann lines for links, statuses and notes, and an annotation.conf with the labels', async () => {
    const output = exportArticles(await trickyArticles(), 'brat', { status: 'all' });
    const ann = output.files.find((f) => f.path === 'news/tricky.ann')!.content.split('\n');
    assert.equal(output.files.find((f) => f.path === 'news/tricky.txt')!.content, TRICKY_TEXT);
    assert.deepEqual(ann.slice(0, 4), [
      'T1\tPER 0 5\tPutin',
      'N1\tReference T1 Wikidata:Q7747\tVladimir Putin',
      'A1\tStatus T1 accepted',
      '#1\tAnnotatorNotes T1\tfirst line second line',
    ]);
    assert.ok(ann.includes('N2\tReference T2 Registry:to-lam\tTô Lâm'), ann.join('\n'));
    assert.ok(ann.some((line) => /^T\d+\tLOC 34 42;44 48\tVietnam\. Lalu$/.test(line)), ann.join('\n'));
    const conf = output.files.find((f) => f.path === 'annotation.conf')!.content;
    assert.match(conf, /\[entities\]\nPER\nLOC\n/);
    assert.match(conf, /Status\tArg:<ENTITY>, Value:proposed\|accepted\|rejected/);
  });

  it('conll: valid IOB2 tags that rebuild the flat mentions, a DOCSTART per article, sentences apart', async () => {
    const articles = await seedArticles();
    const output = exportArticles(articles, 'conll', { status: 'all' });
    const annotated = new Set(articles.flatMap((a) => a.sidecar.annotations.map((x) => `${x.label}:${x.text.replace(/\s+/gu, '')}`)));
    const lines = output.files[0]!.content.split('\n');
    assert.equal(lines.filter((l) => l === DOCSTART).length, 5);
    const mentions: string[] = [];
    let previous = 'O';
    let current: { label: string; tokens: string[] } | undefined;
    const close = () => { if (current) mentions.push(`${current.label}:${current.tokens.join('')}`); current = undefined; };
    for (const line of lines) {
      if (line === '' || line === DOCSTART) { close(); previous = 'O'; continue; }
      const columns = line.split(' ');
      assert.equal(columns.length, 4, line);
      const tag = columns[3]!;
      assert.match(tag, /^(O|[BI]-[A-Z]+)$/, line);
      if (tag.startsWith('I-')) assert.ok(previous !== 'O' && previous.slice(2) === tag.slice(2), `I- after ${previous}: ${line}`);
      if (tag === 'O' || tag.startsWith('B-')) close();
      if (tag.startsWith('B-')) current = { label: tag.slice(2), tokens: [] };
      current?.tokens.push(columns[0]!);
      previous = tag;
    }
    close();
    // Every rebuilt mention (tokens joined; CoNLL keeps no spaces) is an annotated one: 267
    // annotations less 1 identical pair collapsed and 45 nested in longer ones.
    for (const mention of mentions) assert.ok(annotated.has(mention), mention);
    assert.equal(mentions.length, 221);
    assert.equal(output.summary.annotations, 221);
    assert.ok(mentions.includes('EVENT:KunjunganPresidenRusiaVladimirPutinkeKoreaUtara'));
    assert.ok(mentions.includes('DATE:Rabu,19Juni2024'));
    const notes = Object.fromEntries(output.summary.notes.map((n) => [n.message.split(' ')[0], n.count]));
    assert.equal(notes['identical'], 1);
    assert.equal(notes['spans'], 45);
  });

  it('conll: the tricky article tokenises on code points and joins the sentences a mention crosses', async () => {
    const output = exportArticles(await trickyArticles(), 'conll', { status: 'all' });
    const body = output.files[0]!.content;
    assert.ok(body.includes('👍🏽 _ _ O\n'), body);
    assert.ok(body.includes('Ha\u0300 _ _ B-LOC\nNo\u0302\u0323i _ _ I-LOC\n'), body);
    assert.ok(body.includes('Vietnam _ _ B-LOC\n. _ _ I-LOC\nLalu _ _ I-LOC\n'), body);
    assert.equal(body.split('\n\n').filter((s) => s.trim() !== '' && s.trim() !== DOCSTART).length, 1, 'one sentence: the line-crossing mention joins both lines');
  });

  it('w3c: expands offline with jsonld into Web Annotation terms with both selectors', async () => {
    const contextDocument = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'w3c', 'anno-terms.jsonld'), 'utf8'));
    const documentLoader = async (url: string) => {
      if (url !== 'http://www.w3.org/ns/anno.jsonld') throw new Error(`offline test: no document for ${url}`);
      return { contextUrl: undefined, documentUrl: url, document: contextDocument };
    };
    const output = exportArticles(await trickyArticles(), 'w3c', { status: 'all' });
    const collection = JSON.parse(output.files[0]!.content);
    const expanded = await jsonld.expand(collection, { documentLoader: documentLoader as never, base: 'https://example.org/corpus/' });
    const OA = 'http://www.w3.org/ns/oa#';
    const AS = 'http://www.w3.org/ns/activitystreams#';
    const root = expanded[0] as Record<string, any>;
    assert.deepEqual(root['@type'], [`${AS}OrderedCollection`]);
    const items = root[`${AS}first`][0][`${AS}items`][0]['@list'] as Record<string, any>[];
    assert.equal(items.length, 8);
    const first = items[0]!;
    assert.deepEqual(first['@type'], [`${OA}Annotation`]);
    const target = first[`${OA}hasTarget`][0];
    assert.equal(target[`${OA}hasSource`][0]['@id'], 'https://example.org/corpus/news/tricky.txt');
    const selectors = target[`${OA}hasSelector`] as Record<string, any>[];
    const quote = selectors.find((s) => s['@type'][0] === `${OA}TextQuoteSelector`)!;
    const position = selectors.find((s) => s['@type'][0] === `${OA}TextPositionSelector`)!;
    assert.equal(quote[`${OA}exact`][0]['@value'], 'Putin');
    assert.equal(quote[`${OA}suffix`][0]['@value'], ' 👍🏽 bertemu Tô Lâm di Hanoi, Vie'); // 32 code points
    assert.equal(position[`${OA}start`][0]['@value'], 0);
    assert.equal(position[`${OA}end`][0]['@value'], 5);
    const bodies = first[`${OA}hasBody`] as Record<string, any>[];
    const purposes = bodies.map((b) => b[`${OA}hasPurpose`]?.[0]['@id']);
    assert.deepEqual(purposes, [`${OA}tagging`, `${OA}identifying`, `${OA}commenting`]);
    assert.equal(bodies[1]![`${OA}hasSource`][0]['@id'], 'http://www.wikidata.org/entity/Q7747');
    assert.equal(first['http://purl.org/dc/terms/creator'][0]['http://xmlns.com/foaf/0.1/name'][0]['@value'], 'alice');
    // Every exact quote is the text at its position (code points).
    const chars = Array.from(TRICKY_TEXT);
    for (const item of items) {
      const sels = item[`${OA}hasTarget`][0][`${OA}hasSelector`] as Record<string, any>[];
      const exact = sels.find((s) => s['@type'][0] === `${OA}TextQuoteSelector`)![`${OA}exact`][0]['@value'];
      const pos = sels.find((s) => s['@type'][0] === `${OA}TextPositionSelector`)!;
      assert.equal(chars.slice(pos[`${OA}start`][0]['@value'], pos[`${OA}end`][0]['@value']).join(''), exact);
    }
  });

  it('csv: Python\'s csv reads the facts with quotes, offsets and agreement', async function () {
    skipWithoutPython(this);
    this.timeout(20000);
    const { dir } = await exportDir(await seedArticles(), 'csv');
    dirs.push(dir);
    const script = `
import csv, json, sys
with open(sys.argv[1], encoding='utf-8', newline='') as f:
    rows = list(csv.DictReader(f))
print(json.dumps({'n': len(rows), 'columns': list(rows[0].keys()), 'verdicts': sorted(set(r['agreement'] for r in rows)),
  'first': rows[0], 'multiline': sum(1 for r in rows if '\\n' in r['quote'] or ',' in r['quote'])}))
`;
    const result = JSON.parse(runPython(script, [join(dir, 'facts.csv')]));
    assert.equal(result.n, 44); // 46 facts, two of them proposed
    assert.deepEqual(result.columns, ['subject', 'subject_name', 'property', 'value', 'normalized_value', 'article', 'title', 'outlet', 'quote', 'start', 'end', 'status', 'author', 'agreement', 'sources', 'agreeing_sources']);
    assert.deepEqual(result.verdicts, ['agree', 'conflict', 'single']);
    assert.equal(result.first.subject, 'putin-visit-north-korea-2024');
    assert.equal(result.first.quote, 'Kunjungan Presiden Rusia Vladimir Putin ke Korea Utara pada Rabu, 19 Juni 2024');
    assert.equal(result.first.start, '23');
    assert.ok(result.multiline > 0, 'some quotes needed quoting');
    const seeds = await seedArticles();
    const text = seeds.find((a) => a.path === result.first.article)!.text;
    assert.equal(Array.from(text).slice(Number(result.first.start), Number(result.first.end)).join(''), result.first.quote);
  });
});

describe('export filters', function () {
  // Loading and parsing the seeds takes a few hundred ms, more on a busy machine.
  this.timeout(30000);
  it('counts what each filter leaves out, in a fixed order', async () => {
    const articles = await trickyArticles();
    const accepted = exportArticles(articles, 'jsonl');
    assert.equal(accepted.summary.annotations, 7);
    assert.deepEqual(accepted.summary.leftOut.annotations, { status: 1, labels: 0, authors: 0, orphaned: 0, mismatched: 0 });
    const loc = exportArticles(articles, 'jsonl', { status: 'all', labels: ['LOC'] });
    assert.equal(loc.summary.annotations, 5);
    assert.equal(loc.summary.leftOut.annotations.labels, 3);
    const bob = exportArticles(articles, 'jsonl', { status: 'accepted', labels: ['LOC'], authors: ['bob'] });
    assert.deepEqual(bob.summary.leftOut.annotations, { status: 1, labels: 2, authors: 2, orphaned: 0, mismatched: 0 });
    assert.equal(bob.summary.annotations, 3);
    assert.deepEqual(bob.summary.leftOut.facts, { status: 0, labels: 0, authors: 1, orphaned: 0, mismatched: 0 });
  });

  it('never exports an orphaned item or one whose quote no longer matches the text', async () => {
    const [article] = await trickyArticles();
    const broken: ExportArticle = {
      ...article!,
      sidecar: {
        ...article!.sidecar,
        annotations: [
          { ...article!.sidecar.annotations[0]!, id: 'o', orphaned: true },
          { ...article!.sidecar.annotations[1]!, id: 'm', start: 1 },
        ],
      },
    };
    const output = exportArticles([broken], 'jsonl', { status: 'all' });
    assert.equal(output.summary.annotations, 0);
    assert.equal(output.summary.leftOut.annotations.orphaned, 1);
    assert.equal(output.summary.leftOut.annotations.mismatched, 1);
  });
});
