import * as assert from 'node:assert/strict';
import {
  addAnnotations, addFact, annotationsAt, newItemId, otherOccurrences, propertyName, reattach, removeAnnotation, removeFact, timestamp, updateAnnotation,
} from '../../../src/core/annotating/annotationOps';
import { OffsetMap } from '../../../src/core/text/offsets';
import type { Sidecar } from '../../../src/core/model/types';

const TEXT = '😀 Putin bertemu Kim. Putin tiba di Pyongyang; putin? Putinisme bukan Putin.';
const map = new OffsetMap(TEXT);
const empty: Sidecar = { version: 1, source: { file: 'a.txt' }, annotations: [], facts: [] };
const by = { author: 'rani', created: '2026-11-22T10:00:00Z' };

describe('annotation operations', () => {
  it('adds annotations with code point offsets, quotes, author and a proposed status', () => {
    const { sidecar, added } = addAnnotations(empty, [{ label: 'PER', start: 2, end: 7, entity: 'vladimir-putin' }], map, by);
    assert.deepEqual(added[0], {
      id: added[0]!.id, label: 'PER', start: 2, end: 7, text: 'Putin', prefix: '😀 ', suffix: ' bertemu Kim. Putin tiba di Pyon',
      entity: 'vladimir-putin', author: 'rani', created: '2026-11-22T10:00:00Z', status: 'proposed',
    });
    assert.equal(sidecar.annotations.length, 1);
  });

  it('makes ids that are unique and not sequential', () => {
    const values = [0.1, 0.1, 0.7];
    const id = newItemId({ ...empty, annotations: [{ id: newItemId(empty, 'a', () => 0.1), label: 'X', start: 0, end: 1, text: 'x' }] }, 'a', () => values.shift()!);
    assert.notEqual(id, newItemId(empty, 'a', () => 0.1));
    assert.match(id, /^a[0-9a-z]{6}$/);
  });

  it('updates, removes and re-attaches', () => {
    const { sidecar, added } = addAnnotations(empty, [{ label: 'PER', start: 2, end: 7 }], map, by);
    const id = added[0]!.id;
    const relabelled = updateAnnotation(sidecar, id, { label: 'ORG', note: 'party', entity: undefined });
    assert.deepEqual([relabelled.annotations[0]!.label, relabelled.annotations[0]!.note, 'entity' in relabelled.annotations[0]!], ['ORG', 'party', false]);
    const orphaned = updateAnnotation(sidecar, id, { orphaned: true });
    const placed = reattach(orphaned, id, 21, 26, map);
    assert.deepEqual([placed.annotations[0]!.start, placed.annotations[0]!.text, placed.annotations[0]!.orphaned], [21, 'Putin', undefined]);
    assert.equal(removeAnnotation(sidecar, id).annotations.length, 0);
  });

  it('finds annotations at a cursor, innermost first', () => {
    const { sidecar } = addAnnotations(empty, [{ label: 'EVENT', start: 2, end: 20 }, { label: 'PER', start: 2, end: 7 }], map, by);
    assert.deepEqual(annotationsAt(sidecar, 4).map((a) => a.label), ['PER', 'EVENT']);
    assert.deepEqual(annotationsAt(sidecar, 10).map((a) => a.label), ['EVENT']);
    assert.deepEqual(annotationsAt(sidecar, 30), []);
  });

  it('finds other occurrences on word boundaries, case-aware, skipping annotated ones', () => {
    const { sidecar } = addAnnotations(empty, [{ label: 'PER', start: 2, end: 7 }], map, by);
    const found = otherOccurrences(TEXT, 'Putin', 'PER', sidecar.annotations);
    assert.deepEqual(found.map((s) => map.slice(s.start, s.end)), ['Putin', 'Putin']);
    assert.deepEqual(found.map((s) => s.start), [21, 69]); // not "putin" (lower case) nor "Putinisme"
  });

  it('adds and removes facts with their evidence', () => {
    const { sidecar, added } = addFact(empty, { subject: 'vladimir-putin', property: 'visited', value: 'pyongyang', start: 21, end: 44 }, map, by);
    assert.equal(added.text, 'Putin tiba di Pyongyang');
    assert.match(added.id, /^f/);
    assert.equal(removeFact(sidecar, added.id).facts.length, 0);
  });

  it('names properties and timestamps the way the format writes them', () => {
    assert.equal(propertyName('  Next Destination '), 'next-destination');
    assert.equal(propertyName('Tanggal kunjungan'), 'tanggal-kunjungan');
    assert.equal(timestamp(new Date('2026-11-22T10:00:00.123Z')), '2026-11-22T10:00:00Z');
  });
});
