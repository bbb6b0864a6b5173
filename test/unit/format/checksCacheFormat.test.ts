// The cache form of the sidecar checks' results (issue 12, warm open): `0` for none, else the
// file once and one tuple a problem; anything else on disk is damage and revives as undefined.
import * as assert from 'node:assert/strict';
import { MAX_PACKED_CHECKS, NO_CHECK_PROBLEMS, packChecks, unpackChecks } from '../../../src/core/format/sidecarCacheFormat';
import type { CorpusDiagnostic } from '../../../src/core/model/diagnostics';

const FILE = 'file:///corpus/%F0%9F%91%8D.txt.annotations.yaml';
const PROBLEMS: CorpusDiagnostic[] = [
  { file: FILE, start: { line: 2, column: 2 }, end: { line: 4, column: 0 }, severity: 'info', code: 'article-changed', message: 'The article changed.' },
  {
    file: FILE, start: { line: 16, column: 10 }, end: { line: 16, column: 24 }, severity: 'error', code: 'text-mismatch',
    message: 'Annotation `a1`: the article has "👍🏽 Cafe\u0301\r\n" at 0–8, not "x".',
  },
];

describe('sidecar checks in the cache', () => {
  it('packs no problems as 0, which revives as the one frozen empty list', () => {
    assert.equal(packChecks([]), 0);
    assert.equal(JSON.stringify(packChecks([])), '0');
    assert.equal(unpackChecks(JSON.parse('0')), NO_CHECK_PROBLEMS);
    assert.ok(Object.isFrozen(NO_CHECK_PROBLEMS));
    assert.equal(NO_CHECK_PROBLEMS.length, 0);
  });

  it('packs problems as their file and a tuple each, and revives them through JSON as they were', () => {
    const json = JSON.stringify(packChecks(PROBLEMS));
    assert.equal(json, JSON.stringify({
      f: FILE,
      d: [[2, 2, 4, 0, 'info', 'article-changed', 'The article changed.'], [16, 10, 16, 24, 'error', 'text-mismatch', PROBLEMS[1]!.message]],
    }));
    assert.deepEqual(unpackChecks(JSON.parse(json)), PROBLEMS);
  });

  it('revives nothing from a damaged entry', () => {
    const tuple = [0, 0, 0, 0, 'error', 'unknown-label', 'x'];
    const damaged: unknown[] = [
      null, undefined, 1, '0', [], {}, { f: FILE }, { f: 3, d: [tuple] }, { f: FILE, d: [] }, { f: FILE, d: 'x' },
      { f: FILE, d: Array.from({ length: MAX_PACKED_CHECKS + 1 }, () => tuple) },
      { f: FILE, d: [[0, 0, 0, 0, 'error', 'unknown-label']] }, { f: FILE, d: [[...tuple, 'extra']] }, { f: FILE, d: [null] },
      { f: FILE, d: [[-1, 0, 0, 0, 'error', 'unknown-label', 'x']] }, { f: FILE, d: [[0, 1e300, 0, 0, 'error', 'unknown-label', 'x']] },
      { f: FILE, d: [[0, 0, '1', 0, 'error', 'unknown-label', 'x']] }, { f: FILE, d: [[0, 0, 0, 0.5, 'error', 'unknown-label', 'x']] },
      { f: FILE, d: [[0, 0, 0, 0, 'fatal', 'unknown-label', 'x']] }, { f: FILE, d: [[0, 0, 0, 0, 'error', 'toString', 'x']] },
      { f: FILE, d: [[0, 0, 0, 0, 'error', '__proto__', 'x']] }, { f: FILE, d: [[0, 0, 0, 0, 'error', 'unknown-label', null]] },
      { f: FILE, d: [tuple, [0, 0, 0, 0, 'warn', 'unknown-label', 'x']] },
    ];
    for (const [index, entry] of damaged.entries()) assert.equal(unpackChecks(entry), undefined, `entry ${index}`);
    // At the limit, a well-formed list is still read.
    assert.equal(unpackChecks({ f: FILE, d: Array.from({ length: MAX_PACKED_CHECKS }, () => tuple) })?.length, MAX_PACKED_CHECKS);
  });

});
