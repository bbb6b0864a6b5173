import * as assert from 'node:assert/strict';
import { isolateDirection } from '../../../src/core/text/bidi';

describe('isolating right-to-left labels', () => {
  it('wraps text with Arabic or Hebrew letters in FSI … PDI', () => {
    assert.equal(isolateDirection('زيارة بوتين إلى بيونغ يانغ'), '\u2068زيارة بوتين إلى بيونغ يانغ\u2069');
    assert.equal(isolateDirection('Putin في بيونغ يانغ'), '\u2068Putin في بيونغ يانغ\u2069');
    assert.equal(isolateDirection('שלום 2024'), '\u2068שלום 2024\u2069');
  });

  it('leaves left-to-right text, emoji and combining marks as they are', () => {
    assert.equal(isolateDirection('Putin Tiba di Pyongyang'), 'Putin Tiba di Pyongyang');
    assert.equal(isolateDirection('Kim 🇰🇵 meets Putin 👋🏽'), 'Kim 🇰🇵 meets Putin 👋🏽');
    assert.equal(isolateDirection('Ngo\u0302 Đình Die\u0323\u0302m'), 'Ngo\u0302 Đình Die\u0323\u0302m');
  });

  it('drops directional controls from the corpus, so they cannot reorder what follows', () => {
    assert.equal(isolateDirection('abc\u202Edef'), 'abcdef');
    assert.equal(isolateDirection('\u2069\u2067يانغ'), '\u2068يانغ\u2069');
  });
});
