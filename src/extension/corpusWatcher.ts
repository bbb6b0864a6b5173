// Feeds file changes made outside the extension (a `git pull`, another editor, a script) into
// the corpus store. Bursts are coalesced so a checkout of many files is handled once per file.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { REGISTRY_FILE_NAME } from '../core/format';
import { SIDECAR_SUFFIX } from '../core/format';
import { articlePatterns } from './articleSelector';
import { configuration } from './configuration';
import { Disposable, disposeAll } from './dispose';
import { reportError } from './log';

const COALESCE_MS = 50;

export class CorpusWatcher extends Disposable {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  private articleWatcher: vscode.Disposable[] = [];

  constructor(private readonly store: CorpusStore) {
    super();
    const corpusFiles: vscode.Disposable[] = [];
    this.watch(`**/{*${SIDECAR_SUFFIX},${REGISTRY_FILE_NAME}}`, corpusFiles);
    this.watchArticles();
    // Another article glob or exclusion makes another corpus: watch the new glob and read again.
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchArticles()));
    this._register(configuration.onDidChange(['articleGlob', 'exclude'], () => {
      this.watchArticles();
      this.store.reload().catch((error: unknown) => reportError('could not read the corpus again after the article glob changed', error, true));
    }));
    this._register({ dispose: () => { clearTimeout(this.timer); disposeAll(this.articleWatcher); disposeAll(corpusFiles); } });
  }

  private watchArticles(): void {
    disposeAll(this.articleWatcher);
    for (const pattern of articlePatterns()) this.watch(pattern, this.articleWatcher);
  }

  private watch(pattern: vscode.GlobPattern, into: vscode.Disposable[]): void {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    into.push(watcher, watcher.onDidCreate((uri) => this.queue(uri)), watcher.onDidChange((uri) => this.queue(uri)),
      watcher.onDidDelete((uri) => this.queue(uri)));
  }

  private queue(uri: vscode.Uri): void {
    this.pending.add(uri.toString());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.flushing = this.flushing.then(() => this.flush());
    }, COALESCE_MS);
  }

  private async flush(): Promise<void> {
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      try {
        await this.store.fileChanged(uri);
      } catch (error) {
        // What the editor shows for that file may now be out of date.
        reportError(`could not reload ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))}`, error, true);
      }
    }
  }
}
