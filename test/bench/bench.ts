// `npm run bench [-- --json FILE] [-- --only TEXT]`: the figures of issue 12 on a generated
// corpus (test/bench/corpus.ts), each with its median, p99 over repeated runs and target, and
// the side-by-side ratios. Not part of `npm test`; nothing here is asserted.
//
// Adding a figure: create `test/bench/<topic>.bench.ts` that calls `registerCase({ name, run })`
// from './harness' at load time; `run(context)` measures (use `timeRuns`, and
// `context.corpus()` for the shared corpus) and calls `context.report(name, unit, samples,
// target)` once per figure. Every `*.bench.js` next to this file is loaded, in name order, so a
// new file needs no edit here. (Re-anchoring belongs in reanchor.bench.ts, export throughput
// next to the exporters of src/core/interchange/.) A file that exports no cases is reported.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { registeredCases, runCases } from './harness';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  console.log(`Source Annotator benchmark — Node ${process.version}, ${process.platform}/${process.arch}, ${require('node:os').cpus().length} cores`);
  console.log('Figures are wall-clock times on a shared machine: expect noise of ±30% between runs.');
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.bench.js')).sort()) {
    const before = registeredCases().length;
    const loaded = require(`./${file}`) as Record<string, unknown>;
    if (registeredCases().length === before) {
      // An older-style file (a function to call): run it as it is, figures printed by itself.
      const entry = Object.values(loaded).find((value) => typeof value === 'function') as (() => unknown) | undefined;
      console.log(`${basename(file)} registers no case${entry ? '; it runs on its own after the cases' : ''}.`);
      if (entry) pending.push(entry);
    }
  }
  const only = option('--only');
  const json = option('--json');
  await runCases({ ...(only ? { only } : {}), ...(json ? { json } : {}) });
  for (const entry of pending) await entry();
}

const pending: (() => unknown)[] = [];

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
