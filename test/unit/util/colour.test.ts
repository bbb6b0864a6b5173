import * as assert from 'node:assert/strict';
import { colourVariant, withAlpha } from '../../../src/core/util/colour';

describe('label colours', () => {
  it('gives four author variants: the colour, darker, lighter, much darker', () => {
    assert.deepEqual([0, 1, 2, 3].map((v) => colourVariant('#e0a030', v)), ['#e0a030', '#86601d', '#eecb8d', '#4e3811']);
  });

  it('gives the colour unchanged past the fourth variant and for colours not written #rrggbb', () => {
    assert.equal(colourVariant('#e0a030', 4), '#e0a030');
    assert.equal(colourVariant('red', 1), 'red');
    assert.equal(colourVariant('#abc', 2), '#abc');
  });

  it('appends an alpha byte, clamped to [0, 1]', () => {
    assert.equal(withAlpha('#e0a030', 0.5), '#e0a03080');
    assert.equal(withAlpha('#e0a030', 1.7), '#e0a030ff');
    assert.equal(withAlpha('#e0a030', -1), '#e0a03000');
  });
});
