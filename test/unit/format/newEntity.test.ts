import * as assert from 'node:assert/strict';
import { isEntityId } from '../../../src/core/format/registry';
import { entityFromSelection, entityIdFor } from '../../../src/core/format/registryWriter';

describe('new entities (from a selection)', () => {
  it('accepts lowercase slugs in any script and refuses the rest', () => {
    for (const id of ['vladimir-putin', 'kim_jong.un', '2024-summit', 'пхеньян', '김정은', '平壤']) assert.equal(isEntityId(id), true, id);
    for (const id of ['', 'Vladimir-Putin', '-putin', 'kim jong un', 'putin!', '.hidden']) assert.equal(isEntityId(id), false, id);
  });

  it('makes a slug that is not taken', () => {
    assert.equal(entityIdFor('Kim Jong Un', new Set()), 'kim-jong-un');
    assert.equal(entityIdFor('Kim Jong Un', new Set(['kim-jong-un', 'kim-jong-un-2'])), 'kim-jong-un-3');
    assert.equal(entityIdFor('André Müller', new Set()), 'andre-muller');
  });

  it('keeps the selection as an alias when it differs from the canonical name, its white space collapsed', () => {
    assert.deepEqual(entityFromSelection('vladimir-putin', 'PER', ' Vladimir Putin ', 'Presiden\r\nPutin'),
      { id: 'vladimir-putin', label: 'PER', name: 'Vladimir Putin', aliases: ['Presiden Putin'] });
    assert.deepEqual(entityFromSelection('pyongyang', 'LOC', 'Pyongyang', ' Pyongyang\n'),
      { id: 'pyongyang', label: 'LOC', name: 'Pyongyang', aliases: [] });
  });
});
