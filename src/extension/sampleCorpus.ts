// "Open Sample Corpus": copies the five seed articles shipped with the extension into a folder
// the person chooses and opens it, so the demo never writes into the extension's own files.
import * as vscode from 'vscode';

export async function openSampleCorpus(extensionUri: vscode.Uri): Promise<void> {
  const source = vscode.Uri.joinPath(extensionUri, 'seeds');
  const [parent] = await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
    openLabel: 'Copy the sample corpus here', title: vscode.l10n.t('Where should the sample corpus go?'),
  }) ?? [];
  if (!parent) return;
  const target = vscode.Uri.joinPath(parent, 'source-annotator-sample');
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} exists already; choose another folder.', target.fsPath || target.toString()));
    return;
  } catch {
    // Does not exist yet: good.
  }
  await vscode.workspace.fs.copy(source, target, { overwrite: false });
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
}
