// Shared by the anchoring tests: anchors made as the editor makes them, and one-place edits.
import * as assert from 'node:assert/strict';
import { quoteAt } from '../../../src/core/anchoring';
import type { Anchor } from '../../../src/core/model/types';
import { OffsetMap } from '../../../src/core/text/offsets';

/** Code point offset of the one place where `before + quote` occurs, at the quote. */
export function offsetOf(text: string, quote: string, before = ''): number {
  const needle = before + quote;
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  assert.equal(text.indexOf(needle, at + 1), -1, `"${needle}" is not unique in the text`);
  return new OffsetMap(text).toCodePoint(at + before.length);
}

/** An anchor as the editor would store it for `quote` (after `before`) in `text`. */
export function anchorAt(text: string, quote: string, before = ''): Anchor {
  const start = offsetOf(text, quote, before);
  const end = start + Array.from(quote).length;
  return { start, end, ...quoteAt(text, start, end) };
}

/** `text` with its one occurrence of `from` replaced. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `"${from}" must occur once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
