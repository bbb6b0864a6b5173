// Issue 3: the Articles view, annotating, highlighting and anchoring, in a real VS Code.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { OffsetMap } from '../../src/core/text/offsets';
import { sha256Hex } from '../../src/core/util/sha256';
import { parseSidecar } from '../../src/core/format/sidecar';
import { acceptEveryPick, extensionApi, fileIn, readText, SuiteFiles, waitFor, writeText } from './helpers';

const files = new SuiteFiles('annotating-suite');

/** The seed corpus's entities.yaml governs every article the tests add. */
async function ensureRegistry(): Promise<void> {
  const api = await extensionApi();
  await waitFor('the registry', () => api.store.registryFor(fileIn('x.txt').toString()));
}

/** Writes a new article and waits until the corpus knows it. */
async function newArticle(name: string, text: string): Promise<vscode.Uri> {
  const api = await extensionApi();
  const uri = files.uri(name);
  await writeText(uri, text);
  await waitFor(`${name} in the corpus`, () => api.store.article(uri.toString()));
  return uri;
}

async function sidecarOnDisk(article: vscode.Uri) {
  const uri = vscode.Uri.parse(`${article.toString()}.annotations.yaml`);
  const parsed = parseSidecar(uri.toString(), await readText(uri));
  assert.equal(parsed.notWritable, undefined, JSON.stringify(parsed.diagnostics));
  return parsed.sidecar!;
}

function select(editor: vscode.TextEditor, needle: string, occurrence = 0): void {
  const text = editor.document.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} in the article`);
  editor.selection = new vscode.Selection(editor.document.positionAt(index), editor.document.positionAt(index + needle.length));
}

describe('annotating in the editor (real VS Code)', function () {
  this.timeout(60_000);

  before(ensureRegistry);
  after(() => files.removeAll());

  it('lists the five seed articles with their titles in the Articles view', async () => {
    const api = await extensionApi();
    const roots = api.articles.getChildren();
    const items = roots.map((node) => api.articles.getTreeItem(node));
    // Hard-coded: the `source.title` of each seed sidecar, as written in seeds/.
    const expected: Record<string, string> = {
      '000_257178997c759933.txt': 'Kunjungan Putin ke Korea Utara: Bertukar Kado dan Berkeliling Pyongyang bersama Kim Jong Un',
      '001_8b609553dbf89833.txt': 'Putin Pertemuan Bersejarah di Pyongyang',
      '002_ea56a194b635f13d.txt': 'Kim Jong Un Sambut Putin dengan Karpet Merah: Pertemuan Bersejarah di Pyongyang',
      '003_6b496e1cdc48ec07.txt': 'Putin Tiba di Korea Utara untuk Pertama Kalinya dalam 24 Tahun, Disambut Kim Jong Un',
      '004_9c3bde34daf1913c.txt': 'Putin Lakukan Kunjungan Resmi ke Korea Utara, yang Pertama dalam 24 Tahun',
    };
    for (const [name, title] of Object.entries(expected)) {
      const uri = fileIn(name);
      const item = items.find((candidate) => candidate.resourceUri?.toString() === uri.toString());
      assert.ok(item, `${name} is in the tree`);
      assert.equal(item.label, title, name);
    }
  });

  it('annotates a selection with code point offsets after an emoji, and highlights it', async () => {
    const api = await extensionApi();
    const article = await newArticle('emoji.txt', '👋🏽 Halo! 🇷🇺 Presiden Vladimir Putin tiba di Pyongyang.\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Vladimir Putin');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'vladimir-putin' });

    const sidecar = await sidecarOnDisk(article);
    const annotation = sidecar.annotations[0]!;
    // 👋🏽 = 2 code points (4 UTF-16 units), 🇷🇺 = 2 code points (4 units): 21 code points, 25 units.
    assert.equal(annotation.start, 21);
    assert.equal(annotation.end, 35);
    assert.equal(annotation.text, 'Vladimir Putin');
    assert.equal(annotation.entity, 'vladimir-putin');
    assert.equal(annotation.status, 'proposed');
    assert.ok(annotation.author && annotation.created, 'author and created are recorded');
    assert.equal(annotation.prefix, '👋🏽 Halo! 🇷🇺 Presiden ');

    const ranges = await waitFor('a highlight', () => {
      const found = [...api.highlighter.decoratedRanges(editor).values()].flat();
      return found.length > 0 ? found : undefined;
    });
    assert.equal(editor.document.getText(ranges[0]), 'Vladimir Putin');
  });

  it('annotates through the label and entity pickers', async () => {
    const article = await newArticle('pickers.txt', 'Kim Jong Un menyambut tamunya.\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Kim Jong Un');
    // First picker: labels (PER first); second: entities, the one named like the selection first.
    await acceptEveryPick(vscode.commands.executeCommand('sourceAnnotator.annotateSelection'));
    const annotation = (await sidecarOnDisk(article)).annotations[0]!;
    assert.deepEqual([annotation.label, annotation.entity, annotation.text, annotation.start], ['PER', 'kim-jong-un', 'Kim Jong Un', 0]);
  });

  it('reveals a mention from the tree by selecting its text', async () => {
    const api = await extensionApi();
    const article = await newArticle('reveal.txt', '🇷🇺 Presiden Vladimir Putin tiba.\n');
    select(await vscode.window.showTextDocument(article), 'Vladimir Putin');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'vladimir-putin' });
    const id = (await sidecarOnDisk(article)).annotations[0]!.id;
    await vscode.window.showTextDocument(fileIn('004_9c3bde34daf1913c.txt'));
    const articleNode = await waitFor('the article in the tree', () => api.articles.getChildren().find((node) => api.articles.getTreeItem(node).resourceUri?.toString() === article.toString()));
    const label = api.articles.getChildren(articleNode)[0]!;
    const entity = api.articles.getChildren(label)[0]!;
    const mention = api.articles.getChildren(entity)[0]!;
    const item = api.articles.getTreeItem(mention);
    assert.equal(item.label, '“Vladimir Putin”');
    assert.deepEqual(item.command?.arguments, [{ articleUri: article.toString(), itemId: id }]);
    // The node itself, which VS Code passes to the context-menu commands, is the same reference.
    const node = mention as unknown as { articleUri?: string; itemId?: string };
    assert.deepEqual([node.articleUri, node.itemId], [article.toString(), id]);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), article.toString());
    assert.equal(editor.document.getText(editor.selection), 'Vladimir Putin');
  });

  it('moves a span when typing before it and stretches it when typing inside, then saves the offsets', async () => {
    const api = await extensionApi();
    const article = await newArticle('typing.txt', 'Kemarin Vladimir Putin tiba di Pyongyang.\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Pyongyang');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'LOC', entity: 'pyongyang' });
    await waitFor('the annotation', () => api.live.get(editor.document)?.sidecar?.annotations[0]);

    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '😀 Kabar: '));
    let annotation = api.live.get(editor.document)!.sidecar!.annotations[0]!;
    assert.deepEqual([annotation.start, annotation.end], [31 + 9, 40 + 9]);

    const inside = editor.document.getText().indexOf('yang');
    await editor.edit((edit) => edit.insert(editor.document.positionAt(inside), '-'));
    annotation = api.live.get(editor.document)!.sidecar!.annotations[0]!;
    const map = new OffsetMap(editor.document.getText());
    assert.equal(map.slice(annotation.start, annotation.end), 'Pyong-yang');
    assert.ok(api.live.get(editor.document)!.pending, 'changes wait for the save');

    await editor.document.save();
    const saved = await waitFor('the saved offsets', async () => {
      const onDisk = (await sidecarOnDisk(article)).annotations[0]!;
      return onDisk.text === 'Pyong-yang' ? onDisk : undefined;
    });
    assert.deepEqual([saved.start, saved.end], [annotation.start, annotation.end]);
    assert.equal(saved.prefix, ' Kemarin Vladimir Putin tiba di ', 'the last 32 code points (the emoji is one of the 40 before)');
  });

  it('keeps annotations a pull added while the article had unsaved edits', async () => {
    const api = await extensionApi();
    const article = await newArticle('pulled.txt', 'Putin bertemu Kim Jong Un di Pyongyang.\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Pyongyang');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'LOC', entity: 'pyongyang' });
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Kemarin, '));
    assert.ok(api.live.get(editor.document)!.pending);
    // A teammate's annotation arrives through git while the article is unsaved.
    const sidecarUri = vscode.Uri.parse(`${article.toString()}.annotations.yaml`);
    const onDisk = await readText(sidecarUri);
    const teammate = '  - id: t1\n    label: PER\n    start: 0\n    end: 5\n    text: Putin\n    entity: vladimir-putin\n    author: budi\n    status: accepted\n';
    writeFileSync(sidecarUri.fsPath, onDisk.replace('annotations:\n', `annotations:\n${teammate}`));
    await waitFor('the pulled sidecar', () => api.store.article(article.toString())?.parsed?.sidecar?.annotations.find((a) => a.id === 't1'));
    await editor.document.save();
    const savedHash = sha256Hex(new TextEncoder().encode(editor.document.getText()));
    const saved = await waitFor('the merged sidecar', async () => {
      const sidecar = await sidecarOnDisk(article);
      return sidecar.source.sha256 === savedHash ? sidecar : undefined;
    });
    const map = new OffsetMap(editor.document.getText());
    for (const annotation of saved.annotations) assert.equal(map.slice(annotation.start, annotation.end), annotation.text, `${annotation.id} ${JSON.stringify(saved)}`);
    assert.deepEqual(saved.annotations.map((a) => a.text).sort(), ['Putin', 'Pyongyang']);
  });

  it('orphans a span whose text was deleted while typing, never deleting it', async () => {
    const api = await extensionApi();
    const article = await newArticle('deleting.txt', 'Putin bertemu Kim di Pyongyang.\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Kim');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'kim-jong-un' });
    assert.equal((await sidecarOnDisk(article)).annotations[0]?.text, 'Kim');
    const start = editor.document.getText().indexOf('Kim di');
    await editor.edit((edit) => edit.delete(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + 7))));
    const annotation = api.live.get(editor.document)!.sidecar!.annotations[0]!;
    assert.equal(annotation.orphaned, true);
    await editor.document.save();
    const onDisk = await waitFor('the orphan on disk', async () => (await sidecarOnDisk(article)).annotations.find((a) => a.orphaned));
    assert.equal(onDisk.text, 'Kim');
  });

  it('undoes the last annotation change with the undo command', async () => {
    const api = await extensionApi();
    const article = await newArticle('undo.txt', 'Vladimir Putin dan Kim Jong Un.\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Kim Jong Un');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'kim-jong-un' });
    assert.equal((await sidecarOnDisk(article)).annotations.length, 1);
    await vscode.commands.executeCommand('sourceAnnotator.undoAnnotationChange');
    assert.equal((await sidecarOnDisk(article)).annotations.length, 0);
    assert.equal(editor.document.getText(), 'Vladimir Putin dan Kim Jong Un.\n', 'the text is untouched');
    await vscode.commands.executeCommand('sourceAnnotator.redoAnnotationChange');
    assert.equal((await sidecarOnDisk(article)).annotations.length, 1);
    assert.equal(api.live.get(editor.document)!.sidecar!.annotations.length, 1);
  });

  it('offers suggested mentions as quick fixes and annotates all occurrences', async () => {
    const api = await extensionApi();
    const article = await newArticle('suggest.txt', 'Putin tiba. Kim menyambut Putin pada 19 Juni 2024 di Pyongyang. Putin senang.\n');
    const editor = await vscode.window.showTextDocument(article);
    const suggestions = await waitFor('suggestions', () => {
      const found = api.suggestions.suggestionsFor(editor.document);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(suggestions.some((s) => s.entityId === 'vladimir-putin' && s.text === 'Putin' && s.start === 0));
    assert.ok(suggestions.some((s) => s.label === 'DATE' && s.text === '19 Juni 2024' && s.iso === '2024-06-19'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', article, new vscode.Range(0, 1, 0, 1));
    const fix = actions.find((a) => a.title === 'Annotate “Putin” as Vladimir Putin (PER)');
    assert.ok(fix?.command, `quick fix offered: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(!api.suggestions.suggestionsFor(editor.document).some((s) => s.start === 0), 'an annotated mention is no longer suggested');
    const first = (await sidecarOnDisk(article)).annotations[0]!;
    await vscode.commands.executeCommand('sourceAnnotator.annotateAllOccurrences', { articleUri: article.toString(), itemId: first.id });
    const all = (await sidecarOnDisk(article)).annotations.filter((a) => a.entity === 'vladimir-putin');
    assert.deepEqual(all.map((a) => a.text), ['Putin', 'Putin', 'Putin']);
  });

  it('re-anchors after an outside edit and orphans what it cannot place', async () => {
    const api = await extensionApi();
    const original = 'Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu.\nIa disambut oleh pemimpin Korea Utara Kim Jong Un di bandara.\n';
    const article = await newArticle('outside.txt', original);
    const map = new OffsetMap(original);
    const start = (needle: string) => map.toCodePoint(original.indexOf(needle));
    await api.sidecars.update(article, (sidecar) => ({
      ...sidecar,
      annotations: [
        { id: 'p1', label: 'PER', start: start('Vladimir Putin'), end: start('Vladimir Putin') + 14, text: 'Vladimir Putin', prefix: 'Presiden Rusia ', suffix: ' tiba di Pyongyang pada Rabu.\nIa ', entity: 'vladimir-putin', status: 'accepted' },
        { id: 'k1', label: 'PER', start: start('Kim Jong Un'), end: start('Kim Jong Un') + 11, text: 'Kim Jong Un', prefix: 'oleh pemimpin Korea Utara ', suffix: ' di bandara.\n', entity: 'kim-jong-un', status: 'accepted' },
      ],
    }));
    // Another program rewrites the article: a new first paragraph, and the second sentence is
    // rewritten so that its name is gone.
    writeFileSync(article.fsPath, `Kabar terbaru 📰 dari Asia Timur.\n${original.split('\n')[0]}\nSambutan di bandara berlangsung meriah.\n`);
    const sidecar = await waitFor('re-anchored annotations', async () => {
      await api.reanchoring.settled();
      const onDisk = await sidecarOnDisk(article);
      return onDisk.annotations.some((a) => a.orphaned) ? onDisk : undefined;
    });
    const putin = sidecar.annotations.find((a) => a.id === 'p1')!;
    const now = new OffsetMap(readFileSync(article.fsPath, 'utf8'));
    assert.equal(putin.orphaned, undefined);
    assert.equal(now.slice(putin.start, putin.end), 'Vladimir Putin');
    const kim = sidecar.annotations.find((a) => a.id === 'k1')!;
    assert.equal(kim.orphaned, true);
    assert.equal(kim.text, 'Kim Jong Un', 'the orphan keeps its data');

    const articleNode = api.articles.getChildren().find((node) => api.articles.getTreeItem(node).resourceUri?.toString() === article.toString())!;
    await waitFor('the Orphaned node', () => api.articles.getChildren(articleNode).find((node) => api.articles.getTreeItem(node).label === 'Orphaned'));
  });
});
