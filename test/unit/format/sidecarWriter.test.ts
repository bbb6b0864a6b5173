import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../../src/core/format/sidecar';
import { NotWritableError, writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Annotation, Sidecar } from '../../../src/core/model/types';
import { SIDECAR_YAML } from '../fixtures';

function read(yaml: string): Sidecar {
  const parsed = parseSidecar('s.yaml', yaml);
  assert.equal(parsed.notWritable, undefined);
  return parsed.sidecar!;
}

const newAnnotation: Annotation = {
  id: 'a0', label: 'PER', start: 0, end: 8, text: 'Presiden', prefix: '', suffix: ' Rusia Vladimir', author: 'bob',
  created: '2026-11-22T09:00:00Z', status: 'proposed',
};

describe('sidecar writing', () => {
  it('round-trips a sidecar byte for byte when nothing changed', () => {
    assert.equal(writeSidecar('s.yaml', read(SIDECAR_YAML), SIDECAR_YAML), SIDECAR_YAML);
  });

  it('keeps hand-written comments, key order and unknown keys when adding an annotation', () => {
    const yaml = SIDECAR_YAML.replace('    status: proposed\n', '    status: proposed\n    x-confidence: 0.8  # from the model\n');
    const before = read(yaml);
    const out = writeSidecar('s.yaml', { ...before, annotations: [...before.annotations, newAnnotation] }, yaml);
    assert.ok(out.startsWith('# Checked by Alice; ask her before relabelling.\n'), out);
    assert.match(out, /entity: vladimir-putin   # linked by hand/);
    assert.match(out, /x-confidence: 0.8  # from the model/);
    assert.match(out, /  title: Putin di Pyongyang/);
    const after = read(out);
    assert.deepEqual(after.annotations.map((a) => a.id), ['a0', 'a1', 'a2', 'a3'], 'sorted by start');
    assert.deepEqual(after.annotations[0], newAnnotation);
  });

  it('does not re-sort items a change did not move; an item that moves takes its comment along', () => {
    const yaml = 'version: 1\nsource:\n  file: a.txt\nannotations:\n  # second, really\n  - id: b\n    label: PER\n    start: 10\n    end: 12\n    text: xx\n  - id: a\n    label: PER\n    start: 0\n    end: 2\n    text: yy\n';
    const data = read(yaml);
    const out = writeSidecar('s.yaml', { ...data, annotations: data.annotations.map((a) => ({ ...a, status: 'accepted' as const })) }, yaml);
    assert.equal(out, yaml.replace('text: xx\n', 'text: xx\n    status: accepted\n').replace('text: yy\n', 'text: yy\n    status: accepted\n'));
    const moved = writeSidecar('s.yaml', { ...data, annotations: data.annotations.map((a) => (a.id === 'b' ? { ...a, start: 20, end: 22 } : a)) }, yaml);
    assert.equal(moved, 'version: 1\nsource:\n  file: a.txt\nannotations:\n  - id: a\n    label: PER\n    start: 0\n    end: 2\n    text: yy\n  # second, really\n  - id: b\n    label: PER\n    start: 20\n    end: 22\n    text: xx\n');
  });

  it('updates changed fields in place and removes deleted annotations', () => {
    const before = read(SIDECAR_YAML);
    const annotations = before.annotations
      .filter((a) => a.id !== 'a2')
      .map((a) => (a.id === 'a1' ? { ...a, status: 'rejected' as const, note: 'not a person here' } : a));
    const out = writeSidecar('s.yaml', { ...before, annotations }, SIDECAR_YAML);
    assert.doesNotMatch(out, /id: a2/);
    assert.match(out, /    status: rejected\n    note: not a person here\n/);
    assert.match(out, /entity: vladimir-putin   # linked by hand/);
  });

  it('is deterministic: the same data gives the same bytes (new files in any item order; edits of the same file)', () => {
    const data = read(SIDECAR_YAML);
    const fresh = writeSidecar('s.yaml', data);
    assert.equal(writeSidecar('s.yaml', data), fresh);
    assert.equal(writeSidecar('s.yaml', read(fresh), fresh), fresh);
    const shuffled = { ...data, annotations: [...data.annotations].reverse() };
    assert.equal(writeSidecar('s.yaml', shuffled), fresh);
    const changed = { ...data, annotations: data.annotations.map((a) => ({ ...a, note: 'n' })) };
    assert.equal(writeSidecar('s.yaml', changed, SIDECAR_YAML), writeSidecar('s.yaml', { ...changed, annotations: [...changed.annotations].reverse() }, SIDECAR_YAML));
  });

  it('writes a new sidecar in the contract layout', () => {
    const out = writeSidecar('s.yaml', {
      version: 1, source: { file: 'a.txt', sha256: 'a'.repeat(64) }, annotations: [newAnnotation], facts: [],
    });
    assert.equal(out, `version: 1
source:
  file: a.txt
  sha256: ${'a'.repeat(64)}
annotations:
  - id: a0
    label: PER
    start: 0
    end: 8
    text: Presiden
    prefix: ""
    suffix: " Rusia Vladimir"
    author: bob
    created: "2026-11-22T09:00:00Z"
    status: proposed
`);
  });

  it('round-trips awkward quotes: CRLF, tabs, edge spaces, YAML-looking text', () => {
    const texts = ['a\r\nb', '\ttab', ' lead', 'trail ', '- dash', '# hash', 'key: value', '"quoted"', "it's", 'yes', '24', 'null', '~', '😀 e\u0301', '[x]', '{y}', '&a *b', '| block', 'line\nbreak\n', '\\'];
    const annotations = texts.map((text, i) => ({ ...newAnnotation, id: `t${i}`, start: i, end: i + 1, text, prefix: text, suffix: text }));
    const sidecar: Sidecar = { version: 1, source: { file: 'a.txt' }, annotations, facts: [] };
    const out = writeSidecar('s.yaml', sidecar);
    assert.deepEqual(read(out).annotations.map((a) => [a.text, a.prefix, a.suffix]), texts.map((t) => [t, t, t]));
    // And again through an in-place edit of existing scalars.
    const edited = { ...sidecar, annotations: annotations.map((a, i) => ({ ...a, text: texts[(i + 1) % texts.length]! })) };
    const out2 = writeSidecar('s.yaml', edited, out);
    assert.deepEqual(read(out2).annotations.map((a) => a.text), texts.map((_, i) => texts[(i + 1) % texts.length]));
  });

  it('refuses to write over a sidecar that does not parse', () => {
    const broken = SIDECAR_YAML.replace('text: Pyongyang', 'text: [Pyongyang');
    assert.throws(() => writeSidecar('s.yaml', read(SIDECAR_YAML), broken), (error: unknown) => {
      assert.ok(error instanceof NotWritableError);
      assert.match(error.message, /s\.yaml cannot be changed because it is not valid YAML at line \d+/);
      return true;
    });
    assert.throws(() => writeSidecar('s.yaml', read(SIDECAR_YAML), SIDECAR_YAML.replace('version: 1', 'version: 3')), NotWritableError);
  });

  it('keeps items it cannot read instead of dropping them', () => {
    const yaml = SIDECAR_YAML.replace('annotations:\n', 'annotations:\n  - label: PER  # no id yet\n    text: Putin\n');
    const out = writeSidecar('s.yaml', { ...read(yaml), annotations: [newAnnotation] }, yaml);
    assert.match(out, /- label: PER  # no id yet/);
    assert.match(out, /id: a0/);
    assert.doesNotMatch(out, /id: a1/);
  });
});
