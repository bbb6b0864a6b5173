// Proves the pipeline: this runs inside a real VS Code extension host with the real API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('integration host', () => {
  it('provides the vscode API', () => {
    assert.equal(typeof vscode.version, 'string');
  });

  it('opens the test workspace folder', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folders.length > 0, 'no workspace folder is open');
    const expected = process.env.SOURCE_ANNOTATOR_TEST_WORKSPACE;
    if (expected) assert.equal(folders[0]?.uri.fsPath, expected);
  });
});
