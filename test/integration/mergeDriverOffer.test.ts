// The offer to set up the git merge driver: which folders it applies to, and that "Set Up"
// writes the same lines as `source-annotator install-merge-driver`, keeping the others.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, readText, workspaceRoot, writeText } from './helpers';

describe('git merge driver offer', () => {
  // Beside the workspace, not in it: the git extension must not take it for a repository.
  const scratch = () => vscode.Uri.joinPath(workspaceRoot(), '..', `merge-driver-${Date.now().toString(36)}`);

  it('finds a repository without the driver, and Set Up writes .gitattributes and the config keeping other lines', async () => {
    const api = await extensionApi();
    const repo = scratch();
    await writeText(vscode.Uri.joinPath(repo, '.git', 'config'), '[core]\n\tbare = false\n');
    await writeText(vscode.Uri.joinPath(repo, '.gitattributes'), '*.png binary\n');
    try {
      const found = await api.mergeDriverOffer.unconfiguredRepository([repo]);
      assert.ok(found);
      assert.equal(found.configText, '[core]\n\tbare = false\n');
      await api.mergeDriverOffer.setUp(found);
      assert.equal(await readText(vscode.Uri.joinPath(repo, '.gitattributes')), '*.png binary\n*.annotations.yaml merge=source-annotator\n');
      assert.equal(await readText(vscode.Uri.joinPath(repo, '.git', 'config')),
        '[core]\n\tbare = false\n[merge "source-annotator"]\n\tname = Source Annotator sidecar merge by item id\n\tdriver = "npx --no-install source-annotator merge-driver %O %A %B %P"\n');
      assert.equal(await api.mergeDriverOffer.unconfiguredRepository([repo]), undefined, 'configured now: no second offer');
    } finally {
      await vscode.workspace.fs.delete(repo, { recursive: true });
    }
  });

  it('stays silent where there is no .git folder: the workspace copy of the seeds, a worktree\'s .git file', async () => {
    const api = await extensionApi();
    assert.equal(await api.mergeDriverOffer.unconfiguredRepository(), undefined);
    const worktree = scratch();
    await writeText(vscode.Uri.joinPath(worktree, '.git'), 'gitdir: /elsewhere\n');
    try {
      assert.equal(await api.mergeDriverOffer.unconfiguredRepository([worktree]), undefined);
    } finally {
      await vscode.workspace.fs.delete(worktree, { recursive: true });
    }
  });
});
