// The article glob as VS Code patterns, for the file watcher and the language features.
// Language features (hover cards, code actions) are registered for the corpus's documents only,
// never for every file: a document selector built from the article glob, relative to each
// workspace folder and with no scheme, so it matches on disk, remotely and in the browser. A
// changed glob or set of folders registers the providers again for the new selector.
import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../core/format';
import { configuration } from './configuration';
import { Disposable, disposeAll } from './dispose';

/**
 * The article glob relative to each workspace folder (it is a folder-relative setting: a string
 * glob would be matched against whole paths, where `news/*.txt` never matches).
 */
export function articlePatterns(): vscode.GlobPattern[] {
  const glob = configuration.get('articleGlob');
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return [glob];
  return folders.map((folder) => new vscode.RelativePattern(folder, glob));
}

/** The article texts of the corpus, as a document selector. */
export function articleSelector(): vscode.DocumentFilter[] {
  return articlePatterns().map((pattern) => ({ pattern }));
}

/** The sidecars (`*.annotations.yaml`), wherever they are. */
export const SIDECAR_SELECTOR: vscode.DocumentFilter = { pattern: `**/*${SIDECAR_SUFFIX}` };

/** Keeps providers registered for the current article selector. */
export class ArticleProviders extends Disposable {
  private registrations: vscode.Disposable[] = [];

  constructor(private readonly register: (articles: vscode.DocumentFilter[]) => vscode.Disposable[]) {
    super();
    this.registerAll();
    this._register(configuration.onDidChange(['articleGlob'], () => this.registerAll()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.registerAll()));
    this._register({ dispose: () => disposeAll(this.registrations) });
  }

  private registerAll(): void {
    disposeAll(this.registrations);
    this.registrations = this.register(articleSelector());
  }
}
