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

  /** `filesBelow` lists the files of a folder that appeared (the host's folder walk). */
  constructor(private readonly store: CorpusStore, private readonly filesBelow: (folder: vscode.Uri) => Promise<string[]>) {
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
    // A folder deleted or created at once (in the Explorer, by a checkout, a copy) is reported
    // as the folder alone, which no file pattern above matches, and files created in a new
    // folder before the watcher watches it are not reported at all: forget what the store had
    // below a deleted folder, and read what is below a new one.
    const folders = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    this._register(folders.onDidDelete((uri) => {
      for (const known of this.store.knownFilesUnder(uri.toString())) this.queue(vscode.Uri.parse(known));
    }));
    this._register(folders.onDidCreate((uri) => void this.readNewFolder(uri)));
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

  private async readNewFolder(uri: vscode.Uri): Promise<void> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.Directory) === 0 || (stat.type & vscode.FileType.SymbolicLink) !== 0) return;
      for (const file of await this.filesBelow(uri)) this.queue(vscode.Uri.parse(file));
    } catch {
      // Gone again already (a temporary folder): its deletion is reported too.
    }
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
