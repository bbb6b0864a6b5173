// Persists parsed sidecars and registries as JSON in the workspace's storage, so a restart
// parses YAML only for the files that changed since (JSON.parse is ~100× faster than the YAML
// parser). One file, read with one JSON.parse; item positions stay packed strings until a
// diagnostic needs them (sidecarLocations.ts). It also keeps each file's stat facts (size,
// mtime, hash, an article's title) so that a warm open reads no unchanged sidecar and finds
// no unchanged article's title again (corpusHost.ts), and the sidecar checks' results, so that
// it checks no unchanged sidecar again (sidecarChecks.ts).
import * as vscode from 'vscode';
import type { FileStat, SidecarCache, StatFacts } from '../core/corpus';
import type { ParsedRegistry, ParsedSidecar } from '../core/format';
import type { CorpusDiagnostic } from '../core/model';
import {
  CACHE_FORMAT_VERSION, packChecks, packParsedRegistry, packParsedSidecar, packStatFacts, unpackChecks, unpackParsedRegistry, unpackParsedSidecar,
  unpackStatFacts, type PackedChecks, type PackedRegistry, type PackedSidecar, type PackedStatFacts,
} from '../core/format';

interface CacheFile {
  format: number;
  /** The extension version that wrote it: another version's readers and checks may differ. */
  extension?: string;
  entries: Record<string, PackedSidecar>;
  registries?: Record<string, PackedRegistry>;
  /** Stat facts by file URI. */
  files?: Record<string, PackedStatFacts>;
  /** checkSidecar's results by their inputs (sidecarCheckKey). */
  checks?: Record<string, PackedChecks>;
}

/**
 * Entries by key as read from disk, unpacked on first use; those used this session are the
 * ones saved. A damaged entry is dropped: its file is then read instead.
 */
class RevivedEntries<Value, Packed> {
  private readonly values = new Map<string, Value>();
  private packed = new Map<string, Packed>();
  private readonly used = new Set<string>();
  /** A damaged entry was dropped: the next save writes the file without it. */
  private dropped = false;

  constructor(private readonly unpack: (packed: Packed) => Value | undefined, private readonly pack: (value: Value) => Packed) {}

  revive(packed: Record<string, Packed>): void {
    this.packed = new Map(Object.entries(packed));
  }

  get(key: string): Value | undefined {
    let value = this.values.get(key);
    const packed = value ? undefined : this.packed.get(key);
    if (packed !== undefined) {
      // Any shape may be on disk (`null`, a number): an unpacker that throws on one has found damage.
      try {
        value = this.unpack(packed);
      } catch {
        value = undefined;
      }
      if (value) this.values.set(key, value);
      else {
        this.packed.delete(key);
        this.dropped = true;
      }
    }
    if (value) this.used.add(key);
    return value;
  }

  set(key: string, value: Value): void {
    this.values.set(key, value);
    this.used.add(key);
  }

  /** Whether saving would write something else than what was read (an entry unused or damaged, say). */
  get unusedOnDisk(): boolean {
    return this.dropped || this.used.size !== this.packed.size;
  }

  /** The entries used this session, packed; they become what is on disk. */
  packUsed(): Record<string, Packed> {
    const packed: Record<string, Packed> = {};
    for (const key of this.used) {
      const value = this.values.get(key);
      if (value) packed[key] = this.pack(value);
    }
    this.packed = new Map(Object.entries(packed));
    this.dropped = false;
    return packed;
  }
}

export class PersistentSidecarCache implements SidecarCache {
  private readonly sidecars = new RevivedEntries<ParsedSidecar, PackedSidecar>(unpackParsedSidecar, packParsedSidecar);
  private readonly registries = new RevivedEntries<ParsedRegistry, PackedRegistry>(unpackParsedRegistry, packParsedRegistry);
  private readonly checks = new RevivedEntries<readonly CorpusDiagnostic[], PackedChecks>(unpackChecks, packChecks);
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
        cache.sidecars.revive(parsed.entries);
        cache.registries.revive(parsed.registries ?? {});
        cache.checks.revive(parsed.checks ?? {});
        cache.packedFacts = new Map(Object.entries(parsed.files ?? {}));
      }
    } catch {
      // No cache yet, or an unreadable one: start empty, it is only a cache.
    }
    return cache;
  }

  get(key: string): ParsedSidecar | undefined {
    return this.sidecars.get(key);
  }

  set(key: string, parsed: ParsedSidecar): void {
    this.sidecars.set(key, parsed);
    this.dirty = true;
  }

  getRegistry(key: string): ParsedRegistry | undefined {
    return this.registries.get(key);
  }

  setRegistry(key: string, parsed: ParsedRegistry): void {
    this.registries.set(key, parsed);
    this.dirty = true;
  }

  getChecks(key: string): readonly CorpusDiagnostic[] | undefined {
    return this.checks.get(key);
  }

  setChecks(key: string, problems: readonly CorpusDiagnostic[]): void {
    this.checks.set(key, problems);
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
    if (!this.file || (!this.dirty && !this.sidecars.unusedOnDisk && !this.registries.unusedOnDisk && !this.checks.unusedOnDisk
      && this.facts.size === this.packedFacts.size)) return;
    const entries = this.sidecars.packUsed();
    const registries = this.registries.packUsed();
    const checks = this.checks.packUsed();
    // Facts of files not seen this session (deleted, or changed and not yet vouched for) are dropped.
    const files: Record<string, PackedStatFacts> = {};
    for (const [uri, facts] of this.facts) files[uri] = packStatFacts(facts);
    this.packedFacts = new Map(Object.entries(files));
    this.dirty = false;
    const folder = vscode.Uri.joinPath(this.file, '..');
    await vscode.workspace.fs.createDirectory(folder);
    const body: CacheFile = { format: CACHE_FORMAT_VERSION, extension: this.extensionVersion, entries, registries, files, checks };
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
    getChecks: (key) => current()?.getChecks(key),
    setChecks: (key, problems) => current()?.setChecks(key, problems),
  };
}
