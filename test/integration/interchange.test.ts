// Issue 10 in the editor: Export Corpus… and Import… through the real vscode API. The export
// goes to a fresh folder outside the workspace; the import goes into a uniquely named subfolder
// of the workspace's copy of the seeds, so the other suites see the corpus they expect.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExportSummary, ImportReport } from '../../src/core/interchange';
import { extensionApi, fileIn, readText, waitFor } from './helpers';

describe('export and import in the editor (real VS Code)', function () {
  this.timeout(60_000);
  const folders: string[] = [];
  after(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

  it('Export Corpus… writes brat files that match the articles, and a JSONL with the summary\'s counts', async () => {
    await extensionApi();
    const out = mkdtempSync(join(tmpdir(), 'sa-editor-export-'));
    folders.push(out);
    const brat = await vscode.commands.executeCommand<ExportSummary>('sourceAnnotator.exportCorpus', { format: 'brat', folder: vscode.Uri.file(out), quiet: true });
    assert.ok(brat, 'a summary');
    assert.equal(brat.articles >= 5, true);
    const seed = '000_257178997c759933.txt';
    const ann = readFileSync(join(out, '000_257178997c759933.ann'), 'utf8');
    const text = readFileSync(join(out, seed), 'utf8');
    assert.equal(text, await readText(fileIn(seed)));
    const chars = Array.from(text);
    let checked = 0;
    for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
      const [, spec, covered] = line.split('\t');
      const ranges = spec!.slice(spec!.indexOf(' ') + 1).split(';').map((r) => r.split(' ').map(Number));
      assert.equal(ranges.map(([s, e]) => chars.slice(s, e).join('')).join(' '), covered, line);
      checked++;
    }
    assert.ok(checked > 40, `${checked} T lines`);
    assert.ok(readdirSync(out).includes('annotation.conf'));

    const jsonlOut = mkdtempSync(join(tmpdir(), 'sa-editor-export-'));
    folders.push(jsonlOut);
    const jsonl = await vscode.commands.executeCommand<ExportSummary>('sourceAnnotator.exportCorpus', { format: 'jsonl', status: 'all', labels: ['PER'], folder: vscode.Uri.file(jsonlOut), quiet: true });
    assert.ok(jsonl);
    const lines = readFileSync(join(jsonlOut, 'corpus.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const spans = lines.flatMap((l) => l.spans);
    assert.equal(spans.length, jsonl.annotations);
    assert.ok(spans.length > 0 && spans.every((s: { label: string }) => s.label === 'PER'));
    assert.ok(jsonl.leftOut.annotations.labels > 0);
  });

  it('Import… brings a doccano file into the corpus: article, sidecar and registry label', async () => {
    const api = await extensionApi();
    const registryBefore = await readText(fileIn('entities.yaml'));
    const input = mkdtempSync(join(tmpdir(), 'sa-editor-import-'));
    folders.push(input);
    const file = vscode.Uri.file(join(input, 'in.jsonl'));
    const name = `imported-${Date.now().toString(36)}`;
    const line = { text: 'Kim 😀 Jong Un tiba.\r\n', label: [[6, 13, 'PER'], [0, 3, 'NICKNAME']], meta: { file: `${name}/a.txt` } };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(line)}\n`));
    const report = await vscode.commands.executeCommand<ImportReport>('sourceAnnotator.importAnnotations', { format: 'doccano', input: file, author: 'tester', quiet: true });
    assert.ok(report);
    assert.deepEqual(report.refused, []);
    assert.equal(report.annotations, 2);
    const article = fileIn(`${name}/a.txt`);
    const state = await waitFor('the imported article in the store', () => api.store.article(article.toString())?.parsed?.sidecar);
    assert.deepEqual(state.annotations.map((a) => [a.text, a.label, a.author]), [['Kim', 'NICKNAME', 'tester'], ['Jong Un', 'PER', 'tester']]);
    assert.match(await readText(fileIn('entities.yaml')), /NICKNAME: \{ name: NICKNAME/);
    // Tidy up, so the suites after this one see the corpus they expect.
    await vscode.workspace.fs.delete(fileIn(name), { recursive: true });
    await vscode.workspace.fs.writeFile(fileIn('entities.yaml'), new TextEncoder().encode(registryBefore));
    await waitFor('the registry without the imported label', () => (api.store.registryFor(fileIn('000_257178997c759933.txt').toString())?.labels.has('NICKNAME') === false ? true : undefined));
  });
});
