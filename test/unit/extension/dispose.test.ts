import * as assert from 'node:assert/strict';
import { Disposable, disposeAll } from '../../../src/extension/dispose';

describe('disposeAll', () => {
  it('disposes every item, last first, although one throws, then rethrows that error', () => {
    const order: string[] = [];
    const items = [
      { dispose: () => { order.push('a'); } },
      { dispose: () => { order.push('b'); throw new Error('b broke'); } },
      { dispose: () => { order.push('c'); } },
    ];
    assert.throws(() => disposeAll(items), /b broke/);
    assert.deepEqual(order, ['c', 'b', 'a']);
    assert.equal(items.length, 0);
  });

  it('gathers several errors into one AggregateError', () => {
    const items = [1, 2].map((n) => ({ dispose: () => { throw new Error(`broke ${n}`); } }));
    assert.throws(() => disposeAll(items), (error: unknown) => error instanceof AggregateError && error.errors.length === 2);
  });

  it('a Disposable releases what it registered once, and disposes what is registered after', () => {
    let released = 0;
    class Owner extends Disposable {
      add() { return this._register({ dispose: () => { released++; } }); }
    }
    const owner = new Owner();
    owner.add();
    owner.dispose();
    owner.dispose();
    assert.equal(released, 1);
    owner.add();
    assert.equal(released, 2);
  });
});
