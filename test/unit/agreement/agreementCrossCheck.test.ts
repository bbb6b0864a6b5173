// Cross-check against independent implementations: scikit-learn's cohen_kappa_score and
// statsmodels' fleiss_kappa (Debian's python3-sklearn and python3-statsmodels). Runs where the
// system Python has them; otherwise it says so and skips.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cohenKappa, fleissCounts, fleissKappa } from '../../../src/core/agreement/measures';

// The Debian packages live in the system Python, not in a pyenv one earlier on PATH.
const PYTHON = '/usr/bin/python3';

function python(script: string, input: unknown): unknown {
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function available(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
}

/** Deterministic pseudo-random labels (a linear congruential generator), with some agreement built in. */
function labelSets(seed: number, coders: number, items: number, categories: readonly string[]): string[][] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows: string[][] = [];
  for (let i = 0; i < items; i++) {
    const truth = categories[Math.floor(next() * categories.length)]!;
    rows.push(Array.from({ length: coders }, () => (next() < 0.7 ? truth : categories[Math.floor(next() * categories.length)]!)));
  }
  return rows;
}

describe('agreement cross-checked against scikit-learn and statsmodels', function () {
  this.timeout(60_000);

  it("Cohen's kappa equals sklearn.metrics.cohen_kappa_score", function () {
    if (!available('sklearn')) {
      console.log(`      skipped: ${PYTHON} has no sklearn (apt-get install python3-sklearn)`);
      this.skip();
    }
    const cases = [1, 2, 3, 4, 5].map((seed) => labelSets(seed, 2, 200 + seed * 37, ['O', 'PER', 'LOC', 'ORG', 'DATE'].slice(0, 2 + seed % 4)));
    const theirs = python(
      'import json,sys\nfrom sklearn.metrics import cohen_kappa_score\n'
      + 'print(json.dumps([cohen_kappa_score([r[0] for r in c],[r[1] for r in c]) for c in json.load(sys.stdin)]))',
      cases,
    ) as number[];
    cases.forEach((rows, i) => {
      const ours = cohenKappa(rows.map((r) => r[0]!), rows.map((r) => r[1]!)).kappa!;
      assert.ok(Math.abs(ours - theirs[i]!) < 1e-12, `case ${i}: ours ${ours}, sklearn ${theirs[i]}`);
    });
  });

  it("Fleiss' kappa equals statsmodels.stats.inter_rater.fleiss_kappa", function () {
    if (!available('statsmodels')) {
      console.log(`      skipped: ${PYTHON} has no statsmodels (apt-get install python3-statsmodels)`);
      this.skip();
    }
    const tables = [1, 2, 3, 4].map((seed) => fleissCounts(labelSets(seed * 11, 3 + seed, 150 + seed * 13, ['O', 'PER', 'LOC', 'ORG'])).counts);
    const theirs = python(
      'import json,sys\nfrom statsmodels.stats.inter_rater import fleiss_kappa\n'
      + 'print(json.dumps([fleiss_kappa(t, method="fleiss") for t in json.load(sys.stdin)]))',
      tables,
    ) as number[];
    tables.forEach((counts, i) => {
      const ours = fleissKappa(counts).kappa!;
      assert.ok(Math.abs(ours - theirs[i]!) < 1e-12, `case ${i}: ours ${ours}, statsmodels ${theirs[i]}`);
    });
  });
});
