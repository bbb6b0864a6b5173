import * as assert from 'node:assert/strict';
import type { CorpusDiagnostic, DiagnosticCode } from '../../../src/core/model/diagnostics';
import { formatDiagnostic } from '../../../src/core/model/diagnostics';
import { checkSidecar, parseSidecar } from '../../../src/core/format/sidecar';
import { statusOf } from '../../../src/core/model/types';
import { ARTICLE, registryIndex, SIDECAR_YAML } from '../fixtures';

function problems(yaml: string, articleText = ARTICLE): CorpusDiagnostic[] {
  const parsed = parseSidecar('article.txt.annotations.yaml', yaml);
  return [...parsed.diagnostics, ...checkSidecar(parsed, { articleText, articleFile: 'article.txt', registry: registryIndex() })];
}

function only(yaml: string, code: DiagnosticCode): CorpusDiagnostic {
  const found = problems(yaml);
  const matching = found.filter((d) => d.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got: ${found.map(formatDiagnostic).join('\n') || 'none'}`);
  return matching[0]!;
}

/** Line (0-based) of the first line of `yaml` containing `needle`. */
function lineOf(yaml: string, needle: string, after = 0): number {
  const lines = yaml.split('\n');
  const index = lines.findIndex((line, i) => i >= after && line.includes(needle));
  assert.ok(index >= 0, `${needle} not in fixture`);
  return index;
}

describe('sidecar reading and validation', () => {
  it('reads a valid sidecar with no problems', () => {
    const parsed = parseSidecar('s.yaml', SIDECAR_YAML);
    assert.deepEqual(problems(SIDECAR_YAML), []);
    assert.equal(parsed.notWritable, undefined);
    const sidecar = parsed.sidecar!;
    assert.equal(sidecar.source.title, 'Putin di Pyongyang');
    assert.deepEqual(sidecar.annotations.map((a) => a.id), ['a1', 'a2', 'a3']);
    assert.equal(sidecar.annotations[0]!.entity, 'vladimir-putin');
    assert.equal(sidecar.annotations[2]!.status, undefined, 'a missing status stays missing');
    assert.equal(statusOf(sidecar.annotations[2]!), 'proposed', 'and reads as proposed');
    assert.equal(sidecar.annotations[0]!.created, '2026-11-21T10:00:00Z', 'timestamps stay strings');
    assert.equal(sidecar.facts[0]!.value, 'Pyongyang');
  });

  it('reports a YAML syntax error at its line and refuses writing', () => {
    const yaml = SIDECAR_YAML.replace('    text: Pyongyang\n', '    text: [Pyongyang\n');
    const parsed = parseSidecar('s.yaml', yaml);
    const error = parsed.diagnostics.find((d) => d.code === 'yaml-syntax');
    assert.ok(error, 'syntax error reported');
    // `text: [Pyongyang` is line 20 (index 19); the parser notices the unclosed `[` where the
    // next key starts, line 21 column 5.
    assert.equal(lineOf(yaml, 'text: [Pyongyang'), 19);
    assert.deepEqual(error.start, { line: 20, column: 4 });
    assert.ok(parsed.notWritable?.includes('not valid YAML'));
    assert.equal(parsed.sidecar, undefined);
  });

  it('reports an unknown version on the version line', () => {
    const yaml = SIDECAR_YAML.replace('version: 1', 'version: 2');
    const d = only(yaml, 'unknown-version');
    assert.equal(d.start.line, lineOf(yaml, 'version: 2'));
    assert.equal(d.start.column, 'version: '.length);
    assert.ok(parseSidecar('s.yaml', yaml).notWritable);
  });

  it('reports a missing version', () => {
    const yaml = SIDECAR_YAML.replace('version: 1\n', '');
    assert.match(only(yaml, 'missing-field').message, /`version`/);
  });

  it('reports a missing required field of an annotation at that annotation', () => {
    const yaml = SIDECAR_YAML.replace('    text: Vladimir Putin\n', '');
    const d = only(yaml, 'missing-field');
    assert.match(d.message, /`text` in annotation #1/);
    assert.equal(d.start.line, lineOf(yaml, 'id: a1'));
    assert.deepEqual(parseSidecar('s.yaml', yaml).sidecar!.annotations.map((a) => a.id), ['a2', 'a3']);
  });

  it('reports a missing source', () => {
    const yaml = SIDECAR_YAML.replace(/source:\n  file: article.txt\n  title: Putin di Pyongyang\n/, '');
    assert.match(only(yaml, 'missing-field').message, /`source`/);
  });

  it('reports ill-typed fields at the value', () => {
    const yaml = SIDECAR_YAML.replace('    start: 38\n', '    start: "thirty-eight"\n');
    const d = only(yaml, 'wrong-type');
    assert.match(d.message, /`start` in annotation #2 must be a whole number/);
    assert.equal(d.start.line, lineOf(yaml, 'thirty-eight'));
    assert.equal(d.start.column, '    start: '.length);
  });

  it('reports an invalid status value', () => {
    const yaml = SIDECAR_YAML.replace('status: accepted', 'status: approved');
    assert.match(only(yaml, 'invalid-value').message, /proposed, accepted, rejected/);
  });

  it('reports a list where a mapping is expected', () => {
    const yaml = SIDECAR_YAML.replace('annotations:\n', 'annotations:\n  - just a string\n');
    assert.match(only(yaml, 'wrong-type').message, /Annotation #1 must be a mapping/);
  });

  it('reports offsets outside the article', () => {
    const yaml = SIDECAR_YAML.replace('    start: 55\n    end: 67\n', '    start: 55\n    end: 500\n');
    const d = only(yaml, 'offset-out-of-range');
    assert.match(d.message, /a3/);
    assert.equal(d.start.line, lineOf(yaml, 'start: 55'));
  });

  it('reports reversed offsets', () => {
    const yaml = SIDECAR_YAML.replace('    start: 55\n    end: 67\n', '    start: 67\n    end: 55\n');
    only(yaml, 'offset-out-of-range');
  });

  it('reports text that does not match the article at the offsets (code points, after an emoji)', () => {
    // Counting UTF-16 units instead of code points would put "19 Juni 2024" at 56–68.
    const yaml = SIDECAR_YAML.replace('    start: 55\n    end: 67\n', '    start: 56\n    end: 68\n');
    const d = only(yaml, 'text-mismatch');
    assert.match(d.message, /a3/);
    assert.equal(d.start.line, lineOf(yaml, 'text: 19 Juni 2024'));
  });

  it('does not check the text of an orphaned annotation', () => {
    const yaml = SIDECAR_YAML.replace('    text: 19 Juni 2024\n', '    text: 20 Juni 2024\n    orphaned: true\n');
    assert.deepEqual(problems(yaml), []);
  });

  it('reports an unknown label', () => {
    const yaml = SIDECAR_YAML.replace('label: DATE', 'label: TIME');
    const d = only(yaml, 'unknown-label');
    assert.match(d.message, /TIME.*PER, LOC, DATE/);
    assert.equal(d.start.line, lineOf(yaml, 'label: TIME'));
  });

  it('reports an unknown entity in an annotation and in a fact subject', () => {
    const yaml = SIDECAR_YAML.replace('entity: pyongyang', 'entity: pyongyang-city');
    const d = only(yaml, 'unknown-entity');
    assert.equal(d.start.line, lineOf(yaml, 'entity: pyongyang-city'));
    const factYaml = SIDECAR_YAML.replace('subject: vladimir-putin', 'subject: putin');
    assert.match(only(factYaml, 'unknown-entity').message, /Fact `f1`/);
  });

  it('warns when the label disagrees with the linked entity', () => {
    const yaml = SIDECAR_YAML.replace('    label: LOC\n    start: 38', '    label: PER\n    start: 38');
    const found = problems(yaml).filter((d) => d.code === 'invalid-value');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'warning');
  });

  it('reports duplicate ids across annotations and facts', () => {
    const yaml = SIDECAR_YAML.replace('  - id: f1', '  - id: a2');
    const d = only(yaml, 'duplicate-id');
    assert.equal(d.start.line, lineOf(yaml, 'id: a2', lineOf(yaml, 'facts:')));
  });

  it('reports duplicate keys as YAML errors', () => {
    const yaml = SIDECAR_YAML.replace('    end: 29\n', '    end: 29\n    end: 30\n');
    assert.ok(problems(yaml).some((d) => d.code === 'yaml-syntax'));
  });

  it('reports an empty file (which a change may start) and one that is not a mapping', () => {
    const empty = parseSidecar('s.yaml', '');
    assert.equal(empty.notWritable, undefined);
    assert.match(empty.diagnostics[0]!.message, /^The file is empty/);
    assert.deepEqual(empty.sidecar?.annotations, []);
    assert.ok(parseSidecar('s.yaml', '- a\n- b\n').notWritable);
    assert.equal(parseSidecar('s.yaml', '- a\n').diagnostics[0]!.code, 'wrong-type');
  });

  it('warns when source.file names another article', () => {
    const yaml = SIDECAR_YAML.replace('file: article.txt', 'file: other.txt');
    assert.equal(only(yaml, 'invalid-value').severity, 'warning');
  });

  it('reads reviews and reports a bad verdict', () => {
    const withReview = SIDECAR_YAML.replace('    status: accepted\n', '    status: accepted\n    reviews:\n      - by: bob\n        verdict: accepted\n        at: 2026-11-21T11:00:00Z\n');
    assert.deepEqual(problems(withReview), []);
    assert.equal(parseSidecar('s', withReview).sidecar!.annotations[0]!.reviews![0]!.by, 'bob');
    assert.match(only(withReview.replace('verdict: accepted', 'verdict: maybe'), 'invalid-value').message, /accepted, rejected, comment/);
  });

  it('accepts a number for a fact value and reads it as the string', () => {
    const yaml = SIDECAR_YAML.replace('value: Pyongyang', 'value: 24');
    assert.equal(parseSidecar('s', yaml).sidecar!.facts[0]!.value, '24');
  });

  it('formats diagnostics as file:line:column, one-based', () => {
    const yaml = SIDECAR_YAML.replace('label: DATE', 'label: TIME');
    assert.match(formatDiagnostic(only(yaml, 'unknown-label')), new RegExp(`^article.txt.annotations.yaml:${lineOf(yaml, 'label: TIME') + 1}:12: error: `));
  });

  it('reports a missing article', () => {
    const parsed = parseSidecar('a.txt.annotations.yaml', SIDECAR_YAML);
    assert.equal(checkSidecar(parsed, {})[0]!.code, 'article-missing');
  });
});
