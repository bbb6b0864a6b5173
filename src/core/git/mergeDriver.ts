// The text edits that register Source Annotator as git's merge driver for sidecars: one line
// in `.gitattributes` (committed, shared) and one section in the repository's `.git/config`
// (local: git never shares config, so every clone needs it once). Pure, so the command line
// (`install-merge-driver`) and the editor's offer use the same edits. Each edit keeps every
// other line as it is and is idempotent.

export const MERGE_DRIVER_NAME = 'source-annotator';
export const GITATTRIBUTES_LINE = `*.annotations.yaml merge=${MERGE_DRIVER_NAME}`;
export const MERGE_DRIVER_DESCRIPTION = 'Source Annotator sidecar merge by item id';

/** True when some line of `.gitattributes` gives sidecars our merge driver. */
export function gitattributesNamesDriver(text: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const [pattern, ...attributes] = line.trim().split(/\s+/);
    return pattern !== undefined && !pattern.startsWith('#') && /annotations\.yaml$/.test(pattern)
      && attributes.includes(`merge=${MERGE_DRIVER_NAME}`);
  });
}

/** `.gitattributes` with our line added at the end when no line names the driver yet (keeps the file's line ending). */
export function withGitattributesLine(text: string): string {
  if (gitattributesNamesDriver(text)) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${separator}${GITATTRIBUTES_LINE}${eol}`;
}

const SECTION = new RegExp(`^\\s*\\[merge\\s+"${MERGE_DRIVER_NAME}"\\]\\s*$`);
const ANY_SECTION = /^\s*\[/;

/** The `driver` value of our section in a git config file, if any. */
export function configuredDriver(config: string): string | undefined {
  let inSection = false;
  for (const line of config.split(/\r?\n/)) {
    if (ANY_SECTION.test(line)) inSection = SECTION.test(line);
    else if (inSection) {
      const match = /^\s*driver\s*=\s*(.*?)\s*$/.exec(line);
      if (match) return unquote(match[1]!);
    }
  }
  return undefined;
}

/** A git config value: `"…"` parts unquoted, `\"` and `\\` unescaped. */
function unquote(value: string): string {
  let result = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && i + 1 < value.length) result += value[++i] === 'n' ? '\n' : value[i];
    else if (!quoted && (c === '#' || c === ';')) break;
    else result += c;
  }
  return result.trim();
}

/** A git config value quoted so `"`, `\`, `#` and `;` survive. */
export function quoteConfigValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The driver command git runs: `<command> merge-driver %O %A %B %P`. */
export function driverCommand(command: string): string {
  return `${command} merge-driver %O %A %B %P`;
}

/**
 * The git config text with our `[merge "source-annotator"]` section set to `driver` (the
 * full command with its %O %A %B %P): an existing section is replaced in place, else one is
 * appended. Every other line stays as it is.
 */
export function withMergeDriverConfig(config: string, driver: string): string {
  const eol = config.includes('\r\n') ? '\r\n' : '\n';
  const section = [`[merge "${MERGE_DRIVER_NAME}"]`, `\tname = ${MERGE_DRIVER_DESCRIPTION}`, `\tdriver = ${quoteConfigValue(driver)}`];
  const lines = config.split(/\r?\n/);
  const start = lines.findIndex((line) => SECTION.test(line));
  if (start < 0) {
    const separator = config === '' || config.endsWith('\n') ? '' : eol;
    return `${config}${separator}${section.join(eol)}${eol}`;
  }
  let end = start + 1;
  while (end < lines.length && !ANY_SECTION.test(lines[end]!)) end++;
  // Keep what else the section holds (a `recursive` key, comments); replace name and driver.
  const others = lines.slice(start + 1, end).filter((line) => !/^\s*(name|driver)\s*=/.test(line));
  const trailingBlank: string[] = [];
  while (others.length > 0 && others[others.length - 1]!.trim() === '') trailingBlank.unshift(others.pop()!);
  return [...lines.slice(0, start), ...section, ...others, ...trailingBlank, ...lines.slice(end)].join(eol);
}
