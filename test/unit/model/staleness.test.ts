import * as assert from 'node:assert/strict';
import { anchorMismatch, sidecarIsStale } from '../../../src/core/model/staleness';
import { OffsetMap } from '../../../src/core/text/offsets';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const withHash = (sha256?: string) => ({ source: { file: 'x.txt', ...(sha256 !== undefined ? { sha256 } : {}) } });

describe('staleness (the one rule)', () => {
  it('a sidecar is stale when its recorded hash differs from the article bytes', () => {
    assert.equal(sidecarIsStale(withHash(HASH_A), HASH_B), true);
    assert.equal(sidecarIsStale(withHash(HASH_A), HASH_A), false);
  });

  it('is never stale with nothing to compare: no recorded hash, an empty one, no article, no sidecar', () => {
    assert.equal(sidecarIsStale(withHash(), HASH_B), false);
    assert.equal(sidecarIsStale(withHash(''), HASH_B), false);
    assert.equal(sidecarIsStale(withHash(HASH_A), undefined), false);
    assert.equal(sidecarIsStale(undefined, HASH_B), false);
  });

  it('an item anchor holds when its offsets are in the text and its quote is the text there (code points)', () => {
    const map = new OffsetMap('👋🏽 e\u0301 Putin\r\n');
    assert.equal(anchorMismatch(map, { start: 6, end: 11, text: 'Putin' }), undefined);
    assert.equal(anchorMismatch(map, { start: 3, end: 5, text: 'e\u0301' }), undefined);
    assert.equal(anchorMismatch(map, { start: 5, end: 10, text: 'Putin' }), 'text-mismatch');
    assert.equal(anchorMismatch(map, { start: 6, end: 14, text: 'Putin\r\n' }), 'out-of-range');
    assert.equal(anchorMismatch(map, { start: 6, end: 5, text: '' }), 'out-of-range');
    assert.equal(anchorMismatch(map, { start: -1, end: 2, text: '👋🏽' }), 'out-of-range');
  });
});
