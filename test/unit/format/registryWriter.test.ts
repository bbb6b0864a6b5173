import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistry } from '../../../src/core/format/registry';
import { upsertEntity } from '../../../src/core/format/registryWriter';

const seeds = join(__dirname, '..', '..', '..', '..', 'seeds');

describe('registry writer', () => {
  it('appends an entity with reference facts to a registry of block-list entities, keeping the rest', () => {
    // The in-style append declines nested values; it used to throw on them (value.trim is not a function).
    const before = readFileSync(join(seeds, 'entities.yaml'), 'utf8');
    const after = upsertEntity('entities.yaml', before, {
      id: 'sergei-shoigu', label: 'PER', name: 'Sergei Shoigu', aliases: ['Shoigu'],
      facts: [{ property: 'born', value: '1955-05-21', source: 'Wikidata' }],
    });
    const parsed = parseRegistry('entities.yaml', after);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
    const added = parsed.registry!.entities.find((e) => e.id === 'sergei-shoigu')!;
    assert.deepEqual(added.facts, [{ property: 'born', value: '1955-05-21', source: 'Wikidata' }]);
    assert.ok(after.startsWith(before.slice(0, before.indexOf('entities:'))), 'the labels and everything above the entities unchanged');
    assert.equal(parsed.registry!.entities.length, parseRegistry('entities.yaml', before).registry!.entities.length + 1);
  });
});
