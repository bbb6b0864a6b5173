// Feeds file changes made outside the extension (a `git pull`, another editor, a script) into
// the corpus store. Bursts are coalesced so a checkout of many files is handled once per file.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { REGISTRY_FILE_NAME } from '../core/format';
import { SIDECAR_SUFFIX } from '../core/format';
import { Settings } from './constants';
import { Disposable } from './dispose';
import { reportError } from './log';

const COALESCE_MS = 50;

export class CorpusWatcher extends Disposable {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: CorpusStore) {
    super();
    const articleGlob = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.articleGlob) || '**/*.txt';
    for (const pattern of [`**/{*${SIDECAR_SUFFIX},${REGISTRY_FILE_NAME}}`, articleGlob]) {
      const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
      this._register(watcher.onDidCreate((uri) => this.queue(uri)));
      this._register(watcher.onDidChange((uri) => this.queue(uri)));
      this._register(watcher.onDidDelete((uri) => this.queue(uri)));
    }
    // Deleting a folder (in the Explorer, or a checkout that removes it) is reported as the
    // folder alone, which no file pattern above matches: forget what the store had below it.
    const deletions = this._register(vscode.workspace.createFileSystemWatcher('**/*', true, true, false));
    this._register(deletions.onDidDelete((uri) => {
      for (const known of this.store.knownFilesUnder(uri.toString())) this.queue(vscode.Uri.parse(known));
    }));
    this._register({ dispose: () => clearTimeout(this.timer) });
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
