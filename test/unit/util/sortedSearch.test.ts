import * as assert from 'node:assert/strict';
import { firstIndexAtLeast, firstIndexWhere, includesSorted } from '../../../src/core/util/sortedSearch';

describe('sorted search', () => {
  it('finds the first value at least the one asked for, also past the end and before the start', () => {
    const values = [2, 4, 4, 4, 9];
    assert.deepEqual([0, 2, 3, 4, 5, 9, 10].map((v) => firstIndexAtLeast(values, v)), [0, 0, 1, 1, 4, 4, 5]);
    assert.equal(firstIndexAtLeast([], 3), 0);
    assert.equal(firstIndexAtLeast(new Float64Array([1.5, 2.5]), 2), 1);
  });

  it('says whether a sorted list holds a value', () => {
    assert.deepEqual([1, 2, 4, 9, 10].map((v) => includesSorted([2, 4, 9], v)), [false, true, true, true, false]);
    assert.equal(includesSorted([], 0), false);
  });

  it('finds where a predicate turns true', () => {
    const ends = [3, 7, 12, 20];
    assert.deepEqual([0, 3, 6, 7, 19, 20, 25].map((offset) => firstIndexWhere(ends.length, (i) => ends[i]! > offset)), [0, 1, 1, 2, 3, 4, 4]);
    assert.equal(firstIndexWhere(0, () => true), 0);
  });
});
