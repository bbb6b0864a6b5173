import * as assert from 'node:assert/strict';
import type { ItemLocation } from '../../../src/core/format/sidecar';
import { detached, packLocations, retainedParsedSidecar, StringPool, unpackLocations } from '../../../src/core/corpus/retainedSidecar';
import { packParsedSidecar, unpackParsedSidecar, type PackedSidecar } from '../../../src/core/format/sidecarCacheFormat';
import { checkSidecar, parseSidecar } from '../../../src/core/format/sidecar';
import { readSidecarFast } from '../../../src/core/format/fastSidecarReader';

// A sidecar with CRLF line ends, an emoji and a combining mark in quotes, a note, a
// review list and a fact: every kind of string the store keeps.
const YAML = [
  'version: 1',
  'source:',
  '  file: a.txt',
  '  outlet: Kompas',
  'annotations:',
  '  - id: a1',
  '    label: PER',
  '    start: 0',
  '    end: 6',
  '    text: "Kim 👍🏽"',
  '    entity: e1',
  '    author: rani',
  '    created: "2024-06-19T08:00:00Z"',
  '    status: accepted',
  '    note: "A note long enough to be a slice of the file text: cafe\u0301."',
  '  - id: a2',
  '    label: PER',
  '    start: 10',
  '    end: 13',
  '    text: Kim',
  '    entity: e1',
  '    author: rani',
  '    created: "2024-06-19T08:00:00Z"',
  'facts:',
  '  - id: f1',
  '    subject: e1',
  '    property: age',
  '    value: 24 tahun',
  '    start: 0',
  '    end: 6',
  '    text: "Kim 👍🏽"',
  '',
].join('\r\n');

describe('the parse the store keeps (retainedSidecar)', () => {
  it('keeps the same data and the same positions, and packs the same for the cache', () => {
    const fresh = parseSidecar('f:///c/a.txt.annotations.yaml', YAML);
    const expected = parseSidecar('f:///c/a.txt.annotations.yaml', YAML);
    const kept = retainedParsedSidecar(fresh, new StringPool());
    assert.deepEqual(kept.sidecar, expected.sidecar);
    assert.deepEqual(kept.annotationLocations, expected.annotationLocations);
    assert.deepEqual(kept.factLocations, expected.factLocations);
    assert.deepEqual(kept.diagnostics, expected.diagnostics);
    assert.deepEqual(packParsedSidecar(kept), packParsedSidecar(expected));
    // Hard-coded: a1's id is on line 5 (0-based), after `  - id: `.
    assert.deepEqual(kept.annotationLocations[0]!.fields['id'], { start: { line: 5, column: 8 }, end: { line: 5, column: 10 } });
    assert.equal(kept.annotationLocations[1]!.fields['status'], undefined);
  });

  it('gives the same diagnostics as the full parse', () => {
    const text = 'Kim 👍🏽 and so on';
    const kept = retainedParsedSidecar(parseSidecar('f:///c/a.txt.annotations.yaml', YAML), new StringPool());
    const full = parseSidecar('f:///c/a.txt.annotations.yaml', YAML);
    const problems = checkSidecar(kept, { articleText: text, articleFile: 'a.txt' });
    assert.deepEqual(problems, checkSidecar(full, { articleText: text, articleFile: 'a.txt' }));
    // a2 quotes "Kim" at 10–13 where the text has "so ": its text field's position is reported.
    const mismatch = problems.find((p) => p.code === 'text-mismatch');
    assert.deepEqual(mismatch?.start, { line: 19, column: 10 });
  });

  it('shares repeated values across files through the pool', () => {
    const pool = new StringPool();
    const one = retainedParsedSidecar(parseSidecar('f:///c/a.txt.annotations.yaml', YAML), pool);
    const two = retainedParsedSidecar(parseSidecar('f:///c/b.txt.annotations.yaml', YAML), pool);
    const created = new Set([...one.sidecar!.annotations, ...two.sidecar!.annotations].map((a) => a.created));
    assert.deepEqual([...created], ['2024-06-19T08:00:00Z']);
    // a1, a2, f1, PER, e1, rani, the date, accepted, Kompas, age, "24 tahun": 11 distinct
    // values, each once however many items and files repeat it.
    assert.equal(pool.size, 11);
  });

  it('a revived cache entry: its long pooled values go to the pool, nothing else changes, no field appears', () => {
    const fresh = retainedParsedSidecar(parseSidecar('f:///c/a.txt.annotations.yaml', YAML), new StringPool());
    const revivedJson = JSON.stringify(packParsedSidecar(fresh));
    const pool = new StringPool();
    const kept = retainedParsedSidecar(unpackParsedSidecar(JSON.parse(revivedJson) as PackedSidecar)!, pool, true);
    assert.deepStrictEqual(kept.sidecar, parseSidecar('f:///c/a.txt.annotations.yaml', YAML).sidecar);
    assert.equal(JSON.stringify(packParsedSidecar(kept)), revivedJson);
    // Only the date is a pooled field's value longer than the 10 characters JSON.parse shares
    // itself (ids, labels, authors, statuses, "Kompas", "age", "24 tahun"): the pool holds it alone.
    assert.equal(pool.size, 1);
    assert.equal(pool.intern('2024-06-19T08:00:00Z'), kept.sidecar!.annotations[1]!.created);
    assert.equal(pool.size, 1);
    const [a1, a2] = kept.sidecar!.annotations;
    assert.ok(!('status' in a2!) && !('modified' in a1!) && !('reviews' in a1!));
  });

  it('the fast reader keeps values by the same rule as it reads them (the pool\'s keep): same data, same pool', () => {
    const lf = YAML.replace(/\r\n/g, '\n'); // the fast reader leaves CRLF files to the yaml parser
    const keptByReader = new StringPool();
    const keptAfter = new StringPool();
    const asked: string[] = [];
    const fast = readSidecarFast('f:///c/a.txt.annotations.yaml', lf, (key, value) => { asked.push(key); return keptByReader.keep(key, value); })!;
    const after = retainedParsedSidecar(parseSidecar('f:///c/a.txt.annotations.yaml', lf), keptAfter);
    assert.deepEqual(fast.sidecar, after.sidecar);
    assert.equal(keptByReader.size, 11);
    assert.equal(keptAfter.size, 11);
    // Every string value goes through it once: file and outlet, a1's 8, a2's 6, f1's 5.
    assert.equal(asked.length, 21);
    assert.deepEqual(asked.slice(0, 2).sort(), ['file', 'outlet']);
    assert.deepEqual(checkSidecar(fast, { articleText: 'Kim 👍🏽 and so on', articleFile: 'a.txt' }), checkSidecar(after, { articleText: 'Kim 👍🏽 and so on', articleFile: 'a.txt' }));
  });

  it('round-trips packed positions, absent fields included', () => {
    const locations: ItemLocation[] = [
      { item: { start: { line: 3, column: 4 }, end: { line: 9, column: 0 } }, fields: { text: { start: { line: 5, column: 10 }, end: { line: 5, column: 17 } } } },
      { item: { start: { line: 10, column: 4 }, end: { line: 12, column: 0 } }, fields: {} },
    ];
    assert.deepEqual(unpackLocations(packLocations(locations)), locations);
    assert.ok(packLocations(locations) instanceof Int16Array);
    assert.deepEqual(unpackLocations(packLocations(locations), 1), [locations[1]]);
    assert.deepEqual(unpackLocations(packLocations([])), []);
    // A line 250,000 down a long sidecar, and a column too wide for 16 bits (a long quote).
    const far: ItemLocation[] = [
      { item: { start: { line: 250_000, column: 2 }, end: { line: 250_011, column: 0 } }, fields: { text: { start: { line: 250_009, column: 10 }, end: { line: 250_009, column: 40_000 } }, id: { start: { line: 250_000, column: 8 }, end: { line: 250_000, column: 10 } } } },
    ];
    const packed = packLocations(far);
    assert.ok(packed instanceof Int32Array);
    assert.deepEqual(unpackLocations(packed), far);
  });

  it('copies a string without changing it', () => {
    const values = [
      '', 'short', 'a longer value with 👍🏽 and cafe\u0301 in it', 'a "quoted" \\ back\tslash value', 'a lone \ud800 surrogate and \udfff its pair',
      'line\u2028separators\u2029 and \u0000 controls \u001f', '{"looks": "like json"}', '   spaces around   ',
      '👍🏽 an emoji first, its surrogates on both sides of the first cut', '\u0301 a combining mark first and cafe\u0301 later',
    ];
    for (const value of values) {
      const copy = detached(` ${value} `.slice(1, -1));
      assert.equal(copy, value);
      assert.equal(copy.length, value.length);
    }
  });
});
