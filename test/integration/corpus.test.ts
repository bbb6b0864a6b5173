// Issue 2: the workspace layer, through the real vscode API in a real extension host.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { OffsetMap } from '../../src/core/text/offsets';
import { parseSidecar } from '../../src/core/format/sidecar';
import { sha256Hex } from '../../src/core/util/sha256';
import { extensionApi, fileIn, readText, SuiteFiles, waitFor, workspaceRoot, writeText, EXTENSION_ID } from './helpers';

const SEED_000 = '000_257178997c759933.txt';
// These tests write sidecars: they work on copies of seed articles in a folder of their own,
// removed afterwards, so the annotated seed corpus stays intact for the other suites.
const files = new SuiteFiles('corpus-suite');
const ARTICLE_000 = 'copy-of-000.txt';
const ARTICLE_001 = 'copy-of-001.txt';
const ARTICLE_002 = 'copy-of-002.txt';

function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Source Annotator');
}

describe('workspace layer (real VS Code)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await extensionApi();
    for (const [copy, seed] of [[ARTICLE_000, SEED_000], [ARTICLE_001, '001_8b609553dbf89833.txt'], [ARTICLE_002, '002_ea56a194b635f13d.txt']] as const) {
      await vscode.workspace.fs.copy(fileIn(seed), files.uri(copy), { overwrite: true });
      await waitFor(`${copy} in the corpus`, () => api.store.article(files.uri(copy).toString()));
    }
  });
  after(() => files.removeAll());

  it('activates on the seeds workspace and finds the five articles', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // Activation comes from `workspaceContains`, not from this test asking for it.
    await waitFor('activation', () => (extension.isActive ? true : undefined));
    const api = await extensionApi();
    const names = api.store.articleUris().map((uri) => uri.slice(uri.lastIndexOf('/') + 1));
    for (const name of [SEED_000, '001_8b609553dbf89833.txt', '002_ea56a194b635f13d.txt', '003_6b496e1cdc48ec07.txt', '004_9c3bde34daf1913c.txt']) {
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    }
    await waitFor('the registry', () => api.store.registryFor(fileIn(SEED_000).toString()));
    // The annotated seed corpus loads without a single problem.
    for (const name of [SEED_000, '001_8b609553dbf89833.txt', '002_ea56a194b635f13d.txt', '003_6b496e1cdc48ec07.txt', '004_9c3bde34daf1913c.txt']) {
      assert.deepEqual(diagnosticsOf(fileIn(`${name}.annotations.yaml`)), [], name);
    }
  });

  it('writes a sidecar through the workspace layer that reads back the same, with code point offsets', async () => {
    const api = await extensionApi();
    const article = files.uri(ARTICLE_000);
    const document = await vscode.workspace.openTextDocument(article);
    const text = document.getText();
    const map = new OffsetMap(text);
    const utf16Start = text.indexOf('Vladimir Putin');
    const start = map.toCodePoint(utf16Start);
    // The seed has "–" (one UTF-16 unit) before the name; offsets must still be code points.
    assert.equal(map.slice(start, start + 14), 'Vladimir Putin');

    const written = await api.sidecars.update(article, (sidecar) => ({
      ...sidecar,
      annotations: [...sidecar.annotations, {
        id: 'it-1', label: 'PER', start, end: start + 14, text: 'Vladimir Putin', entity: 'vladimir-putin',
        prefix: map.slice(Math.max(0, start - 32), start), suffix: map.slice(start + 14, start + 46),
        author: 'integration-test', created: '2026-11-22T00:00:00Z', status: 'proposed',
      }],
    }));
    assert.ok(written, 'the update was applied');

    const sidecarUri = files.uri(`${ARTICLE_000}.annotations.yaml`);
    const onDisk = await readText(sidecarUri);
    const parsed = parseSidecar(sidecarUri.toString(), onDisk);
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.sidecar!.source.sha256, sha256Hex(await vscode.workspace.fs.readFile(article)));
    assert.deepEqual(parsed.sidecar!.annotations, written.annotations);
    const stored = api.store.article(article.toString())!.parsed!.sidecar!;
    assert.deepEqual(stored.annotations, parsed.sidecar!.annotations);

    // From the stored code points back to an editor range that selects the same words.
    const mine = stored.annotations.find((a) => a.id === 'it-1')!;
    const range = new vscode.Range(document.positionAt(map.toUtf16(mine.start)), document.positionAt(map.toUtf16(mine.end)));
    assert.equal(document.getText(range), 'Vladimir Putin');
    assert.deepEqual(diagnosticsOf(sidecarUri), []);

    // No temporary file is left behind by the atomic write.
    const leftovers = (await vscode.workspace.fs.readDirectory(workspaceRoot())).filter(([name]) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
  });

  it('reports a malformed sidecar at the right line and never overwrites it', async () => {
    const api = await extensionApi();
    const article = files.uri(ARTICLE_001);
    const sidecarUri = files.uri(`${ARTICLE_001}.annotations.yaml`);
    const malformed = [
      'version: 1',
      'source:',
      `  file: ${ARTICLE_001}`,
      'annotations:',
      '  - id: a1',
      '    label: PER',
      '    start: 0',
      '    end: 5',
      '    text: [Putin',       // line 9 (index 8): an unclosed flow sequence, noticed on the next line
      '    status: proposed',
      '',
    ].join('\n');
    await writeText(sidecarUri, malformed);

    const problems = await waitFor('a YAML diagnostic', () => {
      const found = diagnosticsOf(sidecarUri).filter((d) => d.code === 'yaml-syntax');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(problems[0]!.severity, vscode.DiagnosticSeverity.Error);
    // The parser notices the unclosed `[` where the next key starts: line 10, column 5.
    assert.deepEqual([problems[0]!.range.start.line, problems[0]!.range.start.character], [9, 4]);
    assert.match(api.store.notWritableReason(article.toString()) ?? '', /not valid YAML/);

    const before = await vscode.workspace.fs.readFile(sidecarUri);
    const result = await api.sidecars.update(article, (sidecar) => ({ ...sidecar, annotations: [] }));
    assert.equal(result, undefined, 'the change was refused');
    const after = await vscode.workspace.fs.readFile(sidecarUri);
    assert.deepEqual(Buffer.from(after), Buffer.from(before), 'byte for byte unchanged');

    // The editor command is refused the same way.
    const editor = await vscode.window.showTextDocument(article);
    const index = editor.document.getText().indexOf('Vladimir Putin');
    editor.selection = new vscode.Selection(editor.document.positionAt(index), editor.document.positionAt(index + 14));
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'vladimir-putin' });
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(sidecarUri)), Buffer.from(before), 'unchanged after the command');
    // Nothing added in the editor either: the live state holds no Putin annotation (it holds no
    // sidecar at all while the file cannot be read).
    const live = api.live.get(editor.document)?.sidecar?.annotations ?? [];
    assert.deepEqual(live.filter((a) => a.entity === 'vladimir-putin').map((a) => a.id), [], 'nothing was added in the editor either');
  });

  it('reports a sidecar problem at the line of the offending field', async () => {
    const sidecarUri = files.uri(`${ARTICLE_002}.annotations.yaml`);
    await writeText(sidecarUri, [
      'version: 1',
      'source:',
      `  file: ${ARTICLE_002}`,
      'annotations:',
      '  - id: a1',
      '    label: GPE',        // index 5: not in the registry
      '    start: 0',
      '    end: 3',
      '    text: Kim',
      '',
    ].join('\n'));
    const problem = await waitFor('an unknown-label diagnostic', () => diagnosticsOf(sidecarUri).find((d) => d.code === 'unknown-label'));
    assert.equal(problem.range.start.line, 5);
    assert.equal(problem.range.start.character, '    label: '.length);
  });

  it('picks up a sidecar changed on disk by another program', async () => {
    const api = await extensionApi();
    const article = files.uri(ARTICLE_000);
    const sidecarUri = files.uri(`${ARTICLE_000}.annotations.yaml`);
    await waitFor('the sidecar from the round-trip test', () => api.store.article(article.toString())?.parsed?.sidecar);
    // As `git pull` would: rewrite the file behind the extension's back, with Node's fs.
    const original = readFileSync(sidecarUri.fsPath, 'utf8');
    assert.equal((original.match(/status: proposed/g) ?? []).length, 1, 'only the test annotation is proposed');
    writeFileSync(sidecarUri.fsPath, original.replace('status: proposed', 'status: accepted'));
    const status = await waitFor('the accepted status', () => {
      const annotation = api.store.article(article.toString())?.parsed?.sidecar?.annotations.find((a) => a.id === 'it-1');
      return annotation?.status === 'accepted' ? annotation.status : undefined;
    });
    assert.equal(status, 'accepted');
  });

  it('reads a folder of articles that appears at once, and forgets it when the folder is deleted', async () => {
    const api = await extensionApi();
    // A checkout or an unpacked archive: nested folders with an article and its sidecar, made
    // by another program in one go.
    const folder = join(files.uri('checkout').fsPath);
    mkdirSync(join(folder, 'deep', 'deeper'), { recursive: true });
    cpSync(fileIn(SEED_000).fsPath, join(folder, 'deep', 'deeper', 'a.txt'));
    writeFileSync(join(folder, 'deep', 'deeper', 'a.txt.annotations.yaml'),
      'version: 1\nsource:\n  file: a.txt\nannotations:\n  - id: x1\n    label: PER\n    start: 0\n    end: 1\n    text: "?"\n    status: proposed\n');
    writeFileSync(join(folder, 'b.txt'), 'Putin di Pyongyang.\n');
    const a = files.uri('checkout/deep/deeper/a.txt').toString();
    const b = files.uri('checkout/b.txt').toString();
    await waitFor('both articles in the corpus', () => (api.store.article(a)?.parsed && api.store.article(b) ? true : undefined));
    assert.deepEqual(api.store.article(a)!.parsed!.sidecar!.annotations.map((item) => item.id), ['x1']);
    rmSync(folder, { recursive: true });
    await waitFor('both articles gone', () => (api.store.article(a) === undefined && api.store.article(b) === undefined ? true : undefined));
    assert.deepEqual(api.store.knownFilesUnder(files.uri('checkout').toString()), []);
  });
});
