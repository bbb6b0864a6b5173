// Sidecars nest under their article in the Explorer, from the manifest's default pattern and the
// switch the extension writes to the workspace settings; `sourceAnnotator.nestSidecars` takes it back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, waitFor } from './helpers';

const nesting = () => vscode.workspace.getConfiguration('explorer.fileNesting');
const ours = () => vscode.workspace.getConfiguration('sourceAnnotator');

describe('sidecar nesting in the Explorer', () => {
  before(async () => {
    await extensionApi();
  });

  afterEach(async () => {
    await ours().update('nestSidecars', undefined, vscode.ConfigurationTarget.Workspace);
    await nesting().update('patterns', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('nesting switched on again', () => (nesting().inspect<boolean>('enabled')?.workspaceValue === true ? true : undefined));
  });

  it('adds the sidecar pattern to VS Code\'s default patterns, and switches nesting on in the workspace', async () => {
    const patterns = nesting().inspect<Record<string, string>>('patterns');
    assert.equal(patterns?.defaultValue?.['*.txt'], '${capture}.txt.annotations.yaml');
    assert.equal(patterns?.defaultValue?.['package.json']?.includes('package-lock.json'), true, 'VS Code\'s own defaults are kept');
    await waitFor('nesting switched on', () => (nesting().inspect<boolean>('enabled')?.workspaceValue === true ? true : undefined));
    assert.equal(nesting().get('enabled'), true);
  });

  it('keeps the user\'s own patterns and merges ours with them', async () => {
    await nesting().update('patterns', { '*.md': '${capture}.md.bak' }, vscode.ConfigurationTarget.Global);
    const effective = nesting().get<Record<string, string>>('patterns') ?? {};
    assert.equal(effective['*.md'], '${capture}.md.bak');
    assert.equal(effective['*.txt'], '${capture}.txt.annotations.yaml');
    assert.equal(effective['*.ts'], '${capture}.js');
  });

  it('takes back the switch when nestSidecars is turned off, and writes it again when turned on', async () => {
    await ours().update('nestSidecars', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('the switch removed', () => (nesting().inspect<boolean>('enabled')?.workspaceValue === undefined ? true : undefined));
    assert.equal(nesting().get('enabled'), false);
    await ours().update('nestSidecars', true, vscode.ConfigurationTarget.Workspace);
    await waitFor('the switch written again', () => (nesting().inspect<boolean>('enabled')?.workspaceValue === true ? true : undefined));
  });

  it('never overrides a choice the user made', async () => {
    const api = await extensionApi();
    await ours().update('nestSidecars', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('the switch removed', () => (nesting().inspect<boolean>('enabled')?.workspaceValue === undefined && api.nesting.lastApplied === false ? true : undefined));
    await nesting().update('enabled', false, vscode.ConfigurationTarget.Workspace);
    await ours().update('nestSidecars', true, vscode.ConfigurationTarget.Workspace);
    await waitFor('the extension to act on nestSidecars: true', () => (api.nesting.lastApplied === true ? true : undefined));
    assert.equal(nesting().inspect<boolean>('enabled')?.workspaceValue, false);
    await nesting().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    // Removing the user's value lets the extension switch nesting on again (the afterEach waits for it).
    await ours().update('nestSidecars', false, vscode.ConfigurationTarget.Workspace);
  });
});
