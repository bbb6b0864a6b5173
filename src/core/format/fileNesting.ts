// Explorer file nesting for sidecars: which `explorer.fileNesting.patterns` entries put
// `<article>.annotations.yaml` under its article, for the configured article glob, and what the
// extension may write to the workspace settings to switch nesting on without overriding anything
// the person chose. The VS Code side is src/extension/sidecarNesting.ts.
import { SIDECAR_SUFFIX } from './sidecar';

export type NestingPatterns = Readonly<Record<string, string>>;

/**
 * The nesting patterns for an article glob whose last segment is `*.ext` or `*.{ext1,ext2}`
 * (`**\/*.txt` → `*.txt` → `${capture}.txt.annotations.yaml`). Other globs (`news/**`, `*`)
 * give none: a pattern broad enough for them would also claim files that are not articles.
 */
export function sidecarNestingPatterns(articleGlob: string): NestingPatterns {
  const lastSegment = articleGlob.trim().split('/').pop() ?? '';
  const match = /^\*\.(?:([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)|\{([A-Za-z0-9_.,-]+)\})$/.exec(lastSegment);
  if (!match) return {};
  const extensions = match[1] !== undefined ? [match[1]] : match[2]!.split(',').filter((ext) => /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(ext));
  const patterns: Record<string, string> = {};
  for (const ext of extensions) patterns[`*.${ext}`] = `\${capture}.${ext}${SIDECAR_SUFFIX}`;
  return patterns;
}

/** A setting as `WorkspaceConfiguration.inspect` reports it, without the language overrides. */
export interface InspectedSetting<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

/** What the extension wrote to the workspace settings, remembered so it can take it back. */
export interface NestingWrites {
  readonly enabled: boolean;
  readonly patterns: NestingPatterns;
}

export interface NestingPlan {
  /** Write `explorer.fileNesting.enabled: true` to the workspace settings. */
  readonly enable: boolean;
  /** The new workspace value of `explorer.fileNesting.patterns`, when it has to change. */
  readonly workspacePatterns?: NestingPatterns;
  /** What this plan writes: added to what was written before. */
  readonly writes: NestingWrites;
}

const NO_WRITES: NestingWrites = { enabled: false, patterns: {} };

function explicitlySet<T>(setting: InspectedSetting<T>): boolean {
  return setting.globalValue !== undefined || setting.workspaceValue !== undefined || setting.workspaceFolderValue !== undefined;
}

/**
 * What to write so sidecars nest, given the settings as they are: nothing that the person set
 * (a `false` anywhere, or their own pattern for the same files) is overridden. The extension's
 * `configurationDefaults` already add the `*.txt` pattern; only the switch itself (off by
 * default in VS Code) and patterns for other article extensions need a workspace setting.
 */
export function planSidecarNesting(
  wanted: NestingPatterns,
  enabled: InspectedSetting<boolean>,
  patterns: InspectedSetting<NestingPatterns>,
  previous: NestingWrites = NO_WRITES,
): NestingPlan {
  const enable = !explicitlySet(enabled) && enabled.defaultValue !== true;
  const effective = { ...patterns.defaultValue, ...patterns.globalValue, ...patterns.workspaceValue, ...patterns.workspaceFolderValue };
  const missing = Object.entries(wanted).filter(([key]) => effective[key] === undefined);
  const added = Object.fromEntries(missing);
  return {
    enable,
    ...(missing.length > 0 ? { workspacePatterns: { ...patterns.workspaceValue, ...added } } : {}),
    writes: { enabled: previous.enabled || enable, patterns: { ...previous.patterns, ...added } },
  };
}

export interface NestingUndo {
  /** Remove `explorer.fileNesting.enabled` from the workspace settings. */
  readonly removeEnabled: boolean;
  /** The new workspace value of `explorer.fileNesting.patterns` (undefined: remove the setting). */
  readonly workspacePatterns?: NestingPatterns;
  /** Whether the patterns setting changes at all. */
  readonly patternsChange: boolean;
}

/**
 * Takes back what the extension wrote and nothing else: the switch if the workspace settings
 * still say `true`, and each pattern whose value is still the one written (a pattern the person
 * edited since is theirs now).
 */
export function undoSidecarNesting(
  writes: NestingWrites,
  workspaceEnabled: boolean | undefined,
  workspacePatterns: NestingPatterns | undefined,
): NestingUndo {
  const removeEnabled = writes.enabled && workspaceEnabled === true;
  const kept: Record<string, string> = { ...workspacePatterns };
  let patternsChange = false;
  for (const [key, value] of Object.entries(writes.patterns)) {
    if (kept[key] === value) {
      delete kept[key];
      patternsChange = true;
    }
  }
  return {
    removeEnabled,
    patternsChange,
    ...(Object.keys(kept).length > 0 ? { workspacePatterns: kept } : {}),
  };
}
