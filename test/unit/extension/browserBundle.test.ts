// The web bundle's guard (test/host/build.mjs): a Node built-in in code meant for the web worker
// fails the build with the importer named, instead of breaking in the browser at run time.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const buildScript = pathToFileURL(join(__dirname, '..', '..', '..', '..', 'test', 'host', 'build.mjs')).href;

async function bundle(contents: string): Promise<esbuild.BuildResult> {
  const { refuseNodeBuiltins } = (await import(buildScript)) as { refuseNodeBuiltins: esbuild.Plugin };
  return esbuild.build({
    stdin: { contents, resolveDir: __dirname, sourcefile: 'web-entry.ts', loader: 'ts' },
    bundle: true, write: false, platform: 'browser', format: 'cjs', external: ['vscode'], logLevel: 'silent',
    plugins: [refuseNodeBuiltins],
  });
}

describe('the browser bundle guard', () => {
  for (const specifier of ['os', 'node:crypto', 'fs/promises', 'path']) {
    it(`refuses an import of ${specifier}`, async () => {
      await assert.rejects(bundle(`import * as m from '${specifier}'; console.log(m);`), (error: esbuild.BuildFailure) => {
        assert.equal(error.errors.length, 1);
        assert.match(error.errors[0]!.text, new RegExp(`Node built-in '${specifier}' imported by .*web-entry\\.ts: the web-worker extension host has no Node modules`));
        return true;
      });
    });
  }

  it('lets vscode, relative modules and browser-safe packages through', async () => {
    const result = await bundle("import * as vscode from 'vscode'; import { parse } from 'yaml'; console.log(vscode, parse('a: 1'));");
    assert.deepEqual(result.errors, []);
  });
});
