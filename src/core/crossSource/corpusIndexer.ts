// Keeps one CorpusIndex per registry in step with the corpus store: each changed article is
// re-indexed on its own (time proportional to that article); only a registry change, which
// can move articles between registries or rename entities, rebuilds the indexes it touches.
import { articleTitle } from '../corpus';
import { CorpusIndex } from './corpusIndex';
import type { CorpusStore } from '../corpus';
import type { Disposable } from '../util';

export class CorpusIndexer implements Disposable {
  private readonly indexes = new Map<string, CorpusIndex>();
  /** Which index each article is in, so a moved or deleted article leaves its old one. */
  private readonly articleIndex = new Map<string, string>();
  private readonly subscription: Disposable;

  constructor(private readonly store: CorpusStore) {
    this.subscription = store.onDidChange((change) => {
      if (change.registryChanged && this.registriesChanged()) return; // rebuilt: all articles are in
      for (const uri of change.articles) this.updateArticle(uri);
    });
    this.rebuild();
  }

  dispose(): void {
    this.subscription.dispose();
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
    for (const uri of this.store.articleUris()) this.updateArticle(uri);
  }

  private updateArticle(uri: string): void {
    const previous = this.articleIndex.get(uri);
    const registry = this.store.registryFor(uri);
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
    if (!state || !sidecar || state.text === undefined) {
      index.removeArticle(uri);
      this.articleIndex.delete(uri);
      return;
    }
    index.updateArticle({
      uri,
      title: articleTitle(sidecar, state, uri),
      ...(sidecar.source.outlet ? { outlet: sidecar.source.outlet } : {}),
      ...(sidecar.source.published ? { published: sidecar.source.published } : {}),
      text: state.text,
      sidecar,
    });
    this.articleIndex.set(uri, registry.file);
  }
}
