// Commands that act on the corpus as a whole.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import type { ArticleRef } from './commandArgs';
import type { CommandContribution } from './commandTable';
import { Commands } from './constants';
import type { CorpusDiagnostics } from './corpusDiagnostics';
import type { ShowCorpusLoad } from './corpusProgress';

export function corpusCommands(store: CorpusStore, diagnostics: CorpusDiagnostics, showCorpusLoad: ShowCorpusLoad): CommandContribution {
  return {
    [Commands.validateCorpus]: async () => {
      await store.load();
      diagnostics.publishAll();
      const all = [...store.diagnostics().values()].flat();
      const errors = all.filter((d) => d.severity === 'error').length;
      const message = all.length === 0
        ? vscode.l10n.t('Corpus is valid: {0} articles, {1} registries.', store.articleUris().length, store.registryUris().length)
        : vscode.l10n.t('Corpus has {0} errors and {1} other problems; see the Problems panel.', errors, all.length - errors);
      void vscode.window.showInformationMessage(message);
      if (all.length > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
    },
    [Commands.reloadCorpus]: async () => {
      await showCorpusLoad(() => store.reload());
      diagnostics.publishAll();
    },
    // An editor title menu passes the editor's Uri; the Articles view passes its article node.
    [Commands.openSidecar]: async (target?: vscode.Uri | ArticleRef) => {
      const article = target === undefined ? vscode.window.activeTextEditor?.document.uri
        : target instanceof vscode.Uri ? target : vscode.Uri.parse(target.articleUri);
      if (!article) return;
      const state = store.article(article.toString());
      if (!state?.parsed) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no annotations yet.', vscode.workspace.asRelativePath(article)));
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.parse(state.sidecarUri));
    },
  };
}
