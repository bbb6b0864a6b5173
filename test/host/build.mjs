// Builds the extension with esbuild's JS API (no tsc emit: `npm run check` type-checks separately).
//
//   node test/host/build.mjs               bundle src/extension/main.ts -> dist/extension.js (Node extension
//                                          host) and dist/web/extension.js (web-worker extension host of
//                                          VS Code for the Web), each with a sourcemap
//   node test/host/build.mjs --production  same, minified, no sourcemaps (what gets packaged)
//   node test/host/build.mjs --tests       also transpile every .ts under src/ and test/ to out/, and bundle
//                                          the web suite test/web/index.ts -> out/test/web/index.js
//   node test/host/build.mjs --watch       keep rebuilding on change (combinable with --tests)
//   --entry <file>                          bundle another entry (only for testing this tooling)
//
// The tests are transpiled file by file rather than bundled so that out/ mirrors the source tree:
// mocha finds out/test/unit/**/*.test.js, the integration suite finds its *.test.js files next to
// out/test/integration/index.js, and every module can still `require('vscode')` at run time.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
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
 * Fails the browser bundles on any import of a Node built-in (`fs`, `node:path`, ...). esbuild
 * would already refuse most of them for platform 'browser', but a package whose `browser` field
 * maps a built-in to `false` would slip in as an empty module and break only at run time.
 */
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
export const refuseNodeBuiltins = {
  name: 'refuse-node-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      const isBuiltin = args.path.startsWith('node:') || nodeBuiltins.has(args.path.split('/')[0]);
      if (!isBuiltin) return undefined;
      return {
        errors: [{
          text: `Node built-in '${args.path}' imported by ${relative(repoRoot, args.importer) || args.importer}: the web-worker extension host has no Node modules`,
        }],
      };
    });
  },
};

/** esbuild options shared by the bundles that run in the web worker of VS Code for the Web. */
function browserBundleOptions() {
  return {
    absWorkingDir: repoRoot,
    bundle: true,
    format: 'cjs', // the web-worker extension host loads CommonJS and provides require('vscode')
    platform: 'browser', // picks the browser builds of dependencies (yaml ships one)
    target: 'es2022',
    external: ['vscode'],
    plugins: [refuseNodeBuiltins],
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

/** esbuild options for the shipped web bundle (package.json `browser`). */
function webExtensionOptions({ production, entry }) {
  return {
    ...browserBundleOptions(),
    entryPoints: [entry ?? join(repoRoot, 'src', 'extension', 'main.ts')],
    outfile: join(repoRoot, 'dist', 'web', 'extension.js'),
    sourcemap: !production,
    minify: production,
  };
}

/**
 * mocha's browser build (mocha/mocha.js) is a UMD script, but mocha's package.json says
 * "type": "module", so esbuild bundles it as an ES module whose free `module` is the bundle's
 * own: the script then replaced the suite's exports with the mocha instance. Declared locally,
 * `module`, `exports` and `define` are undefined, and the script takes its browser path (the
 * `mocha` and `Mocha` globals).
 */
const mochaBrowserBuildAsScript = {
  name: 'mocha-browser-build-as-script',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
      contents: `var module, exports, define;\n${await readFile(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};

/**
 * esbuild options for the web integration suite: one bundle (the web worker cannot load files
 * from out/ one by one with Node's require), mocha's browser build included.
 */
function webSuiteOptions() {
  return {
    ...browserBundleOptions(),
    entryPoints: [join(repoRoot, 'test', 'web', 'index.ts')],
    outfile: join(repoRoot, 'out', 'test', 'web', 'index.js'),
    sourcemap: 'inline',
    plugins: [refuseNodeBuiltins, mochaBrowserBuildAsScript],
  };
}

/** esbuild options for the per-file transpile of sources and tests into out/. */
function testOptions() {
  // The tooling itself is plain .mjs; the web suite is bundled for the browser (webSuiteOptions).
  const skip = new Set([join(repoRoot, 'test', 'host'), join(repoRoot, 'test', 'web')]);
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
  const configs = [extensionOptions({ production, entry }), webExtensionOptions({ production, entry })];
  // A map left over from a development build would otherwise be packaged into the .vsix.
  if (production) {
    rmSync(join(repoRoot, 'dist', 'extension.js.map'), { force: true });
    rmSync(join(repoRoot, 'dist', 'web', 'extension.js.map'), { force: true });
  }
  const testsIndex = configs.length;
  if (tests) configs.push(testOptions(), webSuiteOptions());
  // The command line (after the tests: removeStaleOutputs reads the tests' results by index).
  if (!entry) configs.push(cliOptions({ production }));
  if (production) rmSync(join(repoRoot, 'dist', 'cli.js.map'), { force: true });
  if (watch) {
    // Note: the test file list is fixed when watching starts; restart to pick up new files.
    for (const options of configs) {
      const context = await esbuild.context({
        ...options,
        plugins: [...(options.plugins ?? []), reportRebuilds(relative(repoRoot, options.outfile ?? options.outdir))],
      });
      await context.watch();
    }
    console.log('[build] watching for changes (Ctrl-C to stop)');
    return;
  }
  const results = await Promise.all(configs.map((options) => esbuild.build({ ...options, metafile: true })));
  if (tests) removeStaleOutputs([results[testsIndex].metafile, results[testsIndex + 1].metafile]);
}

/**
 * Deletes files in out/ that this build did not write, so a deleted or renamed test never keeps
 * running from an old .js file. (Not `rm -rf out` first: a test run in progress in the same
 * checkout, e.g. another terminal's, would lose the files it is about to load.)
 */
function removeStaleOutputs(metafiles) {
  const written = new Set(metafiles.flatMap((metafile) => Object.keys(metafile.outputs)).map((file) => resolve(repoRoot, file)));
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
