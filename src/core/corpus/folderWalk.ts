// Lists a workspace folder's articles and corpus files by reading its directories, for hosts where
// the editor's file search is missing: on a virtual file system without a search provider
// (VS Code for the Web), `workspace.findFiles` waits for one forever. Same rules as the search:
// the article glob and the exclusions apply to paths relative to the folder.
import { matchesGlob } from '../util';
import { REGISTRY_FILE_NAME } from '../format';
import { SIDECAR_SUFFIX } from '../format';

export type DirectoryEntryKind = 'file' | 'directory' | 'other';

/** The entries of a folder given by its path relative to the walked root ('' = the root). */
export type ReadDirectory = (relativePath: string) => Promise<readonly (readonly [name: string, kind: DirectoryEntryKind])[]>;

export interface FolderWalkOptions {
  readonly articleGlob: string;
  readonly exclude: string;
  /** Stop after this many directory entries (a guard against walking a huge tree). */
  readonly maxEntries: number;
  /** Directories read at the same time (each read may be a network round trip). */
  readonly parallel?: number;
}

export interface FolderWalkResult {
  /** Paths relative to the root, slash-separated. */
  readonly articles: string[];
  readonly corpusFiles: string[];
  /** True when maxEntries was reached: the lists are incomplete. */
  readonly truncated: boolean;
  /** Folders that could not be read (their relative paths), skipped. */
  readonly unreadable: string[];
}

function isCorpusFileName(name: string): boolean {
  return name === REGISTRY_FILE_NAME || (name.endsWith(SIDECAR_SUFFIX) && name.length > SIDECAR_SUFFIX.length);
}

/**
 * Breadth first, sorted results. Symbolic links and other special entries are not followed (a
 * link to a parent would never end); excluded folders are not entered.
 */
export async function walkFolder(readDirectory: ReadDirectory, options: FolderWalkOptions): Promise<FolderWalkResult> {
  const articles: string[] = [];
  const corpusFiles: string[] = [];
  const unreadable: string[] = [];
  const parallel = Math.max(1, options.parallel ?? 8);
  let queue = [''];
  let seen = 0;
  let truncated = false;
  while (queue.length > 0 && !truncated) {
    const batch = queue.slice(0, parallel);
    queue = queue.slice(parallel);
    const listings = await Promise.all(batch.map(async (folder) => {
      try {
        return { folder, entries: await readDirectory(folder) };
      } catch {
        unreadable.push(folder);
        return { folder, entries: [] };
      }
    }));
    for (const { folder, entries } of listings) {
      for (const [name, kind] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (++seen > options.maxEntries) {
          truncated = true;
          break;
        }
        const path = folder ? `${folder}/${name}` : name;
        if (kind === 'directory') {
          // `**/node_modules/**` must match the folder itself, so test it with a trailing slash.
          if (!matchesGlob(`${path}/`, options.exclude)) queue.push(path);
        } else if (kind === 'file' && !matchesGlob(path, options.exclude)) {
          if (matchesGlob(path, options.articleGlob)) articles.push(path);
          if (isCorpusFileName(name)) corpusFiles.push(path);
        }
      }
      if (truncated) break;
    }
  }
  return { articles: articles.sort(), corpusFiles: corpusFiles.sort(), truncated, unreadable: unreadable.sort() };
}
