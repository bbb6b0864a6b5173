// The fast sidecar reader must return exactly what parseSidecar returns, or undefined (and the
// caller falls back). Checked on the seed corpus, on hand-written edge cases, on sidecars our
// writer produces from random data, and on thousands of random corruptions of those.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSidecarFast } from '../../../src/core/format/fastSidecarReader';
import { parseSidecar } from '../../../src/core/format/sidecar';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Annotation, Fact, Sidecar } from '../../../src/core/model/types';
import { SIDECAR_YAML } from '../fixtures';
import { seededRandom as random } from '../../shared/seededRandom';

const FILE = 'mem:///corpus/a.txt.annotations.yaml';

/** Either the same ParsedSidecar as parseSidecar, or undefined. Returns whether it read it. */
function agrees(text: string): boolean {
  const fast = readSidecarFast(FILE, text);
  if (fast === undefined) return false;
  assert.deepStrictEqual(fast, parseSidecar(FILE, text), `fast reader differs on:\n${text}`);
  return true;
}


/** Strings that stress quoting: YAML indicators, look-alike numbers and booleans, scripts. */
const AWKWARD = [
  'Vladimir Putin', 'Kim Jong Un', 'Đà Nẵng', 'e\u0301te\u0301', 'الرئيس', '金正恩', '👍🏽 ok', '🇮🇩',
  'a: b', 'x #y', '#tag', '- item', '? q', ': c', '[list]', '{map}', '*ref', '&anchor', '!tag', '|', '>',
  "it's", '"quoted"', 'back\\slash', ' lead', 'trail ',
  '', '7', '007', '-3', '1.5', '1e3', '0x1F', 'true', 'True', 'null', '~', 'yes', 'no', '.inf', '.nan',
  '2024-06-19', '2024-06-20T08:30:00Z', '%percent', '@at', '`tick`', 'ends with colon:', 'a,b', 'c]',
  '\u0007bell', 'x'.repeat(200),
];
/** Strings the writer puts in forms the fast reader leaves to the full parser (block scalars, rare characters). */
const SLOW = ['tab\there', 'line\nbreak', 'crlf\r\nend', '\u2028sep', '\u0085nel', '\ufeffbom'];

function makeSidecar(next: () => number, annotationCount: number, factCount: number, strings = AWKWARD): Sidecar {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const maybe = <T>(value: T): T | undefined => (next() < 0.5 ? value : undefined);
  const item = (id: string) => {
    const start = Math.floor(next() * 5000);
    const note = maybe(pick(strings));
    const reviews = next() < 0.2 ? [{ by: pick(['rani', 'budi']), verdict: pick(['accepted', 'rejected', 'comment'] as const), at: '2024-06-21T10:00:00Z', ...(next() < 0.5 ? { comment: pick(strings) } : {}) }] : undefined;
    const prefix = maybe(pick(strings));
    const suffix = maybe(pick(strings));
    const author = maybe(pick(['rani', 'budi', 'Ana María']));
    const status = maybe(pick(['proposed', 'accepted', 'rejected'] as const));
    return {
      id, start, end: start + Math.floor(next() * 40), text: pick(strings),
      ...(prefix !== undefined ? { prefix } : {}), ...(suffix !== undefined ? { suffix } : {}),
      ...(author !== undefined ? { author } : {}), created: '2024-06-20T08:30:00Z',
      ...(status !== undefined ? { status } : {}), ...(next() < 0.1 ? { orphaned: true } : {}),
      ...(note !== undefined ? { note } : {}), ...(reviews ? { reviews } : {}),
    };
  };
  const annotations: Annotation[] = [];
  for (let i = 0; i < annotationCount; i++) {
    const entity = maybe(pick(['vladimir-putin', 'kim-jong-un', '7']));
    annotations.push({ ...item(`a${i + 1}`), label: pick(['PER', 'LOC', 'ORG']), ...(entity !== undefined ? { entity } : {}) });
  }
  const facts: Fact[] = [];
  for (let i = 0; i < factCount; i++) {
    facts.push({ ...item(`f${i + 1}`), subject: 'vladimir-putin', property: pick(['age', 'born']), value: pick(strings) });
  }
  const title = maybe(pick(strings));
  return {
    version: 1,
    source: {
      file: 'a.txt', sha256: 'ab'.repeat(32),
      ...(title !== undefined ? { title } : {}), ...(next() < 0.5 ? { published: '2024-06-19', language: 'id' } : {}),
    },
    annotations, facts,
  };
}

/** One random corruption: a character, a line or a piece of a line inserted, removed or moved. */
function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pieces = [' ', '  ', '\n', '#', ':', '- ', '"', "'", '\\', '[]', '{}', 'x', '7', 'null', '\r', '\t', 'id: a1', '  - id: z\n', 'status: maybe'];
  switch (Math.floor(next() * 5)) {
    case 0: return text.slice(0, at) + pieces[Math.floor(next() * pieces.length)]! + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
    case 2: {
      const lines = text.split('\n');
      lines.splice(Math.floor(next() * lines.length), 1);
      return lines.join('\n');
    }
    case 3: {
      const lines = text.split('\n');
      const line = lines[Math.floor(next() * lines.length)]!;
      lines.splice(Math.floor(next() * lines.length), 0, line);
      return lines.join('\n');
    }
    default: {
      const lines = text.split('\n');
      const index = Math.floor(next() * lines.length);
      lines[index] = ` ${lines[index]!}`;
      return lines.join('\n');
    }
  }
}

describe('fast sidecar reader', function () {
  // Thousands of YAML parses: slow on a busy machine, never a timing check.
  this.timeout(60_000);

  it('reads what our writer produces, as parseSidecar does (random data with awkward strings)', () => {
    const next = random(42);
    for (let round = 0; round < 300; round++) {
      const text = writeSidecar(FILE, makeSidecar(next, Math.floor(next() * 12), Math.floor(next() * 3)));
      assert.ok(agrees(text), `not read fast:\n${text}`);
    }
  });

  it('reads a large file, a small one, a given-up one and the large one again the same (its buffers are shared by every read)', () => {
    const next = random(44);
    // 6,000 annotations: some 70,000 lines, past every first size of the reader's shared buffers.
    const large = writeSidecar(FILE, makeSidecar(next, 6000, 4));
    const small = writeSidecar(FILE, makeSidecar(next, 3, 1));
    // Given up inside an item (a duplicate key), with pairs of its mappings on the shared stack.
    const givenUp = small.replace(/^  - id: a2$/m, '  - id: a2\n    id: a2');
    assert.notEqual(givenUp, small);
    const expectedLarge = parseSidecar(FILE, large);
    const expectedSmall = parseSidecar(FILE, small);
    for (const round of [1, 2]) {
      assert.deepStrictEqual(readSidecarFast(FILE, large), expectedLarge, `large, round ${round}`);
      assert.deepStrictEqual(readSidecarFast(FILE, small), expectedSmall, `small, round ${round}`);
      assert.equal(readSidecarFast(FILE, givenUp), undefined);
      assert.deepStrictEqual(readSidecarFast(FILE, small), expectedSmall, `small after the given-up one, round ${round}`);
    }
    assert.equal(expectedLarge.sidecar!.annotations.length, 6000);
  });

  it('agrees with parseSidecar on the writer\'s output for awkward and rare strings (or leaves them to it)', () => {
    const next = random(43);
    let read = 0;
    for (let round = 0; round < 300; round++) {
      if (agrees(writeSidecar(FILE, makeSidecar(next, Math.floor(next() * 6), Math.floor(next() * 2), [...AWKWARD, ...SLOW])))) read++;
    }
    // The writer quotes awkward strings in double-quoted flow style (no block scalars), which the
    // fast reader handles; each file read fast was checked against parseSidecar by agrees().
    assert.ok(read > 50, `read ${read} of 300`);
  });

  it('never differs from parseSidecar on corrupted files (it reads them the same or gives up)', () => {
    const next = random(7);
    let read = 0;
    let gaveUp = 0;
    for (let round = 0; round < 3000; round++) {
      let text = writeSidecar(FILE, makeSidecar(next, 1 + Math.floor(next() * 4), Math.floor(next() * 2), [...AWKWARD, ...SLOW]));
      const mutations = 1 + Math.floor(next() * 3);
      for (let m = 0; m < mutations; m++) text = mutate(text, next);
      if (agrees(text)) read++;
      else gaveUp++;
    }
    // Both branches must be exercised for the property to mean something.
    assert.ok(read > 100 && gaveUp > 100, `read ${read}, gave up on ${gaveUp}`);
  });

  it('reads quotes the writer folds over several lines (line breaks, blanks at the breaks)', () => {
    const quotes = ['a\nb', 'a \n b', 'a\n\nb', 'ends with break\n', '\nstarts', 'x  \n\n\n  y', 'crlf\r\nline', 'tab\t\nnext', '👍🏽\n e\u0301', 'long '.repeat(30) + '\n' + 'more '.repeat(30)];
    for (const quote of quotes) {
      const sidecar = makeSidecar(random(quote.length), 1, 0);
      const annotation = { ...sidecar.annotations[0]!, text: quote, prefix: `${quote} `, suffix: ` ${quote}` };
      const { note: _note, reviews: _reviews, ...withoutNote } = annotation;
      const text = writeSidecar(FILE, { ...sidecar, annotations: [withoutNote] });
      assert.ok(text.split('\n').length > 12, 'the writer folded it');
      assert.ok(agrees(text), `not read fast: ${JSON.stringify(quote)}\n${text}`);
    }
  });

  it('reads the seed corpus exactly as parseSidecar does', () => {
    const seeds = join(__dirname, '..', '..', '..', '..', 'seeds');
    const files = readdirSync(seeds).filter((name) => name.endsWith('.annotations.yaml'));
    assert.ok(files.length >= 5);
    for (const name of files) {
      const text = readFileSync(join(seeds, name), 'utf8');
      assert.ok(agrees(text), `${name} was not read fast`);
    }
  });

  it('reads comments and positions like the yaml parser, emoji and combining marks included', () => {
    const text = [
      '# header comment',
      'version: 1',
      'source:',
      '  file: a.txt',
      '  # inside source',
      '  title: "Putin 😀 e\u0301 \\"q\\" \\u00e9 \\U0001F600"',
      'annotations:',
      '  # before the first item',
      '  - id: a1',
      '    label: PER',
      '    start: 3',
      '    end: 17',
      "    text: 'it''s 😀'",
      '',
      '  - id: a2',
      '    label: LOC',
      '    start: 20',
      '    end: 25',
      '    text: Đà Nẵng',
      '    reviews:',
      '      - by: rani',
      '        verdict: accepted',
      '        at: 2024-06-21',
      'facts: []',
      'extra: kept by another tool',
    ].join('\n');
    assert.ok(agrees(text));
    const parsed = readSidecarFast(FILE, text)!;
    assert.equal(parsed.sidecar!.source.title, 'Putin 😀 e\u0301 "q" é 😀');
    assert.equal(parsed.sidecar!.annotations[0]!.text, "it's 😀");
    assert.deepEqual(parsed.annotationLocations[1]!.fields['text'], { start: { line: 18, column: 10 }, end: { line: 18, column: 17 } });
    assert.deepEqual(parsed.sidecar!.annotations[1]!.reviews, [{ by: 'rani', verdict: 'accepted', at: '2024-06-21' }]);
  });

  it('reads one-line double-quoted values with and without escapes as parseSidecar does (emoji, combining marks, CRLF left to it)', () => {
    const withNote = (note: string, lineEnd = '\n') => ['version: 1', 'source:', '  file: a.txt', 'annotations:', '  - id: a1', '    label: PER', '    start: 0',
      '    end: 3', '    text: Kim', `    note: ${note}`, 'facts: []', ''].join(lineEnd);
    // Read by the reader, with the value hard-coded: no escape (sliced inside its quotes), escapes, empty.
    const read: readonly (readonly [string, string])[] = [
      ['"Kim 👍🏽 cafe\u0301 北京"', 'Kim 👍🏽 cafe\u0301 北京'], ['""', ''], ['"\\\\"', '\\'], ['"say \\"hi\\""', 'say "hi"'],
      ['"e\\u0301 and \\U0001F44D"', 'e\u0301 and 👍'], ['"2024-06-19T08:00:00Z"', '2024-06-19T08:00:00Z'], ['"a # b: c"', 'a # b: c'],
      ['"\u0301 a combining mark first"', '\u0301 a combining mark first'],
    ];
    for (const [written, value] of read) {
      assert.ok(agrees(withNote(written)), written);
      assert.equal(readSidecarFast(FILE, withNote(written))!.sidecar!.annotations[0]!.note, value, written);
      assert.deepEqual(readSidecarFast(FILE, withNote(written))!.annotationLocations[0]!.item, { start: { line: 4, column: 4 }, end: { line: 10, column: 0 } });
    }
    // Left to parseSidecar: something after the closing quote, a quote never closed, a blank after it, CRLF, a BOM.
    for (const text of [withNote('"a" b'), withNote('"a"b"'), withNote('"open'), withNote('"a" '), withNote('"a"', '\r\n'), `\uFEFF${withNote('"a"')}`]) {
      assert.equal(readSidecarFast(FILE, text), undefined, text);
    }
  });

  it('reads the shared fixture (trailing comments) or leaves it to parseSidecar, never differently', () => {
    agrees(SIDECAR_YAML);
  });

  it('gives up on what it does not handle, and on every problem (parseSidecar words those)', () => {
    const valid = 'version: 1\nsource:\n  file: a.txt\nannotations:\n  - id: a1\n    label: PER\n    start: 0\n    end: 1\n    text: x\n';
    assert.ok(agrees(valid));
    const cases: Record<string, string> = {
      crlf: valid.replace(/\n/g, '\r\n'),
      bom: `\ufeff${valid}`,
      'document marker': `---\n${valid}`,
      'anchor': valid.replace('text: x', 'text: &t x'),
      'flow map': valid.replace('text: x', 'text: { a: 1 }'),
      'block scalar': valid.replace('text: x', 'text: |\n      x'),
      'multi-line plain scalar': valid.replace('text: x', 'text: x\n      y'),
      'trailing comment': valid.replace('text: x', 'text: x # note'),
      'float': valid.replace('text: x', 'text: 1.5'),
      'null': valid.replace('text: x', 'text: null'),
      'wrong version': valid.replace('version: 1', 'version: 2'),
      'missing field': valid.replace('    end: 1\n', ''),
      'duplicate key': valid.replace('    end: 1\n', '    end: 1\n    end: 2\n'),
      'duplicate id': `${valid}  - id: a1\n    label: PER\n    start: 0\n    end: 1\n    text: x\n`,
      'unknown status': valid.replace('text: x', 'text: x\n    status: maybe'),
      'bad sha256': valid.replace('file: a.txt', 'file: a.txt\n  sha256: xyz'),
      'string offset': valid.replace('start: 0', 'start: "0"'),
      'broken yaml': valid.replace('text: x', 'text: "x'),
    };
    for (const [name, text] of Object.entries(cases)) {
      assert.equal(readSidecarFast(FILE, text), undefined, name);
    }
  });

  it('takes a plain number as the string it spells where a string is expected, as parseSidecar does', () => {
    const text = 'version: 1\nsource:\n  file: a.txt\nannotations:\n  - id: 7\n    label: PER\n    start: 0\n    end: 4\n    text: 2024\n';
    assert.ok(agrees(text));
    assert.equal(readSidecarFast(FILE, text)!.sidecar!.annotations[0]!.text, '2024');
  });
});
