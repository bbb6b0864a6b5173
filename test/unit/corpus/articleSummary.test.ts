import * as assert from 'node:assert/strict';
import { articleTitle, firstLineTitle, groupByLabel, matchesFilter, orphanedItems, sortArticles, summarizeArticle } from '../../../src/core/corpus/articleSummary';
import type { Annotation, Sidecar } from '../../../src/core/model/types';
import { registryIndex } from '../fixtures';

const a = (id: string, label: string, start: number, text: string, extra: Partial<Annotation> = {}): Annotation => ({
  id, label, start, end: start + [...text].length, text, ...extra,
});

function sidecar(annotations: Annotation[], source: Partial<Sidecar['source']> = {}): Sidecar {
  return { version: 1, source: { file: 'x.txt', ...source }, annotations, facts: [] };
}

describe('article summaries (the Articles view model)', () => {
  it('takes the title from the sidecar, else the first non-empty line, else the file name', () => {
    assert.equal(firstLineTitle('\n\n  Putin Pertemuan Bersejarah di Pyongyang \r\nisi'), 'Putin Pertemuan Bersejarah di Pyongyang');
    assert.equal(summarizeArticle('f:///c/a.txt', sidecar([], { title: 'From sidecar' }), 'First line', 0).title, 'From sidecar');
    assert.equal(summarizeArticle('f:///c/a.txt', undefined, 'First line', 0).title, 'First line');
    assert.equal(summarizeArticle('f:///c/a.txt', undefined, undefined, 0).title, 'a.txt');
  });

  it('articleTitle: the sidecar title (trimmed), else the first line known or read from the text, else the file name', () => {
    assert.equal(articleTitle(sidecar([], { title: '  Putin di Pyongyang ' }), { firstLine: 'Baris pertama' }, 'f:///c/a.txt'), 'Putin di Pyongyang');
    assert.equal(articleTitle(sidecar([], { title: '  ' }), { firstLine: 'Baris pertama' }, 'f:///c/a.txt'), 'Baris pertama');
    assert.equal(articleTitle(undefined, { text: '\r\n\n  Kim Jong Un 👋🏽 \r\nisi' }, 'f:///c/a.txt'), 'Kim Jong Un 👋🏽');
    assert.equal(articleTitle(sidecar([]), { text: ' \n\t\n' }, 'f:///c/berita%20satu.txt'), 'berita%20satu.txt');
    assert.equal(articleTitle(undefined, undefined, 'f:///c/b.txt'), 'b.txt');
  });

  it('a first line over 120 code points becomes a title of 120, ending in an ellipsis', () => {
    const line = `${'Kunjungan Putin '.repeat(8)}akhir`; // 133 code points
    const title = firstLineTitle(`${line}\nisi`)!;
    assert.equal(title, `${'Kunjungan Putin '.repeat(7)}Kunjung…`);
    assert.equal([...title].length, 120);
  });

  it('counts annotations, those awaiting review, and derives the state', () => {
    const none = summarizeArticle('u', undefined, 't', 0);
    assert.equal(none.state, 'empty');
    const proposed = summarizeArticle('u', sidecar([a('1', 'PER', 0, 'Putin'), a('2', 'PER', 9, 'Kim', { status: 'proposed' })]), 't', 0);
    assert.deepEqual([proposed.annotationCount, proposed.awaitingReview, proposed.state], [2, 2, 'in-progress']);
    const mixed = summarizeArticle('u', sidecar([a('1', 'PER', 0, 'Putin', { status: 'accepted' }), a('2', 'PER', 9, 'Kim')]), 't', 0);
    assert.equal(mixed.state, 'needs-review');
    const done = summarizeArticle('u', sidecar([a('1', 'PER', 0, 'Putin', { status: 'accepted' }), a('2', 'PER', 9, 'Kim', { status: 'rejected' })]), 't', 0);
    assert.deepEqual([done.awaitingReview, done.state], [0, 'reviewed']);
    assert.equal(summarizeArticle('u', sidecar([a('1', 'PER', 0, 'Putin', { orphaned: true })]), 't', 0).state, 'problems');
    assert.equal(summarizeArticle('u', sidecar([a('1', 'PER', 0, 'Putin')]), 't', 2).state, 'problems');
  });

  it('groups by label in registry order, then by entity, mentions in text order', () => {
    const groups = groupByLabel([
      a('3', 'LOC', 40, 'Pyongyang', { entity: 'pyongyang' }),
      a('2', 'PER', 30, 'Putin', { entity: 'vladimir-putin' }),
      a('1', 'PER', 10, 'Vladimir Putin', { entity: 'vladimir-putin' }),
      a('4', 'PER', 50, 'Kim'),
      a('5', 'PER', 60, 'Shoigu', { status: 'rejected' }),
      a('6', 'PER', 70, 'Lavrov', { orphaned: true }),
      a('7', 'ZZZ', 80, 'odd'),
    ], registryIndex());
    assert.deepEqual(groups.map((g) => [g.label, g.labelName]), [['PER', 'Person'], ['LOC', 'Place'], ['ZZZ', 'ZZZ']]);
    const people = groups[0]!.entities;
    assert.deepEqual(people.map((e) => e.name), ['Kim', 'Vladimir Putin']);
    assert.deepEqual(people[1]!.mentions.map((m) => m.id), ['1', '2']);
    assert.equal(people[0]!.entityId, undefined);
  });

  it('lists orphaned items', () => {
    assert.deepEqual(orphanedItems(sidecar([a('1', 'PER', 0, 'x', { orphaned: true }), a('2', 'PER', 3, 'y')])).map((i) => i.id), ['1']);
  });

  it('sorts by outlet and by date, unknown last, and filters on every word', () => {
    const list = [
      summarizeArticle('u/b.txt', sidecar([], { title: 'B', outlet: 'Kompas', published: '2024-06-20' }), undefined, 0),
      summarizeArticle('u/a.txt', sidecar([], { title: 'A' }), undefined, 0),
      summarizeArticle('u/c.txt', sidecar([], { title: 'C', outlet: 'Antara', published: '2024-06-19' }), undefined, 0),
    ];
    assert.deepEqual(sortArticles(list, 'outlet').map((x) => x.title), ['C', 'B', 'A']);
    assert.deepEqual(sortArticles(list, 'date').map((x) => x.title), ['C', 'B', 'A']);
    assert.deepEqual(sortArticles(list, 'title').map((x) => x.title), ['A', 'B', 'C']);
    assert.ok(matchesFilter(list[0]!, 'kompas 2024-06'));
    assert.ok(!matchesFilter(list[0]!, 'kompas antara'));
  });
});
