// The corpus store's access to files, through vscode.workspace.fs only, so the extension
// works on local disks, over remote connections and on virtual file systems alike.
import * as vscode from 'vscode';
import { outsideWorkspaceReason } from '../core/containment';
import type { CorpusHost } from '../core/corpusStore';
import { matchesGlob } from '../core/glob';
import { REGISTRY_FILE_NAME } from '../core/registry';
import { SIDECAR_SUFFIX } from '../core/sidecar';
import { WriteRefusedError } from '../core/sidecarWriter';
import { Settings } from './constants';
import { log } from './log';

/** The refusal to write in Restricted Mode: annotations are shown and checked, never written. */
export function untrustedRefusal(file: string): WriteRefusedError | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return new WriteRefusedError(file, 'untrusted-workspace',
    'it is in a workspace in Restricted Mode, where annotations are shown but never written or re-anchored. Trust the workspace to edit them.');
}

export class WorkspaceCorpusHost implements CorpusHost {
  /** Articles found to be links out of their workspace folder: not part of the corpus. */
  private readonly outsideLinks = new Set<string>();

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
    const inside = await this.withoutOutsideLinks(articles);
    return { articles: inside.map(String), corpusFiles: corpusFiles.map(String) };
  }

  /** Drops articles whose file is really outside their workspace folder, and says so. */
  private async withoutOutsideLinks(articles: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
    const outside = new Set<vscode.Uri>();
    await Promise.all(articles.map(async (uri) => {
      if (await this.leavesWorkspace(uri)) outside.add(uri);
    }));
    return articles.filter((uri) => !outside.has(uri));
  }

  /** Whether an article is a link out of its workspace folder; the first time, the person is told. */
  private async leavesWorkspace(uri: vscode.Uri): Promise<boolean> {
    const reason = await this.outsideReason(uri);
    const key = uri.toString();
    if (reason === undefined) {
      this.outsideLinks.delete(key);
      return false;
    }
    if (!this.outsideLinks.has(key)) {
      this.outsideLinks.add(key);
      const name = vscode.workspace.asRelativePath(uri);
      log().warn(`not annotated: ${name}: ${reason}`);
      void vscode.window.showWarningMessage(`${name} is not annotated: ${reason} (its text would be copied into a committed annotations file).`);
    }
    return true;
  }

  private async outsideReason(uri: vscode.Uri): Promise<string | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const location = { path: uri.path, folder: folder.uri.path };
    if (uri.scheme === 'file' && folder.uri.scheme === 'file') {
      try {
        // Local files: resolve every link (of the file and of the folders above it) exactly.
        const { realpath } = await import('node:fs/promises');
        const [realPath, realFolder] = await Promise.all([realpath(uri.fsPath), realpath(folder.uri.fsPath)]);
        return outsideWorkspaceReason({ ...location, realPath: realPath.replace(/\\/g, '/'), realFolder: realFolder.replace(/\\/g, '/') });
      } catch {
        // No Node file system here (a web host): fall back to the workspace file system.
      }
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      return outsideWorkspaceReason({ ...location, isLink: (stat.type & vscode.FileType.SymbolicLink) !== 0 });
    } catch {
      return undefined; // gone meanwhile: the store finds out when it reads it
    }
  }

  isArticle(uri: string): boolean {
    if (this.outsideLinks.has(uri)) return false;
    return this.matchesArticleGlob(uri);
  }

  private matchesArticleGlob(uri: string): boolean {
    const parsed = vscode.Uri.parse(uri);
    if (!vscode.workspace.getWorkspaceFolder(parsed)) return false;
    const relative = vscode.workspace.asRelativePath(parsed, false);
    const { articleGlob, exclude } = this.settings();
    return matchesGlob(relative, articleGlob) && !matchesGlob(relative, exclude);
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    const parsed = vscode.Uri.parse(uri);
    // A link made after the corpus was listed: to the store it is no article (as if absent).
    if (this.matchesArticleGlob(uri) && (await this.leavesWorkspace(parsed))) return undefined;
    try {
      return await vscode.workspace.fs.readFile(parsed);
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
    try {
      // A failure in either step (disk full half-way, a rename refused) leaves the target as it was.
      await vscode.workspace.fs.writeFile(temporary, bytes);
      await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
    } catch (error) {
      await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
      throw error;
    }
  }
}
