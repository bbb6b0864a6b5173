import * as assert from 'node:assert/strict';
import { trimSpan } from '../../../src/core/annotating/spanTrim';
import { OffsetMap } from '../../../src/core/text/offsets';

/** The span as [start, end] and the text it covers, for compact assertions. */
function trimmed(text: string, start: number, end: number): [number, number, string] {
  const map = new OffsetMap(text);
  const span = trimSpan(map, start, end);
  return [span.start, span.end, map.slice(span.start, span.end)];
}

describe('span trimming (a selection before annotating)', () => {
  it('drops a trailing space taken by a double-click and leading white space', () => {
    assert.deepEqual(trimmed('Presiden Putin tiba', 9, 15), [9, 14, 'Putin']);
    assert.deepEqual(trimmed('Presiden Putin tiba', 8, 14), [9, 14, 'Putin']);
    assert.deepEqual(trimmed('a \t Putin \u00a0 b', 1, 12), [4, 9, 'Putin']);
  });

  it('counts code points after an emoji, and keeps an emoji at the edge', () => {
    // 😀 is one code point (two UTF-16 units): "Putin" is [2, 7).
    assert.deepEqual(trimmed('😀 Putin 👍🏽 x', 1, 8), [2, 7, 'Putin']);
    assert.deepEqual(trimmed('😀 Putin 👍🏽 x', 0, 8), [0, 7, '😀 Putin']);
    assert.deepEqual(trimmed('😀 Putin 👍🏽 x', 2, 11), [2, 10, 'Putin 👍🏽']);
  });

  it('trims CRLF and LF line breaks at the edges, and keeps them inside', () => {
    const text = 'Judul\r\nVladimir\r\nPutin\r\n\r\nIsi';
    // "Vladimir" starts at 7; "Putin" ends at 22; the selection takes the line breaks around.
    assert.deepEqual(trimmed(text, 5, 26), [7, 22, 'Vladimir\r\nPutin']);
    assert.deepEqual(trimmed('a\nb\n', 1, 4), [2, 3, 'b']);
  });

  it('trims a stray U+FEFF (a BOM pasted mid-text) like white space', () => {
    assert.deepEqual(trimmed('x\uFEFFPutin\uFEFF', 1, 7), [2, 7, 'Putin']);
  });

  it('keeps combining marks with their base: a trailing mark stays, a space carrying a mark stays', () => {
    // "é" written as e + U+0301: two code points, both kept.
    assert.deepEqual(trimmed('Andre\u0301 said', 0, 7), [0, 6, 'Andre\u0301']);
    // A space with a combining mark on it is a character of its own: not trimmed off the start.
    assert.deepEqual(trimmed('x \u0301ab ', 1, 6), [1, 5, ' \u0301ab']);
    assert.deepEqual(trimmed('x  \u0301ab', 1, 6), [2, 6, ' \u0301ab']);
  });

  it('returns a selection of only white space, or an empty one, unchanged', () => {
    assert.deepEqual(trimmed('a  \r\n b', 1, 6), [1, 6, '  \r\n ']);
    assert.deepEqual(trimmed('abc', 1, 1), [1, 1, '']);
  });

  it('never trims punctuation', () => {
    assert.deepEqual(trimmed('the U.S. (AP) ', 4, 14), [4, 13, 'U.S. (AP)']);
  });
});
