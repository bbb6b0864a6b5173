import * as assert from 'node:assert/strict';
import { summarizeArticle } from '../../../src/core/corpus/articleSummary';
import {
  accept, addComment, awaitsReview, bulkAccept, changedSince, countAwaitingReview, findDisagreements, flattenQueue, reject,
  resolveDisagreement, reviewQueue, threadsOf,
} from '../../../src/core/review/reviewModel';
import type { Annotation, Fact, Sidecar } from '../../../src/core/model/types';

const a = (id: string, author: string | undefined, label: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation => ({
  id, ...(author ? { author } : {}), label, start, end, text: 'x'.repeat(end - start), ...extra,
});
const fact = (id: string, author: string, start: number): Fact => ({
  id, author, subject: 'putin', property: 'age', value: '71', start, end: start + 2, text: '71',
});
const sidecar = (annotations: Annotation[], facts: Fact[] = []): Sidecar => ({ version: 1, source: { file: 'x.txt' }, annotations, facts });
const who = { by: 'budi', at: '2026-12-01T10:00:00Z' };

describe('the review model', () => {
  it('has one rule for "awaiting review", shared by the Articles view summary', () => {
    const items = [
      a('1', 'rani', 'PER', 0, 5), a('2', 'rani', 'PER', 6, 9, { status: 'accepted' }), a('3', 'budi', 'PER', 10, 12, { status: 'proposed' }),
      a('4', 'rani', 'PER', 13, 15, { orphaned: true }), a('5', 'rani', 'PER', 16, 18, { status: 'rejected' }),
    ];
    assert.deepEqual(items.filter((i) => awaitsReview(i)).map((i) => i.id), ['1', '3']);
    assert.deepEqual(items.filter((i) => awaitsReview(i, 'budi')).map((i) => i.id), ['1']);
    assert.equal(countAwaitingReview(sidecar(items, [fact('f1', 'rani', 30)])), 3);
    assert.equal(summarizeArticle('u', sidecar(items), 't', 0).awaitingReview, 2);
  });

  it("lists others' proposals by article and author, in text order", () => {
    const queue = reviewQueue([
      { uri: 'one', sidecar: sidecar([a('2', 'sari', 'PER', 20, 25), a('1', 'rani', 'PER', 10, 15), a('3', 'budi', 'PER', 0, 5), a('4', undefined, 'LOC', 30, 35)], [fact('f1', 'rani', 0)]) },
      { uri: 'two', sidecar: sidecar([a('5', 'budi', 'PER', 0, 5)]) },
      { uri: 'three', sidecar: undefined },
    ], 'budi');
    assert.equal(queue.length, 1);
    assert.deepEqual(queue[0]!.authors.map((g) => [g.author, g.items.map((i) => i.item.id)]), [['(unknown)', ['4']], ['rani', ['f1', '1']], ['sari', ['2']]]);
    assert.equal(queue[0]!.count, 4);
    assert.deepEqual(flattenQueue(queue).map((i) => i.item.id), ['4', 'f1', '1', '2']);
  });

  it('accept and reject append a review and set the status; a comment leaves the status', () => {
    let s = sidecar([a('1', 'rani', 'PER', 0, 5), a('2', 'rani', 'PER', 6, 9)], [fact('f1', 'rani', 10)]);
    s = accept(s, '1', who, '  looks right ');
    s = reject(s, 'f1', who);
    s = addComment(s, '2', who, 'Is this the same Kim?');
    assert.deepEqual(s.annotations[0], { ...a('1', 'rani', 'PER', 0, 5), status: 'accepted', reviews: [{ ...who, verdict: 'accepted', comment: 'looks right' }] });
    assert.deepEqual(s.facts[0]!.status, 'rejected');
    assert.deepEqual(s.facts[0]!.reviews, [{ ...who, verdict: 'rejected' }]);
    assert.equal(s.annotations[1]!.status, undefined);
    assert.deepEqual(s.annotations[1]!.reviews, [{ ...who, verdict: 'comment', comment: 'Is this the same Kim?' }]);
    assert.throws(() => accept(s, 'nope', who), /No annotation or fact with id nope/);
    assert.throws(() => addComment(s, '2', who, '  '), /needs some text/);
  });

  it("bulk accepts an article's or one author's items, never the reviewer's own", () => {
    const s = sidecar([a('1', 'rani', 'PER', 0, 5), a('2', 'sari', 'PER', 6, 9), a('3', 'budi', 'PER', 10, 12), a('4', 'rani', 'PER', 13, 15, { status: 'rejected' })]);
    assert.deepEqual(bulkAccept(s, who).accepted, ['1', '2']);
    const onlyRani = bulkAccept(s, who, 'rani');
    assert.deepEqual(onlyRani.accepted, ['1']);
    assert.deepEqual(onlyRani.sidecar.annotations.map((x) => x.status), ['accepted', undefined, undefined, 'rejected']);
  });

  it('finds disagreements between authors among live annotations', () => {
    const s = sidecar([
      a('r1', 'rani', 'PER', 0, 5), a('b1', 'budi', 'ORG', 0, 5),
      a('r2', 'rani', 'PER', 10, 20), a('b2', 'budi', 'PER', 10, 16),
      a('r3', 'rani', 'LOC', 30, 35), a('b3', 'budi', 'LOC', 30, 35),
      a('r4', 'rani', 'LOC', 40, 45), a('b4', 'budi', 'LOC', 50, 55, { status: 'rejected' }), a('r5', 'rani', 'LOC', 60, 65, { orphaned: true }),
    ]);
    const found = findDisagreements(s);
    assert.deepEqual(found.map((d) => [d.kind, d.items.map((i) => i.id)]), [['label', ['b1', 'r1']], ['boundary', ['b2', 'r2']], ['missing', ['r4']]]);
    assert.deepEqual(found[0]!.authors, ['budi', 'rani']);
    assert.deepEqual(findDisagreements(sidecar([a('r1', 'rani', 'PER', 0, 5)])), [], 'one author alone has no disagreement');
  });

  it('does not list settled places as missing, nor a decision as a new annotator', () => {
    const judge = { by: 'sari', at: '2026-12-01T11:00:00Z' };
    const s = sidecar([a('r1', 'rani', 'PER', 0, 5), a('b1', 'budi', 'ORG', 0, 5), a('r2', 'rani', 'LOC', 10, 15), a('b2', 'budi', 'LOC', 20, 25)]);
    const kept = resolveDisagreement(s, ['r1', 'b1'], { keep: 'r1' }, 'x', judge).sidecar;
    // r1 is accepted and b1 rejected there: settled. r2 and b2 are still proposals nobody matched.
    assert.deepEqual(findDisagreements(kept).map((d) => [d.kind, d.items.map((i) => i.id)]), [['missing', ['r2']], ['missing', ['b2']]]);
    const fresh = resolveDisagreement(s, ['r1', 'b1'], { replace: a('n1', 'sari', 'GPE', 0, 5) }, 'x', judge).sidecar;
    assert.deepEqual(findDisagreements(fresh).map((d) => d.authors.join('/')), ['rani', 'budi'], 'sari made no disagreement');
  });

  it('resolves by keeping one version or a new one, rejecting the others with the reason', () => {
    const s = sidecar([a('r1', 'rani', 'PER', 0, 5), a('b1', 'budi', 'ORG', 0, 5)]);
    const judge = { by: 'sari', at: '2026-12-01T11:00:00Z' };
    const kept = resolveDisagreement(s, ['r1', 'b1'], { keep: 'r1' }, 'a person here', judge);
    assert.equal(kept.kept, 'r1');
    assert.deepEqual(kept.sidecar.annotations.map((x) => [x.id, x.status, x.reviews]), [
      ['r1', 'accepted', [{ ...judge, verdict: 'accepted', comment: 'Resolved: a person here' }]],
      ['b1', 'rejected', [{ ...judge, verdict: 'rejected', comment: 'Resolved: a person here' }]],
    ]);
    assert.deepEqual(findDisagreements(kept.sidecar), []);
    const replaced = resolveDisagreement(s, ['r1', 'b1'], { replace: a('n1', 'whoever', 'GPE', 0, 5, { status: 'proposed' }) }, '', judge);
    const added = replaced.sidecar.annotations[2]!;
    assert.deepEqual([added.id, added.label, added.author, added.created, added.status], ['n1', 'GPE', 'sari', judge.at, 'accepted']);
    assert.deepEqual(replaced.sidecar.annotations.slice(0, 2).map((x) => x.status), ['rejected', 'rejected']);
    assert.equal(replaced.sidecar.annotations[0]!.reviews![0]!.comment, 'Resolved: no reason given');
    assert.throws(() => resolveDisagreement(s, ['r1', 'b1'], { keep: 'zz' }, 'x', judge), /not one of the versions/);
  });

  it('rebuilds discussion threads from comment reviews; a later verdict resolves one', () => {
    let s = sidecar([a('1', 'rani', 'PER', 0, 5), a('2', 'rani', 'PER', 6, 9, { reviews: [{ by: 'x', verdict: 'accepted', at: 't' }] })]);
    assert.deepEqual(threadsOf(s), []);
    s = addComment(s, '1', who, 'Why PER?');
    s = addComment(s, '1', { by: 'rani', at: '2026-12-01T10:05:00Z' }, 'It is a person.');
    let threads = threadsOf(s);
    assert.deepEqual(threads.map((t) => [t.item.id, t.entries.length, t.resolved]), [['1', 2, false]]);
    s = accept(s, '1', who);
    threads = threadsOf(s);
    assert.deepEqual(threads.map((t) => [t.item.id, t.entries.length, t.resolved]), [['1', 3, true]]);
  });
});

describe('reviewing a branch', () => {
  it('lists the items added or changed since the base, not those only reviewed or requoted', () => {
    const base = sidecar([a('1', 'rani', 'PER', 0, 5), a('2', 'rani', 'PER', 6, 9), a('3', 'rani', 'LOC', 10, 12)]);
    const current = sidecar([
      a('1', 'rani', 'PER', 0, 5, { reviews: [{ by: 'budi', verdict: 'comment', at: 't', comment: 'ok?' }], prefix: 'moved context' }),
      a('2', 'rani', 'ORG', 6, 9),
      a('3', 'rani', 'LOC', 10, 12),
      a('4', 'budi', 'PER', 20, 25),
    ], [fact('f1', 'budi', 30)]);
    assert.deepEqual(changedSince(base, current).map((i) => i.id), ['2', '4', 'f1']);
    assert.deepEqual(changedSince(undefined, current).map((i) => i.id), ['1', '2', '3', '4', 'f1'], 'a sidecar new on the branch: everything');
    assert.deepEqual(changedSince(base, undefined), []);
  });
});
