// `npm run soak [-- --steps N] [--seed S]`: the soak suite alone (test/integration/soak.test.ts), long,
// in the real VS Code host. The normal integration suite runs it short (120 steps) so CI has it too.
//   env: SOURCE_ANNOTATOR_SOAK_STEPS, SOURCE_ANNOTATOR_SOAK_SEED (arguments win)
import { build } from './build.mjs';
import { runIntegration } from './run-integration.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
process.env.SOURCE_ANNOTATOR_SOAK_STEPS = option('--steps') ?? process.env.SOURCE_ANNOTATOR_SOAK_STEPS ?? '2000';
if (option('--seed')) process.env.SOURCE_ANNOTATOR_SOAK_SEED = option('--seed');
process.env.SOURCE_ANNOTATOR_TEST_GREP = '^soak:';
process.env.SOURCE_ANNOTATOR_TEST_TIMEOUT_MS ??= String(60 * 60 * 1000);

await build({ tests: true });
console.log(`[soak] ${process.env.SOURCE_ANNOTATOR_SOAK_STEPS} steps, seed ${process.env.SOURCE_ANNOTATOR_SOAK_SEED ?? 'default'}`);
process.exitCode = await runIntegration({ host: option('--host') ?? 'server' });
