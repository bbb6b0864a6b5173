// Issue 9: the one code point ↔ vscode.Range adapter (src/extension/documentOffsets.ts), on a
// real VS Code document read from a file with a BOM, CRLF line endings, an emoji with a skin
// tone, a flag and a combining accent; and the commands that go through it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OffsetMap } from '../../src/core/text/offsets';
import { parseSidecar } from '../../src/core/format/sidecar';
import { codePointAt, positionOfCodePoint, rangeOfSpan, spanOfRange } from '../../src/extension/documentOffsets';
import { extensionApi, fileIn, readText, SuiteFiles, waitFor } from './helpers';

const files = new SuiteFiles('offsets-suite');

// Code points: "Halo " 0–4, 👋 5, 🏽 6, "!" 7, CR 8, LF 9, "e" 10, U+0301 11, " " 12,
// "Putin" 13–17, " " 18, 🇷 19, 🇺 20, " " 21, "tiba." 22–26, CR 27, LF 28 (29 in all).
const TEXT = 'Halo 👋🏽!\r\ne\u0301 Putin 🇷🇺 tiba.\r\n';
const BOM = [0xef, 0xbb, 0xbf];

async function articleWithBom(name: string): Promise<vscode.TextDocument> {
  const api = await extensionApi();
  await waitFor('the registry', () => api.store.registryFor(fileIn('x.txt').toString()));
  const uri = files.uri(name);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array([...BOM, ...new TextEncoder().encode(TEXT)]));
  await waitFor(`${name} in the corpus`, () => api.store.article(uri.toString()));
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.getText(), TEXT, 'VS Code drops the BOM and keeps CRLF');
  return document;
}

describe('code point offsets ↔ VS Code ranges (real VS Code, BOM, CRLF, emoji, combining marks)', function () {
  this.timeout(60_000);
  after(() => files.removeAll());

  it('converts spans to ranges and back on a document with a BOM, CRLF, astral characters and a combining mark', async () => {
    const document = await articleWithBom('offsets-adapter.txt');
    const map = new OffsetMap(document.getText());

    const putin = rangeOfSpan(document, map, { start: 13, end: 18 });
    assert.deepEqual([putin.start.line, putin.start.character, putin.end.line, putin.end.character], [1, 3, 1, 8]);
    assert.equal(document.getText(putin), 'Putin');
    const flag = rangeOfSpan(document, map, { start: 19, end: 21 });
    assert.deepEqual([flag.start.line, flag.start.character, flag.end.line, flag.end.character], [1, 9, 1, 13]);
    assert.equal(document.getText(flag), '🇷🇺');
    const wave = rangeOfSpan(document, map, { start: 5, end: 7 });
    assert.deepEqual([wave.start.line, wave.start.character, wave.end.line, wave.end.character], [0, 5, 0, 9]);
    const accented = rangeOfSpan(document, map, { start: 10, end: 12 });
    assert.equal(document.getText(accented), 'e\u0301');

    assert.deepEqual(spanOfRange(document, map, new vscode.Range(1, 14, 1, 18)), { start: 22, end: 26 }, '"tiba" after the flag');
    assert.equal(codePointAt(document, map, new vscode.Position(1, 0)), 10, 'a line start after CRLF');
    assert.equal(codePointAt(document, map, new vscode.Position(0, 6)), 5, 'inside a surrogate pair: the pair start');
    assert.equal(codePointAt(document, map, new vscode.Position(1, 2)), 12, 'after the combining mark');
    const lineEnd = positionOfCodePoint(document, map, 27);
    assert.deepEqual([lineEnd.line, lineEnd.character], [1, 19], 'the CR of the second line');
    const clamped = rangeOfSpan(document, map, { start: 27, end: 100 });
    assert.deepEqual([clamped.end.line, clamped.end.character], [2, 0], 'an end past the text clamps to its end');
  });

  it('annotates a selection, highlights it and reveals it through the adapter on the same document', async () => {
    const api = await extensionApi();
    const document = await articleWithBom('offsets-commands.txt');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 3, 1, 8);
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'vladimir-putin' });

    const sidecarUri = vscode.Uri.parse(`${document.uri.toString()}.annotations.yaml`);
    const sidecar = await waitFor('the sidecar', async () => parseSidecar(sidecarUri.toString(), await readText(sidecarUri)).sidecar);
    const annotation = sidecar.annotations[0]!;
    assert.deepEqual([annotation.start, annotation.end, annotation.text], [13, 18, 'Putin']);

    const ranges = await waitFor('a highlight', () => {
      const found = [...api.highlighter.decoratedRanges(editor).values()].flat();
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual([ranges[0]!.start.line, ranges[0]!.start.character, ranges[0]!.end.line, ranges[0]!.end.character], [1, 3, 1, 8]);

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('sourceAnnotator.revealAnnotation', { articleUri: document.uri.toString(), itemId: annotation.id });
    const selection = vscode.window.activeTextEditor!.selection;
    assert.deepEqual([selection.start.line, selection.start.character, selection.end.line, selection.end.character], [1, 3, 1, 8]);
  });
});
