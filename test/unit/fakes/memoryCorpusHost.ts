// An in-memory CorpusHost: the same contract the extension implements with vscode.workspace.fs.
import type { CorpusHost } from '../../../src/core/corpus/corpusStore';
import { basename } from '../../../src/core/util/paths';

export class MemoryCorpusHost implements CorpusHost {
  readonly files = new Map<string, Uint8Array>();
  readonly writes: string[] = [];

  constructor(private readonly root = 'mem:///corpus') {}

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
    return this.files.get(uri);
  }

  async writeFileAtomic(uri: string, bytes: Uint8Array): Promise<void> {
    this.writes.push(uri);
    this.files.set(uri, bytes);
  }

  put(path: string, text: string): string {
    const uri = `${this.root}/${path}`;
    this.files.set(uri, new TextEncoder().encode(text));
    return uri;
  }

  text(uri: string): string | undefined {
    const bytes = this.files.get(uri);
    return bytes && new TextDecoder().decode(bytes);
  }
}
