import * as assert from 'node:assert/strict';
import { renderComparePage } from '../../../src/core/crossSource/compareHtml';
import { comparePage, compareTable } from '../../../src/core/crossSource/compareTable';
import { CorpusIndex } from '../../../src/core/crossSource/corpusIndex';
import type { Entity, Label, Registry } from '../../../src/core/model/types';

// Code points: 😀 0, Putin 2–7, Pyongyang 16–25, sentence 2 from 27: Putin 27–32, "berusia 71 tahun" 33–49.
const TEXT_A = '😀 Putin tiba di Pyongyang. Putin berusia 71 tahun.';
// Putin 9–14, "72" 16–18.
const TEXT_B = 'Presiden Putin, 72, tiba.';
const URI_A = 'file:///corpus/a.txt';
const URI_B = 'file:///corpus/b.txt';

function registry(putin: Partial<Entity> = {}): Registry {
  return {
    version: 1,
    labels: [{ id: 'PER', name: 'Person', color: '#e0a030' }, { id: 'LOC', name: 'Place', color: '#30a060' }],
    entities: [
      { id: 'vladimir-putin', label: 'PER', name: 'Vladimir Putin', aliases: [], description: 'Presiden Rusia', wikidata: 'Q7747',
        facts: [{ property: 'age', value: '71', source: 'Wikidata' }], ...putin },
      { id: 'pyongyang', label: 'LOC', name: 'Pyongyang', aliases: [] },
    ],
  };
}

function lookups(reg: Registry): { entities: ReadonlyMap<string, Entity>; labels: ReadonlyMap<string, Label> } {
  return { entities: new Map(reg.entities.map((e) => [e.id, e])), labels: new Map(reg.labels.map((l) => [l.id, l])) };
}

function corpus(reg = registry()): CorpusIndex {
  const index = new CorpusIndex(reg);
  index.updateArticle({
    uri: URI_A, title: 'Berita A', outlet: 'Antara', text: TEXT_A,
    sidecar: {
      version: 1, source: { file: 'a.txt' },
      annotations: [
        { id: 'a1', label: 'PER', entity: 'vladimir-putin', start: 2, end: 7, text: 'Putin' },
        { id: 'a2', label: 'LOC', entity: 'pyongyang', start: 16, end: 25, text: 'Pyongyang' },
        { id: 'a3', label: 'PER', entity: 'vladimir-putin', start: 27, end: 32, text: 'Putin' },
      ],
      facts: [{ id: 'f1', subject: 'vladimir-putin', property: 'age', value: '71', start: 33, end: 49, text: 'berusia 71 tahun' }],
    },
  });
  index.updateArticle({
    uri: URI_B, title: 'Berita B', text: TEXT_B,
    sidecar: {
      version: 1, source: { file: 'b.txt' },
      annotations: [{ id: 'b1', label: 'PER', entity: 'vladimir-putin', start: 9, end: 14, text: 'Putin' }],
      facts: [{ id: 'f1', subject: 'vladimir-putin', property: 'age', value: '72', start: 16, end: 18, text: '72' }],
    },
  });
  return index;
}

describe('Compare Sources: the table model', () => {
  it('makes a column per source (references first), a row per property, each value shaded by which value it is', () => {
    const page = comparePage(corpus(), lookups(registry()), { entity: 'vladimir-putin' });
    assert.equal(page.kind, 'entity');
    assert.deepEqual(page.facts.columns, [
      { key: 'ref:Wikidata', name: 'Wikidata', reference: true },
      { key: `article:${URI_A}`, name: 'Antara', reference: false },
      { key: `article:${URI_B}`, name: 'Berita B', reference: false },
    ]);
    assert.deepEqual(page.facts.rows, [{
      name: 'age',
      verdict: { kind: 'conflict', values: 2 },
      cells: [
        [{ value: '71', shade: 0 }],
        [{ value: '71', shade: 0, fact: { articleUri: URI_A, factId: 'f1', sentence: 'Putin berusia 71 tahun.' } }],
        [{ value: '72', shade: 1, fact: { articleUri: URI_B, factId: 'f1', sentence: 'Presiden Putin, 72, tiba.' } }],
      ],
    }]);
  });

  it('says how many sources agree when they do, and how many speak when only one does', () => {
    const withBorn = comparePage(corpus(registry({ facts: [{ property: 'age', value: '71', source: 'Wikidata' }, { property: 'born', value: '1952-10-07', source: 'Wikidata' }] })),
      lookups(registry()), { entity: 'vladimir-putin' });
    assert.deepEqual(withBorn.facts.rows.map((r) => [r.name, r.verdict]), [
      ['age', { kind: 'conflict', values: 2 }],
      ['born', { kind: 'single', sources: 1 }],
    ]);
    // Without B's "72", A and Wikidata agree.
    const index = corpus();
    index.removeArticle(URI_B);
    const page = comparePage(index, lookups(registry()), { entity: 'vladimir-putin' });
    assert.deepEqual(page.facts.rows.map((r) => r.verdict), [{ kind: 'agree', sources: 2 }]);
    assert.deepEqual(page.facts.columns.map((c) => c.name), ['Wikidata', 'Antara']);
  });

  it('lists each mention with its sentence split around it in code points, the article named on its first mention', () => {
    const page = comparePage(corpus(), lookups(registry()), { entity: 'vladimir-putin' });
    assert.equal(page.kind, 'entity');
    if (page.kind !== 'entity') return;
    assert.deepEqual(page.mentions, [
      { articleUri: URI_A, annotationId: 'a1', article: { title: 'Berita A', outlet: 'Antara' }, before: '😀 ', mention: 'Putin', after: ' tiba di Pyongyang.' },
      { articleUri: URI_A, annotationId: 'a3', before: '', mention: 'Putin', after: ' berusia 71 tahun.' },
      { articleUri: URI_B, annotationId: 'b1', article: { title: 'Berita B' }, before: 'Presiden ', mention: 'Putin', after: ', 72, tiba.' },
    ]);
    assert.equal(page.articleCount, 2);
    assert.deepEqual(page.together, [{ name: 'Pyongyang', articles: 1, sentences: 1 }]);
    assert.equal(page.title, 'Vladimir Putin');
    assert.deepEqual(page.about, { label: 'Person', description: 'Presiden Rusia', wikidata: 'Q7747' });
  });

  it('shows an entity the registry does not have by its id, with no facts and no description', () => {
    const page = comparePage(corpus(), lookups(registry()), { entity: 'rusia' });
    assert.deepEqual(page, { kind: 'entity', entityId: 'rusia', title: 'rusia', facts: { rowHeader: 'Property', columns: [], rows: [] }, mentions: [], articleCount: 0, together: [] });
  });

  it('makes a property page of subjects × sources, narrowed to one subject when asked', () => {
    const all = comparePage(corpus(), lookups(registry()), { property: 'age' });
    assert.equal(all.title, 'age');
    assert.equal(all.facts.rowHeader, 'Subject');
    assert.deepEqual(all.facts.rows.map((r) => r.name), ['Vladimir Putin']);
    assert.deepEqual(comparePage(corpus(), lookups(registry()), { property: 'age', subject: 'pyongyang' }).facts.rows, []);
    assert.deepEqual(comparePage(corpus(), lookups(registry()), { property: 'age', subject: 'vladimir-putin' }).facts.rows.length, 1);
  });

  it('shades every value alike where a source states several (multi-valued: no conflict)', () => {
    const index = new CorpusIndex(registry({ facts: [] }));
    index.updateArticle({
      uri: URI_B, title: 'Berita B', text: TEXT_B,
      sidecar: { version: 1, source: { file: 'b.txt' }, annotations: [], facts: [
        { id: 'f1', subject: 'vladimir-putin', property: 'visited', value: 'Pyongyang', start: 0, end: 8, text: 'Presiden' },
        { id: 'f2', subject: 'vladimir-putin', property: 'visited', value: 'Hanoi', start: 9, end: 14, text: 'Putin' },
      ] },
    });
    const table = compareTable(index.factGroupsFor('vladimir-putin'), (g) => g.property, 'Property');
    assert.deepEqual(table.rows[0]!.cells[0]!.map((c) => [c.value, c.shade]), [['Pyongyang', 0], ['Hanoi', 0]]);
    assert.equal(table.rows[0]!.verdict.kind, 'single');
  });
});

describe('Compare Sources: the page', () => {
  it('renders the table, the verdict and the mentions', () => {
    const html = renderComparePage(comparePage(corpus(), lookups(registry()), { entity: 'vladimir-putin' }), 'n0nce');
    assert.match(html, /<h1>Vladimir Putin<\/h1>/);
    assert.match(html, /<p>Person · Presiden Rusia · Wikidata Q7747<\/p>/);
    assert.match(html, /<tr><th>Property<\/th><th>Verdict<\/th><th>Wikidata<br><small>reference<\/small><\/th><th>Antara<\/th><th>Berita B<\/th><\/tr>/);
    assert.match(html, /<th>age<\/th><td><span class="verdict-conflict">⚠ 2 different values<\/span><\/td>/);
    assert.ok(html.includes('<span class="v1"><a data-uri="file:///corpus/b.txt" data-id="f1" title="Presiden Putin, 72, tiba.">72</a></span>'));
    assert.match(html, /<h2>Mentions: 3 in 2 articles<\/h2>/);
    assert.ok(html.includes('😀 <mark>Putin</mark> tiba di Pyongyang.'));
    assert.match(html, /Pyongyang \(1 articles, 1 sentences\)/);
    assert.match(html, /<script nonce="n0nce">/);
  });

  it('escapes every piece of corpus text: names, descriptions, values, titles, sentences, uris and ids', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const reg = registry({ name: hostile, description: '"><script>alert(2)</script>' });
    const index = new CorpusIndex(reg);
    index.updateArticle({
      uri: 'file:///corpus/"x".txt', title: hostile, outlet: '<b>Outlet</b>', text: TEXT_B,
      sidecar: { version: 1, source: { file: 'x.txt' },
        annotations: [{ id: 'b"1', label: 'PER', entity: 'vladimir-putin', start: 9, end: 14, text: 'Putin' }],
        facts: [{ id: 'f1', subject: 'vladimir-putin', property: '<i>age</i>', value: '<u>72</u>', start: 16, end: 18, text: '72' }] },
    });
    const html = renderComparePage(comparePage(index, lookups(reg), { entity: 'vladimir-putin' }), 'n');
    assert.doesNotMatch(html, /<img|<b>|<i>|<u>|alert\(2\)<\/script>|data-uri="file:\/\/\/corpus\/"/);
    assert.ok(html.includes('<h1>&#60;img src=x onerror=alert(1)&#62;</h1>'));
    assert.ok(html.includes('&#60;u&#62;72&#60;/u&#62;'));
    assert.ok(html.includes('data-uri="file:///corpus/&#34;x&#34;.txt" data-id="b&#34;1"'));
    assert.equal(html.match(/<script/g)?.length, 1, 'only the page’s own script');
  });

  it('says so when no facts are recorded about the entity', () => {
    const html = renderComparePage(comparePage(new CorpusIndex(registry({ facts: [] })), lookups(registry()), { entity: 'pyongyang' }), 'n');
    assert.match(html, /No facts recorded about this entity yet/);
    assert.match(html, /<h2>Mentions: 0 in 0 articles<\/h2>/);
    assert.doesNotMatch(html, /Often mentioned with/);
  });
});
