// "Nothing lost" on the read and write path (issue 8): what a reader rejects stays byte for
// byte, a change rewrites only its lines in the file's layout, values are quoted for every
// YAML reader, and bad input is reported at file:line:col with nothing changed on disk.
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import type { FactGroup } from '../../../src/core/crossSource';
import { formatDiagnostic } from '../../../src/core/model/diagnostics';
import { renderFactCard } from '../../../src/core/crossSource/hoverCard';
import { normalizeValue } from '../../../src/core/text/normalize';
import { parseRegistry, RegistryIndex } from '../../../src/core/format/registry';
import { upsertEntity } from '../../../src/core/format/registryWriter';
import { parseSidecar } from '../../../src/core/format/sidecar';
import { isSafePlain, NotWritableError, renameDuplicateId, writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Annotation, Sidecar } from '../../../src/core/model/types';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';
import { ARTICLE, REGISTRY_YAML } from '../fixtures';

/** Two readable annotations of ARTICLE; `EXTRA` marks where a test puts more items. */
const BASE = `version: 1
source:
  file: article.txt
annotations:
  - id: a1
    label: PER
    start: 15
    end: 29
    text: Vladimir Putin
    status: proposed
EXTRA  - id: a2
    label: LOC
    start: 38
    end: 47
    text: Pyongyang
`;

function read(yaml: string): Sidecar {
  const parsed = parseSidecar('s.yaml', yaml);
  assert.equal(parsed.notWritable, undefined, parsed.notWritable);
  return parsed.sidecar!;
}

function accept(sidecar: Sidecar, id = 'a1'): Sidecar {
  return { ...sidecar, annotations: sidecar.annotations.map((a) => (a.id === id ? { ...a, status: 'accepted' as const } : a)) };
}

/** Lines of `after` that differ from `before`, for same-length texts; or the inserted block. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

describe('nothing lost: items and fields the reader rejected', () => {
  const rejectedItems: [string, string, RegExp][] = [
    ['an id failing validation (start: "15")', '  - id: q1\n    label: PER\n    start: "15"\n    end: 29\n    text: Vladimir Putin\n', /`start` in annotation #2 must be a whole number/],
    ['a status of the wrong case', '  - id: q2\n    label: PER\n    start: 15\n    end: 29\n    text: Vladimir Putin\n    status: Accepted\n', /`status` in annotation #2 must be one of/],
    ['a typo with its comment', '  - id: q3\n    label: PER\n    start: 15\n    end: 29\n    text: Vladimir Putin\n    status: Accepted   # typo\n', /found `Accepted`/],
    ['an item built with a merge key', '  - <<: { label: PER, start: 15, end: 29 }\n    id: q4\n    text: Vladimir Putin\n', /Missing required field `label`/],
    ['an item that is not a mapping', '  - just a note\n', /must be a mapping; it is kept/],
  ];
  for (const [what, item, message] of rejectedItems) {
    it(`keeps ${what} byte for byte, reports it, and writes the other change`, () => {
      const yaml = BASE.replace('EXTRA', item);
      const parsed = parseSidecar('s.yaml', yaml);
      assert.ok(parsed.diagnostics.some((d) => message.test(d.message)), parsed.diagnostics.map(formatDiagnostic).join('\n'));
      assert.deepEqual(parsed.sidecar!.annotations.map((a) => a.id), ['a1', 'a2']);
      const out = writeSidecar('s.yaml', accept(parsed.sidecar!), yaml);
      assert.equal(out, yaml.replace('    status: proposed\n', '    status: accepted\n'));
    });
  }

  it('keeps ill-typed fields of an item it edits (note: [a, list], orphaned: "no")', () => {
    const yaml = BASE.replace('    status: proposed\n', '    status: proposed\n    orphaned: "no"\n    note: [a, list]\n').replace('EXTRA', '');
    const parsed = parseSidecar('s.yaml', yaml);
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['wrong-type', 'wrong-type']);
    const out = writeSidecar('s.yaml', accept(parsed.sidecar!), yaml);
    assert.equal(out, yaml.replace('    status: proposed\n', '    status: accepted\n'));
  });

  it('refuses, with the line, to overwrite a field it did not understand', () => {
    const yaml = BASE.replace('    status: proposed\n', '    status: proposed\n    note: [a, list]\n').replace('EXTRA', '');
    const sidecar = read(yaml);
    const noted = { ...sidecar, annotations: sidecar.annotations.map((a) => (a.id === 'a1' ? { ...a, note: 'mine' } : a)) };
    assert.throws(() => writeSidecar('s.yaml', noted, yaml), /`note` of item `a1` is not understood \(line 11\)/);
  });

  it('keeps a review with an unknown verdict, and unknown keys', () => {
    const reviews = '    reviews:\n      - by: bob\n        verdict: maybe\n        at: "2026-11-21T11:00:00Z"\n        x-weight: 2\n';
    const yaml = BASE.replace('    status: proposed\n', `    status: proposed\n${reviews}    x-model: ner-v2\n`).replace('EXTRA', '');
    const parsed = parseSidecar('s.yaml', yaml);
    assert.ok(parsed.diagnostics.some((d) => /found `maybe`/.test(d.message)));
    const out = writeSidecar('s.yaml', accept(parsed.sidecar!), yaml);
    assert.equal(out, yaml.replace('    status: proposed\n', '    status: accepted\n'));
  });

  it('keeps both items of a duplicate id, loads the first, and edits only that one', () => {
    const second = '  - id: a1\n    label: LOC\n    start: 38\n    end: 47\n    text: Pyongyang\n    author: bob\n';
    const yaml = BASE.replace('EXTRA', second);
    const parsed = parseSidecar('s.yaml', yaml);
    const duplicate = parsed.diagnostics.find((d) => d.code === 'duplicate-id')!;
    assert.equal(formatDiagnostic(duplicate).split(': error')[0], 's.yaml:11:9');
    assert.deepEqual(parsed.sidecar!.annotations.map((a) => `${a.id}:${a.label}`), ['a1:PER', 'a2:LOC']);
    const out = writeSidecar('s.yaml', accept(parsed.sidecar!), yaml);
    assert.equal(out, yaml.replace('    status: proposed\n', '    status: accepted\n'));
    // Deleting a1 deletes the loaded one only.
    const deleted = writeSidecar('s.yaml', { ...parsed.sidecar!, annotations: parsed.sidecar!.annotations.filter((a) => a.id !== 'a1') }, yaml);
    assert.match(deleted, /^annotations:\n  - id: a1\n    label: LOC\n[\s\S]*author: bob\n  - id: a2\n/m);
  });

  it('quick fix for a duplicate id: one scalar edit to a free id', () => {
    const yaml = BASE.replace('EXTRA', '  - id: a1\n    label: LOC\n    start: 38\n    end: 47\n    text: Pyongyang\n  - id: a1-2\n    label: LOC\n    start: 0\n    end: 1\n    text: P\n');
    const lines = yaml.split('\n');
    const offset = lines.slice(0, 10).join('\n').length + 1 + '  - id: '.length;
    const fix = renameDuplicateId('s.yaml', yaml, offset)!;
    assert.equal(fix.id, 'a1-3');
    const fixed = yaml.slice(0, fix.start) + fix.text + yaml.slice(fix.end);
    assert.deepEqual(lineDiff(yaml, fixed), { removed: ['  - id: a1'], added: ['  - id: a1-3'] });
    assert.equal(parseSidecar('s.yaml', fixed).diagnostics.filter((d) => d.code === 'duplicate-id').length, 0);
  });

  it('keeps an annotation whose offsets are out of range through another change', () => {
    const yaml = BASE.replace('EXTRA', '  - id: far\n    label: PER\n    start: -5\n    end: 400\n    text: nowhere\n');
    const out = writeSidecar('s.yaml', accept(read(yaml)), yaml);
    assert.equal(out, yaml.replace('    status: proposed\n', '    status: accepted\n'));
  });

  it('a re-anchoring write after the article changed keeps `status: Accepted   # typo` and its comment', async () => {
    const host = new MemoryCorpusHost();
    host.put('entities.yaml', REGISTRY_YAML);
    const article = host.put('article.txt', ARTICLE);
    const typo = '  # checked twice\n  - id: q3\n    label: PER\n    start: 15\n    end: 29\n    text: Vladimir Putin\n    status: Accepted   # typo\n';
    const store0 = new CorpusStore(host);
    await store0.load();
    await store0.updateSidecar(article, () => read(BASE.replace('EXTRA', '')));
    const sidecar = host.put('article.txt.annotations.yaml', host.text(`${article}.annotations.yaml`)!.replace('  - id: a2\n', `${typo}  - id: a2\n`));
    host.put('article.txt', `Breaking: ${ARTICLE}`);
    const store = new CorpusStore(host);
    await store.load();
    const report = await store.reanchorIfStale(article);
    assert.ok(report);
    const out = host.text(sidecar)!;
    assert.ok(out.includes(typo), out);
    // The write happened: a1, which has no stored context, cannot be placed with certainty
    // without the old text, so it is kept and orphaned (re-anchoring never guesses).
    assert.match(out, /- id: a1\n(?: {4}.*\n)*? {4}orphaned: true\n/);
  });
});

describe('write fidelity: only the lines a change concerns, in the file\'s layout', () => {
  /** Hand-formatted: 4-space maps, unindented lists, blank lines between items, folded note, flow padding. */
  const HAND = `# Corpus of the Pyongyang visit.
version: 1
source: {file: article.txt,  title: Putin}
annotations:

# the person
- id: a1
  label: PER
  start: 0xF    # hex, by a script
  end: 29
  text: Vladimir Putin
  note: >
    long note
    folded over lines

- id: a2
  label: LOC
  start: 38
  end: 47
  text: Pyongyang
  status: proposed   # not yet
`;

  it('a one-field change is a one-line diff', () => {
    const out = writeSidecar('s.yaml', accept(read(HAND), 'a2'), HAND);
    assert.deepEqual(lineDiff(HAND, out), { removed: ['  status: proposed   # not yet'], added: ['  status: accepted   # not yet'] });
  });

  it('a new field is one inserted line at its place, indented like its neighbours', () => {
    const data = read(HAND);
    const out = writeSidecar('s.yaml', { ...data, annotations: data.annotations.map((a) => (a.id === 'a2' ? { ...a, entity: 'pyongyang' } : a)) }, HAND);
    assert.deepEqual(lineDiff(HAND, out), { removed: [], added: ['  entity: pyongyang'] });
    assert.match(out, /  text: Pyongyang\n  entity: pyongyang\n  status: proposed   # not yet\n/);
  });

  it('a changed offset is written in plain decimal, keeping its comment', () => {
    const data = read(HAND);
    const out = writeSidecar('s.yaml', { ...data, annotations: data.annotations.map((a) => (a.id === 'a1' ? { ...a, start: 14, text: ' Vladimir Putin' } : a)) }, HAND);
    assert.deepEqual(lineDiff(HAND, out), {
      removed: ['  start: 0xF    # hex, by a script', '  end: 29', '  text: Vladimir Putin'],
      added: ['  start: 14    # hex, by a script', '  end: 29', '  text: " Vladimir Putin"'],
    });
  });

  it('one added annotation is a one-item diff in the file\'s style, at its sorted place', () => {
    const data = read(HAND);
    const added: Annotation = { id: 'a9', label: 'LOC', start: 30, end: 34, text: 'tiba', status: 'proposed' };
    const out = writeSidecar('s.yaml', { ...data, annotations: [...data.annotations, added] }, HAND);
    assert.deepEqual(lineDiff(HAND, out), {
      removed: [],
      added: ['- id: a9', '  label: LOC', '  start: 30', '  end: 34', '  text: tiba', '  status: proposed', ''],
    });
    assert.match(out, /folded over lines\n\n- id: a9\n[\s\S]*status: proposed\n\n- id: a2\n/);
  });

  it('changing a folded note rewrites that note only; a flow-style source stays flow', () => {
    const data = read(HAND);
    const out = writeSidecar('s.yaml', {
      ...data, source: { ...data.source, sha256: 'a'.repeat(64) },
      annotations: data.annotations.map((a) => (a.id === 'a1' ? { ...a, note: 'short' } : a)),
    }, HAND);
    assert.equal(out, HAND.replace('source: {file: article.txt,  title: Putin}', `source: {file: article.txt, sha256: ${'a'.repeat(64)}, title: Putin}`)
      .replace('  note: >\n    long note\n    folded over lines\n', '  note: short\n'));
    assert.equal(read(out).annotations[0]!.note, 'short');
  });

  it('keeps CRLF line endings in the lines it writes', () => {
    const crlf = HAND.replace(/\n/g, '\r\n');
    const data = read(crlf);
    const out = writeSidecar('s.yaml', { ...data, annotations: [...data.annotations, { id: 'z', label: 'PER', start: 50, end: 51, text: 'x' }] }, crlf);
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
    assert.deepEqual(read(out).annotations.map((a) => a.id), ['a1', 'a2', 'z']);
  });

  it('a new review is inserted after the others in their layout; they stay as they are', () => {
    const yaml = BASE.replace('EXTRA', '').replace('    status: proposed\n', '    status: proposed\n    reviews:\n    - by: bob    # first pass\n      verdict: accepted\n      at: 2026-11-21T11:00:00Z\n');
    const data = read(yaml);
    const review = { by: 'carol', verdict: 'comment' as const, at: '2026-11-22T08:00:00Z', comment: 'on second thought' };
    const out = writeSidecar('s.yaml', { ...data, annotations: data.annotations.map((a) => (a.id === 'a1' ? { ...a, reviews: [...a.reviews!, review] } : a)) }, yaml);
    assert.deepEqual(lineDiff(yaml, out), { removed: [], added: ['    - by: carol', '      verdict: comment', '      at: "2026-11-22T08:00:00Z"', '      comment: on second thought'] });
  });

  it('a list of one-line `{…}` items gets its new item on one line too', () => {
    const yaml = 'version: 1\nsource: {file: a.txt}\nannotations:\n  - {id: a1, label: PER, start: 0, end: 1, text: x}\n  - {id: a2, label: PER, start: 3, end: 4, text: z}\n';
    const data = read(yaml);
    const out = writeSidecar('s.yaml', { ...data, annotations: [...data.annotations, { id: 'n', label: 'LOC', start: 2, end: 3, text: 'a, b', note: 'yes' }] }, yaml);
    assert.equal(out, yaml.replace('  - {id: a2', '  - {id: "n", label: LOC, start: 2, end: 3, text: "a, b", note: "yes"}\n  - {id: a2'));
  });

  it('appends after a last item that has no line break at the end of the file', () => {
    const yaml = 'version: 1\nsource:\n  file: a.txt\nannotations:\n  - id: a1\n    label: PER\n    start: 0\n    end: 1\n    text: x';
    const data = read(yaml);
    const out = writeSidecar('s.yaml', { ...data, annotations: [...data.annotations, { id: 'b', label: 'PER', start: 5, end: 6, text: 'y' }] }, yaml);
    assert.equal(out, `${yaml}\n  - id: b\n    label: PER\n    start: 5\n    end: 6\n    text: "y"`);
  });

  it('does not write `file: ""` for a sidecar without a source', () => {
    const yaml = 'version: 1\nannotations: []\n';
    const data = parseSidecar('s.yaml', yaml).sidecar!;
    const out = writeSidecar('s.yaml', { ...data, annotations: [{ id: 'a1', label: 'PER', start: 0, end: 1, text: 'P' }] }, yaml);
    assert.doesNotMatch(out, /file:/);
    assert.equal(out, 'version: 1\nannotations:\n  - id: a1\n    label: PER\n    start: 0\n    end: 1\n    text: P\n');
  });

  it('quotes every value that a YAML 1.1 reader (PyYAML) or a 1.2 reader would take for another type', () => {
    const risky = ['yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', '~', 'null', 'NULL', '', '1:30', '1_000', '0b101', '0o7', '017', '0x1F',
      '2024-06-19', '2026-11-21T10:00:00Z', '=', '<<', '.inf', '-.Inf', '.nan', '1e3', '+1', '-2.5', '12', '3.', '.5'];
    for (const value of risky) assert.equal(isSafePlain(value), false, value);
    for (const value of ['Pyongyang', 'Vladimir Putin', 'kunjungan pertama', '19 Juni 2024', 'a1', 'PER']) assert.equal(isSafePlain(value), true, value);
    const annotations = risky.map((value, i): Annotation => ({ id: `r${i}`, label: 'PER', start: i, end: i + 1, text: value, note: value, author: value }));
    const out = writeSidecar('s.yaml', { version: 1, source: { file: 'a.txt', published: '2024-06-19' }, annotations, facts: [] });
    for (const version of ['1.1', '1.2'] as const) {
      const data = parseDocument(out, { version }).toJS() as { source: { published: unknown }; annotations: { text: unknown; note: unknown; author: unknown }[] };
      assert.equal(data.source.published, '2024-06-19', version);
      assert.deepEqual(data.annotations.map((a) => [a.text, a.note, a.author]), risky.map((v) => [v, v, v]), version);
    }
  });
});

describe('bad input: a message with file:line:col, and nothing changed on disk', () => {
  async function setup(sidecarBytes?: Uint8Array | string, articleBytes: Uint8Array | string = ARTICLE) {
    const host = new MemoryCorpusHost();
    host.put('entities.yaml', REGISTRY_YAML);
    const article = 'mem:///corpus/article.txt';
    host.files.set(article, typeof articleBytes === 'string' ? new TextEncoder().encode(articleBytes) : articleBytes);
    const sidecar = `${article}.annotations.yaml`;
    if (sidecarBytes !== undefined) host.files.set(sidecar, typeof sidecarBytes === 'string' ? new TextEncoder().encode(sidecarBytes) : sidecarBytes);
    const before = new Map([...host.files].map(([uri, bytes]) => [uri, Buffer.from(bytes).toString('hex')]));
    const store = new CorpusStore(host);
    await store.load();
    const unchanged = () => {
      assert.deepEqual([...host.files.keys()].sort(), [...before.keys()].sort());
      for (const [uri, bytes] of host.files) assert.equal(Buffer.from(bytes).toString('hex'), before.get(uri), `${uri} changed`);
      assert.deepEqual(host.writes, []);
    };
    const change = () => store.updateSidecar(article, (current) => ({ ...current, annotations: [...current.annotations, { id: 'n1', label: 'PER', start: 0, end: 1, text: ARTICLE[0]! }] }));
    return { host, store, article, sidecar, unchanged, change };
  }

  const valid = `version: 1\nsource:\n  file: article.txt\nannotations:\n  - id: a1\n    label: PER\n    start: 15\n    end: 29\n    text: Vladimir Putin\n`;

  it('an empty sidecar is reported as empty and a change to it works', async () => {
    const { store, article, sidecar, host, change } = await setup('');
    assert.match(store.problemsOf(sidecar)[0]!.message, /^The file is empty/);
    assert.equal(store.notWritableReason(article), undefined);
    await change();
    assert.match(host.text(sidecar)!, /^version: 1\nsource:\n  file: article.txt\n  sha256: [0-9a-f]{64}\nannotations:\n  - id: n1\n/);
  });

  it('a sidecar of comments only keeps them and starts below', async () => {
    const { sidecar, host, change } = await setup('# to do: annotate\n');
    await change();
    assert.match(host.text(sidecar)!, /^# to do: annotate\nversion: 1\nsource:\n  file: article.txt\n/);
  });

  it('invalid UTF-8 in a sidecar: reported at its line and column, never rewritten', async () => {
    const bytes = Buffer.concat([Buffer.from(valid.trimEnd().replace('Putin', '')), Buffer.from([0xff, 0x0a])]);
    const { store, sidecar, unchanged, change } = await setup(bytes);
    const [problem] = store.problemsOf(sidecar);
    assert.equal(problem!.code, 'invalid-encoding');
    assert.match(formatDiagnostic(problem!), /article\.txt\.annotations\.yaml:9:20: error: This sidecar is not read because it is not valid UTF-8 \(byte 0xff at byte \d+\)/);
    await assert.rejects(change(), (error: unknown) => error instanceof NotWritableError && /not valid UTF-8.*line 9, column 20/.test(error.message));
    unchanged();
  });

  it('invalid UTF-8 in an article: reported, and its sidecar is never written', async () => {
    const article = Buffer.concat([Buffer.from('Line one\nAb'), Buffer.from([0xc3, 0x28]), Buffer.from(' rest')]);
    const { store, unchanged, change, article: uri } = await setup(valid, article);
    const problem = store.diagnostics().get(uri)![0]!;
    assert.equal(formatDiagnostic(problem).split(': error')[0], 'mem:///corpus/article.txt:2:3');
    assert.match(store.notWritableReason(uri)!, /not valid UTF-8/);
    await assert.rejects(change(), /its article cannot be annotated: this article is not read because it is not valid UTF-8 \(byte 0xc3 at byte 11\).*line 2, column 3/);
    unchanged();
  });

  it('a binary article is skipped with a message', async () => {
    const { store, unchanged, change, article } = await setup(undefined, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const problem = store.diagnostics().get(article)![0]!;
    assert.equal(problem.code, 'binary-file');
    assert.match(formatDiagnostic(problem), /article\.txt:3:1: error: This article is not read because it holds a NUL byte/);
    await assert.rejects(change(), NotWritableError);
    unchanged();
  });

  it('a sidecar over the size limit is read-only with a message, and not parsed', async () => {
    const huge = `${valid}# ${'x'.repeat(8 * 1024 * 1024)}\n`;
    const { store, sidecar, unchanged, change } = await setup(huge);
    assert.match(formatDiagnostic(store.problemsOf(sidecar)[0]!), /annotations\.yaml:1:1: error: This sidecar is \d+ bytes, more than the 8388608 this extension reads/);
    await assert.rejects(change(), /more than the 8388608/);
    unchanged();
  });

  /** A sidecar of `count` small annotations of ARTICLE in our own layout. */
  const manyItems = (count: number) => writeSidecar('s.yaml', {
    version: 1, source: { file: 'article.txt' }, facts: [],
    annotations: Array.from({ length: count }, (_, i): Annotation => ({ id: `a${i}`, label: 'PER', start: 15, end: 29, text: 'Vladimir Putin' })),
  });

  it('a sidecar over the item limit (20,001 items) is read-only with a message naming the file, and a change writes nothing', async function () {
    this.timeout(120_000); // a file over the limit goes to the full YAML parser, twice: seconds each
    const { store, article, sidecar, unchanged, change } = await setup(manyItems(20_001));
    assert.match(store.notWritableReason(article) ?? '', /holds 20001 items, more than the 20000 this extension edits/);
    await assert.rejects(change(), (error: unknown) => error instanceof NotWritableError
      && error.message.startsWith(`${sidecar} cannot be changed because it holds 20001 items, more than the 20000`));
    unchanged();
  });

  it('a sidecar at the item limit (20,000 items) takes a change; one item more is refused with the count, nothing written', async function () {
    this.timeout(60_000);
    const text = manyItems(20_000);
    const { host, store, article, sidecar } = await setup(text);
    assert.equal(store.notWritableReason(article), undefined);
    await store.updateSidecar(article, (current) => ({ ...current, annotations: current.annotations.map((a) => (a.id === 'a7' ? { ...a, status: 'accepted' } : a)) }));
    const written = host.text(sidecar)!;
    // The store adds the article's hash to `source` on the first write; the status is the one other line.
    const hash = /\n  sha256: ([0-9a-f]{64})\n/.exec(written)?.[1] ?? 'missing';
    const a7 = '  - id: a7\n    label: PER\n    start: 15\n    end: 29\n    text: Vladimir Putin\n';
    assert.equal(written, text.replace('  file: article.txt\n', `  file: article.txt\n  sha256: ${hash}\n`).replace(a7, `${a7}    status: accepted\n`));
    const writes = host.writes.length;
    await assert.rejects(
      store.updateSidecar(article, (current) => ({ ...current, annotations: [...current.annotations, { id: 'one-more', label: 'PER', start: 0, end: 1, text: ARTICLE[0]! }] })),
      (error: unknown) => error instanceof NotWritableError && /after this change it holds 20001 items, more than the 20000/.test(error.message));
    assert.equal(host.text(sidecar), written);
    assert.equal(host.writes.length, writes);
  });

  it('an article over the size limit is read-only with a message', async () => {
    const { store, article, unchanged, change } = await setup(valid, `${ARTICLE}\n${'y'.repeat(4 * 1024 * 1024)}`);
    assert.match(store.diagnostics().get(article)![0]!.message, /more than the 4194304/);
    await assert.rejects(change(), NotWritableError);
    unchanged();
  });

  for (const [what, text, at] of [
    ['deep flow nesting', `version: 1\nnote: ${'['.repeat(50_000)}`, '2:38'], // the `note` map is one level
    ['deep block nesting', `version: 1\nx:\n${'- '.repeat(50_000)}a\n`, '3:65'],
    ['an alias bomb', `version: 1\na: &a [x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: [${'*b, '.repeat(200)}*b]\n`, '4:365'],
  ] as const) {
    it(`${what} is refused within limits, with where`, async () => {
      const { store, sidecar, unchanged, change } = await setup(text);
      const [problem] = store.problemsOf(sidecar);
      assert.equal(problem!.code, 'limit-exceeded');
      assert.equal(formatDiagnostic(problem!).split(': error')[0], `${sidecar}:${at}`);
      await assert.rejects(change(), NotWritableError);
      unchanged();
    });
  }

  it('a sidecar with a byte order mark keeps it; only the changed lines differ', async () => {
    const { host, sidecar, change } = await setup(`\uFEFF${valid}`);
    await change();
    const out = host.files.get(sidecar)!;
    assert.deepEqual([...out.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(new TextDecoder('utf-8', { ignoreBOM: true }).decode(out), /^\uFEFFversion: 1\nsource:\n  file: article.txt\n  sha256: [0-9a-f]{64}\nannotations:\n  - id: n1\n[\s\S]*  - id: a1\n/);
  });

  it('a change that would load differently is refused by the read-back check, nothing written', async () => {
    const { unchanged, store, article } = await setup(valid);
    // Two items with one id: the file would hold both, a reader loads one.
    await assert.rejects(store.updateSidecar(article, (current) => ({ ...current, annotations: [...current.annotations, { ...current.annotations[0]!, label: 'LOC' }] })),
      /could not be written without altering other content/);
    unchanged();
  });

  for (const [what, from, to, code, at] of [
    ['an unknown version', 'version: 1', 'version: 3', 'unknown-version', '1:10'],
    ['reversed offsets', '    start: 15\n    end: 29', '    start: 29\n    end: 15', 'offset-out-of-range', '7:12'],
    ['text that disagrees with the article', 'text: Vladimir Putin', 'text: Vladimir Putim', 'text-mismatch', '9:11'],
    ['an unknown label', 'label: PER', 'label: GPE', 'unknown-label', '6:12'],
    ['an unknown entity', 'text: Vladimir Putin\n', 'text: Vladimir Putin\n    entity: nobody\n', 'unknown-entity', '10:13'],
  ] as const) {
    it(`${what}: reported at ${at}, and loading writes nothing`, async () => {
      const { store, sidecar, unchanged, article } = await setup(valid.replace(from, to));
      const problem = store.problemsOf(sidecar).find((d) => d.code === code);
      assert.ok(problem, store.problemsOf(sidecar).map(formatDiagnostic).join('\n'));
      assert.equal(formatDiagnostic(problem).split(/: (error|warning)/)[0], `${sidecar}:${at}`);
      await store.reanchorIfStale(article);
      unchanged();
    });
  }

  it('a sidecar whose article is missing is listed, and never deleted', async () => {
    const { store, host, unchanged } = await setup();
    const orphan = host.put('gone.txt.annotations.yaml', valid.replace('article.txt', 'gone.txt'));
    const before = host.text(orphan);
    await store.fileChanged(orphan);
    assert.equal(formatDiagnostic(store.problemsOf(orphan).find((d) => d.code === 'article-missing')!).split(': warning')[0], `${orphan}:1:1`);
    assert.equal(host.text(orphan), before);
    host.files.delete(orphan);
    unchanged();
  });

  it('YAML syntax errors: line and column, nothing written', async () => {
    const { store, sidecar, unchanged, change } = await setup(valid.replace('text: Vladimir Putin', 'text: [Vladimir'));
    assert.match(formatDiagnostic(store.problemsOf(sidecar)[0]!), /annotations\.yaml:\d+:\d+: error: YAML syntax error/);
    await assert.rejects(change(), /not valid YAML at line \d+, column \d+/);
    unchanged();
  });
});

describe('hostile ids and urls', () => {
  it('an entity with the id constructor, __proto__ or tostring stays in the registry', () => {
    const yaml = `${REGISTRY_YAML}  - id: constructor\n    label: PER\n    name: Constructor\n  - id: __proto__\n    label: PER\n    name: Proto\n  - id: tostring\n    label: PER\n    name: ToString\n`;
    const parsed = parseRegistry('entities.yaml', yaml);
    const index = new RegistryIndex('entities.yaml', parsed.registry!);
    for (const id of ['constructor', '__proto__', 'tostring']) {
      assert.equal(index.entities.get(id)?.label, 'PER', id);
      assert.ok(Object.hasOwn(parsed.entityLocations, id), id);
    }
    assert.equal(Object.getPrototypeOf(parsed.entityLocations), null);
  });

  it('fact values with words like constructor or toString are compared as words', () => {
    assert.equal(normalizeValue('Rp constructor'), 'rp constructor');
    assert.equal(normalizeValue('lima constructor'), '5 constructor');
    assert.equal(normalizeValue('lima toString'), '5 tostring');
  });

  it('a reference fact url with a bad %-escape does not break the fact card', () => {
    const group = {
      subject: 'x', property: 'born', verdict: 'single', sourceCount: 1, multiValued: false,
      claims: [{ source: { kind: 'reference', name: 'Wikidata', url: 'https://example.invalid/wiki/%E0%A4%A' }, value: '1952', normalized: '1952' }],
      values: [{ display: '1952', normalized: '1952', sourceCount: 1, claims: [], sources: [{ kind: 'reference', name: 'Wikidata' }] }],
    } as unknown as FactGroup;
    let markdown = '';
    assert.doesNotThrow(() => { markdown = renderFactCard(group, 'X', 'mem:///a.txt'); });
    assert.match(markdown, /\[Reference\]\(https:\/\/example\.invalid\/wiki\/%E0%A4%25A\)/);
  });
});

describe('registry writes: a new entity is a one-item diff', () => {
  it('appends in the file\'s layout and keeps everything else byte for byte', () => {
    const hand = 'version: 1\nlabels:\n  PER: {name: Person,  color: "#e0a030"}   # warm\nentities:\n\n- id: a\n  label: PER\n  name: A\n  aliases: [x,  y]\n\n- id: b\n  label: PER\n  name: B\n';
    const out = upsertEntity('entities.yaml', hand, { id: 'yes', label: 'PER', name: 'No', aliases: ['1:30', 'Kim, Jong Un', 'Kim'] });
    assert.equal(out, `${hand}\n- id: "yes"\n  label: PER\n  name: "No"\n  aliases: ["1:30", "Kim, Jong Un", Kim]\n`);
    assert.deepEqual(parseRegistry('entities.yaml', out).registry!.entities[2]!.aliases, ['1:30', 'Kim, Jong Un', 'Kim']);
    assert.deepEqual(parseRegistry('entities.yaml', out).registry!.entities.map((e) => e.id), ['a', 'b', 'yes']);
  });

  it('appends after the seed registry\'s last entity in its indentation', () => {
    const out = upsertEntity('entities.yaml', REGISTRY_YAML, { id: 'kim-jong-un', label: 'PER', name: 'Kim Jong Un', aliases: [] });
    assert.equal(out, `${REGISTRY_YAML}  - id: kim-jong-un\n    label: PER\n    name: Kim Jong Un\n`);
  });
});
