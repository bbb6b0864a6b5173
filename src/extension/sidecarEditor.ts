// The extension's entry point for changing annotations: every command goes through here, so
// a sidecar that cannot be changed is explained to the person the same way everywhere.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { NotWritableError, WriteRefusedError } from '../core/format';
import type { Sidecar } from '../core/model';
import { Disposable } from './dispose';

export class SidecarEditor extends Disposable {
  constructor(private readonly store: CorpusStore) {
    super();
  }

  /**
   * Applies a change to an article's sidecar. Returns the new sidecar, or undefined when the
   * change was refused (the person was told why and how to fix it).
   */
  async update(article: vscode.Uri, change: (current: Sidecar) => Sidecar): Promise<Sidecar | undefined> {
    try {
      return await this.store.updateSidecar(article.toString(), change);
    } catch (error) {
      if (error instanceof NotWritableError) {
        this.explainRefusal(article, error.file, error.reason, error);
        return undefined;
      }
      throw error;
    }
  }

  /** Tells the person why an article's annotations cannot change now, and offers the file. */
  explainRefusal(article: vscode.Uri, file: string, reason: string, error?: NotWritableError): void {
    const open = vscode.l10n.t('Open Annotations File');
    // Restricted Mode: the file is fine, the workspace is what to change.
    const trust = error instanceof WriteRefusedError && error.kind === 'untrusted-workspace' ? vscode.l10n.t('Manage Workspace Trust') : undefined;
    const fileUri = vscode.Uri.parse(file);
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Annotations of {0} were not changed: the file {1} {2}', vscode.workspace.asRelativePath(article), vscode.workspace.asRelativePath(fileUri), reason.split('\n')[0]?.replace(/^it /, '') ?? ''),
      trust ?? open,
    ).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(fileUri);
      if (choice !== undefined && choice === trust) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  }
}

/**
 * Runs a command body; a refusal to write (Restricted Mode, an unreadable file) is explained
 * instead of surfacing as VS Code's generic "command failed".
 */
export async function explainingRefusals<T>(run: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof NotWritableError)) throw error;
    const trust = error instanceof WriteRefusedError && error.kind === 'untrusted-workspace' ? vscode.l10n.t('Manage Workspace Trust') : undefined;
    const file = vscode.workspace.asRelativePath(vscode.Uri.parse(error.file));
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Nothing was changed: {0} {1}', file, error.reason.split('\n')[0]?.replace(/^it /, '') ?? ''), ...(trust ? [trust] : []));
    if (choice !== undefined && choice === trust) void vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
}
