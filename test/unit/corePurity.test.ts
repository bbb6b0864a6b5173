// The core must run in the extension host, in a browser and on the command line: it may
// import only itself and the pure packages listed here, in every folder below src/core.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const coreDir = join(__dirname, '..', '..', '..', 'src', 'core');
/** Packages that run unchanged in Node, a browser and a web worker. */
const PURE_PACKAGES = new Set(['yaml']);

function coreFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('src/core purity', () => {
  it('imports neither vscode nor Node modules, in any folder', () => {
    const files = coreFiles(coreDir);
    assert.ok(files.length > 5, `core files found in ${coreDir}`);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const imports = [...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const specifier of imports) {
        assert.ok(specifier.startsWith('./') || specifier.startsWith('../') || PURE_PACKAGES.has(specifier),
          `${relative(coreDir, file)} imports ${specifier}`);
      }
    }
  });
});
