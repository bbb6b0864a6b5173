// The checks of each sidecar against its article and registry (checkSidecar), run once per
// state of what they depend on: remembered for the session with the parse they checked, and
// across restarts in the cache under a key naming all their inputs (issue 12: on a warm open
// nothing has changed, yet checking the 10,000 sidecars again cost ~190 ms).
import { checkSidecar, NO_CHECK_PROBLEMS, SIDECAR_CHECKS_VERSION, type ParsedSidecar, type RegistryIndex } from '../format';
import type { CorpusDiagnostic } from '../model';
import type { SidecarCache } from './corpusHost';

/**
 * The cache key of a sidecar's check results: the checks' version, the sidecar's own cache key
 * (its URI and the sha256 of its bytes), the article's sha256 (`-`: no text to check against)
 * and file name, and the governing registry's cache key (its URI and sha256; `-`: none, or one
 * that does not parse, which checks the same).
 */
export function sidecarCheckKey(sidecarKey: string, articleSha256: string | undefined, articleFile: string, registryKey: string | undefined): string {
  return `c${SIDECAR_CHECKS_VERSION}\n${sidecarKey}\n${articleSha256 ?? '-'}\n${articleFile}\n${registryKey ?? '-'}`;
}

/**
 * Whether cached results can be checkSidecar's for this parse: all in its file, and no more
 * than it reports at most (two about the source, three an annotation, two a fact). Anything
 * else is a damaged or foreign entry: the checks run again.
 */
function fitsSidecar(problems: readonly CorpusDiagnostic[], parsed: ParsedSidecar): boolean {
  const sidecar = parsed.sidecar!;
  if (problems.length > 2 + 3 * sidecar.annotations.length + 2 * sidecar.facts.length) return false;
  return problems.every((problem) => problem.file === parsed.file);
}

/** The inputs of the last check of a parse, as compared (no article text or registry kept alive). */
interface LastCheck {
  /** The article's sha256 (its text when it has none); undefined when checked without a text. */
  readonly article: string | undefined;
  readonly articleFile: string;
  /** The registry index's number in this session, 0 for none. */
  readonly registry: number;
  readonly problems: readonly CorpusDiagnostic[];
}

export class SidecarChecks {
  private readonly lastChecks = new WeakMap<ParsedSidecar, LastCheck>();
  private readonly sidecarKeys = new WeakMap<ParsedSidecar, string>();
  private readonly registryKeys = new WeakMap<RegistryIndex, string>();
  /** A number per registry index seen (a registry read again is a new index, so a new number). */
  private readonly registryNumbers = new WeakMap<RegistryIndex, number>();
  private registriesSeen = 0;

  constructor(private readonly cache: SidecarCache | undefined) {}

  /** Notes the cache key (URI + sha256 of its bytes) of a parse the store keeps; gives the parse back. */
  keyed(parsed: ParsedSidecar, key: string): ParsedSidecar {
    this.sidecarKeys.set(parsed, key);
    return parsed;
  }

  /** Notes the cache key (URI + sha256 of its bytes) of the registry an index was built from. */
  keyedRegistry(index: RegistryIndex, key: string | undefined): RegistryIndex {
    if (key !== undefined) this.registryKeys.set(index, key);
    return index;
  }

  /** Whether the cache can remember check results at all (then registry keys are worth computing). */
  get persisted(): boolean {
    return this.cache?.getChecks !== undefined || this.cache?.setChecks !== undefined;
  }

  /**
   * checkSidecar's problems for this parse against its article (its text as decoded and sha256;
   * no text: it was not read, and is reported missing), the article's file name and the
   * registry that governs it: those of the last check of this very parse when its inputs are
   * the same, else the cache's for the same inputs, else checked now (and cached). The text is
   * read only to check: an article with a hash has its text, decoded when first read
   * (corpusFiles.ts), and a warm open whose checks are cached decodes none.
   */
  problems(
    parsed: ParsedSidecar, article: { readonly text?: string | undefined; readonly sha256?: string | undefined }, articleFile: string, registry: RegistryIndex | undefined,
  ): readonly CorpusDiagnostic[] {
    if (!parsed.sidecar) return NO_CHECK_PROBLEMS; // nothing read to check
    const sha256 = article.sha256;
    const identity = sha256 ?? article.text;
    const registryNumber = registry ? this.registryNumber(registry) : 0;
    const last = this.lastChecks.get(parsed);
    if (last && last.article === identity && last.articleFile === articleFile && last.registry === registryNumber) return last.problems;
    const key = this.cacheKey(parsed, identity !== undefined, sha256, articleFile, registry);
    let problems = key === undefined ? undefined : this.cache?.getChecks?.(key);
    if (problems && !fitsSidecar(problems, parsed)) problems = undefined;
    if (!problems) {
      const text = article.text;
      problems = checkSidecar(parsed, {
        ...(text !== undefined ? { articleText: text } : {}), ...(sha256 !== undefined ? { articleSha256: sha256 } : {}),
        articleFile, ...(registry ? { registry } : {}),
      });
      if (key !== undefined) this.cache?.setChecks?.(key, problems);
    }
    this.lastChecks.set(parsed, { article: identity, articleFile, registry: registryNumber, problems });
    return problems;
  }

  /** The key of the checks in the cache, when every input has an identity there (else they are not cached). */
  private cacheKey(
    parsed: ParsedSidecar, hasText: boolean, sha256: string | undefined, articleFile: string, registry: RegistryIndex | undefined,
  ): string | undefined {
    if (!this.persisted) return undefined;
    const sidecarKey = this.sidecarKeys.get(parsed);
    const registryKey = registry ? this.registryKeys.get(registry) : undefined;
    if (sidecarKey === undefined || (registry && registryKey === undefined)) return undefined;
    // Without a text the article's hash changes nothing checked; with one, the hash names it.
    if (hasText && sha256 === undefined) return undefined;
    return sidecarCheckKey(sidecarKey, hasText ? sha256 : undefined, articleFile, registryKey);
  }

  private registryNumber(index: RegistryIndex): number {
    let number = this.registryNumbers.get(index);
    if (number === undefined) this.registryNumbers.set(index, (number = ++this.registriesSeen));
    return number;
  }
}
