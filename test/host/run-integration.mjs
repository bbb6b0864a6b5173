// Runs the integration suite (out/test/integration/index.js, built by `build.mjs --tests`) inside
// a real VS Code extension host, on one of two hosts:
//   'server'   - the VS Code server from provision.mjs plus headless Chromium (works offline here)
//   'electron' - a desktop VS Code through @vscode/test-electron (needs one installed or downloadable)
// Either way the suite gets a fresh copy of seeds/ as its workspace, so tests may write sidecars.
//
// Two kinds of extension host (--kind):
//   'node' - the Node extension host (desktop, remote): the suite out/test/integration/index.js
//   'web'  - the web-worker extension host of VS Code for the Web, in the browser: the suite
//            out/test/web/index.js (bundled for the browser), the extension from its `browser`
//            entry. Only on the server host (the workbench in Chromium).
//
// Test output: the extension host's stdout does not reliably reach us, so the suite appends its
// reporter lines to the file named by SOURCE_ANNOTATOR_TEST_REPORT (the extension host inherits
// the server's environment) and we stream that file to our stdout while waiting.
//
// The web suite cannot write files: it prints its reporter lines to the console with a prefix; the
// workbench forwards the test extension host's console to its log, the smoke-test driver hands
// the log to codeAutomationLog, and we pick the prefixed lines out there.
//
// Usable directly: node test/host/run-integration.mjs [--host server|electron] [--kind node|web]
import {
  appendFileSync, closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, realpathSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './build.mjs';
import { provision } from './provision.mjs';
import { startServer } from './server.mjs';
import { launchChromium } from './browser.mjs';
import { runCleanups } from './cleanups.mjs';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const SUMMARY_LINE = /^integration: \d+ passed, \d+ failed/m;
const WEB_SUMMARY_LINE = /^web: \d+ passed, \d+ failed/m;
/** The web suite's marker on its console lines (test/web/index.ts, REPORT_PREFIX). */
const WEB_REPORT_PREFIX = '[source-annotator web suite] ';
// Workbench errors that every offline run produces: the extension gallery cannot be reached, and
// code-server's build does not ship the service worker the plain VS Code web build registers, nor
// the GitHub sign-in the workbench waits for.
const HARMLESS = /ENOTFOUND|Failed to register a ServiceWorker|Timed out waiting for authentication provider/;

function log(message) {
  process.stderr.write(`[integration] ${message}\n`);
}

/** Copies whatever is appended to `file` to stdout; call repeatedly, and once more at the end. */
function fileFollower(file) {
  let offset = 0;
  return function drain() {
    let size;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(file, 'r');
    try {
      offset += readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    process.stdout.write(buffer);
  };
}

/**
 * @param {{ host?: 'server' | 'electron', kind?: 'node' | 'web', timeoutMs?: number }} options
 * @returns {Promise<number>} the suite's exit code (0 = all passed)
 */
export async function runIntegration({ host = 'server', kind = 'node', timeoutMs } = {}) {
  if (host !== 'server' && host !== 'electron') throw new Error(`unknown host '${host}' (expected server or electron)`);
  if (kind !== 'node' && kind !== 'web') throw new Error(`unknown extension host kind '${kind}' (expected node or web)`);
  if (kind === 'web' && host !== 'server') throw new Error('the web-worker extension host runs only on the server host (--host server)');
  timeoutMs ??= Number(process.env.SOURCE_ANNOTATOR_TEST_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  const suite = kind === 'web'
    ? join(repoRoot, 'out', 'test', 'web', 'index.js')
    : join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(suite)) throw new Error(`${relative(repoRoot, suite)} is missing: run \`node test/host/build.mjs --tests\` first`);

  const temp = mkdtempSync(join(tmpdir(), 'source-annotator-it-'));
  const workspace = join(temp, 'seeds');
  cpSync(join(repoRoot, 'seeds'), workspace, { recursive: true });
  const reportFile = join(temp, 'report.txt');
  writeFileSync(reportFile, '');
  const suiteEnv = { SOURCE_ANNOTATOR_TEST_WORKSPACE: workspace, SOURCE_ANNOTATOR_TEST_REPORT: reportFile };

  // One way for every reason to stop early: timeout, SIGINT, SIGTERM. `cleanups` run in finally.
  const cleanups = [];
  let abort;
  const aborted = new Promise((_, reject) => { abort = reject; });
  aborted.catch(() => {}); // only observed through Promise.race below
  const timer = setTimeout(() => abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  let caughtSignal;
  const onSignal = (signal) => {
    caughtSignal ??= signal;
    abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = Date.now();
  try {
    const run = host === 'electron'
      ? runOnElectron(suite, workspace, suiteEnv, reportFile, cleanups)
      : runOnServer(suite, workspace, suiteEnv, reportFile, cleanups, kind);
    const code = await Promise.race([run, aborted]);
    log(`${host} host${kind === 'web' ? ' (web-worker extension host)' : ''} finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await runCleanups(cleanups, log);
    rmSync(temp, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Everything is stopped; now let the signal do what it would have done without us.
    if (caughtSignal) process.kill(process.pid, caughtSignal);
  }
}

/**
 * A copy of the extension whose manifest has the `browser` entry but no `main`, with the web suite
 * inside it; returns [extension folder, suite module].
 *
 * Why a copy: VS Code 1.139.1 for the Web ignores the payload's extensionDevelopmentKind (its
 * browser environment service files it under another name), so an extension with both `main`
 * and `browser` is run where a remote Node extension host exists, i.e. on the server. With only
 * `browser` it can run nowhere but in the web worker, as on vscode.dev or github.dev, where there
 * is no Node host at all. The suite must lie inside the extension's folder: VS Code runs a test
 * module in the extension host of the extension that contains it.
 */
function webOnlyExtension(temp) {
  const folder = join(temp, 'web-extension');
  mkdirSync(folder);
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  if (!manifest.browser) throw new Error('package.json has no `browser` entry: there is nothing to run in the web worker');
  delete manifest.main;
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const part of ['dist/web', 'out/test/web', 'package.nls.json', 'l10n', 'media', 'syntaxes', 'seeds', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (existsSync(join(repoRoot, part))) cpSync(join(repoRoot, part), join(folder, part), { recursive: true });
  }
  return [folder, join(folder, 'out', 'test', 'web', 'index.js')];
}

async function runOnServer(suite, workspace, suiteEnv, reportFile, cleanups, kind) {
  const host = provision();
  const web = kind === 'web';
  let extensionDevelopmentPath = repoRoot;
  if (web) [extensionDevelopmentPath, suite] = webOnlyExtension(dirname(workspace));
  const summaryLine = web ? WEB_SUMMARY_LINE : SUMMARY_LINE;
  // The web suite's lines arrive through codeAutomationLog (below); they go into the report file
  // too, so both kinds end the same way (streamed, summary check, server log on a broken run).
  const drain = fileFollower(reportFile);
  cleanups.push(drain); // the last lines, whatever happened

  const verbose = Boolean(process.env.SOURCE_ANNOTATOR_TEST_VERBOSE);
  const server = await startServer({
    host,
    workspaceFolder: workspace,
    extensionDevelopmentPath,
    env: suiteEnv, // inherited by the extension host (verified): the suite finds its report file
    echo: verbose,
  });
  cleanups.push(async () => {
    // When the suite did not even get to its summary, the cause is usually in the server's log:
    // show it before it is deleted with the server's temp dir. (Failing tests need no such help.)
    if (!summaryLine.test(readFileSync(reportFile, 'utf8'))) log(`last lines of the VS Code server log:\n${readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
    await server.stop();
  });
  log(`VS Code server on ${server.baseUrl} (Node ${host.node})`);

  const browser = await launchChromium({ executablePath: host.chromium });
  cleanups.push(() => browser.close());
  const page = await browser.newPage();

  // The workbench reports the suite's end through codeAutomationExit (smoke-test driver protocol).
  let onExit;
  const exited = new Promise((resolve) => { onExit = resolve; });
  await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
  // Workbench log lines, including the extension host's console (forwarded here as 'info', with
  // printf-style arguments unformatted). Errors are worth seeing, the rest only on request; the
  // test report itself comes from the report file.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).join(' ');
    const at = web ? text.indexOf(WEB_REPORT_PREFIX) : -1;
    if (at >= 0) {
      // A line of the web suite's report (test/web/index.ts): the workbench forwards the test
      // extension host's console to its log, which the smoke-test driver hands to us here.
      appendFileSync(reportFile, `${text.slice(at + WEB_REPORT_PREFIX.length)}\n`);
      return;
    }
    if (verbose || (type === 'error' && !HARMLESS.test(text))) log(`workbench ${type}: ${text}`);
  });
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  page.on('crash', () => log('the workbench page crashed'));

  const url = server.urlFor(workspace, [
    ['extensionTestsPath', suite],
    // What the test-host notes prescribe; ignored by VS Code 1.139.1 (see webOnlyExtension).
    ...(web ? [['extensionDevelopmentKind', 'web']] : []),
    ['skipWelcome', 'true'],
  ]);
  await page.goto(url);

  const follow = setInterval(drain, 250);
  cleanups.push(() => clearInterval(follow));
  const serverExited = new Promise((_, reject) => {
    server.process.once('exit', (code, signal) => reject(new Error(`VS Code server exited (${code ?? signal}) before the tests finished`)));
  });
  const code = await Promise.race([exited, serverExited]);
  drain();
  if (code === 0 && !summaryLine.test(readFileSync(reportFile, 'utf8'))) {
    // A suite that reports success without a summary ran nothing we can see: treat as broken.
    log(`the suite exited with 0 but ${web ? 'logged' : 'wrote'} no summary line`);
    return 1;
  }
  return code;
}

async function runOnElectron(suite, workspace, suiteEnv, reportFile, cleanups) {
  const { runTests } = await import('@vscode/test-electron');
  // The desktop extension host's output reaches us through VS Code's stdout; watch it for the
  // summary line and fall back to the report file if it never shows up.
  let sawSummary = false;
  const stdout = {
    write(chunk) {
      if (SUMMARY_LINE.test(String(chunk))) sawSummary = true;
      return process.stdout.write(chunk);
    },
  };
  cleanups.push(() => {
    if (!sawSummary) fileFollower(reportFile)();
  });
  // test-electron stops its VS Code when it sees SIGINT (first gracefully, then forcefully), and we
  // have no handle on the child otherwise, so an abort (timeout, SIGTERM) is forwarded that way.
  let settled = false;
  cleanups.push(async () => {
    if (settled) return;
    process.emit('SIGINT', 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    if (!settled) process.emit('SIGINT', 'SIGINT');
  });
  try {
    return await runTests({
      vscodeExecutablePath: desktopExecutable(),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: suiteEnv,
      stdout,
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError (carrying the exit code) when the tests fail.
    if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'number') return error.code;
    throw error;
  } finally {
    settled = true;
  }
}

/**
 * The Electron binary behind a `code` on PATH, or SOURCE_ANNOTATOR_VSCODE_EXECUTABLE; undefined
 * lets test-electron download VS Code (impossible on machines without internet).
 */
function desktopExecutable() {
  if (process.env.SOURCE_ANNOTATOR_VSCODE_EXECUTABLE) return process.env.SOURCE_ANNOTATOR_VSCODE_EXECUTABLE;
  const cli = findOnPath('code');
  if (!cli || process.platform !== 'linux') return undefined;
  // Linux packages install <app>/bin/code (a shell script) next to the <app>/code executable.
  const executable = join(realpathOf(cli), '..', '..', 'code');
  return existsSync(executable) ? executable : undefined;
}

export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function realpathOf(file) {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const hostIndex = process.argv.indexOf('--host');
  const host = hostIndex >= 0 ? process.argv[hostIndex + 1] : process.env.SOURCE_ANNOTATOR_TEST_HOST ?? 'server';
  const kindIndex = process.argv.indexOf('--kind');
  const kind = kindIndex >= 0 ? process.argv[kindIndex + 1] : 'node';
  process.exitCode = await runIntegration({ host, kind });
}
