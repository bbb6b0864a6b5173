// Entry point of the integration suite inside a real VS Code extension host. Both launchers load
// it (test/host/run-integration.mjs: the VS Code server + headless Chromium, or
// @vscode/test-electron: a desktop VS Code) and call run(); its promise is the test result.
//
// The extension host's own stdout does not reliably reach the launcher's terminal (with the
// server it ends up, at best, in the server's log), so when SOURCE_ANNOTATOR_TEST_REPORT names a
// file, every reporter line is also appended to it; the launcher streams that file to its stdout.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Every compiled *.test.js below `dir` (no glob dependency needed for this). */
function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/**
 * Mocha's reporters print through the swappable `Base.consoleLog` (captured from console.log when
 * mocha loads), so wrapping it catches every reporter line whatever the host does to the console.
 * Returns a function that undoes the wrapping.
 */
function teeReporterOutput(reportFile: string | undefined): () => void {
  const Base = Mocha.reporters.Base;
  const original = Base.consoleLog;
  Base.consoleLog = (...data: unknown[]) => {
    original(...data);
    if (reportFile) appendFileSync(reportFile, `${format(...data)}\n`);
  };
  return () => {
    Base.consoleLog = original;
  };
}

export async function run(): Promise<void> {
  const restore = teeReporterOutput(process.env.SOURCE_ANNOTATOR_TEST_REPORT || undefined);
  try {
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
    // `npm run soak` runs only the soak suite, long.
    if (process.env.SOURCE_ANNOTATOR_TEST_GREP) mocha.grep(process.env.SOURCE_ANNOTATOR_TEST_GREP);
    for (const file of findTestFiles(__dirname)) mocha.addFile(file);

    const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
      try {
        const runner = mocha.run((failures) => {
          resolve({ passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 });
        });
      } catch (error) {
        // e.g. a test file that throws while loading: say so in the report, not only in VS Code's log
        Mocha.reporters.Base.consoleLog(`integration: could not run the suite: ${error instanceof Error ? error.stack : error}`);
        reject(error);
      }
    });

    // The launcher and CI grep for this exact line.
    const pending = stats.pending ? `, ${stats.pending} pending` : '';
    Mocha.reporters.Base.consoleLog(`integration: ${stats.passes} passed, ${stats.failures} failed${pending}`);
    if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  } finally {
    restore();
  }
}
