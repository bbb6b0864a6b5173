import * as assert from 'node:assert/strict';
import { entityChoices } from '../../../src/core/annotating/entityChoices';
import type { Entity } from '../../../src/core/model/types';

const ENTITIES: readonly Entity[] = [
  { id: 'kim-jong-un', label: 'PER', name: 'Kim Jong Un', aliases: ['Kim'] },
  { id: 'moon-jae-in', label: 'PER', name: 'Moon Jae-in', aliases: [] },
  { id: 'kim-yo-jong', label: 'PER', name: 'Kim Yo Jong', aliases: ['KIM'] },
  { id: 'kim-il-sung-square', label: 'LOC', name: 'Kim', aliases: [] },
];

describe('entity choices (link to an entity)', () => {
  it('offers the entities of the label, those named like the selection first (ignoring case), in registry order', () => {
    assert.deepEqual(entityChoices(ENTITIES, 'PER', 'kim').map((e) => e.id), ['kim-jong-un', 'kim-yo-jong', 'moon-jae-in']);
  });

  it('keeps registry order when no name matches, and offers nothing for a label without entities', () => {
    assert.deepEqual(entityChoices(ENTITIES, 'PER', 'Putin').map((e) => e.id), ['kim-jong-un', 'moon-jae-in', 'kim-yo-jong']);
    assert.deepEqual(entityChoices(ENTITIES, 'ORG', 'Kim'), []);
  });
});
