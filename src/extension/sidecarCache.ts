// Persists parsed sidecars and registries as JSON in the workspace's storage, so a restart
// parses YAML only for the files that changed since (JSON.parse is ~100× faster than the YAML
// parser). One file, read with one JSON.parse; item positions stay packed strings until a
// diagnostic needs them (sidecarLocations.ts). It also keeps each file's stat facts (size,
// mtime, hash, an article's title) so that a warm open reads no unchanged sidecar and finds
// no unchanged article's title again (corpusHost.ts).
import * as vscode from 'vscode';
import type { FileStat, SidecarCache, StatFacts } from '../core/corpus';
import type { ParsedRegistry, ParsedSidecar } from '../core/format';
import {
  CACHE_FORMAT_VERSION, packParsedRegistry, packParsedSidecar, packStatFacts, unpackParsedRegistry, unpackParsedSidecar, unpackStatFacts,
  type PackedRegistry, type PackedSidecar, type PackedStatFacts,
} from '../core/format';

interface CacheFile {
  format: number;
  /** The extension version that wrote it: another version's readers and checks may differ. */
  extension?: string;
  entries: Record<string, PackedSidecar>;
  registries?: Record<string, PackedRegistry>;
  /** Stat facts by file URI. */
  files?: Record<string, PackedStatFacts>;
}

export class PersistentSidecarCache implements SidecarCache {
  private entries = new Map<string, ParsedSidecar>();
  /** Entries as read from disk, unpacked on first use. */
  private packed = new Map<string, PackedSidecar>();
  private readonly used = new Set<string>();
  private registries = new Map<string, ParsedRegistry>();
  private packedRegistries = new Map<string, PackedRegistry>();
  private readonly usedRegistries = new Set<string>();
  /** Stat facts as read from disk, unpacked when asked; those recorded or matched this session. */
  private packedFacts = new Map<string, PackedStatFacts>();
  private readonly facts = new Map<string, StatFacts>();
  private dirty = false;

  private constructor(private readonly file: vscode.Uri | undefined, private readonly extensionVersion: string) {}

  /** The cache in `storage`; one written by another extension version is not used (its entries could be read differently now). */
  static async open(storage: vscode.Uri | undefined, extensionVersion = ''): Promise<PersistentSidecarCache> {
    const file = storage && vscode.Uri.joinPath(storage, 'sidecar-cache.json');
    const cache = new PersistentSidecarCache(file, extensionVersion);
    if (!file) return cache;
    try {
      const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as CacheFile;
      if (parsed.format === CACHE_FORMAT_VERSION && (parsed.extension ?? '') === extensionVersion) {
        cache.packed = new Map(Object.entries(parsed.entries));
        cache.packedRegistries = new Map(Object.entries(parsed.registries ?? {}));
        cache.packedFacts = new Map(Object.entries(parsed.files ?? {}));
      }
    } catch {
      // No cache yet, or an unreadable one: start empty, it is only a cache.
    }
    return cache;
  }

  get(key: string): ParsedSidecar | undefined {
    let entry = this.entries.get(key);
    const packed = entry ? undefined : this.packed.get(key);
    if (packed) {
      entry = unpackParsedSidecar(packed);
      // A damaged entry is dropped: the sidecar is then read from its file.
      if (entry) this.entries.set(key, entry);
      else this.packed.delete(key);
    }
    if (entry) this.used.add(key);
    return entry;
  }

  set(key: string, parsed: ParsedSidecar): void {
    this.entries.set(key, parsed);
    this.used.add(key);
    this.dirty = true;
  }

  getRegistry(key: string): ParsedRegistry | undefined {
    let entry = this.registries.get(key);
    const packed = entry ? undefined : this.packedRegistries.get(key);
    if (packed) {
      entry = unpackParsedRegistry(packed);
      if (entry) this.registries.set(key, entry);
      else this.packedRegistries.delete(key);
    }
    if (entry) this.usedRegistries.add(key);
    return entry;
  }

  setRegistry(key: string, parsed: ParsedRegistry): void {
    this.registries.set(key, parsed);
    this.usedRegistries.add(key);
    this.dirty = true;
  }

  statFacts(uri: string, stat: FileStat): StatFacts | undefined {
    let facts = this.facts.get(uri);
    const packed = facts ? undefined : this.packedFacts.get(uri);
    if (packed) facts = unpackStatFacts(packed); // a damaged entry: as if none (the file is read)
    if (!facts || facts.size !== stat.size || facts.mtime !== stat.mtime) return undefined;
    this.facts.set(uri, facts); // kept: it still holds
    return facts;
  }

  setStatFacts(uri: string, facts: StatFacts): void {
    this.facts.set(uri, facts);
    this.dirty = true;
  }

  /** Writes the entries used in this session (older versions of files are dropped). */
  async save(): Promise<void> {
    if (!this.file || (!this.dirty && this.used.size === this.packed.size && this.usedRegistries.size === this.packedRegistries.size
      && this.facts.size === this.packedFacts.size)) return;
    const entries: Record<string, PackedSidecar> = {};
    for (const key of this.used) {
      const entry = this.entries.get(key);
      if (entry) entries[key] = packParsedSidecar(entry);
    }
    const registries: Record<string, PackedRegistry> = {};
    for (const key of this.usedRegistries) {
      const entry = this.registries.get(key);
      if (entry) registries[key] = packParsedRegistry(entry);
    }
    // Facts of files not seen this session (deleted, or changed and not yet vouched for) are dropped.
    const files: Record<string, PackedStatFacts> = {};
    for (const [uri, facts] of this.facts) files[uri] = packStatFacts(facts);
    this.packed = new Map(Object.entries(entries));
    this.packedRegistries = new Map(Object.entries(registries));
    this.packedFacts = new Map(Object.entries(files));
    this.dirty = false;
    const folder = vscode.Uri.joinPath(this.file, '..');
    await vscode.workspace.fs.createDirectory(folder);
    const body: CacheFile = { format: CACHE_FORMAT_VERSION, extension: this.extensionVersion, entries, registries, files };
    // Beside it, then renamed over it: a save cut short leaves the last whole cache, not half of one.
    const temporary = vscode.Uri.joinPath(folder, `sidecar-cache.${Date.now().toString(36)}.tmp`);
    try {
      await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(JSON.stringify(body)));
      await vscode.workspace.fs.rename(temporary, this.file, { overwrite: true });
    } catch (error) {
      await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
      throw error;
    }
  }
}

/** The store's view of the cache, which may open after the store is made (the load waits for it). */
export function storeCacheOf(current: () => PersistentSidecarCache | undefined): SidecarCache {
  return {
    get: (key) => current()?.get(key),
    set: (key, value) => current()?.set(key, value),
    getRegistry: (key) => current()?.getRegistry(key),
    setRegistry: (key, value) => current()?.setRegistry(key, value),
    statFacts: (uri, stat) => current()?.statFacts(uri, stat),
    setStatFacts: (uri, facts) => current()?.setStatFacts(uri, facts),
  };
}
