import * as assert from 'node:assert/strict';
import { planSidecarNesting, sidecarNestingPatterns, undoSidecarNesting } from '../../../src/core/format/fileNesting';

const CORE_DEFAULT = { '*.ts': '${capture}.js', 'package.json': 'package-lock.json, yarn.lock' };
const WITH_OURS = { ...CORE_DEFAULT, '*.txt': '${capture}.txt.annotations.yaml' };

describe('sidecar nesting patterns', () => {
  it('nests the sidecar under its article for a `*.ext` glob', () => {
    assert.deepEqual(sidecarNestingPatterns('**/*.txt'), { '*.txt': '${capture}.txt.annotations.yaml' });
    assert.deepEqual(sidecarNestingPatterns('news/**/*.md'), { '*.md': '${capture}.md.annotations.yaml' });
    assert.deepEqual(sidecarNestingPatterns('*.tar.txt'), { '*.tar.txt': '${capture}.tar.txt.annotations.yaml' });
  });

  it('gives one pattern per extension of a brace glob', () => {
    assert.deepEqual(sidecarNestingPatterns('**/*.{txt,md}'), {
      '*.txt': '${capture}.txt.annotations.yaml',
      '*.md': '${capture}.md.annotations.yaml',
    });
  });

  it('gives none for globs a pattern cannot follow safely', () => {
    assert.deepEqual(sidecarNestingPatterns('news/**'), {});
    assert.deepEqual(sidecarNestingPatterns('**/*'), {});
    assert.deepEqual(sidecarNestingPatterns('**/a*.txt'), {});
    assert.deepEqual(sidecarNestingPatterns('**/*.[tm]xt'), {});
  });
});

describe('planning sidecar nesting', () => {
  const wanted = { '*.txt': '${capture}.txt.annotations.yaml' };

  it('switches nesting on when nobody set it, and writes no pattern the defaults already give', () => {
    const plan = planSidecarNesting(wanted, { defaultValue: false }, { defaultValue: WITH_OURS });
    assert.equal(plan.enable, true);
    assert.equal(plan.workspacePatterns, undefined);
    assert.deepEqual(plan.writes, { enabled: true, patterns: {} });
  });

  it('never overrides a `false` (or `true`) the person set at any level', () => {
    for (const level of ['globalValue', 'workspaceValue', 'workspaceFolderValue'] as const) {
      assert.equal(planSidecarNesting(wanted, { defaultValue: false, [level]: false }, { defaultValue: WITH_OURS }).enable, false, level);
      assert.equal(planSidecarNesting(wanted, { defaultValue: false, [level]: true }, { defaultValue: WITH_OURS }).enable, false, level);
    }
  });

  it('adds a missing pattern to the workspace patterns, keeping the ones there', () => {
    const plan = planSidecarNesting({ '*.md': '${capture}.md.annotations.yaml' }, { defaultValue: false },
      { defaultValue: WITH_OURS, workspaceValue: { '*.py': '${capture}.pyi' } });
    assert.deepEqual(plan.workspacePatterns, { '*.py': '${capture}.pyi', '*.md': '${capture}.md.annotations.yaml' });
    assert.deepEqual(plan.writes, { enabled: true, patterns: { '*.md': '${capture}.md.annotations.yaml' } });
  });

  it('keeps the person’s own pattern for the article files', () => {
    const plan = planSidecarNesting({ '*.md': '${capture}.md.annotations.yaml' }, { defaultValue: false, globalValue: true },
      { defaultValue: WITH_OURS, globalValue: { '*.md': '${capture}.md.bak' } });
    assert.equal(plan.enable, false);
    assert.equal(plan.workspacePatterns, undefined);
    assert.deepEqual(plan.writes, { enabled: false, patterns: {} });
  });

  it('remembers earlier writes', () => {
    const plan = planSidecarNesting(wanted, { defaultValue: false, workspaceValue: true }, { defaultValue: WITH_OURS },
      { enabled: true, patterns: { '*.md': '${capture}.md.annotations.yaml' } });
    assert.equal(plan.enable, false);
    assert.deepEqual(plan.writes, { enabled: true, patterns: { '*.md': '${capture}.md.annotations.yaml' } });
  });
});

describe('undoing sidecar nesting', () => {
  it('removes exactly what was written', () => {
    const undo = undoSidecarNesting({ enabled: true, patterns: { '*.md': '${capture}.md.annotations.yaml' } }, true,
      { '*.py': '${capture}.pyi', '*.md': '${capture}.md.annotations.yaml' });
    assert.deepEqual(undo, { removeEnabled: true, patternsChange: true, workspacePatterns: { '*.py': '${capture}.pyi' } });
  });

  it('removes the patterns setting when nothing else is left in it', () => {
    const undo = undoSidecarNesting({ enabled: false, patterns: { '*.md': '${capture}.md.annotations.yaml' } }, undefined,
      { '*.md': '${capture}.md.annotations.yaml' });
    assert.deepEqual(undo, { removeEnabled: false, patternsChange: true });
  });

  it('keeps what the person changed since', () => {
    const undo = undoSidecarNesting({ enabled: true, patterns: { '*.md': '${capture}.md.annotations.yaml' } }, false,
      { '*.md': '${capture}.md.notes' });
    assert.deepEqual(undo, { removeEnabled: false, patternsChange: false, workspacePatterns: { '*.md': '${capture}.md.notes' } });
  });
});
