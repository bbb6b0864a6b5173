// The built command line (dist/cli.js) run as a child process, as a pipeline or CI runs it:
// exit codes, output forms, and that read-only commands change no file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');
const seeds = join(repoRoot, 'seeds');
const SEED = '000_257178997c759933.txt';

function run(args: string[], cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder with its hash, to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sa-cli-'));
  temporary.push(dir);
  return dir;
}

function seedCopy(): string {
  const dir = tempDir();
  cpSync(seeds, dir, { recursive: true });
  return dir;
}

/** One-based line of the first occurrence of `needle` in a file (the test's own count). */
function lineOf(file: string, needle: string): number {
  const text = readFileSync(file, 'utf8');
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} in ${file}`);
  return text.slice(0, index).split('\n').length;
}

describe('source-annotator (the built command line)', function () {
  this.timeout(60000);
  before(() => assert.ok(existsSync(cli), `${cli} is built by test/host/build.mjs`));
  after(() => { for (const dir of temporary) rmSync(dir, { recursive: true, force: true }); });

  describe('--help and usage errors', () => {
    for (const command of ['validate', 'export', 'import', 'stats', 'reanchor', 'agreement', 'merge-driver', 'install-merge-driver']) {
      it(`${command} --help prints its usage and exits 0`, () => {
        const result = run([command, '--help']);
        assert.equal(result.code, 0);
        assert.match(result.stdout, new RegExp(`^Usage: source-annotator ${command} `));
      });
    }

    it('--help lists the commands and the exit codes; no command at all is a usage error (2)', () => {
      const help = run(['--help']);
      assert.equal(help.code, 0);
      for (const command of ['validate', 'export', 'import', 'stats', 'reanchor']) assert.match(help.stdout, new RegExp(`\\n  ${command} `));
      assert.match(help.stdout, /Exit codes: 0 success, 1 validate found errors, 2 usage error, 3 refused/);
      assert.equal(run([]).code, 2);
    });

    it('exits 2 on an unknown command, an unknown option, a bad choice or a missing option', () => {
      assert.equal(run(['frobnicate']).code, 2);
      assert.equal(run(['validate', seeds, '--bogus']).code, 2);
      const badFormat = run(['export', seeds, '--format', 'xml', '--out', tempDir()]);
      assert.equal(badFormat.code, 2);
      assert.match(badFormat.stderr, /Allowed choices are jsonl, doccano, spacy, conll, brat, w3c, csv/);
      assert.equal(run(['export', seeds, '--format', 'jsonl']).code, 2);
      assert.equal(run(['import', 'conll', seeds, '--into', tempDir()]).code, 2);
      assert.equal(run(['import', 'brat', seeds, '--into', tempDir(), '--status', 'maybe']).code, 2);
    });

    it('exits 3 when the corpus folder does not exist', () => {
      const result = run(['stats', join(tempDir(), 'nowhere')]);
      assert.equal(result.code, 3);
      assert.match(result.stderr, /is not a folder/);
    });
  });

  describe('validate', () => {
    it('exits 0 on the seeds and changes no file', () => {
      const before = snapshot(seeds);
      const result = run(['validate', 'seeds']);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /5 article\(s\): 0 error\(s\), 0 warning\(s\)/);
      assert.deepEqual(snapshot(seeds), before);
    });

    const sidecar = `${SEED}.annotations.yaml`;
    const kinds: { kind: string; file: string; from: string; to: string; code: string; line?: string }[] = [
      { kind: 'broken YAML', file: sidecar, from: '  - id: a2\n', to: '  - id: a2\n   bad: [\n', code: 'yaml-syntax', line: '   bad: [' },
      { kind: 'an unknown version', file: sidecar, from: 'version: 1', to: 'version: 7', code: 'unknown-version', line: 'version: 7' },
      { kind: 'a missing field', file: sidecar, from: '    label: EVENT\n    start: 23\n', to: '    start: 23\n', code: 'missing-field', line: '  - id: a2' },
      { kind: 'an offset out of range', file: sidecar, from: '    start: 42\n    end: 47\n', to: '    start: 42\n    end: 99999\n', code: 'offset-out-of-range', line: '    start: 42' },
      { kind: 'a quote that is not the text', file: sidecar, from: '    text: Rusia\n', to: '    text: Russia\n', code: 'text-mismatch', line: '    text: Russia' },
      { kind: 'an unknown label', file: sidecar, from: '    label: EVENT\n', to: '    label: HAPPENING\n', code: 'unknown-label', line: '    label: HAPPENING' },
      { kind: 'an unknown entity', file: sidecar, from: '    entity: russia\n', to: '    entity: rusland\n', code: 'unknown-entity', line: '    entity: rusland' },
      { kind: 'a duplicate id', file: sidecar, from: '  - id: a3\n', to: '  - id: a2\n', code: 'duplicate-id', line: '  - id: a2\n    label: LOC' },
      { kind: 'a bad registry colour', file: 'entities.yaml', from: 'PER: { name: Person, color: "#e0a030" }', to: 'PER: { name: Person, color: "orange" }', code: 'invalid-value', line: 'color: "orange"' },
    ];
    for (const { kind, file, from, to, code, line } of kinds) {
      it(`exits 1 with file:line:col on ${kind}, and changes no file`, () => {
        const dir = seedCopy();
        const path = join(dir, file);
        const original = readFileSync(path, 'utf8');
        assert.ok(original.includes(from), `fixture edit for ${kind}`);
        writeFileSync(path, original.replace(from, to));
        const before = snapshot(dir);
        const result = run(['validate', dir, '--json']);
        assert.equal(result.code, 1, result.stdout);
        const report = JSON.parse(result.stdout) as { problems: { file: string; line: number; column: number; severity: string; code: string }[] };
        const problem = report.problems.find((p) => p.code === code && p.severity === 'error');
        assert.ok(problem, `${code} in ${result.stdout}`);
        assert.equal(problem.file.endsWith(file), true, problem.file);
        if (line) assert.equal(problem.line, lineOf(path, line), `${kind}: line`);
        assert.ok(problem.column >= 1);
        const text = run(['validate', dir]);
        assert.equal(text.code, 1);
        assert.match(text.stdout, new RegExp(`${file.replace(/\./g, '\\.')}:${problem.line}:${problem.column}: error: `));
        assert.deepEqual(snapshot(dir), before, 'validate writes nothing');
      });
    }

    it('--format github prints workflow annotations with file, line and column', () => {
      const dir = seedCopy();
      const path = join(dir, `${SEED}.annotations.yaml`);
      writeFileSync(path, readFileSync(path, 'utf8').replace('    text: Rusia\n', '    text: Russia, 100%\n'));
      const result = run(['validate', dir, '--format', 'github'], dir);
      assert.equal(result.code, 1);
      const line = lineOf(path, '    text: Russia, 100%');
      assert.match(result.stdout, new RegExp(`^::error file=${SEED.replace(/\./g, '\\.')}\\.annotations\\.yaml,line=${line},col=11,endLine=${line},title=Source Annotator text-mismatch::Annotation \`a3\`: .*100%25`, 'm'));
    });
  });

  describe('export', () => {
    it('writes each format into an empty folder with a summary of what the filters left out', () => {
      const out = join(tempDir(), 'conll');
      const result = run(['export', 'seeds', '--format', 'conll', '--out', out, '--json']);
      assert.equal(result.code, 0, result.stderr);
      const summary = JSON.parse(result.stdout);
      assert.equal(summary.articles, 5);
      assert.equal(summary.annotations, 217);
      assert.deepEqual(summary.leftOut.annotations, { status: 8, labels: 0, authors: 0, orphaned: 0, mismatched: 0 });
      assert.deepEqual(readdirSync(out), ['corpus.conll']);
      assert.equal(result.stderr, '', 'no progress bar when the output is piped');
      const text = run(['export', 'seeds', '--format', 'jsonl', '--out', join(tempDir(), 'j'), '--status', 'proposed', '--labels', 'PER,LOC', '--authors', 'rani']);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /^jsonl: 5 article\(s\), \d+ annotation\(s\), \d+ fact\(s\) written\.\nLeft out \(annotations\): 261 by --status/);
    });

    it('refuses a non-empty --out (exit 3) unless --force, and never writes outside it', () => {
      const out = tempDir();
      writeFileSync(join(out, 'keep.txt'), 'mine');
      const refused = run(['export', 'seeds', '--format', 'brat', '--out', out]);
      assert.equal(refused.code, 3);
      assert.match(refused.stderr, /is not empty/);
      assert.deepEqual(readdirSync(out), ['keep.txt']);
      const forced = run(['export', 'seeds', '--format', 'brat', '--out', out, '--force']);
      assert.equal(forced.code, 0, forced.stderr);
      assert.equal(readFileSync(join(out, 'keep.txt'), 'utf8'), 'mine');
      assert.equal(readdirSync(out).length, 13);
      assert.equal(readFileSync(join(out, SEED), 'utf8'), readFileSync(join(seeds, SEED), 'utf8').replace(/^\uFEFF/, ''));
    });

    it('refuses to export brat into the corpus itself', () => {
      const dir = seedCopy();
      const result = run(['export', dir, '--format', 'brat', '--out', join(dir, 'export')]);
      assert.equal(result.code, 3);
      assert.equal(existsSync(join(dir, 'export')), false);
    });
  });

  describe('import', () => {
    it('imports a brat export into a new folder that then validates, and stats counts it', () => {
      const out = join(tempDir(), 'brat');
      assert.equal(run(['export', 'seeds', '--format', 'brat', '--out', out, '--status', 'all']).code, 0);
      const into = join(tempDir(), 'corpus');
      const result = run(['import', 'brat', out, '--into', into, '--author', 'importer', '--json']);
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.equal(report.articlesCreated, 5);
      assert.equal(report.annotations, 267);
      assert.deepEqual(report.refused, []);
      assert.equal(run(['validate', into]).code, 0);
      const stats = JSON.parse(run(['stats', into, '--json']).stdout);
      assert.deepEqual(stats.annotationsByAuthor, { importer: 267 });
      assert.deepEqual(stats.annotationsByStatus, { accepted: 259, proposed: 6, rejected: 2 });
    });

    it('imports doccano with renamed columns', () => {
      const input = join(tempDir(), 'in.jsonl');
      writeFileSync(input, `${JSON.stringify({ body: 'Kim 😀 tiba.', tags: [[0, 3, 'PER']] })}\n`);
      const into = join(tempDir(), 'corpus');
      const result = run(['import', 'doccano', input, '--into', into, '--text-field', 'body', '--label-field', 'tags']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /1 document\(s\): 1 article\(s\) created, 0 merged; 1 annotation\(s\) imported\./);
      assert.match(readFileSync(join(into, 'in-0001.txt.annotations.yaml'), 'utf8'), /text: Kim\n/);
    });

    it('refuses with exit 3 and writes nothing when an article with another text is in the way', () => {
      const into = seedCopy();
      const input = join(tempDir(), 'in.jsonl');
      writeFileSync(input, `${JSON.stringify({ text: 'Something else.', label: [], meta: { file: SEED } })}\n`);
      const before = snapshot(into);
      const result = run(['import', 'doccano', input, '--into', into]);
      assert.equal(result.code, 3);
      assert.match(result.stderr, /Nothing was imported:\n.*000_257178997c759933\.txt: an article with a different text is already there/);
      assert.deepEqual(snapshot(into), before);
    });

    it('refuses with exit 3 and file:line:col on a malformed .ann line', () => {
      const input = tempDir();
      writeFileSync(join(input, 'a.txt'), 'Putin tiba.');
      writeFileSync(join(input, 'a.ann'), 'T1\tPER 0 5\tPutin\nT2\tPER 0 5\tKim\n');
      const into = join(tempDir(), 'corpus');
      const result = run(['import', 'brat', input, '--into', into], input);
      assert.equal(result.code, 3);
      assert.match(result.stderr, /^a\.ann:2:12: error: `T2`: the text is "Kim"/m);
      assert.equal(existsSync(into), false, 'not even the folder is created');
    });
  });

  describe('stats and reanchor', () => {
    it('stats --json counts the seeds', () => {
      const stats = JSON.parse(run(['stats', 'seeds', '--json']).stdout);
      assert.deepEqual(stats, {
        articles: 5, annotatedArticles: 5, staleArticles: 0, annotations: 267,
        annotationsByLabel: { DATE: 5, EVENT: 33, LOC: 125, ORG: 16, PER: 88 },
        annotationsByAuthor: { budi: 125, rani: 142 },
        annotationsByStatus: { accepted: 259, proposed: 6, rejected: 2 },
        facts: 46, factsByStatus: { accepted: 44, proposed: 2 }, orphans: 0, problems: {},
      });
    });

    it('reanchor --dry-run reports what would move and changes nothing; reanchor writes it', () => {
      const dir = seedCopy();
      const article = join(dir, SEED);
      writeFileSync(article, `BREAKING. ${readFileSync(article, 'utf8')}`);
      const before = snapshot(dir);
      const dry = run(['reanchor', dir, '--dry-run', '--json']);
      assert.equal(dry.code, 0, dry.stderr);
      const planned = JSON.parse(dry.stdout);
      assert.equal(planned.dryRun, true);
      assert.equal(planned.articles.length, 1);
      assert.equal(planned.articles[0].file.endsWith(SEED), true);
      assert.equal(planned.articles[0].orphaned, 0);
      assert.ok(planned.articles[0].moved > 50, `${planned.articles[0].moved} moved`);
      assert.deepEqual(snapshot(dir), before);
      assert.equal(run(['validate', dir]).code, 1, 'stale offsets are errors before re-anchoring');
      const real = run(['reanchor', dir]);
      assert.equal(real.code, 0, real.stderr);
      assert.match(real.stdout, /000_257178997c759933\.txt: 0 unchanged, \d+ moved, 0 moved with a changed quote, 0 orphaned/);
      assert.equal(run(['validate', dir]).code, 0);
      assert.match(run(['reanchor', dir]).stdout, /nothing to re-anchor/);
    });
  });
  describe('agreement', () => {
    const review = join(repoRoot, 'test', 'fixtures', 'review');

    it('prints the pair table on the two-author fixture (rani 3 spans, budi 4, one exact match, two overlapping) and changes no file', () => {
      const before = snapshot(review);
      const result = run(['agreement', review]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Annotators: budi, rani; labels: LOC, ORG, PER; articles: 1\n/);
      assert.match(result.stdout, /budi × rani \(1 article\(s\) both annotated; precision\/recall of rani against budi\)/);
      // exact F1 2/7, overlap F1 4/7, precision 1/3, recall 1/4
      assert.match(result.stdout, /\n {2}all +0\.286 +0\.571 +0\.333 +0\.250 +\S+\n/);
      assert.match(result.stdout, /\n {2}PER +0\.500 +1\.000 +0\.500 +0\.500 /);
      assert.match(result.stdout, /Fleiss' κ: n\/a \(/);
      assert.match(result.stdout, /Units and rules:\n/);
      assert.deepEqual(snapshot(review), before);
    });

    it('--json prints the report with units; --labels and --annotators narrow it', () => {
      const result = run(['agreement', review, '--json', '--labels', 'PER']);
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.deepEqual(report.labels, ['PER']);
      assert.equal(report.pairs.length, 1);
      assert.equal(report.pairs[0].exactF1.f1.value, 0.5);
      assert.equal(report.pairs[0].overlapF1.f1.value, 1);
      assert.equal(report.pairs[0].exactF1.precision.unit, 'spans of the second annotator (1/2)');
      const one = JSON.parse(run(['agreement', review, '--json', '--annotators', 'rani']).stdout);
      assert.deepEqual([one.annotators, one.pairs], [['rani'], []]);
      assert.equal(run(['agreement', '--help']).code, 0);
      assert.equal(run(['agreement', join(tempDir(), 'nowhere')]).code, 3);
    });
  });
});
