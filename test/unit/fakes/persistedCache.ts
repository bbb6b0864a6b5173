// A SidecarCache as the extension keeps it: every entry through its packed JSON form, so a
// test sees what a restart would revive, and notes what the store stored and asked for.
import type { SidecarCache, StatFacts } from '../../../src/core/corpus/corpusHost';
import type { ParsedRegistry } from '../../../src/core/format/registry';
import type { ParsedSidecar } from '../../../src/core/format/sidecar';
import {
  packChecks, packParsedRegistry, packParsedSidecar, packStatFacts, unpackChecks, unpackParsedRegistry, unpackParsedSidecar, unpackStatFacts,
  type PackedRegistry, type PackedSidecar,
} from '../../../src/core/format/sidecarCacheFormat';

export interface PersistedCache extends SidecarCache {
  /** The JSON on "disk", by key: parsed sidecars, stat facts by URI, check results. */
  readonly entries: Map<string, string>;
  readonly facts: Map<string, string>;
  readonly checks: Map<string, string>;
  /** Keys stored, in order: parsed sidecars, stat facts (URIs), check results; and checks asked for. */
  readonly sets: string[];
  readonly factSets: string[];
  readonly checkSets: string[];
  readonly checkGets: string[];
}

export function persistedCache(): PersistedCache {
  const entries = new Map<string, string>();
  const registries = new Map<string, string>();
  const facts = new Map<string, string>();
  const checks = new Map<string, string>();
  const sets: string[] = [];
  const factSets: string[] = [];
  const checkSets: string[] = [];
  const checkGets: string[] = [];
  return {
    entries, facts, checks, sets, factSets, checkSets, checkGets,
    get: (key) => { const json = entries.get(key); return json === undefined ? undefined : unpackParsedSidecar(JSON.parse(json) as PackedSidecar); },
    set: (key, parsed: ParsedSidecar) => { sets.push(key); entries.set(key, JSON.stringify(packParsedSidecar(parsed))); },
    getRegistry: (key) => { const json = registries.get(key); return json === undefined ? undefined : unpackParsedRegistry(JSON.parse(json) as PackedRegistry); },
    setRegistry: (key, parsed: ParsedRegistry) => { registries.set(key, JSON.stringify(packParsedRegistry(parsed))); },
    statFacts: (uri, stat) => {
      const json = facts.get(uri);
      const known = json === undefined ? undefined : unpackStatFacts(JSON.parse(json));
      return known && known.size === stat.size && known.mtime === stat.mtime ? known : undefined;
    },
    setStatFacts: (uri, recorded: StatFacts) => { factSets.push(uri); facts.set(uri, JSON.stringify(packStatFacts(recorded))); },
    getChecks: (key) => {
      checkGets.push(key);
      const json = checks.get(key);
      return json === undefined ? undefined : unpackChecks(JSON.parse(json));
    },
    setChecks: (key, problems) => { checkSets.push(key); checks.set(key, JSON.stringify(packChecks(problems))); },
  };
}
