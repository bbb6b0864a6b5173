import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistry } from '../../../src/core/format/registry';
import { upsertEntities, upsertEntitiesInDocument, upsertEntity } from '../../../src/core/format/registryWriter';
import { NotWritableError } from '../../../src/core/format/sidecarWriter';
import type { Entity } from '../../../src/core/model/types';

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

  describe('many entities at once (an import)', () => {
    const FILE = 'mem:///corpus/entities.yaml';
    // A hand-edited registry the splice declines (comments on entity lines), with a blank line
    // between entities, CRLF line ends and no line end after the last one.
    const HAND = 'version: 1\r\nlabels:\r\n  PER: { name: Person, color: "#e0a030" }\r\nentities:\r\n'
      + '  - id: a  # first\r\n    label: PER\r\n    name: "Ali \u0639\u0644\u064a\u0651"\r\n    aliases: []\r\n\r\n'
      + '  - id: b\r\n    label: PER\r\n    name: B  # checked\r\n    aliases: ["\ud83d\udc4d\ud83c\udffd"]';
    const fresh: readonly Entity[] = [
      { id: 'c', label: 'PER', name: 'e\u0301te\u0301', aliases: ['yes', '1:30'] },
      { id: 'd', label: 'PER', name: 'D', aliases: [], wikidata: 'Q1' },
      { id: 'e', label: 'PER', name: '\u5e73\u58e4', aliases: ['# not a comment'] },
    ];
    const oneByOne = (text: string, entities: readonly Entity[]) => entities.reduce((current, entity) => upsertEntity(FILE, current, entity), text);

    it('appends new entities to a hand-edited file byte for byte as one upsert after another would', () => {
      assert.equal(upsertEntities(FILE, HAND, fresh), oneByOne(HAND, fresh));
      assert.equal(upsertEntitiesInDocument(FILE, HAND, fresh), oneByOne(HAND, fresh));
      // Their lines only, in the file's layout (CRLF, a blank line between entities, the line end
      // the last entity lacked), quoting what YAML 1.1 would misread.
      const out = upsertEntities(FILE, HAND, fresh);
      assert.equal(out.slice(0, HAND.length), HAND);
      assert.equal(out.slice(HAND.length), '\r\n\r\n  - id: c\r\n    label: PER\r\n    name: \u00e9t\u00e9\r\n    aliases: ["yes", "1:30"]\r\n'
        .replace('\u00e9t\u00e9', 'e\u0301te\u0301')
        + '\r\n  - id: d\r\n    label: PER\r\n    name: D\r\n    wikidata: Q1\r\n'
        + '\r\n  - id: e\r\n    label: PER\r\n    name: \u5e73\u58e4\r\n    aliases: ["# not a comment"]\r\n');
    });

    it('appends to a registry of our own layout as one upsert after another would', () => {
      const ours = readFileSync(join(seeds, 'entities.yaml'), 'utf8');
      assert.equal(upsertEntities(FILE, ours, fresh), oneByOne(ours, fresh));
    });

    it('changes existing entities in place, and a later upsert of an id wins, as one by one', () => {
      const mixed: Entity[] = [
        { id: 'b', label: 'PER', name: 'Bee', aliases: ['B'] },
        fresh[0]!,
        { id: 'c', label: 'PER', name: 'Cee', aliases: [] },
        { id: 'f', label: 'PER', name: 'F', aliases: [], facts: [{ property: 'born', value: '1955-05-21', source: 'Wikidata' }] },
      ];
      const entities = (text: string) => parseRegistry(FILE, text).registry!.entities;
      const batch = upsertEntities(FILE, HAND, mixed);
      assert.deepEqual(entities(batch), entities(oneByOne(HAND, mixed)));
      assert.deepEqual(entities(batch).map((e) => [e.id, e.name]), [['a', 'Ali \u0639\u0644\u064a\u0651'], ['b', 'Bee'], ['c', 'Cee'], ['f', 'F']]);
      assert.ok(batch.includes('# first'), 'comments kept');
    });

    it('refuses a registry that does not parse', () => {
      assert.throws(() => upsertEntities(FILE, 'version: 1\nentities: [\n', fresh), (error: unknown) => error instanceof NotWritableError && /not valid YAML/.test(error.message));
    });

    it('gives the text back unchanged for no entities', () => {
      assert.equal(upsertEntities(FILE, HAND, []), HAND);
    });
  });
});
