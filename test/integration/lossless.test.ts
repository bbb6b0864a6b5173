// The duplicate-id quick fix in a real VS Code: the problem is shown in the sidecar, the light
// bulb offers a new id, and applying it changes that one scalar.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, fileIn, waitFor, writeText } from './helpers';

const ARTICLE = 'lossless-duplicate.txt';

describe('nothing lost: duplicate ids (real VS Code)', function () {
  this.timeout(60_000);

  after(async () => {
    for (const name of [ARTICLE, `${ARTICLE}.annotations.yaml`]) {
      await vscode.workspace.fs.delete(fileIn(name)).then(undefined, () => undefined);
    }
  });

  it('offers a quick fix that gives the later duplicate a new id, a one-scalar edit', async () => {
    const api = await extensionApi();
    const sidecarUri = fileIn(`${ARTICLE}.annotations.yaml`);
    const sidecar = [
      'version: 1',
      'source:',
      `  file: ${ARTICLE}`,
      'annotations:',
      '  - id: a1',
      '    label: PER',
      '    start: 0',
      '    end: 5',
      '    text: Hello',
      '  - id: a1          # the same id, from another branch',
      '    label: PER',
      '    start: 6',
      '    end: 11',
      '    text: world',
      '',
    ].join('\n');
    await writeText(sidecarUri, sidecar);
    await writeText(fileIn(ARTICLE), 'Hello world.\n');
    await waitFor(`${ARTICLE} in the corpus`, () => api.store.article(fileIn(ARTICLE).toString())?.parsed);
    const problem = await waitFor('a duplicate-id diagnostic', () => vscode.languages.getDiagnostics(sidecarUri)
      .find((d) => d.source === 'Source Annotator' && d.code === 'duplicate-id'));
    assert.equal(problem.range.start.line, 9);

    const document = await vscode.workspace.openTextDocument(sidecarUri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', sidecarUri, problem.range);
    const fix = actions.find((action) => action.title.includes('new id'));
    assert.ok(fix?.edit, `a quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.title, 'Give this item the new id `a1-2`');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), sidecar.replace('  - id: a1          # the same id', '  - id: a1-2          # the same id'));
    assert.ok(await document.save());
    await waitFor('the duplicate-id problem gone', () => (vscode.languages.getDiagnostics(sidecarUri).some((d) => d.code === 'duplicate-id') ? undefined : true));
  });
});
