// What `activate` returns. Other extensions get a narrow, versioned, read-only view of the
// corpus (SourceAnnotatorApi); the integration tests, and only they (the extension host runs in
// test mode), also get the internal services (SourceAnnotatorTestApi). A change that breaks
// the public shape raises apiVersion.
import type * as vscode from 'vscode';
import type { CorpusIndexer } from '../core/crossSource';
import type { CorpusStore } from '../core/corpus';
import type { Registry, Sidecar } from '../core/model';
import type { ArticlesView } from './articlesView';
import type { CompareSourcesPanel } from './compareSources';
import type { Highlighter } from './highlighter';
import type { LiveArticles } from './liveArticles';
import type { MergeDriverOffer } from './mergeDriverOffer';
import type { Reanchoring } from './reanchoring';
import type { ReviewApi } from './review';
import type { SidecarEditor } from './sidecarEditor';
import type { SidecarNesting } from './sidecarNesting';
import type { AnnotationStatusBar } from './statusBar';
import type { Suggestions } from './suggestions';

export const API_VERSION = 1;

/** The public API: read-only access to the corpus and its changes. */
export interface SourceAnnotatorApi {
  readonly apiVersion: typeof API_VERSION;
  /** Resolves when the corpus was first read. */
  readonly ready: Promise<void>;
  /** The article texts of the corpus (URI strings), sorted. */
  articleUris(): readonly string[];
  /** An article's annotations and facts as last read from its sidecar (a copy); undefined when it has none. */
  sidecar(articleUri: string): Sidecar | undefined;
  /** The registry (labels and entities) that governs an article (a copy). */
  registry(articleUri: string): Registry | undefined;
  /** Fires with the URIs of the articles whose sidecar or text changed. */
  readonly onDidChangeCorpus: vscode.Event<{ readonly articles: readonly string[]; readonly registryChanged: boolean }>;
}

/** The internals the integration tests drive and inspect; returned only in test mode. */
export interface SourceAnnotatorTestApi extends SourceAnnotatorApi {
  readonly store: CorpusStore;
  readonly sidecars: SidecarEditor;
  readonly live: LiveArticles;
  readonly highlighter: Highlighter;
  readonly suggestions: Suggestions;
  readonly articles: ArticlesView;
  readonly statusBar: AnnotationStatusBar;
  readonly reanchoring: Reanchoring;
  readonly indexer: CorpusIndexer;
  readonly compareSources: CompareSourcesPanel;
  readonly review: ReviewApi;
  readonly mergeDriverOffer: MergeDriverOffer;
  readonly nesting: SidecarNesting;
  /** The command ids of the table main.ts registered. */
  readonly registeredCommands: readonly string[];
  /** How many background errors went to the log since activation. */
  readonly loggedErrors: () => number;
}

/** The public API over the store; every value handed out is a copy, so no caller can change the corpus. */
export function publicApi(store: CorpusStore, ready: Promise<void>): SourceAnnotatorApi {
  return {
    apiVersion: API_VERSION,
    ready,
    articleUris: () => store.articleUris(),
    sidecar: (articleUri) => {
      const sidecar = store.article(articleUri)?.parsed?.sidecar;
      return sidecar && structuredClone(sidecar);
    },
    registry: (articleUri) => {
      const registry = store.registryFor(articleUri)?.registry;
      return registry && structuredClone(registry);
    },
    onDidChangeCorpus: (listener, thisArgs, disposables) => {
      const subscription = store.onDidChange((change) => listener.call(thisArgs, { articles: [...change.articles], registryChanged: change.registryChanged }));
      disposables?.push(subscription);
      return subscription;
    },
  };
}
