// The core must run in the extension host, in a browser and on the command line: it may
// import only itself and the `yaml` package.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const coreDir = join(__dirname, '..', '..', '..', 'src', 'core');

describe('src/core purity', () => {
  it('imports neither vscode nor Node modules', () => {
    const files = readdirSync(coreDir).filter((name) => name.endsWith('.ts'));
    assert.ok(files.length > 5, `core files found in ${coreDir}`);
    for (const name of files) {
      const source = readFileSync(join(coreDir, name), 'utf8');
      const imports = [...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const specifier of imports) {
        assert.ok(specifier.startsWith('./') || specifier === 'yaml', `${name} imports ${specifier}`);
      }
    }
  });
});
