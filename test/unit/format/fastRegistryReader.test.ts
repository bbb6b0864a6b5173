// The fast registry reader must return exactly what parseRegistry returns, or undefined (and the
// caller falls back). Checked on the seed registry, on the benchmark's generated layout, on
// registries our writer produces from random data, and on each construct it leaves to `yaml`.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readRegistryFast } from '../../../src/core/format/fastRegistryReader';
import { parseRegistry } from '../../../src/core/format/registry';
import { addLabels, newRegistryText, upsertEntity } from '../../../src/core/format/registryWriter';
import type { Entity } from '../../../src/core/model/types';
import { makeEntities, registryYaml } from '../../bench/corpus';
import { REGISTRY_YAML } from '../fixtures';
import { seededRandom as random } from '../../shared/seededRandom';

const FILE = 'mem:///corpus/entities.yaml';

/** Either the same ParsedRegistry as parseRegistry, or undefined. Returns whether it read it. */
function agrees(text: string): boolean {
  const fast = readRegistryFast(FILE, text);
  if (fast === undefined) return false;
  assert.deepStrictEqual(fast, parseRegistry(FILE, text), `fast reader differs on:\n${text}`);
  return true;
}

describe('fast registry reader', () => {
  it('reads the seed registry (comments between entities, flow labels and aliases, reference facts) as parseRegistry does', () => {
    const text = readFileSync(join(__dirname, '../../../../seeds/entities.yaml'), 'utf8');
    assert.ok(agrees(text));
    const fast = readRegistryFast(FILE, text)!;
    assert.deepEqual(fast.registry!.labels.map((label) => label.id), ['PER', 'ORG', 'LOC', 'DATE', 'EVENT']);
    assert.deepEqual(fast.registry!.entities[1], {
      id: 'kim-jong-un', label: 'PER', name: 'Kim Jong Un', aliases: ['Kim Jong-un', 'Kim'], description: 'Supreme Leader of North Korea', wikidata: 'Q56226',
      facts: fast.registry!.entities[1]!.facts,
    });
    // Line 41 of the file (0-based 40), after the `- `; it ends after its last fact's line, before the comment that follows.
    assert.deepEqual(fast.entityLocations['vladimir-putin'], { start: { line: 40, column: 4 }, end: { line: 51, column: 0 } });
  });

  it('reads the benchmark layout (quoted names and aliases, CJK) as parseRegistry does', function () {
    this.timeout(30_000);
    const entities = makeEntities().slice(0, 600);
    const text = registryYaml(entities);
    assert.ok(agrees(text));
    assert.deepEqual(readRegistryFast(FILE, text)!.registry!.entities.map((entity) => entity.aliases), entities.map((entity) => entity.aliases));
  });

  it('gives the entity positions with UTF-16 columns and line ends as the yaml parser does', () => {
    const text = 'version: 1\nlabels:\n  PER: { name: Person, color: "#e0a030" }\nentities:\n  - id: 평양\n    label: PER\n    name: "😀 é\u0301"\n    aliases: [ "👍🏽", e\u0301, 😀 ]\n  - id: b\n    label: PER\n    name: B';
    assert.ok(agrees(text));
    assert.deepEqual(readRegistryFast(FILE, text)!.entityLocations['평양'], { start: { line: 4, column: 4 }, end: { line: 8, column: 0 } });
    assert.deepEqual(readRegistryFast(FILE, text)!.entityLocations['b'], { start: { line: 8, column: 4 }, end: { line: 10, column: 11 } });
  });

  it('reads the fixture, a new registry, an empty entity list and integers where strings are expected', () => {
    assert.ok(agrees(REGISTRY_YAML));
    assert.ok(agrees(newRegistryText()));
    assert.deepEqual(readRegistryFast(FILE, newRegistryText())!.registry!.entities, []);
    assert.ok(agrees('version: 1\nlabels:\n  PER: { name: 7, color: "#e0a030" }\n'));
    const numbers = 'version: 1\nlabels:\n  PER: {name: P, color: \'#e0a030\'}\nentities:\n  - id: 7\n    label: PER\n    name: 2024\n    aliases: [12, \'it\'\'s\', "a\\"b"]\n    facts: []\n';
    assert.ok(agrees(numbers));
    assert.deepEqual(readRegistryFast(FILE, numbers)!.registry!.entities[0], { id: '7', label: 'PER', name: '2024', aliases: ['12', "it's", 'a"b'] });
  });

  const HEAD = 'version: 1\nlabels:\n  PER: { name: Person, color: "#e0a030" }\nentities:\n';
  const ENTITY = '  - id: a\n    label: PER\n    name: Ann\n    aliases: [A, "Ann B"]\n';
  const FALLBACKS: Record<string, string> = {
    'a trailing comment': HEAD + ENTITY.replace('name: Ann', 'name: Ann # she'),
    'a comment after a flow list': HEAD + ENTITY.replace('"Ann B"]', '"Ann B"] # x'),
    'an anchor and an alias': HEAD + ENTITY.replace('name: Ann', 'name: &n Ann') + '  - id: b\n    label: PER\n    name: *n\n',
    'a tag': HEAD + ENTITY.replace('name: Ann', 'name: !!str Ann'),
    'a block scalar': HEAD + ENTITY.replace('name: Ann', 'name: |\n      Ann'),
    'a multi-line plain scalar': HEAD + ENTITY.replace('name: Ann', 'name: Ann\n      Smith'),
    'a multi-line double-quoted scalar': HEAD + ENTITY.replace('name: Ann', 'name: "Ann\n      Smith"'),
    'a flow list over two lines': HEAD + ENTITY.replace('[A, "Ann B"]', '[A,\n      "Ann B"]'),
    'a block list of aliases': HEAD + ENTITY.replace('aliases: [A, "Ann B"]', 'aliases:\n      - A'),
    'a flow list holding a list': HEAD + ENTITY.replace('[A, "Ann B"]', '[[A], B]'),
    'a key inside a flow list': HEAD + ENTITY.replace('[A, "Ann B"]', '[a: b]'),
    'a trailing comma': HEAD + ENTITY.replace('[A, "Ann B"]', '[A, ]'),
    'an unknown escape': HEAD + ENTITY.replace('"Ann B"', '"Ann\\qB"'),
    'CRLF line ends': (HEAD + ENTITY).replace(/\n/g, '\r\n'),
    'a tab': HEAD + ENTITY.replace('name: Ann', 'name:\tAnn'),
    'a BOM': '\ufeff' + HEAD + ENTITY,
    'a document marker': '---\n' + HEAD + ENTITY,
    'an unknown key': HEAD + ENTITY.replace('name: Ann', 'name: Ann\n    born: 1990'),
    'an unknown top-level key': 'note: hi\n' + HEAD + ENTITY,
    'a duplicate key': HEAD + ENTITY.replace('name: Ann', 'name: Ann\n    name: Bo'),
    'a duplicate label': HEAD.replace('entities:', '  PER: { name: P, color: "#e0a030" }\nentities:') + ENTITY,
    'a null': HEAD + ENTITY.replace('name: Ann', 'name: Ann\n    description: null'),
    'an empty value': HEAD + ENTITY.replace('name: Ann', 'name: Ann\n    description:'),
    'a boolean': HEAD + ENTITY.replace('name: Ann', 'name: true'),
    'a float': HEAD + ENTITY.replace('name: Ann', 'name: 1.5'),
    'a label key that is null to YAML': HEAD.replace('PER:', 'Null:') + ENTITY.replace('label: PER', 'label: "Null"'),
    'a label as a block mapping': HEAD.replace('  PER: { name: Person, color: "#e0a030" }', '  PER:\n    name: Person\n    color: "#e0a030"') + ENTITY,
    'a bad colour': HEAD.replace('#e0a030', 'orange') + ENTITY,
    'a label without a name': HEAD.replace('name: Person, ', '') + ENTITY,
    'an unknown label': HEAD + ENTITY.replace('label: PER', 'label: GPE'),
    'a bad entity id': HEAD + ENTITY.replace('id: a', 'id: Ann B'),
    'a duplicate entity id': HEAD + ENTITY + ENTITY,
    'a bad Wikidata id': HEAD + ENTITY + '    wikidata: 7747\n',
    'a missing name': HEAD + ENTITY.replace('    name: Ann\n', ''),
    'an incomplete reference fact': HEAD + ENTITY + '    facts:\n      - property: born\n        value: "1990"\n',
    'another version': HEAD.replace('version: 1', 'version: 2') + ENTITY,
    'no labels': 'version: 1\nentities:\n' + ENTITY,
    'entities before labels': 'version: 1\nentities: []\nlabels:\n  PER: { name: Person, color: "#e0a030" }\n',
    'a list at its key\'s column': HEAD + ENTITY.replace(/^ {2}/gm, ''),
    'extra spaces after the dash': HEAD + ENTITY.replace('  - id: a\n', '  -   id: a\n').replace(/^ {4}(?=\w)/gm, '      '),
    'an empty file': '',
    'a list at the top': '- a\n',
  };
  for (const [what, text] of Object.entries(FALLBACKS)) {
    it(`leaves ${what} to the yaml parser`, () => {
      assert.equal(readRegistryFast(FILE, text), undefined);
      assert.ok(parseRegistry(FILE, text), 'the fallback reads it');
    });
  }

  it('agrees with parseRegistry on random registries our writer produces', function () {
    this.timeout(30_000); // 300 writes and `yaml` parses: seconds on a loaded machine
    const plain = fc.constantFrom('Putin', 'Kim Jong Un', 'Đà Nẵng', '金正恩', 'الرئيس', 'e\u0301te\u0301', '👩‍👩‍👧 family');
    const awkward = fc.constantFrom('a: b', 'x #y', '#tag', '- item', '[list]', '{map}', 'a,b', '*ref', '&a', '!t', "it's", 'say "hi"',
      'back\\slash', ' lead', 'trail ', '', '7', '007', '1.5', 'true', 'yes', 'null', '~', '2024-06-19', 'ends:', '%p', '@at', '`t`',
      'line\nbreak', 'tab\there', '\u2028sep', 'x'.repeat(120));
    const text = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: awkward });
    const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
    const entity = (id: string): fc.Arbitrary<Entity> => fc.record({
      label: fc.constantFrom('PER', 'LOC', 'NEW'), name: text, aliases: fc.array(text, { maxLength: 3 }),
      description: optional(text), wikidata: optional(fc.constantFrom('Q7747', 'Q1')),
      facts: optional(fc.array(fc.record({ property: fc.constantFrom('title', 'born'), value: text, source: text, url: optional(fc.constantFrom('https://example.org/a')) })
        .map(({ url, ...fact }) => (url === undefined ? fact : { ...fact, url })), { minLength: 1, maxLength: 2 })),
    }).map((fields) => {
      const result: Record<string, unknown> = { id, label: fields.label, name: fields.name, aliases: fields.aliases };
      for (const key of ['description', 'wikidata'] as const) if (fields[key] !== undefined) result[key] = fields[key];
      if (fields.facts !== undefined) result['facts'] = fields.facts;
      return result as unknown as Entity;
    });
    const registry = fc.nat({ max: 6 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => entity(`e${i}`))));
    let read = 0;
    let runs = 0;
    fc.assert(fc.property(registry, fc.boolean(), (entities, withNewLabel) => {
      let yaml = newRegistryText();
      if (withNewLabel) yaml = addLabels(FILE, yaml, [{ id: 'NEW', name: 'New label', color: '#20a0a0' }]);
      for (const item of entities) yaml = upsertEntity(FILE, yaml, item);
      runs++;
      if (agrees(yaml)) read++;
    }), { numRuns: 300, seed: 12 });
    // The reader must really read most of what the writer writes (not give up on everything).
    assert.ok(read > runs / 3, `read ${read} of ${runs}`);
  });

  it('reads every registry the writer produces from plain names', () => {
    let yaml = addLabels(FILE, newRegistryText(), [{ id: 'NEW', name: 'New', color: '#20a0a0' }]);
    const names = ['Vladimir Putin', 'Kim Jong Un', 'Đà Nẵng', '金正恩', 'e\u0301te\u0301 👍🏽'];
    names.forEach((name, i) => {
      yaml = upsertEntity(FILE, yaml, {
        id: `e${i}`, label: 'PER', name, aliases: names.slice(0, i), ...(i % 2 ? { description: name, wikidata: `Q${i + 1}` } : {}),
        ...(i === 0 ? { facts: [{ property: 'title', value: 'Presiden', source: 'Wikidata', url: 'https://example.org/q' }] } : {}),
      });
      assert.ok(agrees(yaml), yaml);
    });
    // An update in place keeps the layout readable.
    yaml = upsertEntity(FILE, yaml, { id: 'e1', label: 'NEW', name: 'Renamed', aliases: ['R'] });
    assert.ok(agrees(yaml), yaml);
  });

  it('on a thousand random corruptions of the seed registry, agrees or gives up', function () {
    this.timeout(30_000);
    const seed = readFileSync(join(__dirname, '../../../../seeds/entities.yaml'), 'utf8');
    const next = random(2024);
    const pieces = [' ', '  ', '\n', '#', ':', ': ', '-', '- ', ',', '[', ']', '{', '}', '"', "'", '\\', '&a ', '*a', '!', '|', '>', '\t', 'null', 'true', '7', '~', 'Q', 'PER', 'x'];
    let read = 0;
    const runs = 1000;
    for (let run = 0; run < runs; run++) {
      let text = seed;
      for (let edit = 1 + Math.floor(next() * 2); edit > 0; edit--) {
        const at = Math.floor(next() * text.length);
        const kind = next();
        if (kind < 0.4) text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)]! + text.slice(at);
        else if (kind < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
        else {
          const lines = text.split('\n');
          const line = Math.floor(next() * lines.length);
          lines.splice(line, 0, lines[Math.floor(next() * lines.length)]!);
          text = lines.join('\n');
        }
      }
      if (agrees(text)) read++;
    }
    // Most small edits (inside comments, names, descriptions) leave a registry it still reads.
    assert.ok(read > runs / 4 && read < runs, `read ${read} of ${runs}`);
  });
});
