// The index keeps per-entity views (sorted articles, co-occurrences) up to date article by
// article. After any sequence of updates and removals they must equal those of an index built
// fresh from the final articles.
import * as assert from 'node:assert/strict';
import { CorpusIndex, type ArticleInput } from '../../../src/core/crossSource';
import { buildEntityCard } from '../../../src/core/crossSource/hoverCard';
import { RegistryIndex } from '../../../src/core/format/registry';
import type { Annotation, Registry } from '../../../src/core/model/types';

const ENTITIES = ['a', 'b', 'c', 'd', 'e', 'f'];
const REGISTRY: Registry = {
  version: 1, labels: [{ id: 'PER', name: 'Person', color: '#e0a030' }],
  entities: ENTITIES.map((id) => ({ id, label: 'PER', name: `Name ${id}`, aliases: [] })),
};

/** Deterministic pseudo-random numbers (LCG). */
function random(seed: number): (limit: number) => number {
  return (limit) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % limit; };
}

/** Sentences "Xy. "; names of one character placed in them. */
function makeArticle(uri: string, next: (limit: number) => number): ArticleInput {
  const sentences = 4 + next(4);
  const text = 'Xy. '.repeat(sentences);
  const annotations: Annotation[] = [];
  for (let i = 0, n = next(6); i < n; i++) {
    const sentence = next(sentences);
    const start = sentence * 4 + next(2);
    annotations.push({ id: `m${i}`, label: 'PER', start, end: start + 1, text: text[start]!, entity: ENTITIES[next(ENTITIES.length)]!, status: next(8) === 0 ? 'rejected' : 'accepted' });
  }
  return { uri, title: uri, text, sidecar: { version: 1, source: { file: uri }, annotations, facts: [] } };
}

function views(index: CorpusIndex): unknown {
  const registry = new RegistryIndex('entities.yaml', REGISTRY);
  return ENTITIES.map((id) => ({
    articles: index.articlesMentioning(id), mentions: index.mentionsOf(id).map((m) => `${m.articleUri}#${m.annotationId}`),
    count: index.mentionCount(id), together: index.coOccurring(id, 3), all: index.coOccurring(id, 100),
    card: buildEntityCard(index, registry, id, 'u1', undefined, { articles: 2, facts: 6, coOccurring: 2, sentenceLength: 80 }),
  }));
}

describe('corpus index: incremental views', function () {
  this.timeout(60_000); // many index builds; not a timing check
  it('match a fresh index after random updates and removals, with views read in between', () => {
    for (let round = 0; round < 40; round++) {
      const next = random(round + 1);
      const live = new CorpusIndex(REGISTRY);
      const current = new Map<string, ArticleInput>();
      for (let step = 0; step < 60; step++) {
        const uri = `u${next(12)}`;
        if (next(6) === 0) { live.removeArticle(uri); current.delete(uri); } else {
          const article = makeArticle(uri, next);
          live.updateArticle(article);
          current.set(uri, article);
        }
        if (next(3) === 0) views(live); // fills the caches that later updates must keep right
      }
      const fresh = new CorpusIndex(REGISTRY);
      for (const article of current.values()) fresh.updateArticle(article);
      assert.deepStrictEqual(views(live), views(fresh), `round ${round}`);
    }
  });

  it('counts co-occurrences by articles and shared sentences', () => {
    const index = new CorpusIndex(REGISTRY);
    const text = 'Ab. Cd. Ef. ';
    const mention = (id: string, start: number, entity: string): Annotation => ({ id, label: 'PER', start, end: start + 1, text: text[start]!, entity, status: 'accepted' });
    index.updateArticle({ uri: 'u1', title: 'u1', text, sidecar: { version: 1, source: { file: 'u1' }, annotations: [mention('1', 0, 'a'), mention('2', 1, 'b'), mention('3', 8, 'c')], facts: [] } });
    index.updateArticle({ uri: 'u2', title: 'u2', text, sidecar: { version: 1, source: { file: 'u2' }, annotations: [mention('1', 0, 'a'), mention('2', 4, 'b')], facts: [] } });
    assert.deepEqual(index.coOccurring('a'), [
      { entityId: 'b', articles: 2, sentences: 1 }, { entityId: 'c', articles: 1, sentences: 0 },
    ]);
    index.removeArticle('u1');
    assert.deepEqual(index.coOccurring('a'), [{ entityId: 'b', articles: 1, sentences: 0 }]);
  });
});
