// Entry point of the web integration suite: runs in the web-worker extension host of VS Code for
// the Web (run-integration.mjs --kind web launches a copy of the extension that has only its
// `browser` entry, with this suite inside it). build.mjs bundles it for the browser into
// out/test/web/index.js: there is no Node here, so no `fs`, no `assert`, no mocha from
// node_modules at run time; mocha's browser build is bundled in, chai asserts.
//
// Reporting: a web worker cannot write the report file the Node suite appends to, so every
// reporter line goes to the console with REPORT_PREFIX; the workbench forwards the test extension
// host's console to its log, the smoke-test driver hands that to run-integration.mjs
// (codeAutomationLog), which strips the prefix and prints the line. The exit code reaches the
// launcher through codeAutomationExit as usual.

// Defines the `mocha` and `Mocha` globals (build.mjs makes esbuild load it as a plain script).
import 'mocha/mocha.js';

/** Marks the suite's lines among everything else the workbench logs. Kept in sync with run-integration.mjs. */
export const REPORT_PREFIX = '[source-annotator web suite] ';

/** Mocha's browser build, as the global it defines. */
interface BrowserMocha {
  setup(options: { ui: string; reporter: unknown; color?: boolean; timeout?: number }): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number; pending: number } };
}
interface MochaGlobals {
  mocha: BrowserMocha;
  Mocha: {
    reporters: { Base: { consoleLog: (...data: unknown[]) => void }; Spec: unknown };
    prototype: { run: BrowserMocha['run'] };
  };
}

/** printf-style formatting as console.log does it (%s, %d, %i, %j, %o, %%), enough for mocha's reporters. */
function format(data: unknown[]): string {
  const [first, ...rest] = data;
  if (typeof first !== 'string') return data.map(String).join(' ');
  let index = 0;
  const text = first.replace(/%([sdijoO%])/g, (match, kind: string) => {
    if (kind === '%') return '%';
    if (index >= rest.length) return match;
    const value = rest[index++];
    if (kind === 'd' || kind === 'i') return String(kind === 'i' ? Math.trunc(Number(value)) : Number(value));
    if (kind === 'j' || kind === 'o' || kind === 'O') return JSON.stringify(value);
    return String(value);
  });
  return [text, ...rest.slice(index).map(String)].join(' ');
}

/** One console line per reporter line (the launcher reads them line by line). */
function report(...data: unknown[]): void {
  for (const line of format(data).split('\n')) console.log(`${REPORT_PREFIX}${line}`);
}

export async function run(): Promise<void> {
  const globals = globalThis as unknown as MochaGlobals;
  const { mocha, Mocha } = globals;
  // The spec reporter prints through Base.consoleLog: route it to the console with our prefix.
  Mocha.reporters.Base.consoleLog = report;
  mocha.setup({ ui: 'bdd', reporter: Mocha.reporters.Spec, color: false, timeout: 30_000 });
  try {
    // After setup: the test files call describe/it, which mocha.setup has just defined.
    require('./webWorker.test');
    require('./corpus.test');
    require('./degrade.test');
  } catch (error) {
    report(`web: could not load the suite: ${error instanceof Error ? error.stack : String(error)}`);
    throw error;
  }
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      // Mocha.prototype.run, not the browser build's mocha.run: that one reads `location.search`
      // (for ?grep=) from a global the extension host's worker does not have.
      const runner = Mocha.prototype.run.call(mocha, (failures) => {
        resolve({ passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 });
      });
    } catch (error) {
      report(`web: could not run the suite: ${error instanceof Error ? error.stack : String(error)}`);
      reject(error);
    }
  });
  // The launcher greps for this exact line.
  const pending = stats.pending ? `, ${stats.pending} pending` : '';
  report(`web: ${stats.passes} passed, ${stats.failures} failed${pending}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} web integration test(s) failed`);
}
