// The rules of src/: which folder may import which, and no import cycles. Written over a
// plain map of file → source so the rules themselves are tested on small made-up trees
// (architecture.test.ts) as well as on the real one.
import { posix } from 'node:path';

/**
 * The folders of src/core and the folders each may import. Imports go only downward: a folder
 * lists only folders above it in this table. Changing an arrow is a design decision; say why
 * in the commit.
 */
export const CORE_ARROWS: Readonly<Record<string, readonly string[]>> = {
  util: [],
  model: [],
  text: ['util'],
  format: ['util', 'model', 'text'],
  anchoring: ['util', 'model', 'text'],
  merge: ['util', 'model'],
  agreement: ['util', 'model', 'text'],
  review: ['model', 'agreement'],
  annotating: ['util', 'model', 'text', 'anchoring'],
  corpus: ['util', 'model', 'text', 'format', 'anchoring', 'review'],
  crossSource: ['util', 'model', 'text', 'format', 'corpus'],
  live: ['util', 'model', 'text', 'format', 'anchoring', 'merge'],
  interchange: ['util', 'model', 'text', 'format', 'anchoring', 'corpus', 'crossSource'],
  git: [],
};

/** Packages the core may import: they run unchanged in Node, a browser and a web worker. */
export const PURE_PACKAGES: ReadonlySet<string> = new Set(['yaml']);

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

/** Files as repository-relative posix paths (`src/core/text/offsets.ts`) to their source. */
export type SourceTree = ReadonlyMap<string, string>;

const IMPORT = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

export function importsOf(source: string): string[] {
  // Comments may quote imports; strip them first (line comments and block comments).
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => m[1]!);
}

/** The file a relative specifier names, if it is in the tree. */
export function resolveIn(tree: SourceTree, from: string, specifier: string): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => tree.has(candidate) && candidate.endsWith('.ts'));
}

/** `src/core/text/offsets.ts` → `text`; a file directly in src/core → ''. */
export function coreFolderOf(file: string): string | undefined {
  if (!file.startsWith('src/core/')) return undefined;
  const rest = file.slice('src/core/'.length).split('/');
  return rest.length > 1 ? rest[0]! : '';
}

/** Every broken rule in the tree: purity, arrows, imports through folder surfaces, layers of src. */
export function layeringViolations(tree: SourceTree, arrows = CORE_ARROWS): Violation[] {
  const violations: Violation[] = [];
  for (const [file, source] of tree) {
    if (file.endsWith('.d.ts')) continue;
    const folder = coreFolderOf(file);
    for (const specifier of importsOf(source)) {
      const relativeImport = specifier.startsWith('./') || specifier.startsWith('../');
      if (folder !== undefined) {
        if (!relativeImport && !PURE_PACKAGES.has(specifier)) {
          violations.push({ file, specifier, rule: 'src/core imports neither vscode, Node nor packages that need them' });
          continue;
        }
        if (folder === '' ) violations.push({ file, specifier, rule: 'src/core keeps its modules in capability folders' });
        if (!(folder in arrows) && folder !== '') violations.push({ file, specifier, rule: `src/core/${folder}/ is not in the table of arrows` });
      }
      if (!relativeImport) continue;
      const target = resolveIn(tree, file, specifier);
      if (target === undefined) {
        if (file.startsWith('src/')) violations.push({ file, specifier, rule: 'a relative import names a file of src/' });
        continue;
      }
      const targetFolder = coreFolderOf(target);
      if (folder !== undefined && targetFolder === undefined) {
        violations.push({ file, specifier, rule: 'src/core imports nothing outside src/core' });
        continue;
      }
      if (targetFolder === undefined || targetFolder === '' || targetFolder === folder) {
        if (file.startsWith('src/core/') || !target.startsWith('src/')) continue;
      }
      if (targetFolder !== undefined && targetFolder !== folder) {
        if (folder !== undefined && !(arrows[folder] ?? []).includes(targetFolder)) {
          violations.push({ file, specifier, rule: `src/core/${folder}/ may not import src/core/${targetFolder}/ (see CORE_ARROWS)` });
        }
        if (target !== `src/core/${targetFolder}/index.ts`) {
          violations.push({ file, specifier, rule: `imports from outside src/core/${targetFolder}/ go through its index.ts` });
        }
      }
      if (file.startsWith('src/extension/') && target.startsWith('src/cli/')) {
        violations.push({ file, specifier, rule: 'the extension does not import the command line' });
      }
      if (file.startsWith('src/cli/') && target.startsWith('src/extension/')) {
        violations.push({ file, specifier, rule: 'the command line does not import the extension' });
      }
    }
  }
  return violations;
}

/** Import cycles between files, each as the list of files around it (first repeated last). */
export function importCycles(tree: SourceTree): string[][] {
  const edges = new Map<string, string[]>();
  for (const [file, source] of tree) {
    const targets = importsOf(source)
      .filter((s) => s.startsWith('./') || s.startsWith('../'))
      .map((s) => resolveIn(tree, file, s))
      .filter((t): t is string => t !== undefined);
    edges.set(file, targets);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      const seen = state.get(next);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...tree.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
