// Commands that act on the corpus as a whole.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { Commands } from './constants';
import type { CorpusDiagnostics } from './corpusDiagnostics';

export function registerCommands(store: CorpusStore, diagnostics: CorpusDiagnostics): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.validateCorpus, async () => {
      await store.load();
      diagnostics.publishAll();
      const all = [...store.diagnostics().values()].flat();
      const errors = all.filter((d) => d.severity === 'error').length;
      const message = all.length === 0
        ? `Corpus is valid: ${store.articleUris().length} articles, ${store.registryUris().length} registries.`
        : `Corpus has ${errors} errors and ${all.length - errors} other problems; see the Problems panel.`;
      void vscode.window.showInformationMessage(message);
      if (all.length > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand(Commands.reloadCorpus, async () => {
      await store.reload();
      diagnostics.publishAll();
    }),
    vscode.commands.registerCommand(Commands.openSidecar, async (resource?: vscode.Uri) => {
      const article = resource ?? vscode.window.activeTextEditor?.document.uri;
      if (!article) return;
      const state = store.article(article.toString());
      if (!state?.parsed) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no annotations yet.', vscode.workspace.asRelativePath(article)));
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.parse(state.sidecarUri));
    }),
  ];
}
