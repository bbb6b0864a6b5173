// The corpus store's access to files, through vscode.workspace.fs only, so the extension
// works on local disks, over remote connections and on virtual file systems alike.
import * as vscode from 'vscode';
import { outsideWorkspaceReason } from '../core/corpus';
import type { CorpusHost, FileStat } from '../core/corpus';
import { walkFolder, type DirectoryEntryKind } from '../core/corpus';
import { matchesGlob, sha256Hex } from '../core/util';
import { REGISTRY_FILE_NAME } from '../core/format';
import { SIDECAR_SUFFIX } from '../core/format';
import { WriteRefusedError } from '../core/format';
import { configuration } from './configuration';
import { log } from './log';
import { nodeRealPath } from './nodeRealPath';
import { nodeSha256 } from './nodeSha256';

/** The refusal to write in Restricted Mode: annotations are shown and checked, never written. */
export function untrustedRefusal(file: string): WriteRefusedError | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return new WriteRefusedError(file, 'untrusted-workspace',
    'it is in a workspace in Restricted Mode, where annotations are shown but never written or re-anchored. Trust the workspace to edit them.');
}

/** How long the file search may take before the folders are read instead (see findFiles). */
const SEARCH_TIMEOUT_MS = 20_000;
/** A guard for the folder walk: beyond this many entries the Articles view stays incomplete. */
const WALK_MAX_ENTRIES = 100_000;

/** What the host may be given instead of the real editor (tests of the fallback). */
export interface WorkspaceCorpusHostOptions {
  readonly findFiles?: (include: string, exclude: string) => Thenable<readonly vscode.Uri[]>;
  readonly searchTimeoutMs?: number;
  /** Tells the person about a limitation of this host; called at most once per limitation. */
  readonly notify?: (message: string) => void;
  /** Resolves links of a local path; default: Node's, where the extension host has Node. */
  readonly realPath?: (fsPath: string) => Promise<string>;
}

function entryKind(type: vscode.FileType): DirectoryEntryKind {
  // A link to a folder is not followed (it may point to a parent); a link to a file is a file.
  if (type & vscode.FileType.Directory) return type & vscode.FileType.SymbolicLink ? 'other' : 'directory';
  return type & vscode.FileType.File ? 'file' : 'other';
}

export class WorkspaceCorpusHost implements CorpusHost {
  /** Articles found to be links out of their workspace folder: not part of the corpus. */
  private readonly outsideLinks = new Set<string>();
  /** Set once the file search failed: from then on the folders are read directly. */
  private searchUnavailable = false;
  private readonly told = new Set<string>();
  /** Node's native hash where there is Node; the web worker uses core's. */
  private readonly nativeSha256 = nodeSha256();

  constructor(private readonly options: WorkspaceCorpusHostOptions = {}) {}

  sha256Hex(bytes: Uint8Array): string {
    return this.nativeSha256 ? this.nativeSha256(bytes) : sha256Hex(bytes);
  }

  private tellOnce(key: string, message: string): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    (this.options.notify ?? ((text: string) => void vscode.window.showInformationMessage(text)))(message);
  }

  roots(): readonly string[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString().replace(/\/$/, ''));
  }

  private settings(): { articleGlob: string; exclude: string } {
    return { articleGlob: configuration.get('articleGlob'), exclude: configuration.get('exclude') };
  }

  /**
   * The editor's file search, else (VS Code for the Web on a file system without a search
   * provider, where findFiles throws or waits forever) a walk through the folders, said once.
   */
  async findFiles(): Promise<{ articles: string[]; corpusFiles: string[] }> {
    const { articleGlob, exclude } = this.settings();
    if (!this.searchUnavailable) {
      const search = this.options.findFiles ?? ((include: string, excluded: string) => vscode.workspace.findFiles(include, excluded));
      const timeoutMs = this.options.searchTimeoutMs ?? SEARCH_TIMEOUT_MS;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
      let failure: string;
      try {
        const found = await Promise.race([
          Promise.all([search(articleGlob, exclude), search(`**/{*${SIDECAR_SUFFIX},${REGISTRY_FILE_NAME}}`, exclude)]),
          timedOut,
        ]);
        if (found !== 'timeout') {
          const inside = await this.withoutOutsideLinks(found[0]);
          return { articles: inside.map(String), corpusFiles: found[1].map(String) };
        }
        failure = vscode.l10n.t('did not answer within {0}', timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`);
      } catch (error) {
        failure = vscode.l10n.t('failed ({0})', error instanceof Error ? error.message : String(error));
      } finally {
        clearTimeout(timer);
      }
      this.searchUnavailable = true;
      this.tellOnce('search', vscode.l10n.t('Source Annotator: the file search of this workspace {0}, so articles are found by reading its folders instead (slower on large folders; the article glob and exclusions still apply).', failure));
    }
    const walked = await this.walkFolders(articleGlob, exclude);
    const inside = await this.withoutOutsideLinks(walked.articles.map((uri) => vscode.Uri.parse(uri)));
    return { articles: inside.map(String), corpusFiles: walked.corpusFiles };
  }

  /**
   * Every file below a folder, excluded folders left out, for a folder that appeared at once (a
   * checkout, a copy, an unpacked archive): file watchers report such a folder but may miss the
   * files created in it before they watch it.
   */
  async filesBelow(folder: vscode.Uri): Promise<string[]> {
    const { exclude } = this.settings();
    const uriOf = (relative: string) => (relative ? vscode.Uri.joinPath(folder, ...relative.split('/')) : folder);
    const result = await walkFolder(async (relative) => (await vscode.workspace.fs.readDirectory(uriOf(relative))).map(([name, type]) => [name, entryKind(type)] as const), {
      articleGlob: '**', exclude, maxEntries: WALK_MAX_ENTRIES,
    });
    return [...new Set([...result.articles, ...result.corpusFiles])].map((path) => uriOf(path).toString());
  }

  private async walkFolders(articleGlob: string, exclude: string): Promise<{ articles: string[]; corpusFiles: string[] }> {
    const articles: string[] = [];
    const corpusFiles: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uriOf = (relative: string) => (relative ? vscode.Uri.joinPath(folder.uri, ...relative.split('/')) : folder.uri);
      const result = await walkFolder(async (relative) => (await vscode.workspace.fs.readDirectory(uriOf(relative))).map(([name, type]) => [name, entryKind(type)] as const), {
        articleGlob, exclude, maxEntries: WALK_MAX_ENTRIES,
      });
      articles.push(...result.articles.map((path) => uriOf(path).toString()));
      corpusFiles.push(...result.corpusFiles.map((path) => uriOf(path).toString()));
      if (result.truncated) {
        this.tellOnce(`truncated:${folder.uri.toString()}`, vscode.l10n.t('Source Annotator stopped reading {0} after {1} files and folders: narrow the setting Source Annotator › Article Glob or Exclude to see every article.', folder.name, WALK_MAX_ENTRIES));
      }
    }
    return { articles, corpusFiles };
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
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not annotated: {1} (its text would be copied into a committed annotations file).', name, reason));
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
        const realpath = this.options.realPath ?? nodeRealPath();
        if (!realpath) throw new Error('no local file system');
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

  /** Size and mtime through `workspace.fs.stat`; undefined where readFile would find no file. */
  async stat(uri: string): Promise<FileStat | undefined> {
    const parsed = vscode.Uri.parse(uri);
    if (this.matchesArticleGlob(uri) && (await this.leavesWorkspace(parsed))) return undefined;
    try {
      const stat = await vscode.workspace.fs.stat(parsed);
      return stat.type & vscode.FileType.File ? { size: stat.size, mtime: stat.mtime } : undefined;
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
