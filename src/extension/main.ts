// Composes the extension's services; no logic lives here.
import * as vscode from 'vscode';
import { CorpusStore } from '../core/corpusStore';
import { CorpusDiagnostics } from './corpusDiagnostics';
import { CorpusWatcher } from './corpusWatcher';
import { registerCommands } from './commands';
import { ContextKeys } from './constants';
import { PersistentSidecarCache } from './sidecarCache';
import { SidecarEditor } from './sidecarEditor';
import { WorkspaceCorpusHost } from './workspaceHost';

/** What the extension returns from activate: used by the integration tests and other extensions. */
export interface SourceAnnotatorApi {
  readonly store: CorpusStore;
  readonly sidecars: SidecarEditor;
  /** Resolves when the corpus was first loaded. */
  readonly ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): SourceAnnotatorApi {
  const cacheOpening = PersistentSidecarCache.open(context.storageUri);
  const host = new WorkspaceCorpusHost();
  // The cache is consulted only during loading, which waits for it; activation does not.
  const lazyCache = { cache: undefined as PersistentSidecarCache | undefined };
  const store = new CorpusStore(host, {
    get: (key) => lazyCache.cache?.get(key),
    set: (key, value) => lazyCache.cache?.set(key, value),
  });
  context.subscriptions.push(store);
  const diagnostics = new CorpusDiagnostics(store);
  const sidecars = new SidecarEditor(store);
  context.subscriptions.push(diagnostics, new CorpusWatcher(store), sidecars, ...registerCommands(store, diagnostics));

  const ready = (async () => {
    lazyCache.cache = await cacheOpening;
    await store.load();
    const hasCorpus = store.registryUris().length > 0 || store.articleUris().some((uri) => store.article(uri)?.parsed);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasCorpus, hasCorpus);
    await lazyCache.cache.save();
  })();
  ready.catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Source Annotator could not load the corpus: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { store, sidecars, ready };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
