// src/core runs in the extension host, a browser and on the command line, so it imports
// neither vscode nor Node; inside it, capability folders import only downward (CORE_ARROWS),
// other code reaches a folder through its index.ts, and no files import each other in a cycle.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CORE_ARROWS, importCycles, layeringViolations, type SourceTree } from './layering';

const repoRoot = join(__dirname, '..', '..', '..', '..');

function readTree(dir: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) tree.set(relative(repoRoot, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return tree;
}

const describeViolations = (violations: ReturnType<typeof layeringViolations>): string =>
  violations.map((v) => `${v.file} imports ${v.specifier}: ${v.rule}`).join('\n');

describe('architecture of src/', () => {
  const tree = readTree(join(repoRoot, 'src'));

  it('reads the whole of src/, nested folders included', () => {
    const coreFolders = new Set([...tree.keys()].filter((f) => f.startsWith('src/core/')).map((f) => f.split('/')[2]));
    for (const folder of Object.keys(CORE_ARROWS)) assert.ok(coreFolders.has(folder), `src/core/${folder}/ has files`);
    assert.ok(tree.has('src/core/text/offsets.ts'));
    assert.ok(tree.has('src/extension/main.ts'));
  });

  it('keeps every rule: purity, arrows between core folders, imports through index.ts', () => {
    assert.equal(describeViolations(layeringViolations(tree)), '');
  });

  it('has no import cycle between files', () => {
    assert.deepEqual(importCycles(tree).map((cycle) => cycle.join(' → ')), []);
  });

  it('has every core folder of the table, and only those', () => {
    const onDisk = readdirSync(join(repoRoot, 'src', 'core'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(onDisk, Object.keys(CORE_ARROWS).sort());
  });

  it('the arrows themselves go only downward (the table has no cycle)', () => {
    const asTree: SourceTree = new Map(Object.entries(CORE_ARROWS).map(([folder, allowed]) =>
      [`src/core/${folder}/index.ts`, allowed.map((a) => `export * from '../${a}';`).join('\n')]));
    assert.deepEqual(importCycles(asTree), []);
  });
});

describe('the architecture rules catch what they must', () => {
  const base: [string, string][] = [
    ['src/core/util/index.ts', "export * from './paths';"],
    ['src/core/util/paths.ts', 'export const x = 1;'],
    ['src/core/text/index.ts', "export * from './deep/offsets';"],
    ['src/core/text/deep/offsets.ts', "import { x } from '../../util';\nexport const y = x;"],
  ];
  const rules = (extra: [string, string][]): string[] =>
    layeringViolations(new Map([...base, ...extra])).map((v) => `${v.file}: ${v.rule}`);

  it('accepts the clean tree', () => {
    assert.deepEqual(rules([]), []);
  });

  it('refuses vscode and Node imports in a nested core folder', () => {
    assert.deepEqual(rules([['src/core/text/deep/io.ts', "import * as fs from 'node:fs';\nimport * as vscode from 'vscode';"]]), [
      'src/core/text/deep/io.ts: src/core imports neither vscode, Node nor packages that need them',
      'src/core/text/deep/io.ts: src/core imports neither vscode, Node nor packages that need them',
    ]);
  });

  it('refuses an upward arrow from a nested folder', () => {
    assert.deepEqual(rules([['src/core/util/deep/up.ts', "import { y } from '../../text';"]]), [
      'src/core/util/deep/up.ts: src/core/util/ may not import src/core/text/ (see CORE_ARROWS)',
    ]);
  });

  it('refuses reaching past a folder surface', () => {
    assert.deepEqual(rules([['src/extension/a.ts', "import { y } from '../core/text/deep/offsets';"]]), [
      'src/extension/a.ts: imports from outside src/core/text/ go through its index.ts',
    ]);
  });

  it('refuses core importing the extension layer', () => {
    assert.deepEqual(rules([['src/extension/b.ts', 'export const b = 1;'], ['src/core/util/c.ts', "import { b } from '../../extension/b';"]]), [
      'src/core/util/c.ts: src/core imports nothing outside src/core',
    ]);
  });

  it('ignores imports quoted in comments', () => {
    assert.deepEqual(rules([['src/core/util/d.ts', "// import * as fs from 'node:fs';\n/* import 'vscode' */\nexport const d = 1;"]]), []);
  });

  it('finds an import cycle across nested folders', () => {
    const cycles = importCycles(new Map([
      ['src/core/a/x.ts', "import { y } from '../b/deep/y';"],
      ['src/core/b/deep/y.ts', "import { x } from '../../a/x';"],
    ]));
    assert.deepEqual(cycles, [['src/core/a/x.ts', 'src/core/b/deep/y.ts', 'src/core/a/x.ts']]);
  });
});
