import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeSidecars } from '../../../src/core/merge';
import type { Annotation, Fact, Sidecar } from '../../../src/core/model/types';

const AT = '2026-12-01T12:00:00Z';

function annotation(id: string, fields: Partial<Annotation> = {}): Annotation {
  return { id, label: 'PER', start: 0, end: 5, text: 'Putin', ...fields };
}

function sidecar(annotations: Annotation[], facts: Fact[] = [], source: Sidecar['source'] = { file: 'a.txt' }): Sidecar {
  return { version: 1, source, annotations, facts };
}

const ids = (s: Sidecar) => s.annotations.map((a) => a.id).sort();

describe('mergeSidecars', function () {
  this.timeout(30_000); // the property tests run hundreds of merges; seconds on a busy machine
  it('takes the side that changed an item the other left alone', () => {
    const base = sidecar([annotation('a1'), annotation('a2')]);
    const ours = sidecar([annotation('a1', { label: 'LOC' }), annotation('a2')]);
    const theirs = sidecar([annotation('a1'), annotation('a2', { status: 'accepted' })]);
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(conflicts, []);
    assert.deepEqual(merged.annotations, [annotation('a1', { label: 'LOC' }), annotation('a2', { status: 'accepted' })]);
  });

  it('merges different fields of one item changed on both sides', () => {
    const base = sidecar([annotation('a1')]);
    const ours = sidecar([annotation('a1', { label: 'LOC' })]);
    const theirs = sidecar([annotation('a1', { note: 'checked', entity: 'vladimir-putin' })]);
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(conflicts, []);
    assert.deepEqual(merged.annotations, [{ id: 'a1', label: 'LOC', start: 0, end: 5, text: 'Putin', note: 'checked', entity: 'vladimir-putin' }]);
  });

  it('keeps both versions of a field changed both ways, under two ids, each with a review naming the other', () => {
    const base = sidecar([annotation('a1')]);
    const ours = sidecar([annotation('a1', { label: 'LOC' })]);
    const theirs = sidecar([annotation('a1', { label: 'ORG' })]);
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT, by: 'bob' });
    assert.deepEqual(conflicts, [{ kind: 'both-changed', collection: 'annotations', id: 'a1', theirsId: 'a1-conflict', fields: ['label'] }]);
    assert.deepEqual(merged.annotations.map((a) => [a.id, a.label]), [['a1', 'LOC'], ['a1-conflict', 'ORG']]);
    assert.deepEqual(merged.annotations[0]!.reviews, [{ by: 'bob', verdict: 'comment', at: AT, comment: 'Merge conflict: this item was also changed elsewhere; the other version is a1-conflict.' }]);
    assert.deepEqual(merged.annotations[1]!.reviews, [{ by: 'bob', verdict: 'comment', at: AT, comment: 'Merge conflict: another version of a1, kept beside it; keep one and delete the other.' }]);
  });

  it('treats the span as one field: moved both ways is a conflict, not a start from one and an end from the other', () => {
    const base = sidecar([annotation('a1', { start: 0, end: 5 })]);
    const ours = sidecar([annotation('a1', { start: 2, end: 5 })]);
    const theirs = sidecar([annotation('a1', { start: 0, end: 9 })]);
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(conflicts.map((c) => [c.kind, c.fields]), [['both-changed', ['anchor']]]);
    assert.deepEqual(merged.annotations.map((a) => [a.id, a.start, a.end]), [['a1', 2, 5], ['a1-conflict', 0, 9]]);
  });

  it('picks a conflict id no side uses', () => {
    const base = sidecar([annotation('a1'), annotation('a1-conflict', { start: 9, end: 10 })]);
    const ours = sidecar([annotation('a1', { label: 'LOC' }), annotation('a1-conflict', { start: 9, end: 10 })]);
    const theirs = sidecar([annotation('a1', { label: 'ORG' }), annotation('a1-conflict', { start: 9, end: 10 })]);
    const { sidecar: merged } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(ids(merged), ['a1', 'a1-conflict', 'a1-conflict-2']);
  });

  it('keeps additions of both sides, and two different items added under one id', () => {
    const base = sidecar([]);
    const ours = sidecar([annotation('a1'), annotation('a2', { start: 7, end: 9 })]);
    const theirs = sidecar([annotation('a3', { start: 1, end: 2 }), annotation('a2', { start: 20, end: 25 })]);
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(ids(merged), ['a1', 'a2', 'a2-conflict', 'a3']);
    assert.deepEqual(conflicts.map((c) => c.kind), ['both-added']);
    assert.equal(merged.annotations.find((a) => a.id === 'a2-conflict')!.start, 20);
  });

  it('keeps one copy of an item both sides added alike, also without a base', () => {
    const added = annotation('a1', { author: 'alice' });
    const { sidecar: merged, conflicts } = mergeSidecars(undefined, sidecar([added]), sidecar([added]), { at: AT });
    assert.deepEqual(conflicts, []);
    assert.deepEqual(merged.annotations, [added]);
  });

  it('keeps a change over a deletion, and reports it; a deletion of an untouched item stands', () => {
    const base = sidecar([annotation('a1'), annotation('a2')]);
    const ours = sidecar([annotation('a1', { status: 'accepted' })]); // deleted a2
    const theirs = sidecar([annotation('a2')]); // deleted a1
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(merged.annotations, [annotation('a1', { status: 'accepted' })]);
    assert.deepEqual(conflicts, [{ kind: 'changed-and-deleted', collection: 'annotations', id: 'a1', deletedBy: 'theirs' }]);
  });

  it('merges reviews as a set, oldest first', () => {
    const r = (by: string, at: string) => ({ by, verdict: 'accepted' as const, at });
    const base = sidecar([annotation('a1', { reviews: [r('ann', '2026-01-01')] })]);
    const ours = sidecar([annotation('a1', { reviews: [r('ann', '2026-01-01'), r('bob', '2026-01-03')] })]);
    const theirs = sidecar([annotation('a1', { reviews: [r('ann', '2026-01-01'), r('cat', '2026-01-02')] })]);
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(conflicts, []);
    assert.deepEqual(merged.annotations[0]!.reviews!.map((x) => x.by), ['ann', 'cat', 'bob']);
  });

  it('merges facts like annotations, and source fields by field (ours kept for one changed both ways)', () => {
    const fact: Fact = { id: 'f1', subject: 'putin', property: 'age', value: '71', start: 0, end: 2, text: '71' };
    const base = sidecar([], [fact], { file: 'a.txt', title: 'T', outlet: 'O' });
    const ours = sidecar([], [{ ...fact, value: '72' }], { file: 'a.txt', title: 'Ours', outlet: 'O' });
    const theirs = sidecar([], [{ ...fact, value: '73' }], { file: 'a.txt', title: 'Theirs', outlet: 'Their outlet' });
    const { sidecar: merged, conflicts } = mergeSidecars(base, ours, theirs, { at: AT });
    assert.deepEqual(merged.facts.map((f) => [f.id, f.value]), [['f1', '72'], ['f1-conflict', '73']]);
    assert.deepEqual(merged.source, { file: 'a.txt', title: 'Ours', outlet: 'Their outlet' });
    assert.deepEqual(conflicts.map((c) => `${c.kind}:${c.id}`), ['both-changed:f1', 'source:title']);
  });

  it('keeps a second item under a duplicate id as it is', () => {
    const dup = annotation('a1', { start: 30, end: 35 });
    const ours = sidecar([annotation('a1'), dup]);
    const { sidecar: merged } = mergeSidecars(ours, ours, sidecar([annotation('a1')]), { at: AT });
    assert.deepEqual(merged.annotations, [annotation('a1'), dup]);
  });

  // ---- properties -------------------------------------------------------------------------

  const LABELS = ['PER', 'LOC', 'ORG'] as const;
  const arbitraryAnnotation = (id: string) => fc.record({
    label: fc.constantFrom(...LABELS),
    start: fc.integer({ min: 0, max: 20 }),
    note: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
    status: fc.option(fc.constantFrom('proposed' as const, 'accepted' as const), { nil: undefined }),
  }).map(({ label, start, note, status }): Annotation => ({
    id, label, start, end: start + 3, text: 'abc', ...(note !== undefined ? { note } : {}), ...(status ? { status } : {}),
  }));
  /** A side derived from a base: each item kept, changed or deleted, plus new items. */
  const arbitraryHistory = fc.integer({ min: 0, max: 6 }).chain((count) => {
    const baseIds = Array.from({ length: count }, (_, i) => `a${i}`);
    const side = (prefix: string) => fc.tuple(
      fc.array(fc.constantFrom('keep', 'change', 'delete'), { minLength: count, maxLength: count }),
      fc.array(arbitraryAnnotation('x'), { maxLength: 3 }),
      fc.array(fc.boolean(), { minLength: count, maxLength: count }).chain((flags) => fc.tuple(...flags.map((_, i) => arbitraryAnnotation(baseIds[i]!)))),
      fc.constantFrom('n', prefix),
    );
    return fc.tuple(fc.tuple(...baseIds.map((id) => arbitraryAnnotation(id))), side('o'), side('t'));
  }).map(([baseItems, ours, theirs]) => {
    const derive = ([actions, added, changed, namespace]: [string[], Annotation[], Annotation[], string]) => [
      ...baseItems.flatMap((item, i) => (actions[i] === 'keep' ? [item] : actions[i] === 'change' ? [changed[i]!] : [])),
      // A shared namespace ('n') makes both sides add under the same ids now and then.
      ...added.map((item, i) => ({ ...item, id: `${namespace}${i}` })),
    ];
    return { base: sidecar([...baseItems]), ours: sidecar(derive(ours)), theirs: sidecar(derive(theirs)) };
  });

  /** The item without id and reviews (which a conflict adds), keys sorted. */
  const payload = (a: Annotation) => JSON.stringify(Object.entries(a).filter(([k]) => k !== 'id' && k !== 'reviews').sort(([x], [y]) => (x < y ? -1 : 1)));

  it('never drops an item either side changed or added (property)', () => {
    fc.assert(fc.property(arbitraryHistory, ({ base, ours, theirs }) => {
      const { sidecar: merged } = mergeSidecars(base, ours, theirs, { at: AT });
      const baseById = new Map(base.annotations.map((a) => [a.id, payload(a)]));
      const mergedPayloads = new Set(merged.annotations.map(payload));
      for (const side of [ours, theirs]) {
        for (const item of side.annotations) {
          const changedOrAdded = baseById.get(item.id) !== payload(item);
          // A field-merged item carries both sides' changes: each changed field is in it.
          if (changedOrAdded) {
            const kept = mergedPayloads.has(payload(item)) || merged.annotations.some((m) => m.id === item.id
              && Object.entries(item).every(([k, v]) => k === 'id' || JSON.stringify((m as unknown as Record<string, unknown>)[k]) === JSON.stringify(v)
                || JSON.stringify((base.annotations.find((b) => b.id === item.id) as unknown as Record<string, unknown> | undefined)?.[k]) === JSON.stringify(v)));
            assert.ok(kept, `lost ${JSON.stringify(item)}`);
          }
        }
      }
      // Ids stay unique.
      assert.equal(new Set(merged.annotations.map((a) => a.id)).size, merged.annotations.length);
    }), { numRuns: 500 });
  });

  it('is symmetric: swapping the sides gives the same items, up to which copy keeps the id (property)', () => {
    fc.assert(fc.property(arbitraryHistory, ({ base, ours, theirs }) => {
      const one = mergeSidecars(base, ours, theirs, { at: AT }).sidecar.annotations.map(payload).sort();
      const other = mergeSidecars(base, theirs, ours, { at: AT }).sidecar.annotations.map(payload).sort();
      assert.deepEqual(one, other);
    }), { numRuns: 500 });
  });

  it('merging a side with an unchanged other side gives that side (property)', () => {
    fc.assert(fc.property(arbitraryHistory, ({ base, ours }) => {
      assert.deepEqual(mergeSidecars(base, ours, base, { at: AT }), { sidecar: ours, conflicts: [] });
      assert.deepEqual(mergeSidecars(base, base, ours, { at: AT }).sidecar.annotations.map(payload).sort(), ours.annotations.map(payload).sort());
    }), { numRuns: 300 });
  });
});
