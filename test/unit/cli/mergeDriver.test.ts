// The merge driver on real git: install it into a fresh repository, annotate one article on two
// branches, merge. A clean merge keeps both sets; a true conflict is recorded in valid YAML
// (`<id>-conflict` with comment reviews), never with conflict markers.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSidecar } from '../../../src/core/format/sidecar';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');
const ARTICLE = 'Putin met Kim in Pyongyang.\n';
const SIDECAR = 'news.txt.annotations.yaml';

function run(args: string[], cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const item = (id: string, label: string, start: number, end: number, text: string, extra = '') =>
  `  - id: ${id}\n    label: ${label}\n    start: ${start}\n    end: ${end}\n    text: ${text}\n${extra}`;

const sidecarText = (items: string[]) => `# Team notes: kept by every merge.\nversion: 1\nsource:\n  file: news.txt\nannotations:\n${items.join('')}facts: []\n`;

const BASE_ITEMS = [item('a1', 'PER', 0, 5, 'Putin', '    author: alice\n')];

const temporary: string[] = [];

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitResult(repo: string, ...args: string[]) {
  return spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
}

/** A repository with the article and its sidecar committed on `main`, the driver installed. */
function repository(): string {
  const repo = mkdtempSync(join(tmpdir(), 'sa-git-'));
  temporary.push(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Test Person');
  git(repo, 'config', 'user.email', 'test@example.invalid');
  git(repo, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(repo, 'news.txt'), ARTICLE);
  writeFileSync(join(repo, SIDECAR), sidecarText(BASE_ITEMS));
  const installed = run(['install-merge-driver', '--repo', repo]);
  assert.equal(installed.code, 0, installed.stderr);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  return repo;
}

function commitOn(repo: string, branch: string, from: string, sidecar: string): void {
  git(repo, 'checkout', '-q', '-b', branch, from);
  writeFileSync(join(repo, SIDECAR), sidecar);
  git(repo, 'commit', '-q', '-am', branch);
}

function mergedSidecar(repo: string) {
  const text = readFileSync(join(repo, SIDECAR), 'utf8');
  const parsed = parseSidecar(SIDECAR, text);
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.ok(parsed.sidecar);
  return { text, sidecar: parsed.sidecar };
}

describe('source-annotator merge-driver on real git', function () {
  this.timeout(60000);
  before(function () {
    assert.ok(existsSync(cli), `${cli} is built by test/host/build.mjs`);
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
  });
  after(() => { for (const dir of temporary) rmSync(dir, { recursive: true, force: true }); });

  it('install-merge-driver writes the .gitattributes line and the git config, once', () => {
    const repo = repository();
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '*.annotations.yaml merge=source-annotator\n');
    assert.match(git(repo, 'config', 'merge.source-annotator.driver'), / merge-driver %O %A %B %P\n$/);
    assert.equal(git(repo, 'check-attr', 'merge', SIDECAR), `${SIDECAR}: merge: source-annotator\n`);
    const config = readFileSync(join(repo, '.git', 'config'), 'utf8');
    const again = run(['install-merge-driver', '--repo', repo]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already has \*\.annotations\.yaml merge=source-annotator/);
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '*.annotations.yaml merge=source-annotator\n');
    assert.equal(readFileSync(join(repo, '.git', 'config'), 'utf8'), config);
  });

  it('merges two branches that annotated the same article: both sets, the review and the comment kept; clashing new ids both kept', () => {
    const repo = repository();
    const review = '    reviews:\n      - by: bob\n        verdict: accepted\n        at: 2026-12-01T10:00:00Z\n';
    commitOn(repo, 'alice', 'main', sidecarText([
      item('a1', 'PER', 0, 5, 'Putin', '    author: alice\n'),
      item('a2', 'PER', 10, 13, 'Kim', '    author: alice\n'),
      item('a7', 'PER', 10, 13, 'Kim', '    author: alice\n    status: proposed\n'),
    ]));
    commitOn(repo, 'bob', 'main', sidecarText([
      item('a1', 'PER', 0, 5, 'Putin', `    author: alice\n${review}`),
      item('a3', 'LOC', 17, 26, 'Pyongyang', '    author: bob\n'),
      item('a7', 'LOC', 17, 26, 'Pyongyang', '    author: bob\n    status: accepted\n'),
    ]));
    git(repo, 'checkout', '-q', 'alice');
    const merge = gitResult(repo, 'merge', '--no-edit', 'bob');
    assert.equal(merge.status, 0, merge.stdout + merge.stderr);
    const { text, sidecar } = mergedSidecar(repo);
    assert.doesNotMatch(text, /<<<<<<<|>>>>>>>/);
    assert.match(text, /^# Team notes: kept by every merge\.\n/);
    const byId = new Map(sidecar.annotations.map((a) => [a.id, a]));
    assert.deepEqual([...byId.keys()].sort(), ['a1', 'a2', 'a3', 'a7', 'a7-conflict']);
    assert.equal(sidecar.annotations.length, 5);
    assert.deepEqual(byId.get('a1')!.reviews, [{ by: 'bob', verdict: 'accepted', at: '2026-12-01T10:00:00Z' }]);
    assert.deepEqual([byId.get('a2')!.start, byId.get('a3')!.start], [10, 17]);
    // Both new a7s survive, one renamed: ours (alice, Kim) keeps the id.
    assert.deepEqual([byId.get('a7')!.text, byId.get('a7-conflict')!.text], ['Kim', 'Pyongyang']);
    assert.equal(git(repo, 'status', '--porcelain'), '');
  });

  it('a true conflict (the same item relabelled both ways) merges with exit 0 and the disagreement recorded in valid YAML', () => {
    const repo = repository();
    commitOn(repo, 'alice', 'main', sidecarText([item('a1', 'ORG', 0, 5, 'Putin', '    author: alice\n')]));
    commitOn(repo, 'bob', 'main', sidecarText([item('a1', 'LOC', 0, 5, 'Putin', '    author: alice\n')]));
    git(repo, 'checkout', '-q', 'alice');
    const merge = gitResult(repo, 'merge', '--no-edit', 'bob');
    assert.equal(merge.status, 0, merge.stdout + merge.stderr);
    const { text, sidecar } = mergedSidecar(repo);
    assert.doesNotMatch(text, /<<<<<<<|=======|>>>>>>>/);
    const [ours, theirs] = [sidecar.annotations.find((a) => a.id === 'a1')!, sidecar.annotations.find((a) => a.id === 'a1-conflict')!];
    assert.deepEqual([ours.label, theirs.label], ['ORG', 'LOC']);
    for (const version of [ours, theirs]) {
      assert.equal(version.reviews?.length, 1);
      assert.equal(version.reviews![0]!.verdict, 'comment');
      assert.equal(version.reviews![0]!.by, 'git merge');
    }
    assert.match(ours.reviews![0]!.comment!, /a1-conflict/);
  });

  it('a side that cannot be read: exit 3 with the reason, <ours> unchanged, git reports a conflict', () => {
    const repo = repository();
    const broken = 'version: 1\nannotations: [\n';
    const dir = mkdtempSync(join(tmpdir(), 'sa-sides-'));
    temporary.push(dir);
    const [base, ours, theirs] = ['base', 'ours', 'theirs'].map((side) => join(dir, side));
    writeFileSync(base!, sidecarText(BASE_ITEMS));
    writeFileSync(ours!, sidecarText(BASE_ITEMS));
    writeFileSync(theirs!, broken);
    const result = run(['merge-driver', base!, ours!, theirs!, SIDECAR]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /news\.txt\.annotations\.yaml \(theirs\):3:1: YAML syntax error/);
    assert.equal(readFileSync(ours!, 'utf8'), sidecarText(BASE_ITEMS));
    assert.equal(run(['merge-driver', base!, ours!, join(dir, 'missing'), SIDECAR]).code, 3);

    commitOn(repo, 'alice', 'main', sidecarText([item('a1', 'ORG', 0, 5, 'Putin')]));
    commitOn(repo, 'bob', 'main', broken);
    git(repo, 'checkout', '-q', 'alice');
    const merge = gitResult(repo, 'merge', '--no-edit', 'bob');
    assert.notEqual(merge.status, 0);
    assert.match(merge.stdout + merge.stderr, /CONFLICT/);
  });

  it('--help of both commands, and usage errors exit 2', () => {
    const help = run(['merge-driver', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: source-annotator merge-driver \[options\] <base> <ours> <theirs> \[path\]/);
    const install = run(['install-merge-driver', '--help']);
    assert.equal(install.code, 0);
    assert.match(install.stdout, /^Usage: source-annotator install-merge-driver \[options\]/);
    assert.match(install.stdout, /--repo <dir>/);
    assert.equal(run(['merge-driver', 'only-one']).code, 2);
    assert.equal(run(['install-merge-driver', '--bogus']).code, 2);
  });

  it('install-merge-driver outside a git repository exits 3 and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-nogit-'));
    temporary.push(dir);
    const result = run(['install-merge-driver', '--repo', dir], dir);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /is not a git repository/);
    assert.equal(existsSync(join(dir, '.gitattributes')), false);
  });
});
