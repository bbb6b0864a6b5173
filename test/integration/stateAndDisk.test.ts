// Issue 8: state and disk agree in the real VS Code host — a failed write is rolled back in the
// editor, a sidecar rewritten while changes wait is merged with a recorded conflict, and corpus
// text in the Articles view stays text.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { addAnnotations, updateAnnotation } from '../../src/core/annotating/annotationOps';
import { OffsetMap } from '../../src/core/text/offsets';
import { parseSidecar } from '../../src/core/format/sidecar';
import { sha256Hex } from '../../src/core/util/sha256';
import { extensionApi, readText, SuiteFiles, waitFor, writeText } from './helpers';

const files = new SuiteFiles('state-suite');

async function openArticle(name: string, text: string): Promise<vscode.TextEditor> {
  const api = await extensionApi();
  const uri = files.uri(name);
  await writeText(uri, text);
  await waitFor(`${name} in the corpus`, () => api.store.article(uri.toString()));
  return vscode.window.showTextDocument(uri);
}

async function annotateFirst(editor: vscode.TextEditor, needle: string, label: string): Promise<string> {
  const api = await extensionApi();
  const text = editor.document.getText();
  const map = new OffsetMap(text);
  const start = map.toCodePoint(text.indexOf(needle));
  const span = { start, end: start + [...needle].length, label };
  assert.ok(await api.live.change(editor.document, (sidecar, m) => addAnnotations(sidecar, [span], m, { author: 'it', created: '2026-12-01T12:00:00Z' }).sidecar));
  const item = api.live.get(editor.document)!.sidecar!.annotations.find((a) => a.text === needle);
  assert.ok(item, `${needle} annotated`);
  return item.id;
}

describe('state and disk agree (real VS Code)', function () {
  this.timeout(60_000);
  after(() => files.removeAll());

  it('rolls a change back in the editor when its write fails, and writes the next one once the cause is gone', async () => {
    const api = await extensionApi();
    const editor = await openArticle('rollback.txt', 'Putin 😀 tiba di Pyongyang.\n');
    const id = await annotateFirst(editor, 'Pyongyang', 'LOC');
    const sidecarUri = vscode.Uri.parse(`${editor.document.uri.toString()}.annotations.yaml`);
    const good = await readText(sidecarUri);
    // The sidecar's place is taken by a folder: every read and write of it fails.
    rmSync(sidecarUri.fsPath);
    mkdirSync(sidecarUri.fsPath);
    writeFileSync(join(sidecarUri.fsPath, 'blocker'), '');
    try {
      const changed = await api.live.change(editor.document, (sidecar) => updateAnnotation(sidecar, id, { label: 'ORG' }));
      assert.equal(changed, false);
      assert.equal(api.live.get(editor.document)!.sidecar!.annotations.find((a) => a.id === id)!.label, 'LOC', 'the editor shows a change that is not on disk');
    } finally {
      rmSync(sidecarUri.fsPath, { recursive: true, force: true });
      writeFileSync(sidecarUri.fsPath, good);
    }
    await waitFor('the sidecar back in the store', () => api.store.article(editor.document.uri.toString())?.parsed?.sidecar?.annotations.find((a) => a.id === id));
    // The failed change is not on the undo stack: undo takes back the annotating itself.
    assert.ok(await api.live.undo(editor.document));
    assert.deepEqual(api.live.get(editor.document)!.sidecar!.annotations, []);
    assert.ok(await api.live.redo(editor.document));
    assert.ok(await api.live.change(editor.document, (sidecar) => updateAnnotation(sidecar, id, { label: 'ORG' })));
    const parsed = parseSidecar(sidecarUri.toString(), await readText(sidecarUri));
    assert.equal(parsed.sidecar!.annotations.find((a) => a.id === id)!.label, 'ORG');
  });

  it('merges a sidecar rewritten on disk while changes wait for the save, recording a true conflict', async () => {
    const api = await extensionApi();
    const editor = await openArticle('conflict.txt', 'Putin bertemu Kim di Pyongyang.\n');
    const id = await annotateFirst(editor, 'Kim', 'PER');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Kemarin, '));
    assert.ok(await api.live.change(editor.document, (sidecar) => updateAnnotation(sidecar, id, { label: 'ORG' })));
    assert.ok(api.live.get(editor.document)!.pending);
    // A pull relabels the same annotation differently.
    const sidecarUri = vscode.Uri.parse(`${editor.document.uri.toString()}.annotations.yaml`);
    writeFileSync(sidecarUri.fsPath, (await readText(sidecarUri)).replace('label: PER', 'label: LOC'));
    await waitFor('the pulled sidecar', () => (api.store.article(editor.document.uri.toString())?.parsed?.sidecar?.annotations[0]?.label === 'LOC' ? true : undefined));
    await editor.document.save();
    const savedHash = sha256Hex(new TextEncoder().encode(editor.document.getText()));
    const merged = await waitFor('the merged sidecar', async () => {
      const sidecar = parseSidecar(sidecarUri.toString(), await readText(sidecarUri)).sidecar;
      return sidecar?.source.sha256 === savedHash ? sidecar : undefined;
    });
    assert.deepEqual(merged.annotations.map((a) => [a.id, a.label, a.text]), [[id, 'ORG', 'Kim'], [`${id}-conflict`, 'LOC', 'Kim']]);
    const map = new OffsetMap(editor.document.getText());
    for (const annotation of merged.annotations) assert.equal(map.slice(annotation.start, annotation.end), 'Kim');
    assert.match(merged.annotations[1]!.reviews![0]!.comment!, new RegExp(`another version of ${id}`));
  });

  it('shows a hostile title in the Articles view as text', async () => {
    const api = await extensionApi();
    const uri = files.uri('hostile-tree.txt');
    await writeText(uri, 'Putin di Pyongyang.\n');
    await writeText(vscode.Uri.parse(`${uri.toString()}.annotations.yaml`),
      'version: 1\nsource:\n  file: hostile-tree.txt\n  title: "[quit](command:workbench.action.quit) <img src=x onerror=alert(1)>"\nannotations: []\n');
    const item = await waitFor('the article in the tree', () => api.articles.getChildren().map((node) => api.articles.getTreeItem(node))
      .find((candidate) => candidate.resourceUri?.toString() === uri.toString() && String(candidate.label).includes('quit') ? candidate : undefined));
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(!tooltip.isTrusted, 'the tooltip enables no command');
    assert.ok(!tooltip.supportHtml, 'the tooltip renders no HTML');
    assert.doesNotMatch(tooltip.value, /\]\(command:/, 'a live command link');
    assert.match(tooltip.value, /\\\[quit\\\]/, 'the title is escaped Markdown text');
  });
});
