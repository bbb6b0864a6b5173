// The corpus as the editor sees it: which articles there are, their sidecars and registries,
// the problems in them, and the one way to change a sidecar. File access goes through a
// narrow CorpusHost, which the extension implements with `vscode.workspace.fs` and the tests
// with an in-memory fake, so all of this runs and is tested without VS Code.
import { reanchorSidecar, type ReanchorReport } from '../anchoring';
import { firstLineTitle } from './articleSummary';
import { factsFor, recordFacts, takeStat, type CorpusHost, type LoadProgress, type SidecarCache, type TakenStat } from './corpusHost';
import { retainedParsedSidecar, StringPool } from './retainedSidecar';
import { SidecarChecks } from './sidecarChecks';
import { articleWithLazyText, decodeCorpusFile, problemReason, unreadableSidecar, type ArticleState } from './corpusFiles';
import { formatDiagnostic, sidecarIsStale, type CorpusDiagnostic } from '../model';
import { Emitter, forEachLimited, type Disposable } from '../util';
import { readSidecarFast } from '../format';
import { basename, dirname, foldersUpTo, joinPath } from '../util';
import { parseRegistry, readRegistryRemembered, REGISTRY_FILE_NAME, RegistryIndex, type ParsedRegistry } from '../format';
import { sha256Hex } from '../util';
import {
  articleUriFor, emptySidecar, isSidecarName, parseSidecar, readSidecarDocument, sidecarUriFor, type ParsedSidecar, type SidecarDocument,
} from '../format';
import { indexSidecarLines, NotWritableError, sameSidecarData, spliceSidecar, writeSidecar, type SidecarLines } from '../format';
import type { Sidecar } from '../model';
import { MAX_ARTICLE_BYTES, REGISTRY_LIMITS, SIDECAR_LIMITS } from '../format';

// The host and cache interfaces live in corpusHost.ts; re-exported for the modules that import them from here.
export type { CorpusHost, SidecarCache } from './corpusHost';
export { decodeCorpusFile, type ArticleState } from './corpusFiles';

export interface CorpusChange {
  /** Articles whose sidecar, text or registry changed. */
  readonly articles: readonly string[];
  /** True when a registry changed (labels or entities may differ everywhere). */
  readonly registryChanged: boolean;
}

const encoder = new TextEncoder();
/** Articles read at once while the corpus loads: enough to keep a remote file system busy. */
const READS_IN_FLIGHT = 64;
/** A write whose read-back differs from what was meant: refused, never written. */
const WRITE_BUG = 'the change could not be written without altering other content (a bug: please report it). Nothing was written.';

/** What the store keeps of its last write to a sidecar, so the next change needs no decode, parse or hash. */
interface WrittenSidecar {
  readonly bytes: Uint8Array;
  readonly state: SidecarDocument | SidecarLines;
  /** The article the write was for, with its hash. */
  readonly article: { readonly text: string; readonly byteLength: number; readonly sha256: string };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class CorpusStore implements Disposable {
  private readonly articles = new Map<string, ArticleState>();
  /** Per article changed on disk while loaded: the text its sidecar was written for, until re-anchored. */
  private readonly anchoredTexts = new Map<string, { readonly text: string; readonly sha256: string }>();
  private readonly registries = new Map<string, ParsedRegistry>();
  private readonly registryIndexes = new Map<string, RegistryIndex>();
  /** Orphan sidecars (no article) are still parsed and reported. */
  private readonly orphanSidecars = new Map<string, ParsedSidecar>();
  private readonly writeQueues = new Map<string, Promise<unknown>>();
  private readonly lastWritten = new Map<string, WrittenSidecar>();
  private readonly changeEmitter = new Emitter<CorpusChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly progressEmitter = new Emitter<LoadProgress>();
  /** While the corpus is read: how many of its articles are read, about every 1%. */
  readonly onDidProgress = this.progressEmitter.event;
  private loaded: Promise<void> | undefined;
  /**
   * Counts reloads. A read started before a reload (by the load it replaced, or by a file
   * change) must not put back what the reload forgot: every read checks it after its awaits.
   */
  private generation = 0;
  /** False after a reload (the Reload Corpus command): every file is read again, whatever its stat. */
  private statsTrusted = true;
  /** Repeated sidecar values, kept once (see retainedSidecar.ts). */
  private readonly strings = new StringPool();
  private readonly checks: SidecarChecks;

  constructor(private readonly host: CorpusHost, private readonly cache?: SidecarCache) { this.checks = new SidecarChecks(cache); }

  /** The article and sidecar hash, from the host's fast hasher when it has one. */
  private hash(bytes: Uint8Array): string {
    return this.host.sha256Hex ? this.host.sha256Hex(bytes) : sha256Hex(bytes);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.progressEmitter.dispose();
  }

  /** Reads the whole corpus once; later changes come in through {@link fileChanged}. */
  load(): Promise<void> {
    this.loaded ??= this.loadAll();
    return this.loaded;
  }

  /** Forgets everything and reads the corpus again (the files found may differ). */
  reload(): Promise<void> {
    this.generation++;
    this.statsTrusted = false;
    this.articles.clear();
    this.registries.clear();
    this.registryIndexes.clear();
    this.orphanSidecars.clear();
    this.loaded = this.loadAll();
    return this.loaded;
  }

  private async loadAll(): Promise<void> {
    const generation = this.generation;
    const { articles, corpusFiles } = await this.host.findFiles();
    if (generation !== this.generation) return;
    await Promise.all(corpusFiles.filter((uri) => basename(uri) === REGISTRY_FILE_NAME).map((uri) => this.readRegistry(uri, generation)));
    const sidecars = new Set(corpusFiles.filter((uri) => isSidecarName(basename(uri))));
    let read = 0;
    const step = Math.max(1, Math.floor(articles.length / 100));
    const readOne = async (uri: string): Promise<void> => {
      await this.readArticle(uri, generation);
      if (++read % step === 0 && generation === this.generation) this.progressEmitter.fire({ read, total: articles.length });
    };
    this.progressEmitter.fire({ read: 0, total: articles.length });
    await forEachLimited(articles, READS_IN_FLIGHT, readOne);
    for (const sidecarUri of sidecars) {
      const articleUri = articleUriFor(sidecarUri);
      if (!this.articles.has(articleUri)) await this.readOrphanSidecar(sidecarUri, generation);
    }
    if (generation !== this.generation) return;
    this.changeEmitter.fire({ articles: [...this.articles.keys()], registryChanged: true });
  }

  // ---- queries ---------------------------------------------------------------------------

  articleUris(): string[] {
    return [...this.articles.keys()].sort();
  }

  article(uri: string): ArticleState | undefined {
    return this.articles.get(uri);
  }

  /** The registry that governs an article: the nearest `entities.yaml` up to its workspace folder. */
  registryFor(articleUri: string): RegistryIndex | undefined {
    const registryUri = this.nearestRegistryUri(articleUri);
    return registryUri ? this.registryIndexes.get(registryUri) : undefined;
  }

  registryUris(): string[] {
    return [...this.registries.keys()].sort();
  }

  /**
   * Every file the store knows below a folder (articles, sidecars without an article,
   * registries). A deleted folder is reported by the host as the folder alone, not file by file.
   */
  knownFilesUnder(folderUri: string): string[] {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    return [...this.articles.keys(), ...this.orphanSidecars.keys(), ...this.registries.keys()]
      .filter((uri) => uri.startsWith(prefix)).sort();
  }

  /** Why the article's sidecar cannot be changed now, or undefined when it can. */
  notWritableReason(articleUri: string): string | undefined {
    const state = this.articles.get(articleUri);
    return state?.problem ? problemReason(state.problem) : state?.parsed?.notWritable;
  }

  /** All problems, by file URI (sidecars and registries). Files without problems are absent. */
  diagnostics(): Map<string, CorpusDiagnostic[]> {
    const byFile = new Map<string, CorpusDiagnostic[]>();
    const files = [
      ...[...this.articles.values()].filter((state) => state.parsed).map((state) => state.sidecarUri),
      ...this.orphanSidecars.keys(),
      ...this.registries.keys(),
    ];
    for (const file of files) {
      const problems = this.problemsOf(file);
      if (problems.length > 0) byFile.set(file, problems);
    }
    for (const state of this.articles.values()) if (state.problem) byFile.set(state.uri, [state.problem]);
    return byFile;
  }

  /** The problems of one sidecar or registry file (none for a file that is not in the corpus). */
  problemsOf(fileUri: string): CorpusDiagnostic[] {
    const registry = this.registries.get(fileUri);
    if (registry) return [...registry.diagnostics];
    const article = this.articles.get(fileUri);
    if (article?.problem) return [article.problem];
    const orphan = this.orphanSidecars.get(fileUri);
    if (orphan) {
      return [...orphan.diagnostics, {
        file: fileUri, start: { line: 0, column: 0 }, end: { line: 0, column: 0 }, severity: 'warning', code: 'article-missing',
        message: `No article \`${basename(articleUriFor(fileUri))}\` next to this sidecar (or it is not part of the corpus).`,
      }];
    }
    return isSidecarName(basename(fileUri)) ? this.sidecarDiagnostics(articleUriFor(fileUri)) : [];
  }

  /** Problems of one article's sidecar: its own, and those found against article and registry (sidecarChecks.ts). */
  sidecarDiagnostics(articleUri: string): CorpusDiagnostic[] {
    const state = this.articles.get(articleUri);
    if (!state?.parsed) return [];
    // An unreadable article: its own problem says why; checks against its text would mislead.
    if (state.problem) return [...state.parsed.diagnostics];
    const checked = this.checks.problems(state.parsed, state, basename(articleUri), this.registryFor(articleUri));
    return checked.length === 0 ? [...state.parsed.diagnostics] : [...state.parsed.diagnostics, ...checked];
  }

  // ---- changes from outside (file watcher) -------------------------------------------------

  /** A file was created, changed or deleted on disk: update just what depends on it. */
  async fileChanged(uri: string): Promise<void> {
    await this.load();
    const generation = this.generation;
    const name = basename(uri);
    if (name === REGISTRY_FILE_NAME) {
      await this.readRegistry(uri, generation);
      if (generation === this.generation) this.changeEmitter.fire({ articles: this.articlesGovernedBy(uri), registryChanged: true });
    } else if (isSidecarName(name)) {
      const articleUri = articleUriFor(uri);
      if (this.articles.has(articleUri)) {
        await this.readArticle(articleUri, generation);
        if (generation === this.generation) this.changeEmitter.fire({ articles: [articleUri], registryChanged: false });
      } else {
        await this.readOrphanSidecar(uri, generation);
        if (generation === this.generation) this.changeEmitter.fire({ articles: [], registryChanged: false });
      }
    } else if (this.host.isArticle(uri) || this.articles.has(uri)) {
      // A file the store knows but the article glob no longer matches is dropped like a deleted one.
      const exists = this.host.isArticle(uri) && (await this.host.readFile(uri)) !== undefined;
      if (generation !== this.generation) return;
      if (exists) {
        await this.readArticle(uri, generation);
        this.orphanSidecars.delete(sidecarUriFor(uri));
      } else {
        this.articles.delete(uri);
        await this.readOrphanSidecar(sidecarUriFor(uri), generation);
      }
      if (generation === this.generation) this.changeEmitter.fire({ articles: [uri], registryChanged: false });
    }
  }

  // ---- the one way to change a sidecar ----------------------------------------------------

  /**
   * Changes an article's sidecar: reads the file as it is on disk now, applies `change` to its
   * data and writes it back atomically, keeping comments and layout. Refuses (throws
   * NotWritableError) when the file on disk does not parse. Writes to one sidecar are
   * serialised, so concurrent changes never overwrite each other.
   */
  updateSidecar(articleUri: string, change: (current: Sidecar) => Sidecar): Promise<Sidecar> {
    const previous = this.writeQueues.get(articleUri) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.applyUpdate(articleUri, change));
    this.writeQueues.set(articleUri, next);
    return next;
  }

  private async applyUpdate(articleUri: string, change: (current: Sidecar) => Sidecar): Promise<Sidecar> {
    await this.load();
    const sidecarUri = sidecarUriFor(articleUri);
    const articleBytes = await this.host.readFile(articleUri);
    if (articleBytes === undefined) throw new Error(`The article ${articleUri} does not exist.`);
    const article = decodeCorpusFile(articleUri, articleBytes, MAX_ARTICLE_BYTES, 'article');
    if ('problem' in article) throw new NotWritableError(sidecarUri, `its article cannot be annotated: ${problemReason(article.problem)}.`);
    const currentBytes = await this.host.readFile(sidecarUri);
    // The state of this store's last write to the file, when the file still holds its bytes.
    const remembered = this.lastWritten.get(sidecarUri);
    this.lastWritten.delete(sidecarUri); // the writer may edit its nodes: used once
    const still = remembered && currentBytes !== undefined && sameBytes(remembered.bytes, currentBytes) ? remembered : undefined;
    let currentText: string | undefined;
    let hadBom = false;
    if (still) {
      currentText = still.state.text;
      hadBom = currentBytes![0] === 0xef && currentBytes![1] === 0xbb && currentBytes![2] === 0xbf;
    } else if (currentBytes !== undefined) {
      const decoded = decodeCorpusFile(sidecarUri, currentBytes, SIDECAR_LIMITS.maxChars, 'sidecar');
      if ('problem' in decoded) {
        this.setArticle(articleUri, { ...this.articles.get(articleUri), uri: articleUri, sidecarUri, parsed: unreadableSidecar(sidecarUri, decoded.problem) });
        this.changeEmitter.fire({ articles: [articleUri], registryChanged: false });
        throw new NotWritableError(sidecarUri, problemReason(decoded.problem));
      }
      currentText = decoded.text;
      hadBom = currentBytes[0] === 0xef && currentBytes[1] === 0xbb && currentBytes[2] === 0xbf;
    }
    // What the writer edits: the state of this store's last write when the file is still what
    // it wrote (no parse at all), else one parse of the file as it is on disk: the fast reader's
    // for our own layout (then the change is a splice of its lines), the `yaml` document otherwise.
    const prepared: SidecarDocument | SidecarLines | undefined = currentText === undefined || currentText.trim() === '' ? undefined
      : still ? still.state
        : indexSidecarLines(sidecarUri, currentText) ?? readSidecarDocument(sidecarUri, currentText);
    if (prepared && (prepared.parsed.notWritable || !prepared.parsed.sidecar)) {
      this.setArticle(articleUri, { ...this.articles.get(articleUri), uri: articleUri, sidecarUri, parsed: prepared.parsed });
      this.changeEmitter.fire({ articles: [articleUri], registryChanged: false });
      const first = prepared.parsed.diagnostics[0];
      throw new NotWritableError(sidecarUri, (prepared.parsed.notWritable ?? 'it cannot be read') + (first ? `\n${formatDiagnostic(first)}` : ''));
    }
    const current = prepared?.parsed.sidecar ?? emptySidecar(basename(articleUri));
    // An article unchanged since the last write is not hashed again (the same text from as many
    // bytes is the same bytes: decoding is strict, and only a BOM could make them differ).
    const articleSha256 = remembered?.article.text === article.text && remembered.article.byteLength === articleBytes.length
      ? remembered.article.sha256 : this.hash(articleBytes);
    const updated = change(current);
    const withHash: Sidecar = {
      ...updated,
      // A sidecar always names its article: an empty or hand-started file gets the name too.
      source: { ...updated.source, file: updated.source.file || basename(articleUri), sha256: articleSha256 },
    };
    // The splice checks back the lines it wrote; the general writer's result is parsed back
    // whole. Either way it must hold exactly the intended data and every item the reader did
    // not load, or nothing is written. The read-back is the new state.
    const spliced = prepared && 'lists' in prepared ? spliceSidecar(prepared, withHash) : undefined;
    let text: string;
    let written: SidecarDocument | SidecarLines;
    if (spliced) {
      ({ text, lines: written } = spliced);
    } else {
      const document = prepared && 'lists' in prepared ? readSidecarDocument(sidecarUri, prepared.text) : prepared;
      text = writeSidecar(sidecarUri, withHash, document ?? currentText);
      const readBack = text === currentText && document !== undefined ? document : readSidecarDocument(sidecarUri, text);
      if (readBack.parsed.notWritable) throw new NotWritableError(sidecarUri, `after this change ${readBack.parsed.notWritable}`);
      const unloaded = (doc: SidecarDocument) => [...doc.annotationItems, ...doc.factItems].filter((item) => item.acceptedId === undefined).length;
      if (document && unloaded(readBack) !== unloaded(document)) throw new NotWritableError(sidecarUri, WRITE_BUG);
      // In our own layout, the next change is a splice.
      written = indexSidecarLines(sidecarUri, text, readBack.parsed) ?? readBack;
    }
    if (!written.parsed.sidecar || !sameSidecarData(written.parsed.sidecar, withHash)) throw new NotWritableError(sidecarUri, WRITE_BUG);
    const unchanged = text === currentText && prepared !== undefined;
    // A byte order mark the file had stays: only the lines of the change differ.
    const bytes = encoder.encode(hadBom ? `\uFEFF${text}` : text);
    if (!unchanged) await this.host.writeFileAtomic(sidecarUri, bytes);
    this.rememberWritten(sidecarUri, { bytes, state: written, article: { text: article.text, byteLength: articleBytes.length, sha256: articleSha256 } });
    const retained = retainedParsedSidecar(written.parsed, this.strings);
    const key = `${sidecarUri}\n${this.hash(bytes)}`;
    this.cache?.set(key, this.checks.keyed(retained, key));
    const firstLine = firstLineTitle(article.text);
    this.setArticle(articleUri, {
      uri: articleUri, sidecarUri, parsed: retained, text: article.text, sha256: articleSha256,
      ...(firstLine !== undefined ? { firstLine } : {}),
    });
    this.changeEmitter.fire({ articles: [articleUri], registryChanged: false });
    return written.parsed.sidecar;
  }

  /**
   * Re-anchors an article's annotations when the article changed since the sidecar was written
   * (sha256 differs), and writes the result with the new hash. Items that cannot be placed with
   * confidence are kept with `orphaned: true`. Returns undefined when nothing was stale. When
   * the article changed while loaded, the text the sidecar was written for is still known and
   * re-anchoring diffs it against the new one; otherwise (changed while the editor was closed)
   * only quotes and context speak.
   */
  async reanchorIfStale(articleUri: string): Promise<ReanchorReport | undefined> {
    await this.load();
    const state = this.articles.get(articleUri);
    const recorded = state?.parsed?.sidecar?.source.sha256;
    if (!state || recorded === state.sha256) this.anchoredTexts.delete(articleUri); // gone, or back in step
    if (!state || state.problem || state.text === undefined || !sidecarIsStale(state.parsed?.sidecar, state.sha256) || state.parsed?.notWritable) return undefined;
    const text = state.text;
    const anchored = this.anchoredTexts.get(articleUri);
    this.anchoredTexts.delete(articleUri);
    let report: ReanchorReport | undefined;
    await this.updateSidecar(articleUri, (current) => {
      // Only the very text the sidecar records (by hash) may serve as the old text.
      const oldText = anchored && anchored.sha256 === current.source.sha256 ? anchored.text : undefined;
      const result = reanchorSidecar(current, text, oldText);
      report = result.report;
      return result.sidecar;
    });
    return report;
  }

  /** Articles whose sidecar was written for another version of their text. */
  staleArticles(): string[] {
    return [...this.articles.values()]
      .filter((state) => sidecarIsStale(state.parsed?.sidecar, state.sha256))
      .map((state) => state.uri);
  }

  /**
   * Changes a registry file (creating it when absent) through `change`, which maps its current
   * text (undefined when new) to the new text. Serialised and atomic like sidecar updates.
   */
  updateRegistry(registryUri: string, change: (current: string | undefined) => string): Promise<void> {
    const previous = this.writeQueues.get(registryUri) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      const bytes = await this.host.readFile(registryUri);
      let current: string | undefined;
      if (bytes !== undefined) {
        const decoded = decodeCorpusFile(registryUri, bytes, REGISTRY_LIMITS.maxChars, 'registry');
        if ('problem' in decoded) throw new NotWritableError(registryUri, problemReason(decoded.problem));
        current = decoded.text;
      }
      const text = change(current);
      // The decoded text has no BOM: a file that had one keeps it.
      const hadBom = bytes !== undefined && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      if (text !== current) await this.host.writeFileAtomic(registryUri, encoder.encode(hadBom ? `\uFEFF${text}` : text));
      await this.readRegistry(registryUri, this.generation);
      this.changeEmitter.fire({ articles: this.articlesGovernedBy(registryUri), registryChanged: true });
    });
    this.writeQueues.set(registryUri, next);
    return next;
  }

  /** Where a new registry for an article goes: its workspace folder's root. */
  registryUriFor(articleUri: string): string {
    return this.nearestRegistryUri(articleUri) ?? joinPath(this.workspaceRootOf(dirname(articleUri)), REGISTRY_FILE_NAME);
  }

  // ---- reading -----------------------------------------------------------------------------

  private async readRegistry(uri: string, generation: number): Promise<void> {
    const bytes = await this.host.readFile(uri);
    if (generation !== this.generation) return;
    if (bytes === undefined) {
      this.registries.delete(uri);
      this.registryIndexes.delete(uri);
      return;
    }
    const key = this.cache?.getRegistry || this.cache?.setRegistry || this.checks.persisted ? `${uri}\n${this.hash(bytes)}` : undefined;
    let parsed = key === undefined ? undefined : this.cache?.getRegistry?.(key);
    if (!parsed) {
      const decoded = decodeCorpusFile(uri, bytes, REGISTRY_LIMITS.maxChars, 'registry');
      parsed = 'problem' in decoded
        ? { file: uri, diagnostics: [decoded.problem], notWritable: problemReason(decoded.problem), entityLocations: Object.create(null) as Record<string, never> }
        : readRegistryRemembered(uri, decoded.text) ?? parseRegistry(uri, decoded.text);
      if (key !== undefined) this.cache?.setRegistry?.(key, parsed);
    }
    this.registries.set(uri, parsed);
    if (parsed.registry) this.registryIndexes.set(uri, this.checks.keyedRegistry(new RegistryIndex(uri, parsed.registry), key));
    else this.registryIndexes.delete(uri);
  }

  private async readArticle(uri: string, generation: number): Promise<void> {
    const sidecarUri = sidecarUriFor(uri);
    // Stats first, reads after (a change in between shows in the next stat): a file whose stat
    // the cache knows is not read (a sidecar, an article without one), or its title not found
    // again (an annotated article, read for its text).
    // Both asked at once, awaited one by one: a Promise.all per article was a good part of the
    // promise machinery of a warm open (issue 12).
    const sidecarStatTaken = takeStat(this.host, this.cache, sidecarUri);
    const articleStat = await takeStat(this.host, this.cache, uri);
    const sidecarStat = await sidecarStatTaken;
    if (generation !== this.generation) return;
    const articleFacts = this.statsTrusted ? factsFor(this.cache, uri, articleStat) : undefined;
    const sidecarFacts = this.statsTrusted ? factsFor(this.cache, sidecarUri, sidecarStat) : undefined;
    const cachedSidecar = sidecarFacts?.sha256 !== undefined ? this.cache!.get(`${sidecarUri}\n${sidecarFacts.sha256}`) : undefined;
    const sidecarAbsent = sidecarStat !== undefined && sidecarStat.stat === undefined;
    // Without a sidecar the store keeps only the article's title, which the facts hold.
    if (articleFacts && sidecarAbsent) {
      this.setArticle(uri, { uri, sidecarUri, ...(articleFacts.firstLine !== undefined ? { firstLine: articleFacts.firstLine } : {}) });
      return;
    }
    const articleRead = articleStat !== undefined && articleStat.stat === undefined ? undefined : this.host.readFile(uri);
    const [articleBytes, sidecarBytes] = cachedSidecar || sidecarAbsent ? [await articleRead, undefined]
      : await Promise.all([articleRead, this.host.readFile(sidecarUri)]);
    if (generation !== this.generation) return;
    if (articleBytes === undefined) {
      this.articles.delete(uri);
      return;
    }
    const parsed = cachedSidecar ? this.checks.keyed(retainedParsedSidecar(cachedSidecar, this.strings, true), `${sidecarUri}\n${sidecarFacts!.sha256!}`)
      : sidecarBytes === undefined ? undefined : this.parseCached(sidecarUri, sidecarBytes, sidecarStat);
    // Bytes read are hashed (~1 ms a MB): the facts (title, that they decode) are taken only for
    // the very bytes they were found in, even if the file changed between the stat and the read.
    const sha256 = parsed ? this.hash(articleBytes) : undefined;
    const facts = sha256 !== undefined && articleFacts?.sha256 === sha256 ? articleFacts : undefined;
    if (facts) {
      this.setArticle(uri, articleWithLazyText({ uri, sidecarUri, parsed: parsed!, sha256: sha256!, firstLine: facts.firstLine }, articleBytes));
      return;
    }
    const decoded = decodeCorpusFile(uri, articleBytes, MAX_ARTICLE_BYTES, 'article');
    if ('problem' in decoded) {
      this.setArticle(uri, { uri, sidecarUri, ...(parsed ? { parsed } : {}), problem: decoded.problem });
      return;
    }
    const text = decoded.text;
    const firstLine = firstLineTitle(text);
    recordFacts(this.cache, uri, articleStat, articleBytes.length, { ...(sha256 !== undefined ? { sha256 } : {}), ...(firstLine !== undefined ? { firstLine } : {}) });
    this.setArticle(uri, {
      uri,
      sidecarUri,
      ...(parsed ? { parsed } : {}),
      // Only articles with a sidecar keep their text; the rest are read again when needed.
      ...(parsed ? { text, sha256: sha256! } : {}),
      ...(firstLine !== undefined ? { firstLine } : {}),
    });
  }

  private async readOrphanSidecar(uri: string, generation: number): Promise<void> {
    const bytes = await this.host.readFile(uri);
    if (generation !== this.generation) return;
    if (bytes === undefined) this.orphanSidecars.delete(uri);
    else this.orphanSidecars.set(uri, this.parseCached(uri, bytes));
  }

  private parseCached(uri: string, bytes: Uint8Array, taken?: TakenStat): ParsedSidecar {
    // Keyed by file too: diagnostics name their file, so two identical sidecars differ. The
    // hash is the key, so without a cache it is not computed at all.
    const sha256 = this.cache ? this.hash(bytes) : undefined;
    if (sha256 !== undefined) recordFacts(this.cache, uri, taken, bytes.length, { sha256 });
    const key = sha256 !== undefined ? `${uri}\n${sha256}` : undefined;
    const cached = key === undefined ? undefined : this.cache?.get(key);
    if (cached) return this.checks.keyed(retainedParsedSidecar(cached, this.strings, true), key!);
    const decoded = decodeCorpusFile(uri, bytes, SIDECAR_LIMITS.maxChars, 'sidecar');
    if ('problem' in decoded) return unreadableSidecar(uri, decoded.problem);
    // The fast reader handles our writer's layout (keeping each value as the store does, as it
    // reads it); anything else goes to the full YAML parser, and is made the store's form after.
    const parsed = readSidecarFast(uri, decoded.text, this.strings.keep) ?? retainedParsedSidecar(parseSidecar(uri, decoded.text), this.strings);
    if (key !== undefined) this.cache?.set(key, this.checks.keyed(parsed, key));
    return parsed;
  }

  /** Keeps the read-back of a few recent writes, so the next change to them needs no parse. */
  private rememberWritten(sidecarUri: string, written: WrittenSidecar): void {
    this.lastWritten.delete(sidecarUri);
    this.lastWritten.set(sidecarUri, written);
    for (const key of this.lastWritten.keys()) {
      if (this.lastWritten.size <= 8) break;
      this.lastWritten.delete(key);
    }
  }

  private setArticle(uri: string, state: ArticleState): void {
    const previous = this.articles.get(uri);
    // The text the sidecar was written for, when the article changes while loaded (a pull,
    // another editor): re-anchoring then diffs old -> new text, as the editor does.
    // (The text is asked for last: a lazily decoded one is decoded only when it is kept.)
    if (previous?.sha256 !== undefined && state.sha256 !== previous.sha256
      && previous.sha256 === previous.parsed?.sidecar?.source.sha256 && previous.text !== undefined) {
      this.anchoredTexts.set(uri, { text: previous.text, sha256: previous.sha256 });
    }
    this.articles.set(uri, state);
  }

  /** The workspace folder that holds `folder` (the folder itself when none does). */
  private workspaceRootOf(folder: string): string {
    return this.host.roots().find((root) => folder === root || folder.startsWith(`${root}/`)) ?? folder;
  }

  private nearestRegistryUri(articleUri: string): string | undefined {
    const folder = dirname(articleUri);
    for (const candidate of foldersUpTo(folder, this.workspaceRootOf(folder))) {
      const uri = joinPath(candidate, REGISTRY_FILE_NAME);
      if (this.registries.has(uri)) return uri;
    }
    return undefined;
  }

  private articlesGovernedBy(registryUri: string): string[] {
    const folder = dirname(registryUri);
    return [...this.articles.keys()].filter((uri) => uri.startsWith(`${folder}/`));
  }
}
