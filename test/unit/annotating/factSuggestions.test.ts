import * as assert from 'node:assert/strict';
import { propertyChoices, subjectChoices, suggestedFactValue } from '../../../src/core/annotating/factSuggestions';
import type { Entity } from '../../../src/core/model/types';

const ENTITIES: readonly Entity[] = [
  { id: 'kim-jong-un', label: 'PER', name: 'Kim Jong Un', aliases: [] },
  { id: 'pyongyang', label: 'LOC', name: 'Pyongyang', aliases: [] },
  { id: 'vladimir-putin', label: 'PER', name: 'Vladimir Putin', aliases: [] },
];

describe('fact suggestions (Add Fact)', () => {
  describe('suggestedFactValue', () => {
    it('offers the ISO form of the first date in the evidence', () => {
      assert.equal(suggestedFactValue('tiba pada 19 Juni 2024 dan pulang 20 Juni 2024'), '2024-06-19');
      assert.equal(suggestedFactValue('19 Juni 2024'), '2024-06-19');
    });

    it('offers the first number of a phrase longer than 20 code points', () => {
      assert.equal(suggestedFactValue('kunjungan pertama dalam 24 tahun terakhir'), '24');
      assert.equal(suggestedFactValue('inflasi naik menjadi 3,5 persen tahun ini'), '3,5');
    });

    it('keeps short evidence as written, white space collapsed and trimmed', () => {
      assert.equal(suggestedFactValue('24 tahun'), '24 tahun');
      assert.equal(suggestedFactValue('  Moskow\r\n  Rusia '), 'Moskow Rusia');
    });

    it('counts code points, not UTF-16 units, for the phrase length', () => {
      // 11 emoji + " 5 x" = 15 code points (26 UTF-16 units): short, kept as written.
      const evidence = '😀😀😀😀😀😀😀😀😀😀😀 5 x';
      assert.equal(suggestedFactValue(evidence), evidence);
    });
  });

  describe('subjectChoices', () => {
    it('puts entities annotated in the evidence first, each group in registry order', () => {
      const annotations = [
        { start: 0, end: 14, entity: 'vladimir-putin' },
        { start: 30, end: 39, entity: 'pyongyang' },
        { start: 50, end: 60, entity: 'kim-jong-un' },
      ];
      const choices = subjectChoices(annotations, ENTITIES, 10, 40);
      assert.deepEqual(choices.map((c) => [c.entity.id, c.inEvidence]), [
        ['pyongyang', true], ['vladimir-putin', true], ['kim-jong-un', false],
      ]);
    });

    it('ignores orphaned annotations, annotations without an entity and ones that only touch the evidence', () => {
      const annotations = [
        { start: 10, end: 20, entity: 'vladimir-putin', orphaned: true },
        { start: 10, end: 20 },
        { start: 0, end: 10, entity: 'pyongyang' },
        { start: 20, end: 25, entity: 'kim-jong-un' },
      ];
      assert.deepEqual(subjectChoices(annotations, ENTITIES, 10, 20).map((c) => c.inEvidence), [false, false, false]);
    });
  });

  describe('propertyChoices', () => {
    it('offers what is stated about the subject first, then the corpus’s other properties, each once', () => {
      const choices = propertyChoices(['age', 'next-destination', 'age'], ['visited', 'age', 'born', 'visited']);
      assert.deepEqual(choices, [
        { property: 'age', statedAboutSubject: true },
        { property: 'next-destination', statedAboutSubject: true },
        { property: 'visited', statedAboutSubject: false },
        { property: 'born', statedAboutSubject: false },
      ]);
    });
  });
});
