// The corpus store's access to files, through vscode.workspace.fs only, so the extension
// works on local disks, over remote connections and on virtual file systems alike.
import * as vscode from 'vscode';
import type { CorpusHost } from '../core/corpusStore';
import { matchesGlob } from '../core/glob';
import { REGISTRY_FILE_NAME } from '../core/registry';
import { SIDECAR_SUFFIX } from '../core/sidecar';
import { WriteRefusedError } from '../core/sidecarWriter';
import { Settings } from './constants';

/** The refusal to write in Restricted Mode: annotations are shown and checked, never written. */
export function untrustedRefusal(file: string): WriteRefusedError | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return new WriteRefusedError(file, 'untrusted-workspace',
    'it is in a workspace in Restricted Mode, where annotations are shown but never written or re-anchored. Trust the workspace to edit them.');
}

export class WorkspaceCorpusHost implements CorpusHost {
  roots(): readonly string[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString().replace(/\/$/, ''));
  }

  private settings(): { articleGlob: string; exclude: string } {
    const config = vscode.workspace.getConfiguration(Settings.section);
    return {
      articleGlob: config.get<string>(Settings.articleGlob) || '**/*.txt',
      exclude: config.get<string>(Settings.exclude) || '**/{node_modules,.git}/**',
    };
  }

  async findFiles(): Promise<{ articles: string[]; corpusFiles: string[] }> {
    const { articleGlob, exclude } = this.settings();
    const [articles, corpusFiles] = await Promise.all([
      vscode.workspace.findFiles(articleGlob, exclude),
      vscode.workspace.findFiles(`**/{*${SIDECAR_SUFFIX},${REGISTRY_FILE_NAME}}`, exclude),
    ]);
    return { articles: articles.map(String), corpusFiles: corpusFiles.map(String) };
  }

  isArticle(uri: string): boolean {
    const parsed = vscode.Uri.parse(uri);
    if (!vscode.workspace.getWorkspaceFolder(parsed)) return false;
    const relative = vscode.workspace.asRelativePath(parsed, false);
    const { articleGlob, exclude } = this.settings();
    return matchesGlob(relative, articleGlob) && !matchesGlob(relative, exclude);
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.parse(uri));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  /** Writes a temporary file beside the target, then renames it over the target. */
  async writeFileAtomic(uri: string, bytes: Uint8Array): Promise<void> {
    const refusal = untrustedRefusal(uri);
    if (refusal) throw refusal;
    const target = vscode.Uri.parse(uri);
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    const temporary = vscode.Uri.joinPath(target, '..', `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
    await vscode.workspace.fs.writeFile(temporary, bytes);
    try {
      await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
    } catch (error) {
      await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
      throw error;
    }
  }
}
