// An in-memory CorpusHost: the same contract the extension implements with vscode.workspace.fs.
import type { CorpusHost, FileStat } from '../../../src/core/corpus/corpusHost';
import { basename } from '../../../src/core/util/paths';

export class MemoryCorpusHost implements CorpusHost {
  /**
   * The mtime a write gets. By default a counter bumped by every write (so no two writes share
   * an mtime); a test of coarse file-system clocks sets its own, e.g. one that stands still.
   */
  mtimeClock: () => number;
  readonly files = new Map<string, Uint8Array>();
  /**
   * The stat is kept honest by the bytes' identity: every write (through the host, `put`, or a
   * test's own `files.set`) stores a new array, which gets its mtime when written or first seen.
   */
  private readonly mtimes = new WeakMap<Uint8Array, number>();
  readonly writes: string[] = [];
  /** When set, every readFile and stat is logged here in order (`read URI`, `stat URI`). */
  accessLog: string[] | undefined;

  constructor(private readonly root = 'mem:///corpus') {
    let version = 0;
    this.mtimeClock = () => ++version;
  }

  roots(): readonly string[] {
    return [this.root];
  }

  isArticle(uri: string): boolean {
    return uri.endsWith('.txt');
  }

  async findFiles(): Promise<{ articles: string[]; corpusFiles: string[] }> {
    const uris = [...this.files.keys()];
    return {
      articles: uris.filter((uri) => this.isArticle(uri)),
      corpusFiles: uris.filter((uri) => uri.endsWith('.annotations.yaml') || basename(uri) === 'entities.yaml'),
    };
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    this.accessLog?.push(`read ${uri}`);
    return this.files.get(uri);
  }

  async stat(uri: string): Promise<FileStat | undefined> {
    this.accessLog?.push(`stat ${uri}`);
    const bytes = this.files.get(uri);
    return bytes && { size: bytes.length, mtime: this.mtimeOf(bytes) };
  }

  private mtimeOf(bytes: Uint8Array): number {
    let mtime = this.mtimes.get(bytes);
    if (mtime === undefined) {
      mtime = this.mtimeClock();
      this.mtimes.set(bytes, mtime);
    }
    return mtime;
  }

  async writeFileAtomic(uri: string, bytes: Uint8Array): Promise<void> {
    this.writes.push(uri);
    this.mtimeOf(bytes);
    this.files.set(uri, bytes);
  }

  put(path: string, text: string): string {
    const uri = `${this.root}/${path}`;
    const bytes = new TextEncoder().encode(text);
    this.mtimeOf(bytes);
    this.files.set(uri, bytes);
    return uri;
  }

  text(uri: string): string | undefined {
    const bytes = this.files.get(uri);
    return bytes && new TextDecoder().decode(bytes);
  }
}
