// The agreement coefficients against published worked examples and hand-computed values.
import * as assert from 'node:assert/strict';
import {
  cohenKappa, fleissCounts, fleissKappa, sectionDistance, spanF1, unitizingAlpha, unitizingAlphaFor, type Unit,
} from '../../../src/core/agreement/measures';

const close = (actual: number | null, expected: number, tolerance = 0.0005, what = '') => {
  assert.ok(actual !== null, `${what} is null`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not ${expected} ± ${tolerance}`);
};

/** `n` items coded (a, b). */
const repeat = (n: number, a: string, b: string): [string[], string[]] => [new Array<string>(n).fill(a), new Array<string>(n).fill(b)];
function table(...cells: [number, string, string][]): [string[], string[]] {
  const first: string[] = [];
  const second: string[] = [];
  for (const [n, a, b] of cells) {
    const [x, y] = repeat(n, a, b);
    first.push(...x);
    second.push(...y);
  }
  return [first, second];
}

describe("Cohen's kappa", () => {
  it('matches Artstein & Poesio (2008), p. 558: Ao 0.7, Ae 0.54, κ 0.348', () => {
    const [a, b] = table([20, 'STAT', 'STAT'], [20, 'IReq', 'STAT'], [10, 'STAT', 'IReq'], [50, 'IReq', 'IReq']);
    const result = cohenKappa(a, b);
    close(result.observed, 0.7, 1e-9, 'Ao');
    close(result.expected, 0.54, 1e-9, 'Ae');
    close(result.kappa, 0.348, 0.0005, 'κ');
  });

  it('matches Artstein & Poesio (2008), p. 568 (three categories): Ao 0.88, Ae 0.396, κ 0.8013', () => {
    const [a, b] = table([46, 'STAT', 'STAT'], [6, 'IReq', 'STAT'], [32, 'IReq', 'IReq'], [6, 'IReq', 'Chck'], [10, 'Chck', 'Chck']);
    const result = cohenKappa(a, b);
    close(result.observed, 0.88, 1e-9, 'Ao');
    close(result.expected, 0.396, 0.0005, 'Ae');
    close(result.kappa, 0.8013, 0.0005, 'κ');
  });

  it('matches Krippendorff (1995) digitised example A: κ 0.385', () => {
    const bertha = '001111111100001111110000'.split('');
    const bill = '000011110000000110000000'.split('');
    close(cohenKappa(bertha, bill).kappa, 0.385, 0.001, 'κ');
  });

  it('is 1 for perfect agreement, and undefined (null) for a single category', () => {
    assert.equal(cohenKappa(['PER', 'O', 'LOC'], ['PER', 'O', 'LOC']).kappa, 1);
    const single = cohenKappa(['O', 'O', 'O'], ['O', 'O', 'O']);
    assert.equal(single.kappa, null);
    assert.equal(single.observed, 1);
    assert.equal(cohenKappa([], []).kappa, null);
  });

  it('is negative when coders systematically disagree (hand-computed: −1)', () => {
    assert.equal(cohenKappa(['A', 'B', 'A', 'B'], ['B', 'A', 'B', 'A']).kappa, -1);
  });
});

describe("Fleiss' kappa", () => {
  // Fleiss (1971), p. 379: 30 patients, 6 psychiatrists, 5 diagnoses.
  const patients = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
  ].map((row) => row.map(String));

  it("matches Fleiss (1971)'s worked example: P̄ 0.556, P̄e 0.220, κ 0.430", () => {
    const { counts, categories } = fleissCounts(patients);
    assert.deepEqual(categories, ['1', '2', '3', '4', '5']);
    const result = fleissKappa(counts);
    close(result.observed, 0.5556, 0.0005, 'P̄');
    close(result.expected, 0.2201, 0.0005, 'P̄e');
    close(result.kappa, 0.430, 0.0005, 'κ');
  });

  it('is 1 for perfect agreement, null for one category, and refuses ragged tables', () => {
    assert.equal(fleissKappa(fleissCounts([['A', 'A', 'A'], ['B', 'B', 'B']]).counts).kappa, 1);
    assert.equal(fleissKappa(fleissCounts([['O', 'O', 'O'], ['O', 'O', 'O']]).counts).kappa, null);
    assert.throws(() => fleissKappa([[3, 0], [1, 1]]), /same number of coders/);
  });
});

describe("Krippendorff's unitizing alpha", () => {
  it('has the section distances of Krippendorff (2004), p. 252', () => {
    const unit = (start: number, length: number) => ({ start, end: start + length, unit: true });
    const gap = (start: number, length: number) => ({ start, end: start + length, unit: false });
    assert.equal(sectionDistance(unit(225, 70), unit(220, 80)), 50);
    assert.equal(sectionDistance(unit(370, 30), unit(355, 20)), 850);
    assert.equal(sectionDistance(gap(400, 50), unit(400, 20)), 400);
    assert.equal(sectionDistance(unit(5, 6), unit(4, 2)), 26);
    assert.equal(sectionDistance(unit(5, 6), gap(4, 7)), 36);
    assert.equal(sectionDistance(unit(5, 6), unit(5, 6)), 0);
    assert.equal(sectionDistance(gap(0, 3), gap(0, 5)), 0);
  });

  it('matches Krippendorff (2004)\'s example, p. 254: α_c 0.7286, α_k 1, overall 0.8591', () => {
    const u = (start: number, length: number, category: string): Unit => ({ start, end: start + length, category });
    const study = {
      begin: 150,
      length: 300,
      coders: [
        [u(225, 70, 'c'), u(370, 30, 'c'), u(180, 60, 'k'), u(300, 50, 'k')],
        [u(220, 80, 'c'), u(355, 20, 'c'), u(400, 20, 'c'), u(180, 60, 'k'), u(300, 50, 'k')],
      ],
    };
    const c = unitizingAlphaFor(study, 'c');
    close(c.observed, 0.0144, 0.0001, 'D_o(c)');
    close(c.expected, 0.0532, 0.0001, 'D_e(c)');
    close(c.alpha, 0.7286, 0.0001, 'α(c)');
    const k = unitizingAlphaFor(study, 'k');
    assert.equal(k.observed, 0);
    close(k.expected, 0.0490, 0.0001, 'D_e(k)');
    assert.equal(k.alpha, 1);
    close(unitizingAlpha(study).overall.alpha, 0.8591, 0.0005, 'α overall');
  });

  it('matches the observed disagreements of Krippendorff (1995)\'s four examples, p. 57', () => {
    const u = (start: number, length: number, category: string): Unit => ({ start, end: start + length, category });
    const study = {
      begin: 0,
      length: 24,
      coders: [
        [u(2, 8, 'A'), u(14, 6, 'A'), u(0, 18, 'B'), u(2, 6, 'C'), u(10, 2, 'C'), u(14, 4, 'C'), u(20, 2, 'C')],
        [u(4, 4, 'A'), u(15, 2, 'A'), u(0, 2, 'B'), u(2, 1, 'B'), u(3, 1, 'B'), u(4, 1, 'B'), u(5, 1, 'B'), u(6, 3, 'B'), u(9, 1, 'B'),
          u(0, 2, 'C'), u(4, 4, 'C'), u(10, 4, 'C'), u(16, 2, 'C'), u(20, 2, 'C')],
      ],
    };
    close(unitizingAlphaFor(study, 'A').observed, 0.03125, 0.00001, 'D_o(A)');
    close(unitizingAlphaFor(study, 'C').observed, 0.02777, 0.00001, 'D_o(C)');
  });

  it('is 1 for identical units, 0-or-below for no overlap, and null without any unit', () => {
    const same = { begin: 0, length: 100, coders: [[{ start: 10, end: 20, category: 'PER' }], [{ start: 10, end: 20, category: 'PER' }]] };
    assert.equal(unitizingAlphaFor(same, 'PER').alpha, 1);
    const apart = { begin: 0, length: 100, coders: [[{ start: 10, end: 20, category: 'PER' }], [{ start: 60, end: 70, category: 'PER' }]] };
    const alpha = unitizingAlphaFor(apart, 'PER').alpha!;
    assert.ok(alpha <= 0, `no overlap gives ${alpha}`);
    assert.equal(unitizingAlphaFor({ begin: 0, length: 100, coders: [[], []] }, 'PER').alpha, null);
  });
});

describe('span F1', () => {
  const span = (start: number, end: number, label = 'PER') => ({ start, end, label });

  it('exact: hand-computed 2 of 3 against 2 of 4 → P 0.5, R 0.667, F1 0.571', () => {
    const reference = [span(0, 5), span(10, 15), span(20, 25)];
    const other = [span(0, 5), span(10, 15), span(21, 25), span(30, 35)];
    const result = spanF1(reference, other, 'exact');
    close(result.precision, 0.5, 1e-9, 'P');
    close(result.recall, 2 / 3, 1e-9, 'R');
    close(result.f1, 4 / 7, 1e-9, 'F1');
    assert.equal(spanF1(other, reference, 'exact').f1, result.f1, 'symmetric');
  });

  it('overlap: a boundary difference still matches, another label does not', () => {
    const result = spanF1([span(0, 5), span(10, 15)], [span(2, 7), span(10, 15, 'LOC')], 'overlap');
    assert.equal(result.f1, 0.5);
    assert.equal(spanF1([span(0, 5)], [span(5, 9)], 'overlap').f1, 0, 'touching is not overlapping');
  });

  it('perfect agreement is 1, no overlap 0, nothing at all null', () => {
    assert.equal(spanF1([span(0, 5)], [span(0, 5)], 'exact').f1, 1);
    assert.equal(spanF1([span(0, 5)], [span(50, 55)], 'overlap').f1, 0);
    assert.equal(spanF1([], [span(0, 5)], 'exact').f1, 0);
    assert.equal(spanF1([], [], 'exact').f1, null);
  });
});
