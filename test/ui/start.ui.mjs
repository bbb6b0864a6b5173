// The README's first command, checked as a newcomer would use it: `npm start -- --server`
// runs (through npm, so the outer npm's environment reaches provisioning as it does for a
// person), prints the URL of the workbench, and that workbench, opened in headless Chromium,
// shows the Articles view listing the seed articles. Then Ctrl-C (SIGINT) stops everything.
//
//   node test/ui/start.ui.mjs
//
// Ends with `start: N passed, N failed`; exit code 1 on any failure.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../host/build.mjs';
import { launchChromium } from '../host/browser.mjs';
import { runCleanups } from '../host/cleanups.mjs';

const TIMEOUT_MS = Number(process.env.SOURCE_ANNOTATOR_UI_TIMEOUT_MS) || 5 * 60 * 1000;
const results = [];
const log = (message) => process.stdout.write(`[start] ${message}\n`);

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push([name, true]);
    log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push([name, false]);
    log(`  ✘ ${name}: ${error instanceof Error ? error.message : error}`);
  }
}

/** Starts `npm start -- --server` in its own process group; resolves with the URL it prints. */
function startViaNpm(cleanups) {
  const child = spawn('npm', ['start', '--', '--server', '--port', String(20000 + (process.pid % 20000))], {
    cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => { exited = true; resolve(code ?? signal); }));
  cleanups.push(async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGINT'); } catch { /* already gone */ }
    const stopped = await Promise.race([exit, new Promise((resolve) => setTimeout(() => resolve(undefined), 20_000))]);
    if (stopped === undefined) {
      log('npm start did not stop on SIGINT within 20 s; killing it');
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  });
  const url = new Promise((resolve, reject) => {
    const read = (chunk) => {
      output += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(output);
      if (found) resolve(found[0]);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exit.then((code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${output.slice(-2000)}`)));
  });
  return { url, exit, output: () => output };
}

async function run() {
  const cleanups = [];
  const timer = setTimeout(() => {
    log(`timed out after ${TIMEOUT_MS} ms`);
    results.push(['finished in time', false]);
    void runCleanups(cleanups, log).finally(() => process.exit(1));
  }, TIMEOUT_MS);
  try {
    const started = startViaNpm(cleanups);
    let url;
    await check('npm start provisions what it needs, starts the server and prints the workbench URL', async () => {
      url = await started.url;
    });
    if (!url) return;
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await check('the workbench it serves lists the seed articles in the Articles view', async () => {
      const icon = page.locator('.activitybar .action-item .action-label[aria-label^="Source Annotator"]').first();
      await icon.waitFor({ timeout: 60_000 });
      await icon.click();
      const articles = readdirSync(join(repoRoot, 'seeds')).filter((name) => name.endsWith('.txt')).length;
      // Count the Articles pane's rows only: the Review pane has rows of its own.
      const articlesRows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Articles' }) }).locator('.monaco-list-row');
      const deadline = Date.now() + 60_000;
      while ((await articlesRows.count()) < articles && Date.now() < deadline) await page.waitForTimeout(250);
      const rows = await articlesRows.count();
      if (rows < articles) throw new Error(`${rows} rows, expected ${articles} articles`);
    });
    await check('Ctrl-C stops npm start and the server it started', async () => {
      await runCleanups(cleanups, log);
      const code = await Promise.race([started.exit, new Promise((resolve) => setTimeout(() => resolve('still running'), 1000))]);
      if (code === 'still running') throw new Error('npm start is still running');
    });
  } finally {
    clearTimeout(timer);
    await runCleanups(cleanups, log);
  }
}

try {
  await run();
} catch (error) {
  results.push(['set-up', false]);
  log(`failed: ${error instanceof Error ? error.stack : error}`);
}
const passed = results.filter(([, ok]) => ok).length;
console.log(`start: ${passed} passed, ${results.length - passed} failed`);
process.exitCode = passed === results.length && results.length > 0 ? 0 : 1;
