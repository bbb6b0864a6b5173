// When an article changed outside the editor (its sha256 no longer matches the sidecar), its
// annotations are re-anchored from their quotes and context and the sidecar is rewritten.
// What cannot be placed with confidence is kept as orphaned and the person is told.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { sidecarIsStale } from '../core/model';
import { Disposable } from './dispose';
import { reportError } from './log';

/** The editor's side: an article whose annotation changes wait for its save is the save's to write. */
export interface EditorAnnotations {
  unsavedChanges(uri: string): 'waiting' | 'writing' | undefined;
  settledUri(uri: string): Promise<void>;
}

export class Reanchoring extends Disposable {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: CorpusStore, private readonly editor?: EditorAnnotations) {
    super();
    this._register(store.onDidChange((change) => {
      for (const uri of change.articles) this.enqueue(uri);
    }));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const uri of store.staleArticles()) this.enqueue(uri);
    }));
  }

  private enqueue(uri: string): void {
    if (!vscode.workspace.isTrusted) return;
    const state = this.store.article(uri);
    if (!sidecarIsStale(state?.parsed?.sidecar, state?.sha256)) return;
    this.queue = this.queue.then(() => this.reanchor(uri)).catch((error: unknown) => {
      // The annotations stay where they were in the file, pointing into the old text: the person should know.
      reportError(`re-anchoring ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))} failed`, error, true);
    });
  }

  /** Waits until queued re-anchoring is done (for tests and commands that need a settled state). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async reanchor(uri: string): Promise<void> {
    const unsaved = this.editor?.unsavedChanges(uri);
    // Two writers would race. Changes waiting for the save: the save merges the disk state with
    // the editor's and writes it for the saved text (its write brings us back here, in step).
    if (unsaved === 'waiting') return;
    if (unsaved === 'writing') {
      // Look again once that write is done (it may have left the article in step).
      void this.editor?.settledUri(uri).then(() => this.enqueue(uri));
      return;
    }
    const report = await this.store.reanchorIfStale(uri);
    if (!report || report.orphaned === 0) return;
    const name = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0} changed: {1} annotations moved with the text, {2} could not be placed and are listed as Orphaned in the Articles view.', name, report.moved + report.fuzzy, report.orphaned));
  }
}
