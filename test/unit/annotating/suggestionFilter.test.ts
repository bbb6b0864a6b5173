import * as assert from 'node:assert/strict';
import { withoutAnnotated } from '../../../src/core/annotating/suggestionFilter';

describe('suggestion filter (already annotated spans)', () => {
  it('drops spans that overlap an annotation and keeps those that only touch one', () => {
    const annotations = [{ start: 10, end: 20 }, { start: 40, end: 45 }];
    const spans = [
      { start: 0, end: 10, id: 'touches-before' }, { start: 5, end: 11, id: 'overlaps-start' },
      { start: 12, end: 15, id: 'inside' }, { start: 19, end: 25, id: 'overlaps-end' },
      { start: 20, end: 30, id: 'touches-after' }, { start: 0, end: 50, id: 'covers-both' },
      { start: 30, end: 40, id: 'between' }, { start: 46, end: 50, id: 'after-all' },
    ];
    assert.deepEqual(withoutAnnotated(spans, annotations).map((s) => s.id), ['touches-before', 'touches-after', 'between', 'after-all']);
  });

  it('is not fooled by a long annotation followed by short ones (the running maximum)', () => {
    const annotations = [{ start: 50, end: 52 }, { start: 0, end: 100 }, { start: 60, end: 61 }];
    assert.deepEqual(withoutAnnotated([{ start: 70, end: 75 }, { start: 100, end: 105 }], annotations), [{ start: 100, end: 105 }]);
  });

  it('ignores orphaned annotations and keeps the order of the spans given', () => {
    const spans = [{ start: 30, end: 35 }, { start: 1, end: 4 }];
    assert.deepEqual(withoutAnnotated(spans, [{ start: 0, end: 40, orphaned: true }]), spans);
    assert.deepEqual(withoutAnnotated(spans, []), spans);
  });

  it('treats an empty annotation inside a span as overlapping it, as the pairwise rule does', () => {
    assert.deepEqual(withoutAnnotated([{ start: 0, end: 10 }, { start: 5, end: 6 }], [{ start: 5, end: 5 }]), [{ start: 5, end: 6 }]);
  });

  it('agrees with comparing every span with every annotation on random data', () => {
    let seed = 12345;
    const next = (limit: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % limit; };
    for (let round = 0; round < 200; round++) {
      const annotations = Array.from({ length: next(30) }, () => { const start = next(500); return { start, end: start + next(40), orphaned: next(10) === 0 }; });
      const spans = Array.from({ length: next(60) }, (_, id) => { const start = next(500); return { start, end: start + 1 + next(20), id }; });
      const pairwise = spans.filter((s) => !annotations.some((a) => !a.orphaned && a.start < s.end && s.start < a.end));
      assert.deepEqual(withoutAnnotated(spans, annotations), pairwise);
    }
  });
});
