// Keeps one CorpusIndex per registry in step with the corpus store: each changed article is
// re-indexed on its own (time proportional to that article); only a registry change, which
// can move articles between registries or rename entities, rebuilds the indexes it touches.
//
// Indexing a whole corpus (the first load, a reload, a registry appearing) takes about a
// second at 10,000 articles. Given a way to yield to its host, the indexer does that work in
// slices of a few milliseconds, so hovers, completions and typing in the extension host are
// answered in between; the cards meanwhile cover the articles indexed so far.
import { articleTitle, hasArticleText } from '../corpus';
import { CorpusIndex } from './corpusIndex';
import type { CorpusStore } from '../corpus';
import type { RegistryIndex } from '../format';
import { dirname, type Disposable } from '../util';

/**
 * The registries of the folders met in one batch of articles: an article's registry is the
 * nearest one above its folder, so the articles of one folder share it, and looking it up
 * (a walk up the folders) once per folder instead of once per article saves a tenth of an
 * open's indexing. Made per batch, so a registry appearing between slices is seen.
 */
type RegistriesOfFolders = Map<string, RegistryIndex | undefined>;

export interface IndexerSlicing {
  /** Gives the host's event loop a turn (a zero timeout), then resolves. */
  readonly yieldToHost: () => Promise<void>;
  /** How long one slice may run, in milliseconds. */
  readonly sliceMs: number;
  /** Changes of fewer articles than this are indexed at once (a save, a small pull). */
  readonly minArticles: number;
  /**
   * Once no article waits, split the indexed articles' texts into sentences in slices too,
   * ahead of the cards that need them (the first card of an entity in 6,000 articles would
   * otherwise split those 6,000 texts, ~0.1 s). Without it each text is split when first needed.
   */
  readonly splitAhead?: boolean;
}

export class CorpusIndexer implements Disposable {
  private readonly indexes = new Map<string, CorpusIndex>();
  /** Which index each article is in, so a moved or deleted article leaves its old one. */
  private readonly articleIndex = new Map<string, string>();
  private readonly subscription: Disposable;
  /** Articles waiting for their slice, in the order they came. */
  private readonly pending = new Set<string>();
  private draining: Promise<void> | undefined;
  /** With `splitAhead`: articles indexed, in order, whose texts may still wait to be split. */
  private readonly toSplit: string[] = [];
  private splitNext = 0;
  private splitting: Promise<void> | undefined;
  private disposed = false;

  /** Without `slicing` every change is indexed before the constructor or the event returns. */
  constructor(private readonly store: CorpusStore, private readonly slicing?: IndexerSlicing) {
    this.subscription = store.onDidChange((change) => {
      if (change.registryChanged && this.registriesChanged()) return; // rebuilt: all articles are in
      this.updateArticles(change.articles);
    });
    this.rebuild();
  }

  dispose(): void {
    this.disposed = true;
    this.pending.clear();
    this.subscription.dispose();
  }

  /** How many articles wait to be indexed (0 once the index covers the corpus). */
  get pendingArticles(): number {
    return this.pending.size;
  }

  /** With `splitAhead`: how many indexed articles may still wait for their texts to be split. */
  get articlesToSplit(): number {
    return this.toSplit.length - this.splitNext;
  }

  /** Resolves when no article waits to be indexed. */
  async whenIndexed(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** The index that covers an article (the one of its registry), if it has a registry. */
  indexFor(articleUri: string): CorpusIndex | undefined {
    const registry = this.store.registryFor(articleUri);
    return registry ? this.indexes.get(registry.file) : undefined;
  }

  /**
   * A registry was edited (an entity added, say): refresh the indexes' registries in place. Only
   * when registries appeared or disappeared can articles change index, which needs a rebuild.
   * Returns whether it rebuilt.
   */
  private registriesChanged(): boolean {
    const files = this.store.registryUris();
    const known = [...this.indexes.keys()];
    if (known.some((file) => !files.includes(file)) || files.some((file) => !this.indexes.has(file))) {
      this.rebuild();
      return true;
    }
    for (const [file, index] of this.indexes) {
      const registry = this.store.registryFor(this.anyArticleOf(file) ?? '');
      if (registry?.file === file) index.setRegistry(registry.registry);
    }
    return false;
  }

  private anyArticleOf(registryFile: string): string | undefined {
    for (const [uri, file] of this.articleIndex) if (file === registryFile) return uri;
    return undefined;
  }

  private rebuild(): void {
    this.indexes.clear();
    this.articleIndex.clear();
    this.pending.clear();
    this.toSplit.length = 0;
    this.splitNext = 0;
    this.updateArticles(this.store.articleUris());
  }

  private updateArticles(uris: readonly string[]): void {
    if (!this.slicing || uris.length < this.slicing.minArticles) {
      const registries: RegistriesOfFolders = new Map();
      for (const uri of uris) {
        // Indexed now from the store's current state: a slice later would only repeat it.
        this.pending.delete(uri);
        this.updateArticle(uri, registries);
      }
      if (this.slicing && !this.draining) this.startSplitting(this.slicing);
      return;
    }
    for (const uri of uris) this.pending.add(uri);
    this.startDraining(this.slicing);
  }

  private startDraining(slicing: IndexerSlicing): void {
    this.draining ??= this.drain(slicing).finally(() => {
      this.draining = undefined;
      // Articles added after the last slice looked, before this ran, get a drain of their own.
      if (this.pending.size > 0 && !this.disposed) this.startDraining(slicing);
      else this.startSplitting(slicing);
    });
  }

  private startSplitting(slicing: IndexerSlicing): void {
    if (!slicing.splitAhead || this.splitting || this.disposed || this.articlesToSplit === 0) return;
    this.splitting = this.splitInSlices(slicing).finally(() => { this.splitting = undefined; });
  }

  /** Splits the indexed articles' texts, a slice at a time, while no article waits to be indexed. */
  private async splitInSlices(slicing: IndexerSlicing): Promise<void> {
    // The host's turn first: this runs after the indexing, never in its last slice.
    await slicing.yieldToHost();
    while (this.articlesToSplit > 0 && this.pending.size === 0 && !this.disposed) {
      const deadline = Date.now() + slicing.sliceMs;
      while (this.articlesToSplit > 0) {
        const uri = this.toSplit[this.splitNext++]!;
        const file = this.articleIndex.get(uri);
        if (file !== undefined) this.indexes.get(file)?.splitSentencesOf(uri);
        if (Date.now() >= deadline) break;
      }
      if (this.articlesToSplit === 0) {
        this.toSplit.length = 0;
        this.splitNext = 0;
      }
      await slicing.yieldToHost();
    }
  }

  private async drain(slicing: IndexerSlicing): Promise<void> {
    while (this.pending.size > 0 && !this.disposed) {
      const deadline = Date.now() + slicing.sliceMs;
      const registries: RegistriesOfFolders = new Map();
      for (const uri of this.pending) {
        this.pending.delete(uri);
        this.updateArticle(uri, registries);
        if (Date.now() >= deadline) break;
      }
      await slicing.yieldToHost();
    }
  }

  private updateArticle(uri: string, registries: RegistriesOfFolders): void {
    const previous = this.articleIndex.get(uri);
    const folder = dirname(uri);
    let registry = registries.get(folder);
    if (registry === undefined && !registries.has(folder)) registries.set(folder, (registry = this.store.registryFor(uri)));
    const state = this.store.article(uri);
    const sidecar = state?.parsed?.sidecar;
    if (previous !== undefined && previous !== registry?.file) {
      this.indexes.get(previous)?.removeArticle(uri);
      this.articleIndex.delete(uri);
    }
    if (!registry) return;
    let index = this.indexes.get(registry.file);
    if (!index) {
      index = new CorpusIndex(registry.registry);
      this.indexes.set(registry.file, index);
    }
    if (!state || !sidecar || !hasArticleText(state)) {
      index.removeArticle(uri);
      this.articleIndex.delete(uri);
      return;
    }
    index.updateArticle({
      uri,
      title: articleTitle(sidecar, state, uri),
      ...(sidecar.source.outlet ? { outlet: sidecar.source.outlet } : {}),
      ...(sidecar.source.published ? { published: sidecar.source.published } : {}),
      // Read when the article's sentences are first needed: an unchanged article's text is
      // decoded on first use (corpusFiles.ts), so indexing at open decodes none.
      textSource: state,
      sidecar,
    });
    this.articleIndex.set(uri, registry.file);
    if (this.slicing?.splitAhead) this.toSplit.push(uri);
  }
}
