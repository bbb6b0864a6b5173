import * as assert from 'node:assert/strict';
import { EntityMatcher } from '../../../src/core/annotating/matcher';
import { computeSuggestions, suggestedSpans, suggestionsTouching, type Suggestion } from '../../../src/core/annotating/suggestions';
import { DATE_LABEL } from '../../../src/core/annotating/mentions';
import type { Entity } from '../../../src/core/model/types';

const ENTITIES: readonly Entity[] = [
  { id: 'vladimir-putin', label: 'PER', name: 'Vladimir Putin', aliases: ['Putin'] },
  { id: 'kim-jong-un', label: 'PER', name: 'Kim Jong Un', aliases: ['Kim'] },
  { id: 'kim-yo-jong', label: 'PER', name: 'Kim Yo Jong', aliases: ['Kim'] },
  { id: 'pyongyang', label: 'LOC', name: 'Pyongyang', aliases: [] },
];
const matcher = EntityMatcher.fromEntities(ENTITIES);

function registry(labels: readonly string[]): { entities: ReadonlyMap<string, Entity>; labels: ReadonlyMap<string, unknown> } {
  return { entities: new Map(ENTITIES.map((e) => [e.id, e])), labels: new Map(labels.map((l) => [l, { id: l }])) };
}

// Code points: 😀 0, Putin 2–7, Kim 16–19, Pyongyang 23–32, "19 Juni 2024" 38–50.
const TEXT = '😀 Putin bertemu Kim di Pyongyang pada 19 Juni 2024.';

function brief(suggestions: readonly Suggestion[]): string[] {
  return suggestions.map((s) => `${s.start}-${s.end} ${s.text} ${s.label} ${s.entityId ?? s.iso}`);
}

describe('suggestions (pre-annotation)', () => {
  it('suggests every candidate entity of a mention and dates, in code points after an emoji', () => {
    const found = computeSuggestions(TEXT, [], matcher, registry(['PER', 'LOC', DATE_LABEL]));
    assert.deepEqual(brief(found), [
      '2-7 Putin PER vladimir-putin',
      '16-19 Kim PER kim-jong-un',
      '16-19 Kim PER kim-yo-jong',
      '23-32 Pyongyang LOC pyongyang',
      '38-50 19 Juni 2024 DATE 2024-06-19',
    ]);
    assert.equal(found[0]!.entityName, 'Vladimir Putin');
    assert.equal(found[2]!.entityName, 'Kim Yo Jong');
    assert.equal(found[4]!.entityName, undefined);
  });

  it('suggests no dates when the registry has no DATE label', () => {
    const found = computeSuggestions(TEXT, [], matcher, registry(['PER', 'LOC']));
    assert.deepEqual(found.map((s) => s.text), ['Putin', 'Kim', 'Kim', 'Pyongyang']);
  });

  it('hides what overlaps a placed annotation, whatever its status; an orphaned one hides nothing', () => {
    const annotations = [
      { start: 23, end: 32, status: 'rejected' }, // Pyongyang, rejected before: not offered again
      { start: 45, end: 50 }, // "2024" of the date
      { start: 2, end: 7, orphaned: true },
    ];
    const found = computeSuggestions(TEXT, annotations, matcher, registry(['PER', 'LOC', DATE_LABEL]));
    assert.deepEqual(found.map((s) => `${s.start}-${s.end}`), ['2-7', '16-19', '16-19']);
  });

  it('keeps the entity id when the registry no longer has the entity (the matcher is older), without a name', () => {
    const stale = { entities: new Map<string, Entity>(), labels: new Map<string, unknown>() };
    const found = computeSuggestions('Pyongyang', [], matcher, stale);
    assert.deepEqual(found, [{ start: 0, end: 9, text: 'Pyongyang', label: 'LOC', entityId: 'pyongyang' }]);
  });

  it('sorts by start, the longer suggestion first at the same start', () => {
    const nested = EntityMatcher.fromEntities([{ id: 'kim', label: 'PER', name: 'Kim', aliases: [] }]);
    const text = 'Kim tiba 19 Juni 2024';
    const found = computeSuggestions(text, [], nested, { entities: new Map(), labels: new Map([[DATE_LABEL, {}]]) });
    assert.deepEqual(found.map((s) => `${s.start}-${s.end}`), ['0-3', '9-21']);
  });

  it('finds the suggestions touching a cursor or a selection, ends included', () => {
    const found = computeSuggestions(TEXT, [], matcher, registry(['PER', 'LOC', DATE_LABEL]));
    assert.deepEqual(suggestionsTouching(found, 19, 19).map((s) => s.entityId), ['kim-jong-un', 'kim-yo-jong']);
    assert.deepEqual(suggestionsTouching(found, 8, 15), []);
    assert.deepEqual(suggestionsTouching(found, 6, 24).map((s) => s.text), ['Putin', 'Kim', 'Kim', 'Pyongyang']);
  });

  it('underlines each suggested span once, however many candidates it has', () => {
    const found = computeSuggestions(TEXT, [], matcher, registry(['PER', 'LOC']));
    assert.deepEqual(suggestedSpans(found), [{ start: 2, end: 7 }, { start: 16, end: 19 }, { start: 23, end: 32 }]);
  });
});
