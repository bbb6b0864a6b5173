import * as assert from 'node:assert/strict';
import { alignAnnotations } from '../../../src/core/agreement/alignment';
import { computeAgreement, type AgreementDocument } from '../../../src/core/agreement/report';
import type { Annotation, Sidecar } from '../../../src/core/model/types';

const TEXT = 'Putin tiba di Pyongyang. Kim Jong Un menyambut Putin.';
// Offsets:  Putin 0-5, Pyongyang 14-23, Kim Jong Un 25-36, Putin 47-52

let next = 0;
const ann = (author: string, label: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation => ({
  id: `a${++next}`, author, label, start, end, text: [...TEXT].slice(start, end).join(''), ...extra,
});
const doc = (id: string, annotations: Annotation[]): AgreementDocument => ({
  id, text: TEXT, sidecar: { version: 1, source: { file: id }, annotations, facts: [] } satisfies Sidecar,
});

describe('annotation alignment', () => {
  it('classifies agreement, label, boundary, entity and missing', () => {
    const as = [ann('rani', 'PER', 0, 5, { entity: 'putin' }), ann('rani', 'LOC', 14, 23), ann('rani', 'PER', 25, 36), ann('rani', 'PER', 47, 52, { entity: 'putin' })];
    const bs = [ann('budi', 'PER', 0, 5, { entity: 'putin' }), ann('budi', 'GPE', 14, 23), ann('budi', 'PER', 25, 28), ann('budi', 'PER', 47, 52)];
    assert.deepEqual(alignAnnotations(as, bs).map((p) => p.kind), ['agreement', 'label', 'boundary', 'entity']);
    assert.deepEqual(alignAnnotations(as.slice(0, 1), []).map((p) => [p.kind, p.a?.id, p.b?.id]), [['missing', as[0]!.id, undefined]]);
  });

  it('pairs one to one: the second of two overlapping spans is missing', () => {
    const pairs = alignAnnotations([ann('rani', 'PER', 25, 36)], [ann('budi', 'PER', 25, 28), ann('budi', 'PER', 29, 36)]);
    assert.deepEqual(pairs.map((p) => p.kind).sort(), ['boundary', 'missing']);
  });
});

describe('agreement report', () => {
  it('reports pairwise F1, kappa, α_u and counts, each with unit and rule', () => {
    const report = computeAgreement([
      doc('one.txt', [
        ann('rani', 'PER', 0, 5), ann('rani', 'LOC', 14, 23), ann('rani', 'PER', 25, 36),
        ann('budi', 'PER', 0, 5), ann('budi', 'LOC', 14, 23), ann('budi', 'PER', 25, 28), ann('budi', 'PER', 47, 52),
      ]),
      doc('only-rani.txt', [ann('rani', 'PER', 0, 5)]),
    ]);
    assert.deepEqual(report.annotators, ['budi', 'rani']);
    assert.deepEqual(report.labels, ['LOC', 'PER']);
    const pair = report.pairs[0]!;
    assert.deepEqual([pair.a, pair.b, pair.documents], ['budi', 'rani', ['one.txt']]);
    // Exact: 2 matches (Putin, Pyongyang) of budi's 4 and rani's 3 → F1 = 2·2/(4+3) = 4/7.
    assert.ok(Math.abs(pair.exactF1.f1.value! - 4 / 7) < 1e-12);
    // Overlap: Kim also matches → 3 of 4 and 3 of 3 → F1 = 2·(3/4)·1/(7/4) = 6/7.
    assert.ok(Math.abs(pair.overlapF1.f1.value! - 6 / 7) < 1e-12);
    assert.equal(pair.counts.agreements.value, 2);
    assert.equal(pair.counts.boundary.value, 1);
    assert.equal(pair.counts.missing.value, 1);
    assert.equal(pair.counts.label.value, 0);
    assert.equal(pair.disagreements.length, 2);
    assert.deepEqual(pair.disagreements.map((d) => d.kind), ['boundary', 'missing']);
    // Tokens: 11 (Putin tiba di Pyongyang . Kim Jong Un menyambut Putin .); budi and rani differ
    // on "Jong", "Un" (O vs PER) and the last "Putin" (PER vs O): Ao = 8/11. budi O 7 PER 3
    // LOC 1, rani O 6 PER 4 LOC 1 → Ae = 55/121, κ = (88 − 55)/(121 − 55) = 0.5.
    assert.match(pair.cohenKappa.unit, /tokens \(11\)/);
    assert.ok(Math.abs(pair.cohenKappa.value! - 0.5) < 1e-12);
    assert.ok(pair.perLabel.PER && pair.perLabel.LOC);
    assert.equal(pair.perLabel.LOC!.exactF1.f1.value, 1);
    assert.ok(pair.exactF1.f1.rule.startsWith('exact-span F1'));
    assert.equal(report.unitizingAlpha.perLabel.LOC!.value, 1);
    assert.ok(report.unitizingAlpha.overall.value! < 1 && report.unitizingAlpha.overall.value! > 0);
    assert.match(report.unitizingAlpha.overall.unit, /characters \(53\)/);
    assert.equal(report.fleissKappa.overall.value, null);
    assert.match(report.fleissKappa.overall.note!, /three or more/);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(report)));
  });

  it('perfect agreement of three annotators: every measure is 1', () => {
    const spans = (author: string) => [ann(author, 'PER', 0, 5), ann(author, 'LOC', 14, 23)];
    const report = computeAgreement([doc('d.txt', [...spans('a'), ...spans('b'), ...spans('c')])]);
    assert.equal(report.pairs.length, 3);
    for (const pair of report.pairs) {
      assert.equal(pair.exactF1.f1.value, 1);
      assert.equal(pair.cohenKappa.value, 1);
    }
    assert.equal(report.fleissKappa.overall.value, 1);
    assert.equal(report.unitizingAlpha.overall.value, 1);
  });

  it('no overlap: F1 0; a single label everywhere leaves kappa undefined with a note', () => {
    const report = computeAgreement([doc('d.txt', [ann('a', 'PER', 0, 5), ann('b', 'PER', 47, 52)])]);
    const pair = report.pairs[0]!;
    assert.equal(pair.exactF1.f1.value, 0);
    assert.equal(pair.overlapF1.f1.value, 0);
    assert.equal(pair.counts.missing.value, 2);
    const single = computeAgreement([{ id: 'x', text: 'Putin', sidecar: { version: 1, source: { file: 'x' }, facts: [], annotations: [
      { id: 'p', author: 'a', label: 'PER', start: 0, end: 5, text: 'Putin' }, { id: 'q', author: 'b', label: 'PER', start: 0, end: 5, text: 'Putin' },
    ] } }]);
    assert.equal(single.pairs[0]!.cohenKappa.value, null);
    assert.match(single.pairs[0]!.cohenKappa.note!, /one category/);
  });

  it('honours the annotator and label filters, and leaves orphans out', () => {
    const report = computeAgreement([doc('d.txt', [
      ann('a', 'PER', 0, 5), ann('b', 'PER', 0, 5), ann('c', 'PER', 47, 52), ann('a', 'LOC', 14, 23), ann('b', 'LOC', 14, 20, { orphaned: true }),
    ])], { annotators: ['a', 'b'], labels: ['PER'] });
    assert.deepEqual(report.annotators, ['a', 'b']);
    assert.deepEqual(report.labels, ['PER']);
    assert.equal(report.pairs.length, 1);
    assert.equal(report.pairs[0]!.exactF1.f1.value, 1);
  });
});
