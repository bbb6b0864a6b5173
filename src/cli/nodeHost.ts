// The corpus store's file access for the command line: Node's fs, files named by absolute
// paths with `/` (the store's path helpers work on those as on URIs). The same contract the
// extension implements with vscode.workspace.fs.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CorpusHost } from '../core/corpus';
import { matchesGlob } from '../core/util';
import { REGISTRY_FILE_NAME } from '../core/format';
import { isSidecarName } from '../core/format';

/** The extension's defaults (settings `sourceAnnotator.articleGlob` and `.exclude`). */
export const DEFAULT_ARTICLE_GLOB = '**/*.txt';
export const DEFAULT_EXCLUDE = '**/{node_modules,.git,out,dist}/**';

/** An absolute path with `/` separators, without a trailing slash. */
export function toStorePath(file: string): string {
  const absolute = path.resolve(file).split(path.sep).join('/');
  return absolute.length > 1 && absolute.endsWith('/') ? absolute.slice(0, -1) : absolute;
}

/** Writes a temporary file beside the target, flushes it, then renames it over the target. */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

export class NodeCorpusHost implements CorpusHost {
  readonly root: string;
  /** Every file written through this host, in order (for reports and tests). */
  readonly written: string[] = [];

  constructor(root: string, private readonly options: { articleGlob?: string; exclude?: string; readOnly?: boolean } = {}) {
    this.root = toStorePath(root);
  }

  roots(): readonly string[] {
    return [this.root];
  }

  private relative(file: string): string | undefined {
    return file.startsWith(`${this.root}/`) ? file.slice(this.root.length + 1) : undefined;
  }

  isArticle(file: string): boolean {
    const relative = this.relative(file);
    if (relative === undefined) return false;
    return matchesGlob(relative, this.options.articleGlob ?? DEFAULT_ARTICLE_GLOB) && !matchesGlob(relative, this.options.exclude ?? DEFAULT_EXCLUDE);
  }

  async findFiles(): Promise<{ articles: string[]; corpusFiles: string[] }> {
    const articles: string[] = [];
    const corpusFiles: string[] = [];
    const exclude = this.options.exclude ?? DEFAULT_EXCLUDE;
    const walk = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(folder, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = `${folder}/${entry.name}`;
        const relative = this.relative(full) ?? entry.name;
        if (entry.isDirectory()) {
          if (!matchesGlob(`${relative}/x`, exclude)) await walk(full);
        } else if (entry.isFile()) {
          if (this.isArticle(full)) articles.push(full);
          else if ((isSidecarName(entry.name) || entry.name === REGISTRY_FILE_NAME) && !matchesGlob(relative, exclude)) corpusFiles.push(full);
        }
      }
    };
    await walk(this.root);
    return { articles, corpusFiles };
  }

  async readFile(file: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  }

  async writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
    if (this.options.readOnly) throw new Error(`refusing to write ${file}: this command does not change the corpus`);
    await writeFileAtomic(file, bytes);
    this.written.push(file);
  }
}
