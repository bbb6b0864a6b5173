// Locations kept as offsets and built on first use (fast reader, cache): the same line/column
// ranges parseSidecar gives, through the cache's packed string too; the checks build them only
// to report a problem; a damaged cache string is refused, not misread.
import * as assert from 'node:assert/strict';
import { readSidecarFast } from '../../../src/core/format/fastSidecarReader';
import { ANCHOR_FIELDS, checkSidecar, parseSidecar, type ParsedSidecar } from '../../../src/core/format/sidecar';
import { packParsedSidecar, unpackParsedSidecar, type PackedSidecar } from '../../../src/core/format/sidecarCacheFormat';
import { CompactLocations, OFFSETS_PER_ITEM, packedLocationsOf } from '../../../src/core/format/sidecarLocations';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import type { Sidecar } from '../../../src/core/model/types';

const FILE = 'mem:///corpus/a.txt.annotations.yaml';
// Emoji (two UTF-16 units, one code point) and a combining mark before the names.
const ARTICLE = 'Hari ini 👍🏽 cafe\u0301: Vladimir Putin tiba di Pyongyang.';

function sidecarWith(texts: readonly [string, string]): Sidecar {
  return {
    version: 1,
    source: { file: 'a.txt', title: 'Putin 👍🏽' },
    annotations: [
      { id: 'a1', label: 'PER', start: 19, end: 33, text: texts[0], entity: 'putin', author: 'rani', status: 'accepted' },
      { id: 'a2', label: 'LOC', start: 42, end: 51, text: texts[1], note: 'café 🇮🇩 "quoted"' },
    ],
    facts: [{ id: 'f1', subject: 'putin', property: 'visited', value: 'Pyongyang', start: 19, end: 51, text: 'Vladimir Putin tiba di Pyongyang' }],
  };
}

function fastRead(sidecar: Sidecar): { text: string; parsed: ParsedSidecar } {
  const text = writeSidecar(FILE, sidecar);
  const parsed = readSidecarFast(FILE, text);
  assert.ok(parsed, 'the fast reader reads our writer\'s layout');
  return { text, parsed };
}

function revive(parsed: ParsedSidecar): ParsedSidecar {
  const revived = unpackParsedSidecar(JSON.parse(JSON.stringify(packParsedSidecar(parsed))) as PackedSidecar);
  assert.ok(revived);
  return revived;
}

describe('sidecar locations (offsets, built on first use)', () => {
  it('the article text the fixtures assume', () => {
    assert.equal([...ARTICLE].slice(19, 33).join(''), 'Vladimir Putin');
    assert.equal([...ARTICLE].slice(42, 51).join(''), 'Pyongyang');
  });

  it('give the ranges parseSidecar gives, also after the cache round trip', () => {
    const { text, parsed } = fastRead(sidecarWith(['Vladimir Putin', 'Pyongyang']));
    const full = parseSidecar(FILE, text);
    const revived = revive(parsed);
    assert.deepStrictEqual(revived, full);
    assert.deepStrictEqual(parsed, full);
    // One item checked by hand: a2 is the second list item; its `text:` value is on its own line.
    const lines = text.split('\n');
    const a2 = lines.indexOf('  - id: a2');
    assert.ok(a2 > 0);
    assert.deepEqual(revived.annotationLocations[1]!.item.start, { line: a2, column: 4 });
    const textLine = lines.findIndex((line, index) => index > a2 && line.startsWith('    text: '));
    assert.deepEqual(revived.annotationLocations[1]!.fields['text'], { start: { line: textLine, column: 10 }, end: { line: textLine, column: 19 } });
  });

  it('packs as one string, kept as it came when the entry is packed again', () => {
    const { parsed } = fastRead(sidecarWith(['Vladimir Putin', 'Pyongyang']));
    const packed = packParsedSidecar(parsed);
    assert.equal(typeof packed.c, 'string');
    assert.equal(packed.a, undefined);
    const revived = unpackParsedSidecar(JSON.parse(JSON.stringify(packed)) as PackedSidecar)!;
    assert.equal(packedLocationsOf(revived), packed.c);
    assert.deepStrictEqual(packParsedSidecar(revived), JSON.parse(JSON.stringify(packed)));
  });

  it('round-trips offsets exactly, -1 (absent) and large values included', () => {
    const compact = new CompactLocations(Int32Array.from([0, 17, 40, 1_000_000]), Int32Array.from([5, 9, -1, -1, 7, 1_000_001]), Int32Array.from([]), 3, 4);
    const back = CompactLocations.unpack(compact.pack())!;
    assert.deepEqual([...back.lineStarts], [0, 17, 40, 1_000_000]);
    assert.deepEqual([...back.annotationOffsets], [5, 9, -1, -1, 7, 1_000_001]);
    assert.deepEqual([...back.factOffsets], []);
    assert.equal(back.sourceStart, 3);
    assert.equal(back.sourceEnd, 4);
  });

  it('keeps a small sidecar\'s numbers in 16 bits and a large one\'s in 32, with the same locations', () => {
    const { parsed } = fastRead(sidecarWith(['Vladimir Putin', 'Pyongyang']));
    const expected = parseSidecar(FILE, writeSidecar(FILE, sidecarWith(['Vladimir Putin', 'Pyongyang'])));
    assert.deepStrictEqual(parsed.annotationLocations, expected.annotationLocations);
    assert.deepStrictEqual(parsed.factLocations, expected.factLocations);
    // 0xfffe is the largest offset 16 bits hold (0xffff marks an absent field there).
    const narrow = new CompactLocations([0, 10, 0xfffe], [3, 0xfffe, -1, -1, 12, 0xfffd], [0xfffe, 0xfffe], 1, 2);
    assert.equal(narrow.narrow, true);
    assert.deepEqual([...narrow.lineStarts], [0, 10, 0xfffe]);
    assert.deepEqual([...narrow.annotationOffsets], [3, 0xfffe, -1, -1, 12, 0xfffd]);
    assert.deepEqual([...narrow.factOffsets], [0xfffe, 0xfffe]);
    const wide = new CompactLocations([0, 10, 0xffff], [3, 0x10000, -1, -1], [], 1, 2);
    assert.equal(wide.narrow, false);
    assert.deepEqual([...wide.annotationOffsets], [3, 0x10000, -1, -1]);
    assert.deepEqual([...wide.lineStarts], [0, 10, 0xffff]);
    // Same cache string whichever width: the packed form does not depend on it.
    assert.equal(CompactLocations.unpack(narrow.pack())!.pack(), narrow.pack());
    assert.equal(narrow.pack(), new CompactLocations(Int32Array.from([0, 10, 0xfffe]), Int32Array.from([3, 0xfffe, -1, -1, 12, 0xfffd]), Int32Array.from([0xfffe, 0xfffe]), 1, 2).pack());
  });

  it('builds the same ranges from 16 and 32 bits, an absent field staying absent', () => {
    // Item 0 spans lines 0–1 and has only its first field; item 1 none.
    const offsets = [2, 25, 4, 8, ...Array<number>(OFFSETS_PER_ITEM - 4).fill(-1), 30, 33, ...Array<number>(OFFSETS_PER_ITEM - 2).fill(-1)];
    const narrow = new CompactLocations([0, 20, 40], offsets, [], 0, 39);
    const wide = new CompactLocations([0, 20, 40, 70_000], offsets, [], 0, 39);
    assert.equal(narrow.narrow, true);
    assert.equal(wide.narrow, false);
    const ranges = narrow.annotationLocations();
    assert.deepStrictEqual(ranges[0]!.item, { start: { line: 0, column: 2 }, end: { line: 1, column: 5 } });
    assert.deepStrictEqual(Object.keys(ranges[0]!.fields), [ANCHOR_FIELDS[0]]);
    assert.deepStrictEqual(ranges[1], { item: { start: { line: 1, column: 10 }, end: { line: 1, column: 13 } }, fields: {} });
    assert.deepStrictEqual(wide.annotationLocations(), ranges);
    assert.deepStrictEqual(narrow.sourceLocation(), { start: { line: 0, column: 0 }, end: { line: 1, column: 19 } });
  });

  it('a damaged cache entry is refused (undefined), so the file is read again', () => {
    const { parsed } = fastRead(sidecarWith(['Vladimir Putin', 'Pyongyang']));
    const packed = packParsedSidecar(parsed);
    for (const c of [packed.c!.slice(0, -2), `${packed.c!},7`, packed.c!.replace(',', ',,'), packed.c!.replace(/,[0-9a-z]+$/, ',?'), '', `,${packed.c!}`, `${packed.c!},`, packed.c!.replace(',', ',A')]) {
      assert.equal(unpackParsedSidecar({ ...packed, c }), undefined, `accepted ${JSON.stringify(c.slice(-20))}`);
    }
    const { c: _dropped, ...withoutLocations } = packed;
    assert.equal(unpackParsedSidecar(withoutLocations), undefined);
  });

  it('a clean sidecar is checked without building its locations', () => {
    const { parsed } = fastRead(sidecarWith(['Vladimir Putin', 'Pyongyang']));
    const untouchable = Object.defineProperties({ ...parsed }, {
      annotationLocations: { get: () => assert.fail('annotation locations were built') },
      factLocations: { get: () => assert.fail('fact locations were built') },
      sourceLocation: { get: () => assert.fail('the source location was built') },
    }) as ParsedSidecar;
    assert.deepEqual(checkSidecar(untouchable, { articleText: ARTICLE, articleFile: 'a.txt' }), []);
  });

  it('a sidecar with a problem gets the diagnostic at the line and column parseSidecar\'s positions give', () => {
    // a2 quotes a text the article does not have at its offsets.
    const { text, parsed } = fastRead(sidecarWith(['Vladimir Putin', 'Pyongyanx']));
    const context = { articleText: ARTICLE, articleFile: 'a.txt' };
    const expected = checkSidecar(parseSidecar(FILE, text), context);
    assert.equal(expected.length, 1);
    assert.equal(expected[0]!.code, 'text-mismatch');
    const textLine = text.split('\n').findIndex((line) => line === '    text: Pyongyanx');
    assert.deepEqual(expected[0]!.start, { line: textLine, column: 10 });
    assert.deepStrictEqual(checkSidecar(parsed, context), expected);
    assert.deepStrictEqual(checkSidecar(revive(parsed), context), expected);
  });
});
