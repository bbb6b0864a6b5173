// Glob matching for the article pattern setting (`**/*.txt`, `news/**/*.{txt,md}`), so the
// store can tell whether a changed file is an article without asking the editor.

const cache = new Map<string, RegExp>();

/** Converts a glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) to an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of folders, including none; a trailing `**` matches anything.
        if (glob[i + 2] === '/') { source += '(?:[^/]*/)*'; i += 2; } else { source += '.*'; i += 1; }
      } else {
        source += '[^/]*';
      }
    } else if (ch === '?') source += '[^/]';
    else if (ch === '{') { source += '(?:'; braceDepth++; }
    else if (ch === '}' && braceDepth > 0) { source += ')'; braceDepth--; }
    else if (ch === ',' && braceDepth > 0) source += '|';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) { source += '\\['; continue; }
      const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = close;
    } else source += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`);
  cache.set(glob, regex);
  return regex;
}

/** Whether a slash-separated relative path matches the glob. */
export function matchesGlob(relativePath: string, glob: string): boolean {
  return globToRegExp(glob).test(relativePath);
}
