// The one place in the extension where stored offsets (Unicode code points) become VS Code
// positions and ranges (UTF-16 units, lines) and back. The counting itself is core's OffsetMap
// (src/core/text/offsets.ts, unit-tested); this adapter only adds the document's positions, so
// no call site writes `positionAt(map.toUtf16(…))` or `map.toCodePoint(offsetAt(…))` itself.
import * as vscode from 'vscode';
import type { OffsetMap } from '../core/text';

/** What the conversions need: an OffsetMap, or the live state's positions that read no text. */
export type CodePointConverter = Pick<OffsetMap, 'toCodePoint' | 'toUtf16'>;

/** A span of an article in code points, end exclusive (annotations, facts and suggestions are ones). */
export interface CodePointSpan {
  readonly start: number;
  readonly end: number;
}

/** The document position of a code point offset; clamps to the text. */
export function positionOfCodePoint(document: vscode.TextDocument, map: CodePointConverter, codePoint: number): vscode.Position {
  return document.positionAt(map.toUtf16(codePoint));
}

/** The document range of a code point span (an annotation, a fact, a suggestion). */
export function rangeOfSpan(document: vscode.TextDocument, map: CodePointConverter, span: CodePointSpan): vscode.Range {
  return new vscode.Range(positionOfCodePoint(document, map, span.start), positionOfCodePoint(document, map, span.end));
}

/** The code point offset of a document position; inside a surrogate pair it rounds down to the pair's start. */
export function codePointAt(document: vscode.TextDocument, map: CodePointConverter, position: vscode.Position): number {
  return map.toCodePoint(document.offsetAt(position));
}

/** The code point span of a document range or selection. */
export function spanOfRange(document: vscode.TextDocument, map: CodePointConverter, range: vscode.Range): CodePointSpan {
  return { start: codePointAt(document, map, range.start), end: codePointAt(document, map, range.end) };
}
