import * as assert from 'node:assert/strict';
import { numberedVariant } from '../../../src/core/util/numbered';

describe('numberedVariant (fresh ids by numbering)', () => {
  it('starts at 2 and skips what is taken', () => {
    assert.equal(numberedVariant('a1', new Set()), 'a1-2');
    assert.equal(numberedVariant('kim-jong-un', new Set(['kim-jong-un', 'kim-jong-un-2', 'kim-jong-un-3'])), 'kim-jong-un-4');
    assert.equal(numberedVariant('a1', new Set(['a1-3'])), 'a1-2');
  });
});
