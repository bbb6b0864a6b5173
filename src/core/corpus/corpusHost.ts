// What the corpus store needs from outside: file access (CorpusHost, which the extension
// implements with `vscode.workspace.fs` and the tests in memory) and an optional cache of
// parsed files (SidecarCache, persisted by the extension). Also the stat check: how a warm
// open tells a file unchanged by its size and mtime without reading or hashing it.
import type { ParsedRegistry, ParsedSidecar } from '../format';
import type { CorpusDiagnostic } from '../model';

/** A file's size in bytes and modification time (ms since 1970, as `vscode.FileStat.mtime`). */
export interface FileStat {
  readonly size: number;
  readonly mtime: number;
}

/** File access the store needs; URIs are strings (the extension passes `Uri.toString()`). */
export interface CorpusHost {
  /** The workspace folders, as URI strings without a trailing slash. */
  roots(): readonly string[];
  /** Every article and every corpus file (sidecars, registries) in the workspace. */
  findFiles(): Promise<{ articles: string[]; corpusFiles: string[] }>;
  /** Whether a URI names an article (matches the article glob and not the exclusions). */
  isArticle(uri: string): boolean;
  /** The bytes of a file, or undefined when it does not exist. */
  readFile(uri: string): Promise<Uint8Array | undefined>;
  /**
   * Size and mtime of a file, or undefined when there is no such file (what `readFile` would
   * answer with undefined). Every write must change one of them (a real file system's mtime
   * does, within its granularity: see UNVERIFIED_MTIME_MS). Absent, every file is read and
   * hashed on every open.
   */
  stat?(uri: string): Promise<FileStat | undefined>;
  /** Writes a whole file so that readers see the old or the new bytes, never a mix. */
  writeFileAtomic(uri: string, bytes: Uint8Array): Promise<void>;
  /**
   * SHA-256 of bytes as lowercase hex, where the platform has a fast one (Node's crypto hashes
   * ~1 GB/s, the portable one in core ~120 MB/s: on a 100 MB corpus that is most of a load).
   * Must give exactly what `sha256Hex` gives; absent, the store uses `sha256Hex`.
   */
  sha256Hex?(bytes: Uint8Array): string;
}

/** What a cache remembers of a file as it was at one stat: its content hash, an article's title. */
export interface StatFacts extends FileStat {
  /** SHA-256 of the bytes (absent for an article without a sidecar, which is not hashed). */
  readonly sha256?: string;
  /** An article's first non-empty line (firstLineTitle), absent when it has none. */
  readonly firstLine?: string;
}

/**
 * Parsed sidecars by file and content hash. JSON parses ~100× faster than YAML, so a cache
 * persisted as JSON lets a restart skip the YAML parser for every unchanged sidecar. `get`
 * gives what `set` was given, or its revival by JSON.parse (the store relies on its strings
 * being its own, not slices of a file's text).
 */
export interface SidecarCache {
  get(key: string): ParsedSidecar | undefined;
  set(key: string, parsed: ParsedSidecar): void;
  /** Parsed registries, keyed the same way (a 10,000-entity registry takes ~1 s of `yaml`). */
  getRegistry?(key: string): ParsedRegistry | undefined;
  setRegistry?(key: string, parsed: ParsedRegistry): void;
  /**
   * The facts recorded for a file when they were recorded at this very size and mtime, else
   * undefined. With `setStatFacts` and the host's `stat`, a warm open reads no unchanged sidecar.
   */
  statFacts?(uri: string, stat: FileStat): StatFacts | undefined;
  setStatFacts?(uri: string, facts: StatFacts): void;
  /**
   * checkSidecar's results, keyed by everything they depend on (sidecarCheckKey in
   * sidecarChecks.ts): a warm open checks no unchanged sidecar again. The store drops a result
   * that does not fit the sidecar (another file, more problems than it could have).
   */
  getChecks?(key: string): readonly CorpusDiagnostic[] | undefined;
  setChecks?(key: string, problems: readonly CorpusDiagnostic[]): void;
}

/**
 * A file rewritten within its file system's mtime granularity (up to 2 s on FAT, 1 s on some
 * others) keeps its mtime, and may keep its size. So a stat whose mtime is this close to (or
 * after) the moment it was taken proves nothing about later reads: its facts are not recorded,
 * and the file is read and hashed again on the next open. (Git's index has the same rule.)
 */
export const UNVERIFIED_MTIME_MS = 2000;

/** A stat taken before reading a file, with the store's clock at that moment. */
export interface TakenStat {
  /** Undefined: the host said there is no such file. */
  readonly stat: FileStat | undefined;
  readonly takenAt: number;
}

/** The file's stat before it is read, when the host and the cache can use one (else undefined). */
export async function takeStat(host: CorpusHost, cache: SidecarCache | undefined, uri: string): Promise<TakenStat | undefined> {
  if (!host.stat || !cache?.statFacts) return undefined;
  const takenAt = Date.now();
  try {
    return { stat: await host.stat(uri), takenAt };
  } catch {
    return undefined; // no verdict: the file is read
  }
}

/** The facts the cache recorded for the file at the stat just taken, if any. */
export function factsFor(cache: SidecarCache | undefined, uri: string, taken: TakenStat | undefined): StatFacts | undefined {
  return taken?.stat ? cache?.statFacts?.(uri, taken.stat) : undefined;
}

/**
 * Records what bytes read after `taken` gave, when that stat can vouch for them later: the
 * bytes are as long as the stat said (else the file changed in between) and the mtime is old
 * enough that any later write must show in a later mtime (and is a real one: above 0).
 */
export function recordFacts(
  cache: SidecarCache | undefined, uri: string, taken: TakenStat | undefined, byteLength: number, facts: Omit<StatFacts, 'size' | 'mtime'>,
): void {
  if (taken?.stat === undefined || taken.stat.size !== byteLength || taken.stat.mtime >= taken.takenAt - UNVERIFIED_MTIME_MS) return;
  // A file system that keeps no mtimes (some virtual ones report 0) tells no change by it.
  if (!(taken.stat.mtime > 0)) return;
  cache?.setStatFacts?.(uri, { size: taken.stat.size, mtime: taken.stat.mtime, ...facts });
}

/** How far a load of the whole corpus is: articles read of those found. */
export interface LoadProgress {
  readonly read: number;
  readonly total: number;
}
