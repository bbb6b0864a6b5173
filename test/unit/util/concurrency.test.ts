import * as assert from 'node:assert/strict';
import { forEachLimited } from '../../../src/core/util/concurrency';

describe('forEachLimited (bounded concurrency)', () => {
  it('runs every item once, never more than the limit at a time, starting them in order', async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const items = Array.from({ length: 50 }, (_, k) => k);
    await forEachLimited(items, 4, async (item) => {
      started.push(item);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      inFlight--;
    });
    assert.deepEqual(started, items);
    assert.equal(most, 4);
    assert.equal(inFlight, 0);
  });

  it('does nothing for no items, and fails when a piece of work fails', async () => {
    await forEachLimited([], 8, async () => { throw new Error('not called'); });
    await assert.rejects(forEachLimited([1, 2, 3], 2, async (item) => { if (item === 2) throw new Error('two'); }), /two/);
  });
});
