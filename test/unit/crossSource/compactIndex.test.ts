// The index keeps mentions as numbers and co-occurrences in typed arrays (issue 12): what it
// hands out must still be exact — sentences cut by code points around emoji, combining marks
// and CRLF, shared sentences counted once in long articles, totals right after eviction.
import * as assert from 'node:assert/strict';
import { CorpusIndex, type ArticleInput } from '../../../src/core/crossSource';
import type { Annotation } from '../../../src/core/model/types';

/** An annotation of `quote`'s n-th occurrence, offsets in code points. */
function mention(text: string, id: string, entity: string, quote: string, occurrence = 0): Annotation {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) at = text.indexOf(quote, at + 1);
  const start = [...text.slice(0, at)].length;
  return { id, label: 'PER', start, end: start + [...quote].length, text: quote, entity, status: 'accepted' };
}

function article(uri: string, text: string, annotations: Annotation[]): ArticleInput {
  return { uri, title: uri, text, sidecar: { version: 1, source: { file: uri }, annotations, facts: [] } };
}

describe('compact index storage', () => {
  it('cuts sentences by code points after emoji, combining marks, CRLF and a BOM-free start', () => {
    const text = 'Cafe\u0301 👍🏽 dibuka.\r\nKim 🇮🇩 bertemu Putin di Pyongyang. Selesai.';
    const index = new CorpusIndex();
    index.updateArticle(article('u1', text, [mention(text, 'a1', 'kim', 'Kim'), mention(text, 'a2', 'putin', 'Putin'), mention(text, 'a3', 'cafe', 'Cafe\u0301')]));
    const [kim] = index.mentionsIn('u1', 'kim');
    assert.equal(kim!.sentence.text, 'Kim 🇮🇩 bertemu Putin di Pyongyang.');
    assert.deepEqual([kim!.start, kim!.end, kim!.sentence.start, kim!.sentence.end], [18, 21, 18, 52]);
    const [cafe] = index.mentionsIn('u1', 'cafe');
    assert.equal(cafe!.sentence.text, 'Cafe\u0301 👍🏽 dibuka.');
    assert.equal(index.mentionsIn('u1', 'putin')[0]!.sentence, kim!.sentence);
    assert.deepEqual(index.mentionsIn('u1', 'nobody'), []);
    assert.deepEqual(index.mentionsIn('u2', 'kim'), []);
  });

  it('counts each shared sentence once in a long article', () => {
    // Sentence 0: a, b, b; sentence 1: a, c; sentence 2: b; sentence 3: a, b. 300 times over.
    const unit = 'Ali menyapa Budi dan Budi. Ali bersama Citra. Budi pergi. Ali dan Budi. ';
    const text = unit.repeat(300);
    const annotations: Annotation[] = [];
    for (const found of text.matchAll(/Ali|Budi|Citra/g)) {
      const start = found.index!;
      annotations.push({ id: `m${annotations.length}`, label: 'PER', start, end: start + found[0].length, text: found[0], entity: found[0][0]!.toLowerCase(), status: 'accepted' });
    }
    const index = new CorpusIndex();
    index.updateArticle(article('long', text, annotations));
    index.updateArticle(article('short', 'Ali dan Citra.', [mention('Ali dan Citra.', 'x', 'a', 'Ali'), mention('Ali dan Citra.', 'y', 'c', 'Citra')]));
    assert.deepEqual(index.coOccurring('a', 5), [
      { entityId: 'b', articles: 1, sentences: 600 },
      { entityId: 'c', articles: 2, sentences: 301 },
    ]);
    assert.deepEqual(index.coOccurring('b', 5), [
      { entityId: 'a', articles: 1, sentences: 600 },
      { entityId: 'c', articles: 1, sentences: 0 },
    ]);
    index.removeArticle('short');
    assert.deepEqual(index.coOccurring('a', 5), [
      { entityId: 'b', articles: 1, sentences: 600 },
      { entityId: 'c', articles: 1, sentences: 300 },
    ]);
  });

  it('keeps co-occurrence totals right for entities whose totals were let go', () => {
    // 40 entities, each in one article with the hub: more than the index keeps totals for.
    const index = new CorpusIndex();
    for (let k = 0; k < 40; k++) {
      const text = `H and E${k}.`;
      index.updateArticle(article(`u${k}`, text, [mention(text, 'h', 'hub', 'H'), mention(text, 'e', `e${k}`, `E${k}`)]));
    }
    for (let k = 0; k < 40; k++) assert.deepEqual(index.coOccurring(`e${k}`, 3), [{ entityId: 'hub', articles: 1, sentences: 1 }]);
    // e0's totals were let go first; the change must show when they are counted again.
    const text = 'H, E0 and E1.';
    index.updateArticle(article('u0', text, [mention(text, 'h', 'hub', 'H'), mention(text, 'a', 'e0', 'E0'), mention(text, 'b', 'e1', 'E1')]));
    assert.deepEqual(index.coOccurring('e0', 3), [{ entityId: 'e1', articles: 1, sentences: 1 }, { entityId: 'hub', articles: 1, sentences: 1 }]);
    assert.deepEqual(index.coOccurring('e1', 3), [{ entityId: 'hub', articles: 2, sentences: 2 }, { entityId: 'e0', articles: 1, sentences: 1 }]);
    assert.equal(index.coOccurring('hub', 50).length, 40);
  });

  it('keeps article lists sorted whatever order articles come and go in', () => {
    const index = new CorpusIndex();
    for (const uri of ['m', 'c', 'x', 'a', 'q']) index.updateArticle(article(uri, 'K.', [mention('K.', 'k', 'kim', 'K')]));
    assert.deepEqual(index.articlesMentioning('kim'), ['a', 'c', 'm', 'q', 'x']);
    const before = index.articlesMentioning('kim');
    index.removeArticle('c');
    index.updateArticle(article('q', 'No one.', []));
    assert.deepEqual(index.articlesMentioning('kim'), ['a', 'm', 'x']);
    assert.deepEqual(before, ['a', 'c', 'm', 'q', 'x'], 'a list handed out earlier does not change under its reader');
    assert.equal(index.articleCount('kim'), 3);
    assert.equal(index.mentions('m', 'kim'), true);
    assert.equal(index.mentions('q', 'kim'), false);
  });
});
