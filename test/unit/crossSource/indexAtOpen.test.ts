// The index at open got faster (issue 12): sentences are split by a new scan into typed arrays,
// and only when a query first needs them. These properties pin that nothing it answers changed:
// the scan finds exactly the sentences of the splitter it replaced (kept in the tests as the
// reference), and every mention's and claim's sentence and every co-occurrence count equals
// what the reference splitter gives, whichever query comes first.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CorpusIndex, type ArticleInput } from '../../../src/core/crossSource';
import { OffsetMap } from '../../../src/core/text/offsets';
import { sentencesOverlapping, sentenceSpans, sentenceTable, type SentenceSpan } from '../../../src/core/text/sentences';
import type { Annotation, Fact, Registry } from '../../../src/core/model/types';
import { referenceSentenceSpans } from '../text/sentencesReference';

/**
 * What news text is made of where sentences are concerned: terminators, closers and openers,
 * abbreviations, initials, list numbers, reference markers, line breaks of every kind, and the
 * characters that make code points and UTF-16 differ (emoji, a lone surrogate) or that look
 * like letters without being ASCII (combining marks, İ, Cyrillic, Arabic, CJK).
 */
const PIECES = [
  'Dr', 'dr', 'Jl', 'No', 'no', 'dll', 'U.S', 'a.l', 'Ph.D', 'brigjen', 'Brigjen', 'letkol', 'Approx', 'iv', 'IV', 'b',
  'A', 'B', 'Budi', 'kata', 'Xy', '5', '12', '2024', '3.5', 'www.x.id',
  '.', '. ', '.  ', '!', '?', '!?', '…', '‼', '⁉', '...', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff',
  '"', "'", '“', '”', '‘', '’', '«', '»', '(', ')', '[', ']', '{', '}', '¿', '¡', '„', '‚', '‹', '›',
  '[1]', '[2, 3]', '[4-5]', ' [6]',
  '\n', '\r\n', '\r', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029',
  '😀', '👩‍👩‍👧', 'e\u0301', 'İ', 'Ж', 'ж', 'مرحبا', '中文', '𠀋', '\ud800',
];
const textArbitrary = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((pieces) => pieces.join(''));

const ENTITIES = ['a', 'b', 'c', 'd'];
const REGISTRY: Registry = {
  version: 1, labels: [{ id: 'PER', name: 'Person', color: '#e0a030' }],
  entities: ENTITIES.map((id) => ({ id, label: 'PER', name: `Name ${id}`, aliases: [] })),
};

/** Deterministic pseudo-random numbers (LCG). */
function random(seed: number): (limit: number) => number {
  return (limit) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % limit; };
}

/** An index input with its text given (not a source read later). */
type TextArticle = ArticleInput & { readonly text: string };

function makeArticle(uri: string, text: string, next: (limit: number) => number): TextArticle {
  const chars = Array.from(text);
  const span = (): [number, number] => {
    const start = next(chars.length + 1);
    return [start, Math.min(chars.length, start + next(8))];
  };
  const annotations: Annotation[] = [];
  for (let i = 0, n = next(8); i < n; i++) {
    const [start, end] = span();
    annotations.push({ id: `m${i}`, label: 'PER', start, end, text: chars.slice(start, end).join(''), entity: ENTITIES[next(ENTITIES.length)]!, status: next(6) === 0 ? 'rejected' : 'accepted' });
  }
  const facts: Fact[] = [];
  for (let i = 0, n = next(4); i < n; i++) {
    const [start, end] = span();
    facts.push({ id: `f${i}`, subject: ENTITIES[next(2)]!, property: next(2) === 0 ? 'age' : 'office', value: String(next(3)), start, end, text: chars.slice(start, end).join(''), status: 'accepted' });
  }
  return { uri, title: uri, text, sidecar: { version: 1, source: { file: uri }, annotations, facts } };
}

/** The text of the reference splitter's sentence(s) around a span, as the index quotes it. */
function referenceSentence(spans: readonly SentenceSpan[], chars: readonly string[], start: number, end: number, quote: string): { start: number; end: number; text: string } {
  const range = sentencesOverlapping(spans, start, end);
  if (!range) return { start, end, text: quote };
  const from = spans[range.first]!.start;
  const to = spans[range.last]!.end;
  return { start: from, end: to, text: chars.slice(from, to).join('') };
}

/** Co-occurrence counts of `entity` computed by brute force from the reference sentences. */
function referenceCoOccurrence(articles: readonly TextArticle[], entity: string): Map<string, { articles: number; sentences: number }> {
  const totals = new Map<string, { articles: number; sentences: number }>();
  for (const article of articles) {
    const spans = referenceSentenceSpans(article.text);
    const mentions = article.sidecar.annotations.filter((a) => a.status !== 'rejected');
    const sentencesOf = (a: Annotation): number[] => {
      const range = sentencesOverlapping(spans, a.start, a.end);
      const all: number[] = [];
      if (range) for (let s = range.first; s <= range.last; s++) all.push(s);
      return all;
    };
    const own = new Set(mentions.filter((a) => a.entity === entity).flatMap(sentencesOf));
    if (!mentions.some((a) => a.entity === entity)) continue;
    for (const other of new Set(mentions.map((a) => a.entity!).filter((id) => id !== entity))) {
      const shared = new Set(mentions.filter((a) => a.entity === other).flatMap(sentencesOf).filter((s) => own.has(s)));
      const total = totals.get(other) ?? { articles: 0, sentences: 0 };
      totals.set(other, { articles: total.articles + 1, sentences: total.sentences + shared.size });
    }
  }
  return totals;
}

/** Everything the index says that depends on sentences, reading in the order `order` picks. */
function dump(index: CorpusIndex, order: number): unknown {
  const parts: Record<string, unknown> = {};
  const readers: [string, () => unknown][] = [
    ['claims', () => ENTITIES.flatMap((id) => index.factGroupsFor(id)).map((group) => group.claims.map((claim) => [claim.evidence!.start, claim.evidence!.end, claim.evidence!.text, { ...claim.evidence!.sentence }])) ],
    ['mentions', () => ENTITIES.map((id) => index.mentionsOf(id).map((m) => [m.articleUri, m.annotationId, m.sentence.start, m.sentence.end, m.sentence.text]))],
    ['together', () => ENTITIES.map((id) => index.coOccurring(id, 10))],
  ];
  for (let k = 0; k < readers.length; k++) {
    const [name, read] = readers[(k + order) % readers.length]!;
    parts[name] = read();
  }
  return parts;
}

describe('index at open: the faster sentences and the sentences found when first asked', function () {
  this.timeout(120_000); // many texts and index builds; not a timing check

  it('the scan finds exactly the sentences of the splitter it replaced', () => {
    fc.assert(fc.property(textArbitrary, (text) => {
      assert.deepEqual(sentenceSpans(text), referenceSentenceSpans(text));
    }), { numRuns: 5000 });
  });

  it('gives each sentence in code points and, consistently, in UTF-16 units', () => {
    fc.assert(fc.property(textArbitrary, (text) => {
      const table = sentenceTable(text);
      const offsets = new OffsetMap(text);
      assert.equal(table.points.length, table.count * 2);
      for (let k = 0; k < table.count * 2; k++) assert.equal(table.units[k], offsets.toUtf16(table.points[k]!));
    }), { numRuns: 2000 });
  });

  it('splits a text with emoji, combining marks, CRLF and a lone surrogate where the old splitter did (fixed example)', () => {
    const text = 'Dr. Budi 😀 datang.  “Ia pergi.” [1] Lalu e\u0301 pulang!\r\nJl. No. 5 ditutup. \ud800Akhir';
    // The emoji and the lone surrogate are one code point each; "Jl." and "No." before a number
    // are abbreviations; a lone surrogate starts no sentence.
    assert.deepEqual(sentenceSpans(text), [{ start: 0, end: 18 }, { start: 20, end: 35 }, { start: 36, end: 51 }, { start: 53, end: 78 }]);
    assert.deepEqual(sentenceTable(text).units, Int32Array.from([0, 19, 21, 36, 37, 52, 54, 79]));
    assert.deepEqual(sentenceSpans(text), referenceSentenceSpans(text));
  });

  it('quotes every mention and claim in the reference sentences, and counts co-occurrences as they do, whichever query comes first', () => {
    for (let round = 0; round < 150; round++) {
      const next = random(round + 7);
      const texts = fc.sample(textArbitrary, { numRuns: 6, seed: round });
      const articles = texts.map((text, k) => makeArticle(`u${k}`, text, next));
      const dumps = [0, 1, 2].map((order) => {
        const index = new CorpusIndex(REGISTRY);
        for (const article of articles) index.updateArticle(article);
        return dump(index, order);
      });
      assert.deepEqual(dumps[1], dumps[0], `round ${round}: the order of the first queries changed an answer`);
      assert.deepEqual(dumps[2], dumps[0], `round ${round}: the order of the first queries changed an answer`);

      const index = new CorpusIndex(REGISTRY);
      for (const article of articles) index.updateArticle(article);
      for (const article of articles) {
        const spans = referenceSentenceSpans(article.text);
        const chars = Array.from(article.text);
        for (const annotation of article.sidecar.annotations.filter((a) => a.status !== 'rejected')) {
          const mention = index.mentionsIn(article.uri, annotation.entity!).find((m) => m.annotationId === annotation.id)!;
          assert.deepEqual({ ...mention.sentence }, referenceSentence(spans, chars, annotation.start, annotation.end, annotation.text), `round ${round}, ${article.uri}#${annotation.id}`);
        }
        for (const fact of article.sidecar.facts) {
          const claim = index.factGroup(fact.subject, fact.property)!.claims.find((c) => c.source.kind === 'article' && c.source.articleUri === article.uri && c.source.factId === fact.id)!;
          assert.deepEqual({ ...claim.evidence!.sentence }, referenceSentence(spans, chars, fact.start, fact.end, fact.text), `round ${round}, ${article.uri}#${fact.id}`);
        }
      }
      for (const entity of ENTITIES) {
        const expected = referenceCoOccurrence(articles, entity);
        const got = index.coOccurring(entity, 100);
        assert.deepEqual(new Map(got.map((c) => [c.entityId, { articles: c.articles, sentences: c.sentences }])), expected, `round ${round}, ${entity}`);
      }
    }
  });

  it('keeps co-occurrence counts right when articles change after the counts were read (their texts split then)', () => {
    const next = random(99);
    const texts = fc.sample(textArbitrary, { numRuns: 40, seed: 99 });
    const index = new CorpusIndex(REGISTRY);
    const current = new Map<string, TextArticle>();
    for (let step = 0; step < texts.length; step++) {
      const article = makeArticle(`u${next(8)}`, texts[step]!, next);
      index.updateArticle(article);
      current.set(article.uri, article);
      if (step % 5 === 4) {
        const removed = `u${next(8)}`;
        index.removeArticle(removed);
        current.delete(removed);
      }
      for (const entity of ENTITIES.slice(0, 2)) index.coOccurring(entity, 100); // totals kept up to date from here on
    }
    const fresh = new CorpusIndex(REGISTRY);
    for (const uri of index.articleUris()) fresh.updateArticle(current.get(uri)!);
    for (const entity of ENTITIES) assert.deepEqual(index.coOccurring(entity, 100), fresh.coOccurring(entity, 100), entity);
  });

  it('reads no article text to index, and an article\'s text only when its sentences are first needed', () => {
    const text = 'Budi bertemu Citra di Jakarta. Citra lalu pergi 😀. Budi tinggal.';
    const chars = Array.from(text);
    const at = (word: string, from = 0) => chars.join('').indexOf(word, from);
    const mention = (id: string, entity: string, word: string, from = 0): Annotation => {
      const start = Array.from(text.slice(0, at(word, from))).length;
      return { id, label: 'PER', start, end: start + word.length, text: word, entity, status: 'accepted' };
    };
    const reads = new Map<string, number>();
    // As the indexer passes it: the store's article state, whose text is decoded on first use.
    const lazy = (uri: string, annotations: Annotation[], facts: Fact[] = []): ArticleInput => ({
      uri, title: uri, sidecar: { version: 1, source: { file: uri }, annotations, facts },
      textSource: { get text() { reads.set(uri, (reads.get(uri) ?? 0) + 1); return text; } },
    });
    const index = new CorpusIndex(REGISTRY);
    const kimFact: Fact = { id: 'f1', subject: 'a', property: 'office', value: '1', start: 0, end: 4, text: 'Budi', status: 'accepted' };
    index.updateArticle(lazy('u1', [mention('m1', 'a', 'Budi'), mention('m2', 'b', 'Citra')], [kimFact]));
    index.updateArticle(lazy('u2', [mention('m1', 'b', 'Citra', 20)]));
    // What indexing answers without sentences: no text read.
    assert.deepEqual([...index.articlesMentioning('b')], ['u1', 'u2']);
    assert.equal(index.mentionCount('b'), 2);
    assert.deepEqual([...reads], []);
    // The first query that shows a sentence reads that article's text, and no other.
    assert.deepEqual(index.mentionsIn('u2', 'b').map((m) => m.sentence.text), ['Citra lalu pergi 😀.']);
    assert.deepEqual([...reads.keys()], ['u2']);
    assert.deepEqual(index.factGroup('a', 'office')!.claims.map((c) => c.evidence?.sentence.text), ['Budi bertemu Citra di Jakarta.']);
    assert.deepEqual(index.mentionsIn('u1', 'a').map((m) => m.sentence.text), ['Budi bertemu Citra di Jakarta.']);
    assert.deepEqual([...reads.keys()].sort(), ['u1', 'u2']);
  });
});
