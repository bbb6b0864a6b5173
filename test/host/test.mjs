// `npm test`: type-check, build, unit tests (mocha in Node), integration tests (in VS Code),
// the web integration tests (in the web-worker extension host of VS Code for the Web), UI checks in the real workbench (test/ui), the same checks on the packaged .vsix, and one
// closing line with the counts of all of them.
//
//   node test/host/test.mjs                      everything
//   node test/host/test.mjs --unit-only          build + unit tests
//   node test/host/test.mjs --integration-only   build + integration tests (Node and web extension hosts)
//   --no-ui                                      skip the workbench UI checks
//   --no-web                                     skip the web-worker integration tests
//   --host server|electron                       integration host (else $SOURCE_ANNOTATOR_TEST_HOST,
//                                                else electron when a desktop `code` and a display
//                                                are available, else server)
//
// A type error does not stop the tests from running (their results are still worth seeing), a
// build error does (there is nothing to run). The exit code is non-zero if any step failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, repoRoot } from './build.mjs';
import { findOnPath, runIntegration } from './run-integration.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const unitOnly = args.includes('--unit-only');
const integrationOnly = args.includes('--integration-only');
const host = option('--host')
  ?? process.env.SOURCE_ANNOTATOR_TEST_HOST
  ?? (findOnPath('code') && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) ? 'electron' : 'server');

const results = []; // [step, 'ok' | 'FAILED' | 'skipped (why)']
const started = Date.now();

function step(name) {
  console.log(`\n[test] ── ${name} ──`);
}

/** Runs a Node script from node_modules with our Node, output straight to the terminal. */
function runNode(script, scriptArgs) {
  const result = spawnSync(process.execPath, [join(repoRoot, script), ...scriptArgs], { cwd: repoRoot, stdio: 'inherit' });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
}

/** Like runNode, but also returns the output (shown as it comes), to read the counts from it. */
function runNodeCapturing(script, scriptArgs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, script), ...scriptArgs], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (error) => console.error(error.message));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

/** Passed and failed tests, summed over the suites, for the closing line. */
const counts = { passed: 0, failed: 0 };
function count(passed, failed) {
  counts.passed += passed;
  counts.failed += failed;
}

/** Runs `run` (which prints to our stdout) and returns its result with what it printed. */
async function watchingStdout(run) {
  let seen = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    seen += String(chunk);
    return write(chunk, ...rest);
  };
  try {
    return { code: await run(), seen };
  } finally {
    process.stdout.write = write;
  }
}

function hasFiles(dir, suffix) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((file) => String(file).endsWith(suffix));
}

// (a) Type-check. The bundle and the tests are built by esbuild, which does not check types.
if (!unitOnly && !integrationOnly) {
  step('type-check (tsc --noEmit)');
  const tsc = 'node_modules/typescript/bin/tsc';
  let ok = runNode(tsc, ['--noEmit', '-p', '.']);
  // The core has its own, stricter environment (no vscode, no Node types).
  if (existsSync(join(repoRoot, 'src', 'core', 'tsconfig.json'))) ok = runNode(tsc, ['--noEmit', '-p', 'src/core']) && ok;
  results.push(['type-check', ok ? 'ok' : 'FAILED']);
}

// (b) Build the extension bundle and the transpiled sources and tests in out/.
step('build (esbuild: dist/extension.js, dist/web/extension.js and out/)');
let built = true;
try {
  await build({ tests: true, entry: option('--entry') }); // --entry: only for testing this tooling
  results.push(['build', 'ok']);
} catch {
  built = false; // esbuild printed the errors
  results.push(['build', 'FAILED']);
}

// (c) Unit tests: plain mocha in this Node, configured by .mocharc.json.
if (!integrationOnly) {
  step('unit tests (mocha)');
  if (!built) results.push(['unit', 'skipped (build failed)']);
  else if (!hasFiles(join(repoRoot, 'out', 'test', 'unit'), '.test.js')) {
    console.log('no unit tests in out/test/unit');
    results.push(['unit', 'skipped (no tests)']);
  } else {
    const { ok, output } = await runNodeCapturing('node_modules/mocha/bin/mocha.js', []);
    count(Number(/(\d+) passing/.exec(output)?.[1] ?? 0), Number(/(\d+) failing/.exec(output)?.[1] ?? (ok ? 0 : 1)));
    results.push(['unit', ok ? 'ok' : 'FAILED']);
  }
}

// (d) Integration tests inside a real VS Code.
if (!unitOnly) {
  step(`integration tests (VS Code, ${host} host)`);
  if (!built) results.push([`integration (${host})`, 'skipped (build failed)']);
  else {
    // The suite's report goes to our stdout; read its summary line from there.
    const { code, seen } = await watchingStdout(() => runIntegration({ host }));
    const summary = /integration: (\d+) passed, (\d+) failed/.exec(seen);
    count(Number(summary?.[1] ?? 0), Number(summary?.[2] ?? (code === 0 ? 0 : 1)));
    results.push([`integration (${host})`, code === 0 ? 'ok' : `FAILED (exit code ${code})`]);
  }
}

// (d2) The same extension in VS Code for the Web: its browser bundle in the web-worker extension
// host, driven by the web suite (test/web). Needs the VS Code server and Chromium.
if (!unitOnly && !args.includes('--no-web')) {
  step('web integration tests (VS Code for the Web, web-worker extension host)');
  if (!built) results.push(['web', 'skipped (build failed)']);
  else if (host !== 'server') {
    console.log('the web-worker extension host runs in the browser workbench; run with --host server');
    results.push(['web', 'skipped (not the server host)']);
  } else {
    const { code, seen } = await watchingStdout(() => runIntegration({ host, kind: 'web' }));
    const summary = /^web: (\d+) passed, (\d+) failed/m.exec(seen);
    count(Number(summary?.[1] ?? 0), Number(summary?.[2] ?? (code === 0 ? 0 : 1)));
    results.push(['web', code === 0 ? 'ok' : `FAILED (exit code ${code})`]);
  }
}

// (e) What a person sees, in the real workbench: the VS Code server and headless Chromium.
if (!unitOnly && !integrationOnly && !args.includes('--no-ui')) {
  step('UI checks in the workbench (Playwright, headless Chromium)');
  if (!built) results.push(['ui', 'skipped (build failed)']);
  else if (host !== 'server') {
    console.log('the UI checks drive VS Code for the Web; run them with --host server');
    results.push(['ui', 'skipped (not the server host)']);
  } else {
    const { ok, output } = await runNodeCapturing('test/ui/workbench.ui.mjs', []);
    const summary = /ui: (\d+) passed, (\d+) failed/.exec(output);
    count(Number(summary?.[1] ?? 0), Number(summary?.[2] ?? (ok ? 0 : 1)));
    results.push(['ui', ok ? 'ok' : 'FAILED']);
  }
}

// (e2) The README's first command as a newcomer runs it: `npm start` serves a workbench whose
// Articles view lists the seeds, and stops on Ctrl-C.
if (!unitOnly && !integrationOnly && !args.includes('--no-ui') && host === 'server') {
  step('npm start (the README command, checked in the workbench)');
  if (!built) results.push(['start', 'skipped (build failed)']);
  else {
    const { ok, output } = await runNodeCapturing('test/ui/start.ui.mjs', []);
    const summary = /start: (\d+) passed, (\d+) failed/.exec(output);
    count(Number(summary?.[1] ?? 0), Number(summary?.[2] ?? (ok ? 0 : 1)));
    results.push(['start', ok ? 'ok' : 'FAILED']);
  }
}

// (f) The packaged extension, installed into the VS Code server as a user would install the
// .vsix: catches files missing from the package. Runs the same UI checks.
if (!unitOnly && !integrationOnly && !args.includes('--no-ui') && host === 'server') {
  step('packaged extension (vsce package, installed into the server, UI checks)');
  const packaged = await runNodeCapturing('node_modules/@vscode/vsce/vsce', [
    'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', 'dist/source-annotator.vsix',
  ]);
  if (!packaged.ok) {
    count(0, 1);
    results.push(['package', 'FAILED']);
  } else {
    const { ok, output } = await runNodeCapturing('test/ui/workbench.ui.mjs', ['--packaged', 'dist/source-annotator.vsix']);
    const summary = /packaged: (\d+) passed, (\d+) failed/.exec(output);
    count(Number(summary?.[1] ?? 0), Number(summary?.[2] ?? (ok ? 0 : 1)));
    results.push(['packaged', ok ? 'ok' : 'FAILED']);
  }
}

const failed = results.some(([, status]) => !status.startsWith('ok') && !status.startsWith('skipped (no'));
const summary = results.map(([name, status]) => `${name}: ${status}`).join(', ');
console.log(`\n[test] ${failed ? 'FAILED' : 'PASSED'} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
// A run that executed no test is no pass.
if (counts.passed + counts.failed === 0 && !failed) {
  console.log('[test] no test ran');
  process.exitCode = 1;
}
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
process.exitCode ??= failed ? 1 : 0;
