// Builds the extension with esbuild's JS API (no tsc emit: `npm run check` type-checks separately).
//
//   node test/host/build.mjs               bundle src/extension/main.ts -> dist/extension.js (+ sourcemap)
//   node test/host/build.mjs --production  same, minified, no sourcemap (what gets packaged)
//   node test/host/build.mjs --tests       also transpile every .ts under src/ and test/ to out/
//   node test/host/build.mjs --watch       keep rebuilding on change (combinable with --tests)
//   --entry <file>                          bundle another entry (only for testing this tooling)
//
// The tests are transpiled file by file rather than bundled so that out/ mirrors the source tree:
// mocha finds out/test/unit/**/*.test.js, the integration suite finds its *.test.js files next to
// out/test/integration/index.js, and every module can still `require('vscode')` at run time.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url))); // no trailing slash

/** Every .ts file (not .d.ts) under `dir`, skipping folders that hold no sources. */
function typescriptFiles(dir, skip) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || skip.has(full)) continue;
      found.push(...typescriptFiles(full, skip));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found;
}

/** esbuild options for the shipped bundle. */
function extensionOptions({ production, entry }) {
  return {
    absWorkingDir: repoRoot,
    entryPoints: [entry ?? join(repoRoot, 'src', 'extension', 'main.ts')],
    outfile: join(repoRoot, 'dist', 'extension.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Provided by the extension host at run time; never bundled.
    external: ['vscode'],
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  };
}

/**
 * esbuild options for the command line `source-annotator` (package.json `bin`): one file for
 * plain Node 20, with its libraries bundled so the packaged extension needs no node_modules.
 */
function cliOptions({ production }) {
  return {
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, 'src', 'cli', 'main.ts')],
    outfile: join(repoRoot, 'dist', 'cli.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  };
}

/** esbuild options for the per-file transpile of sources and tests into out/. */
function testOptions() {
  const skip = new Set([join(repoRoot, 'test', 'host')]); // the tooling itself is plain .mjs
  const entryPoints = [
    ...typescriptFiles(join(repoRoot, 'src'), skip),
    ...typescriptFiles(join(repoRoot, 'test'), skip),
  ];
  return {
    absWorkingDir: repoRoot,
    entryPoints,
    outdir: join(repoRoot, 'out'),
    outbase: repoRoot, // keep src/... and test/... as out/src/... and out/test/...
    bundle: false, // imports (including 'vscode') stay require() calls resolved at run time
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Inline maps survive copying out/ around and need no extra files for mocha's --enable-source-maps.
    sourcemap: 'inline',
    logLevel: 'warning',
  };
}

/**
 * Runs the build once (or starts watching). Rejects when esbuild reports errors; esbuild has
 * already printed them to stderr by then.
 * @param {{ production?: boolean, tests?: boolean, watch?: boolean, entry?: string }} options
 */
export async function build({ production = false, tests = false, watch = false, entry } = {}) {
  const configs = [extensionOptions({ production, entry })];
  // A map left over from a development build would otherwise be packaged into the .vsix.
  if (production) rmSync(join(repoRoot, 'dist', 'extension.js.map'), { force: true });
  if (tests) configs.push(testOptions());
  // The command line (after the tests: removeStaleOutputs reads results[1]).
  if (!entry) configs.push(cliOptions({ production }));
  if (production) rmSync(join(repoRoot, 'dist', 'cli.js.map'), { force: true });
  if (watch) {
    // Note: the test file list is fixed when watching starts; restart to pick up new files.
    for (const options of configs) {
      const context = await esbuild.context({
        ...options,
        plugins: [reportRebuilds(relative(repoRoot, options.outfile ?? options.outdir))],
      });
      await context.watch();
    }
    console.log('[build] watching for changes (Ctrl-C to stop)');
    return;
  }
  const results = await Promise.all(configs.map((options) => esbuild.build({ ...options, metafile: true })));
  if (tests) removeStaleOutputs(results[1].metafile);
}

/**
 * Deletes files in out/ that this build did not write, so a deleted or renamed test never keeps
 * running from an old .js file. (Not `rm -rf out` first: a test run in progress in the same
 * checkout, e.g. another terminal's, would lose the files it is about to load.)
 */
function removeStaleOutputs(metafile) {
  const written = new Set(Object.keys(metafile.outputs).map((file) => resolve(repoRoot, file)));
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!written.has(full)) rmSync(full, { force: true });
    }
  };
  walk(join(repoRoot, 'out'));
}

/** Prints one line per rebuild in watch mode, so the terminal shows that something happened. */
function reportRebuilds(label) {
  return {
    name: 'report-rebuilds',
    setup(pluginBuild) {
      // The "[watch] build started/finished" lines are what .vscode/tasks.json waits for.
      pluginBuild.onStart(() => console.log(`[watch] build started (${label})`));
      pluginBuild.onEnd((result) => {
        const status = result.errors.length ? `${result.errors.length} error(s)` : 'ok';
        console.log(`[build] ${label}: ${status} (${new Date().toLocaleTimeString()})`);
        console.log(`[watch] build finished (${label})`);
      });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const entryIndex = args.indexOf('--entry');
  try {
    await build({
      production: args.includes('--production'),
      tests: args.includes('--tests'),
      watch: args.includes('--watch'),
      entry: entryIndex >= 0 ? resolve(args[entryIndex + 1] ?? '') : undefined,
    });
  } catch {
    // esbuild already printed its messages (logLevel 'warning'); only the exit code is left to set.
    console.error('[build] failed');
    process.exit(1);
  }
}
