// Reading and indexing a corpus of thousands of articles takes seconds: the window's status
// bar says how far it is, and the Articles view shows its progress bar, for the first load
// and for Reload Corpus alike.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import type { CorpusIndexer } from '../core/crossSource';
import { Views } from './constants';

/** Runs a load of the whole corpus (and the indexing after it) with progress shown. */
export type ShowCorpusLoad = (load: () => Promise<void>) => Promise<void>;

export function corpusLoadProgress(store: CorpusStore, indexer: CorpusIndexer): ShowCorpusLoad {
  // Counts in the display language's digits and grouping ("2,940 of 3,000"), as the UI shows numbers.
  const count = new Intl.NumberFormat(vscode.env.language);
  return (load) => {
    const running = Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Source Annotator') }, async (progress) => {
      const subscription = store.onDidProgress(({ read, total }) => {
        progress.report({ message: vscode.l10n.t('reading {0} of {1} articles', count.format(read), count.format(total)) });
      });
      try {
        await load();
      } finally {
        subscription.dispose();
      }
      if (indexer.pendingArticles > 0) {
        progress.report({ message: vscode.l10n.t('indexing {0} articles', count.format(indexer.pendingArticles)) });
        await indexer.whenIndexed();
      }
    }));
    void vscode.window.withProgress({ location: { viewId: Views.articles } }, () => running);
    return running;
  };
}
