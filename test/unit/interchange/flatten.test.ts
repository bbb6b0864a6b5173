import * as assert from 'node:assert/strict';
import { flattenSpans } from '../../../src/core/interchange';
import type { Annotation } from '../../../src/core/model/types';

const span = (id: string, start: number, end: number, label: string): Annotation => ({ id, start, end, label, text: 'x'.repeat(end - start) });

describe('flattenSpans (the overlap rule of CoNLL and spaCy)', () => {
  it('keeps the outermost span, collapses identical ones and counts what it leaves out', () => {
    const result = flattenSpans([
      span('event', 0, 30, 'EVENT'), span('per', 10, 15, 'PER'), span('per2', 10, 15, 'PER'),
      span('loc', 20, 25, 'LOC'), span('date', 40, 50, 'DATE'), span('empty', 55, 55, 'PER'),
    ], ['PER', 'LOC', 'DATE', 'EVENT']);
    assert.deepEqual(result.spans.map((s) => [s.start, s.end, s.label]), [[0, 30, 'EVENT'], [40, 50, 'DATE']]);
    assert.equal(result.collapsed, 1);
    assert.equal(result.overlapping, 2);
    assert.equal(result.empty, 1);
  });

  it('breaks a tie of equal spans by how many annotators gave a label, then by registry order', () => {
    const byVotes = flattenSpans([span('a', 0, 5, 'LOC'), span('b', 0, 5, 'PER'), span('c', 0, 5, 'PER')], ['LOC', 'PER']);
    assert.deepEqual(byVotes.spans.map((s) => s.label), ['PER']);
    const byOrder = flattenSpans([span('a', 0, 5, 'PER'), span('b', 0, 5, 'LOC')], ['LOC', 'PER']);
    assert.deepEqual(byOrder.spans.map((s) => s.label), ['LOC']);
  });

  it('between partly overlapping spans of one length keeps the earlier one', () => {
    const result = flattenSpans([span('b', 3, 8, 'PER'), span('a', 0, 5, 'PER')], []);
    assert.deepEqual(result.spans.map((s) => s.start), [0]);
    assert.equal(result.overlapping, 1);
  });
});
