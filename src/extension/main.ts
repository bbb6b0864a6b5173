// Composes the extension's services; no logic lives here.
import * as vscode from 'vscode';
import { CorpusIndexer } from '../core/crossSource';
import { CorpusStore } from '../core/corpus';
import { setListenerErrorHandler } from '../core/util';
import { AnnotateCommands } from './annotateCommands';
import { ArticleLanguage } from './articleLanguage';
import { ArticlesView } from './articlesView';
import { AnnotationCodeActions } from './codeActions';
import { publicApi, type SourceAnnotatorApi, type SourceAnnotatorTestApi } from './api';
import { ArticleProviders, SIDECAR_SELECTOR } from './articleSelector';
import { corpusCommands } from './commands';
import { corpusLoadProgress } from './corpusProgress';
import { composeCommandTable } from './commandTable';
import { configuration } from './configuration';
import { resetContextKeys, setContextKey } from './contextKeys';
import { CompareSourcesPanel } from './compareSources';
import { FactCommands } from './factCommands';
import { HoverCards } from './hoverCards';
import { InterchangeCommands } from './interchangeCommands';
import { Commands } from './constants';
import { CorpusDiagnostics } from './corpusDiagnostics';
import { CorpusWatcher } from './corpusWatcher';
import { Highlighter } from './highlighter';
import { MergeDriverOffer } from './mergeDriverOffer';
import { LiveArticles } from './liveArticles';
import { disposeLog, log, loggedErrorCount, reportError } from './log';
import { Reanchoring } from './reanchoring';
import { registerReview } from './review';
import { openSampleCorpus } from './sampleCorpus';
import { PersistentSidecarCache, storeCacheOf } from './sidecarCache';
import { explainingRefusals, SidecarEditor } from './sidecarEditor';
import { SidecarNesting } from './sidecarNesting';
import { AnnotationStatusBar } from './statusBar';
import { Suggestions } from './suggestions';
import { WorkspaceCorpusHost } from './workspaceHost';

export function activate(context: vscode.ExtensionContext): SourceAnnotatorApi | SourceAnnotatorTestApi {
  context.subscriptions.push(log(), { dispose: disposeLog }, { dispose: resetContextKeys });
  setListenerErrorHandler((error) => reportError('an update of the views failed', error));
  // Keyed by the extension's version (absent in the activation bench's bare context).
  const cacheOpening = PersistentSidecarCache.open(context.storageUri, String((context.extension?.packageJSON as { version?: unknown } | undefined)?.version ?? ''));
  // The cache is consulted only while loading, which waits for it; activation does not.
  let cache: PersistentSidecarCache | undefined;
  const host = new WorkspaceCorpusHost();
  const store = new CorpusStore(host, storeCacheOf(() => cache));
  const sidecars = new SidecarEditor(store);
  const live = new LiveArticles(store, sidecars);
  const diagnostics = new CorpusDiagnostics(store);
  const highlighter = new Highlighter(store, live);
  const suggestions = new Suggestions(store, live);
  const articles = new ArticlesView(store, live, context.workspaceState);
  const statusBar = new AnnotationStatusBar(live);
  const reanchoring = new Reanchoring(store, live);
  // A whole corpus is indexed in slices, so the extension host answers hovers and keystrokes
  // meanwhile; a save or a small pull is indexed at once.
  const indexer = new CorpusIndexer(store, { yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)), sliceMs: 10, minArticles: 200, splitAhead: true });
  const showCorpusLoad = corpusLoadProgress(store, indexer);
  const compareSources = new CompareSourcesPanel(store, indexer);
  const nesting = new SidecarNesting(store, context.workspaceState);
  const mergeDriverOffer = new MergeDriverOffer(store, context.workspaceState);
  const facts = new FactCommands(store, live, indexer);
  const interchange = new InterchangeCommands(store);
  const annotate = new AnnotateCommands(store, live);
  const review = registerReview(context, store, live, highlighter);
  context.subscriptions.push(
    store, sidecars, live, diagnostics, highlighter, suggestions, articles, reanchoring, indexer, compareSources, nesting, mergeDriverOffer,
    facts, annotate,
    new CorpusWatcher(store, (folder) => host.filesBelow(folder)),
    statusBar,
    new ArticleLanguage(store),
    configuration.watchReloadNotes(),
    // Hover cards and code actions on the corpus's articles; code actions also fix sidecars.
    new ArticleProviders((articleDocuments) => [
      vscode.languages.registerHoverProvider(articleDocuments, new HoverCards(store, live, suggestions, indexer)),
      vscode.languages.registerHoverProvider(articleDocuments, review.hover),
      vscode.languages.registerCodeActionsProvider([...articleDocuments, SIDECAR_SELECTOR], new AnnotationCodeActions(live, suggestions), {
        providedCodeActionKinds: AnnotationCodeActions.kinds,
      }),
    ]),
  );

  // Every command, in one table registered in one loop; a refusal to write is explained the
  // same way whichever command met it.
  const commands = composeCommandTable(
    corpusCommands(store, diagnostics, showCorpusLoad),
    {
      [Commands.toggleHighlights]: () => highlighter.toggle(),
      [Commands.toggleRejected]: () => highlighter.toggleRejected(),
      [Commands.toggleSuggestions]: () => configuration.update('suggestionsEnabled', !configuration.get('suggestionsEnabled'), vscode.ConfigurationTarget.Global),
      [Commands.openSampleCorpus]: () => openSampleCorpus(context.extensionUri),
    },
    annotate.commands, facts.commands, interchange.commands, articles.commands, compareSources.commands,
    review.view.commands, review.comments.commands, review.layers.commands, review.agreement.commands,
  );
  for (const [id, run] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: never[]) => explainingRefusals(() => run(...args))));
  }

  void setContextKey('loading', true);
  const ready = (async () => {
    cache = await cacheOpening;
    await showCorpusLoad(async () => {
      await store.load();
      await setContextKey('loading', false);
    });
    await cache.save();
    await nesting.update();
    void mergeDriverOffer.check();
  })();
  ready.catch((error: unknown) => reportError('could not load the corpus', error, true));
  const api = publicApi(store, ready);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  return {
    ...api, store, sidecars, live, highlighter, suggestions, articles, statusBar, reanchoring, indexer, compareSources, review, mergeDriverOffer, nesting,
    registeredCommands: Object.keys(commands), loggedErrors: loggedErrorCount,
  } satisfies SourceAnnotatorTestApi;
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
