// Composes the extension's services; no logic lives here.
import * as vscode from 'vscode';
import { CorpusIndexer } from '../core/crossSource';
import { CorpusStore } from '../core/corpus';
import { setListenerErrorHandler } from '../core/util';
import { AnnotateCommands } from './annotateCommands';
import { ArticleLanguage } from './articleLanguage';
import { ArticlesView } from './articlesView';
import { AnnotationCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { CompareSourcesPanel } from './compareSources';
import { FactCommands } from './factCommands';
import { HoverCards } from './hoverCards';
import { InterchangeCommands } from './interchangeCommands';
import { Commands, ContextKeys } from './constants';
import { CorpusDiagnostics } from './corpusDiagnostics';
import { CorpusWatcher } from './corpusWatcher';
import { Highlighter } from './highlighter';
import { MergeDriverOffer } from './mergeDriverOffer';
import { LiveArticles } from './liveArticles';
import { disposeLog, log, loggedErrorCount, reportError } from './log';
import { Reanchoring } from './reanchoring';
import { registerReview, type ReviewApi } from './review';
import { openSampleCorpus } from './sampleCorpus';
import { PersistentSidecarCache } from './sidecarCache';
import { SidecarEditor } from './sidecarEditor';
import { SidecarNesting } from './sidecarNesting';
import { AnnotationStatusBar } from './statusBar';
import { Suggestions } from './suggestions';
import { WorkspaceCorpusHost } from './workspaceHost';

/** What the extension returns from activate: used by the integration tests and other extensions. */
export interface SourceAnnotatorApi {
  readonly store: CorpusStore;
  readonly sidecars: SidecarEditor;
  readonly live: LiveArticles;
  readonly highlighter: Highlighter;
  readonly suggestions: Suggestions;
  readonly articles: ArticlesView;
  readonly reanchoring: Reanchoring;
  readonly indexer: CorpusIndexer;
  readonly compareSources: CompareSourcesPanel;
  readonly review: ReviewApi;
  readonly mergeDriverOffer: MergeDriverOffer;
  /** Resolves when the corpus was first loaded. */
  readonly ready: Promise<void>;
  /** How many background errors went to the log since activation. */
  readonly loggedErrors: () => number;
}

export function activate(context: vscode.ExtensionContext): SourceAnnotatorApi {
  context.subscriptions.push(log(), { dispose: disposeLog });
  setListenerErrorHandler((error) => reportError('an update of the views failed', error));
  const cacheOpening = PersistentSidecarCache.open(context.storageUri);
  // The cache is consulted only while loading, which waits for it; activation does not.
  let cache: PersistentSidecarCache | undefined;
  const store = new CorpusStore(new WorkspaceCorpusHost(), {
    get: (key) => cache?.get(key),
    set: (key, value) => cache?.set(key, value),
    getRegistry: (key) => cache?.getRegistry(key),
    setRegistry: (key, value) => cache?.setRegistry(key, value),
  });
  const sidecars = new SidecarEditor(store);
  const live = new LiveArticles(store, sidecars);
  const diagnostics = new CorpusDiagnostics(store);
  const highlighter = new Highlighter(store, live);
  const suggestions = new Suggestions(store, live);
  const articles = new ArticlesView(store, live, context.workspaceState);
  const reanchoring = new Reanchoring(store, live);
  const indexer = new CorpusIndexer(store);
  const compareSources = new CompareSourcesPanel(store, indexer);
  const nesting = new SidecarNesting(store, context.workspaceState);
  const mergeDriverOffer = new MergeDriverOffer(store, context.workspaceState);
  context.subscriptions.push(
    store, sidecars, live, diagnostics, highlighter, suggestions, articles, reanchoring, indexer, compareSources, nesting, mergeDriverOffer,
    new FactCommands(store, live, indexer),
    new InterchangeCommands(store),
    vscode.languages.registerHoverProvider({ pattern: '**' }, new HoverCards(store, live, suggestions, indexer)),
    new CorpusWatcher(store),
    new AnnotateCommands(store, live),
    new AnnotationStatusBar(live),
    new ArticleLanguage(store),
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new AnnotationCodeActions(live, suggestions), {
      providedCodeActionKinds: AnnotationCodeActions.kinds,
    }),
    ...registerCommands(store, diagnostics),
    vscode.commands.registerCommand(Commands.toggleHighlights, () => highlighter.toggle()),
    vscode.commands.registerCommand(Commands.toggleRejected, () => highlighter.toggleRejected()),
    vscode.commands.registerCommand(Commands.toggleSuggestions, () => {
      const config = vscode.workspace.getConfiguration('sourceAnnotator');
      return config.update('suggestions.enabled', !config.get<boolean>('suggestions.enabled', true), vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand(Commands.openSampleCorpus, () => openSampleCorpus(context.extensionUri)),
  );

  const review = registerReview(context, store, live, highlighter);

  void vscode.commands.executeCommand('setContext', ContextKeys.loading, true);
  const ready = (async () => {
    cache = await cacheOpening;
    await store.load();
    await vscode.commands.executeCommand('setContext', ContextKeys.loading, false);
    await cache.save();
    await nesting.update();
    void mergeDriverOffer.check();
  })();
  ready.catch((error: unknown) => reportError('could not load the corpus', error, true));
  return { store, sidecars, live, highlighter, suggestions, articles, reanchoring, indexer, compareSources, review, mergeDriverOffer, ready, loggedErrors: loggedErrorCount };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
