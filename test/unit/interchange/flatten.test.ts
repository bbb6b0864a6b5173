import * as assert from 'node:assert/strict';
import fc from 'fast-check';
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

/**
 * The overlap rule by brute force: every kept span is compared with each candidate, and the
 * order is the README's, written out again here (longest, earliest, most annotators, registry
 * order, then label text).
 */
function flattenByBruteForce(annotations: readonly Annotation[], labelOrder: readonly string[]): { spans: [number, number, string, string | undefined, string[]][]; collapsed: number; overlapping: number; empty: number } {
  const nonEmpty = annotations.filter((a) => a.end > a.start);
  const groups: Annotation[][] = [];
  for (const annotation of nonEmpty) {
    const group = groups.find((g) => g[0]!.start === annotation.start && g[0]!.end === annotation.end && g[0]!.label === annotation.label);
    if (group) group.push(annotation);
    else groups.push([annotation]);
  }
  const rank = (label: string) => (labelOrder.includes(label) ? labelOrder.indexOf(label) : labelOrder.length);
  const ordered = [...groups].sort((a, b) => {
    const [x, y] = [a[0]!, b[0]!];
    return (y.end - y.start) - (x.end - x.start) || x.start - y.start || b.length - a.length
      || rank(x.label) - rank(y.label) || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0);
  });
  const kept: Annotation[][] = [];
  for (const group of ordered) {
    const [x] = group;
    if (!kept.some(([k]) => k!.start < x!.end && x!.start < k!.end)) kept.push(group);
  }
  kept.sort((a, b) => a[0]!.start - b[0]!.start);
  return {
    spans: kept.map((g) => [g[0]!.start, g[0]!.end, g[0]!.label, g.find((a) => a.entity !== undefined)?.entity, g.map((a) => a.id)]),
    collapsed: nonEmpty.length - groups.length,
    overlapping: groups.length - kept.length,
    empty: annotations.length - nonEmpty.length,
  };
}

type FlatSpan = ReturnType<typeof flattenSpans>['spans'][number];
const asTuple = (s: FlatSpan): [number, number, string, string | undefined, string[]] => [s.start, s.end, s.label, s.entity, s.sources.map((a) => a.id)];

describe('flattenSpans against a brute-force reference (fast-check)', () => {
  it('keeps, collapses and counts exactly as comparing every pair would', () => {
    const labels = ['PER', 'LOC', 'ORG', 'EVENT'];
    const annotationArb = fc.record({
      start: fc.nat(60), length: fc.nat(20), label: fc.constantFrom(...labels), entity: fc.option(fc.constantFrom('e1', 'e2'), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(annotationArb, { maxLength: 40 }), fc.shuffledSubarray(labels), (specs, labelOrder) => {
      const annotations = specs.map((spec, index): Annotation => ({
        ...span(`a${index}`, spec.start, spec.start + spec.length, spec.label), ...(spec.entity !== undefined ? { entity: spec.entity } : {}),
      }));
      const expected = flattenByBruteForce(annotations, labelOrder);
      const actual = flattenSpans(annotations, labelOrder);
      assert.deepEqual(actual.spans.map(asTuple), expected.spans);
      assert.deepEqual([actual.collapsed, actual.overlapping, actual.empty], [expected.collapsed, expected.overlapping, expected.empty]);
    }), { numRuns: 500 });
  });
});
