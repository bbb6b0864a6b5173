import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { readRegistryFast } from '../../../src/core/format/fastRegistryReader';
import { parseRegistry } from '../../../src/core/format/registry';
import { readRegistryRemembered, spliceEntity, spliceLabels, spliceNewEntities } from '../../../src/core/format/registrySplice';
import { addLabels, addLabelsInDocument, upsertEntity, upsertEntityInDocument } from '../../../src/core/format/registryWriter';
import { NotWritableError } from '../../../src/core/format/sidecarWriter';
import type { Entity, Label } from '../../../src/core/model/types';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

const FILE = 'mem:///corpus/entities.yaml';
const SEED = readFileSync(join(__dirname, '../../../../seeds/entities.yaml'), 'utf8');
const HEAD = 'version: 1\nlabels:\n  PER: { name: Person, color: "#e0a030" }\n  LOC: { name: Place, color: "#30a060" }\nentities:\n';

/** A registry in our layout, its entities written as `registryYaml` writes them. */
function registry(entities: readonly string[], { head = HEAD, spaced = false } = {}): string {
  return head + entities.join(spaced ? '\n' : '');
}
const A = '  - id: a\n    label: PER\n    name: "Ali \u0639\u0644\u064a\u0651"\n    aliases: [\u0639\u0644\u064a, "A. Ali"]\n';
const B = '  - id: b\n    label: LOC\n    name: \u5e73\u58e4\n    aliases: [\u5e73\u58e4\u5e02]\n    description: "capital: north"\n    wikidata: Q18808\n';
const C = '  - id: c\n    label: PER\n    name: "\ud83d\udc4d\ud83c\udffd e\u0301te\u0301"\n';

const NEW_ENTITIES: readonly Entity[] = [
  { id: 'kim-yo-jong', label: 'PER', name: 'Kim Yo Jong', aliases: ['Kim', '\uae40\uc5ec\uc815'] },
  { id: 'arab', label: 'LOC', name: '\u0627\u0644\u0642\u0627\u0647\u0631\u0629', aliases: [], description: 'Cairo, "the victorious"' },
  { id: 'emoji', label: 'PER', name: '\ud83d\ude00 e\u0301', aliases: ['\ud83d\udc4d\ud83c\udffd', 'e\u0301'], wikidata: 'Q7' },
  // Strings a YAML 1.1 reader would misread, flow indicators, a comment marker, leading space.
  { id: 'yes', label: 'PER', name: 'No', aliases: ['1:30', 'Kim, Jong Un', '2024-06-19', '# not a comment', ' edge', 'a: b', '[x]'] },
  { id: 'controls', label: 'PER', name: 'line\nbreak\ttab\u2028sep\u0000nul\u202eRTL', aliases: ["it's", '"quoted"', '\\back'] },
];

describe('registry splice', () => {
  describe('an entity appended: byte for byte the general writer\'s in-style append', () => {
    const files: Record<string, string> = {
      'the seed registry (comments between entities, reference facts)': SEED,
      'Arabic, CJK, emoji and combining marks': registry([A, B, C]),
      'a blank line between entities': registry([A, B, C], { spaced: true }),
      'comments between and after the entities': registry([A, '  # places\n', B, '    # about b\n', C, '# the end\n']),
      'a four-space list': registry([A, B].map((item) => item.replace(/^ {2}/gm, '    '))),
      'CRLF line ends': registry([A, B, C]).replaceAll('\n', '\r\n'),
      'a BOM': `\ufeff${registry([A, B])}`,
    };
    for (const [name, text] of Object.entries(files)) {
      it(name, () => {
        for (const entity of NEW_ENTITIES) {
          const spliced = spliceEntity(FILE, text, entity);
          assert.notEqual(spliced, undefined, `declined ${entity.id}`);
          assert.equal(spliced, upsertEntityInDocument(FILE, text, entity));
        }
      });
    }

    for (const [name, text] of Object.entries(files)) {
      it(`${name}: many new entities in one splice, as one splice after another`, () => {
        const oneByOne = NEW_ENTITIES.reduce<string>((current, entity) => spliceEntity(FILE, current, entity)!, text);
        const together = spliceNewEntities(FILE, text, NEW_ENTITIES);
        assert.equal(together, oneByOne);
        // The parse it remembers for the store's read-back is the one a fresh read gives.
        if (!text.startsWith('\ufeff') && !text.includes('\r')) assert.deepStrictEqual(readRegistryRemembered(FILE, together!), parseRegistry(FILE, together!));
      });
    }

    it('declines new entities when one of them has an id the registry has, or two share one', () => {
      const text = registry([A, B]);
      assert.equal(spliceNewEntities(FILE, text, [NEW_ENTITIES[0]!, { id: 'b', label: 'PER', name: 'B', aliases: [] }]), undefined);
      assert.equal(spliceNewEntities(FILE, text, [NEW_ENTITIES[0]!, NEW_ENTITIES[0]!]), undefined);
    });

    it('writes the lines expected, quoting what YAML 1.1 would misread', () => {
      const text = registry([A, B]);
      assert.equal(spliceEntity(FILE, text, NEW_ENTITIES[3]!), `${text}  - id: "yes"\n    label: PER\n    name: "No"\n    aliases: ["1:30", "Kim, Jong Un", "2024-06-19", "# not a comment", " edge", "a: b", "[x]"]\n`);
      assert.equal(spliceEntity(FILE, text, NEW_ENTITIES[4]!), `${text}  - id: controls\n    label: PER\n    name: "line\\nbreak\\ttab\\u2028sep\\u0000nul\\u202eRTL"\n    aliases: [it's, "\\"quoted\\"", \\back]\n`);
      const crlf = text.replaceAll('\n', '\r\n');
      assert.equal(spliceEntity(FILE, crlf, NEW_ENTITIES[0]!), `${crlf}  - id: kim-yo-jong\r\n    label: PER\r\n    name: Kim Yo Jong\r\n    aliases: [Kim, \uae40\uc5ec\uc815]\r\n`);
    });

    it('appends reference facts in the seed\'s layout, dates quoted (the general writer reformats the file and leaves them plain)', () => {
      const text = registry([A, '  # after a\n', B], { spaced: true });
      const out = spliceEntity(FILE, text, {
        id: 'sergei-shoigu', label: 'PER', name: 'Sergei Shoigu', aliases: ['Shoigu'],
        facts: [{ property: 'born', value: '1955-05-21', source: 'Wikidata', url: 'https://example.org/q?a=1#b' }, { property: 'title', value: 'yes', source: 'x' }],
      });
      assert.equal(out, `${text}\n  - id: sergei-shoigu\n    label: PER\n    name: Sergei Shoigu\n    aliases: [Shoigu]\n    facts:\n`
        + '      - property: born\n        value: "1955-05-21"\n        source: Wikidata\n        url: https://example.org/q?a=1#b\n'
        + '      - property: title\n        value: "yes"\n        source: x\n');
      assert.deepEqual(parseRegistry(FILE, out!).registry!.entities[2]!.facts![1], { property: 'title', value: 'yes', source: 'x' });
    });
  });

  describe('an entity changed in place: only the lines of the fields that changed', () => {
    const item = '  - id: a\n    label: PER\n    name: "Ali"\n    # checked by hand\n    aliases: [x]\n    wikidata: Q1\n';

    it('rewrites a changed field, inserts a new one before the next in order, removes an emptied one, keeps the rest byte for byte', () => {
      const text = registry([item, B]);
      const out = spliceEntity(FILE, text, { id: 'a', label: 'PER', name: 'Ali', aliases: ['x', 'yes'], description: '\u0639\u0644\u064a\u0651 \ud83d\udc4d\ud83c\udffd' });
      assert.equal(out, registry(['  - id: a\n    label: PER\n    name: "Ali"\n    # checked by hand\n    aliases: [x, "yes"]\n    description: \u0639\u0644\u064a\u0651 \ud83d\udc4d\ud83c\udffd\n', B]));
      const again = spliceEntity(FILE, out!, { id: 'a', label: 'LOC', name: 'Ali', aliases: [] });
      assert.equal(again, registry(['  - id: a\n    label: LOC\n    name: "Ali"\n    # checked by hand\n', B]));
    });

    it('adds facts at the end of the entity and changes them as a block', () => {
      const text = registry([A, B]);
      const out = spliceEntity(FILE, text, { id: 'a', label: 'PER', name: 'Ali \u0639\u0644\u064a\u0651', aliases: ['\u0639\u0644\u064a', 'A. Ali'], facts: [{ property: 'p', value: 'v', source: 's' }] });
      assert.equal(out, registry([`${A}    facts:\n      - property: p\n        value: v\n        source: s\n`, B]));
      const changed = spliceEntity(FILE, out!, { id: 'a', label: 'PER', name: 'Ali \u0639\u0644\u064a\u0651', aliases: ['\u0639\u0644\u064a', 'A. Ali'], facts: [{ property: 'p', value: '2', source: 's' }] });
      assert.equal(changed, registry([`${A}    facts:\n      - property: p\n        value: "2"\n        source: s\n`, B]));
    });

    it('changes nothing when nothing changed, and keeps CRLF and a BOM', () => {
      const text = `\ufeff${registry([A, B]).replaceAll('\n', '\r\n')}`;
      assert.equal(spliceEntity(FILE, text, { id: 'b', label: 'LOC', name: '\u5e73\u58e4', aliases: ['\u5e73\u58e4\u5e02'], description: 'capital: north', wikidata: 'Q18808' }), text);
      assert.equal(spliceEntity(FILE, text, { id: 'b', label: 'LOC', name: '\u5e73\u58e4', aliases: [] }),
        `\ufeff${registry([A, '  - id: b\n    label: LOC\n    name: \u5e73\u58e4\n'])}`.replaceAll('\n', '\r\n'));
    });

    it('declines what it cannot do in place: emptying the field on the `- ` line, a changed field with comments among its lines', () => {
      const aliasFirst = registry(['  - aliases: [x]\n    id: a\n    label: PER\n    name: A\n']);
      assert.equal(spliceEntity(FILE, aliasFirst, { id: 'a', label: 'PER', name: 'A', aliases: [] }), undefined);
      const commentedFacts = registry(['  - id: a\n    label: PER\n    name: A\n    facts:\n      - property: p\n        # why\n        value: v\n        source: s\n']);
      assert.equal(spliceEntity(FILE, commentedFacts, { id: 'a', label: 'PER', name: 'A', aliases: [], facts: [{ property: 'p', value: 'w', source: 's' }] }), undefined);
      assert.equal(spliceEntity(FILE, commentedFacts, { id: 'a', label: 'PER', name: 'B', aliases: [], facts: [{ property: 'p', value: 'v', source: 's' }] }),
        commentedFacts.replace('name: A', 'name: B'));
    });
  });

  describe('labels added', () => {
    it('appends the labels the file lacks after its last label, in its indentation', () => {
      const labels: Label[] = [{ id: 'PER', name: 'Other', color: '#000000' }, { id: 'NEW', name: 'yes', color: '#20a0a0' }, { id: 'ORG_2', name: '\u7d44\u7e54, Org', color: '#3080e0' }];
      const out = spliceLabels(FILE, SEED, labels);
      assert.equal(out, SEED.replace('  EVENT: { name: Event, color: "#c04040" }\n',
        '  EVENT: { name: Event, color: "#c04040" }\n  NEW: { name: "yes", color: "#20a0a0" }\n  ORG_2: { name: "\u7d44\u7e54, Org", color: "#3080e0" }\n'));
      assert.equal(addLabels(FILE, out!, labels), out, 'nothing more to add');
      assert.deepEqual(parseRegistry(FILE, out!).registry!.labels.slice(5), labels.slice(1));
    });

    it('goes to the general writer for a label id that is not a plain key or a colour the reader would refuse', () => {
      assert.equal(spliceLabels(FILE, SEED, [{ id: 'true', name: 'T', color: '#000000' }]), undefined);
      assert.equal(spliceLabels(FILE, SEED, [{ id: 'NEW', name: 'T', color: 'red' }]), undefined);
      assert.equal(addLabels(FILE, SEED, [{ id: 'true', name: 'T', color: '#000000' }]), addLabelsInDocument(FILE, SEED, [{ id: 'true', name: 'T', color: '#000000' }]));
    });
  });

  describe('fallbacks to the general writer', () => {
    const cases: Record<string, string> = {
      'an unknown layout (block label mappings)': 'version: 1\nlabels:\n  PER:\n    name: Person\n    color: "#e0a030"\nentities:\n' + A,
      'the version after the entities': `${registry([A, B], { head: HEAD.replace('version: 1\n', '') })}version: 1\n`,
      'a tab': registry([A.replace('    label: PER', '    label:\tPER')]),
      'anchors and aliases': registry([A.replace('label: PER', 'label: &l PER'), B.replace('label: LOC', 'label: *l')]),
      'duplicate ids': registry([A, A]),
      'a block alias list': registry(['  - id: a\n    label: PER\n    name: A\n    aliases:\n      - x\n      - y\n', B]),
      'a list at the key\'s column': registry([A.replace(/^ {2}/gm, '')]),
      'a lone CR': registry([A, B]).replace('label: PER\n', 'label: PER\r'),
      'mixed line ends': registry([A, B]).replace('label: PER\n', 'label: PER\r\n'),
      'no line break at the end': registry([A, B]).slice(0, -1),
      'an empty entity list': `${HEAD.replace('entities:\n', 'entities: []\n')}`,
      'an unknown label': registry([A.replace('label: PER', 'label: ORG')]),
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, () => {
        const entity: Entity = { id: 'z', label: 'PER', name: 'Z', aliases: ['zz'] };
        assert.equal(spliceEntity(FILE, text, entity), undefined);
        assert.deepEqual(outcome(() => upsertEntity(FILE, text, entity)), outcome(() => upsertEntityInDocument(FILE, text, entity)));
      });
    }

    it('the general writer quotes what YAML 1.1 would misread in a changed or new entity, its facts and a new label', () => {
      const hand = 'version: 1\nlabels:\n  PER:\n    name: Person\n    color: "#e0a030"\nentities:\n  - id: a\n    label: PER\n    name: A\n';
      let out = upsertEntity(FILE, hand, { id: 'a', label: 'PER', name: 'on', aliases: ['yes', '1:30'], description: '2024-06-19', facts: [{ property: 'born', value: '1955-05-21', source: 'no' }] });
      out = upsertEntity(FILE, out, { id: 'b', label: 'PER', name: 'off', aliases: ['y'], facts: [{ property: 'n', value: '0x1F', source: 'null' }] });
      out = addLabels(FILE, out, [{ id: 'NEW', name: 'no', color: '#20a0a0' }]);
      assert.equal(out, 'version: 1\nlabels:\n  PER:\n    name: Person\n    color: "#e0a030"\n  NEW: { name: "no", color: "#20a0a0" }\nentities:\n'
        + '  - id: a\n    label: PER\n    name: "on"\n    aliases: [ "yes", "1:30" ]\n    description: "2024-06-19"\n    facts:\n      - property: born\n        value: "1955-05-21"\n        source: "no"\n'
        + '  - id: b\n    label: PER\n    name: "off"\n    aliases: [ "y" ]\n    facts:\n      - property: "n"\n        value: "0x1F"\n        source: "null"\n');
    });

    it('declines an entity the reader would not read back as written (an invalid id, an unknown label)', () => {
      const text = registry([A, B]);
      assert.equal(spliceEntity(FILE, text, { id: 'Not A Slug', label: 'PER', name: 'x', aliases: [] }), undefined);
      assert.equal(spliceEntity(FILE, text, { id: 'x', label: 'ORG', name: 'x', aliases: [] }), undefined);
    });

    it('refuses a registry with problems with its reason, through the store without changing the file', async () => {
      const broken = registry([A, '  - id: [b\n']);
      assert.throws(() => upsertEntity(FILE, broken, { id: 'z', label: 'PER', name: 'Z', aliases: [] }), NotWritableError);
      const host = new MemoryCorpusHost();
      const uri = host.put('entities.yaml', broken);
      const before = host.files.get(uri);
      const store = new CorpusStore(host);
      await store.load();
      await assert.rejects(store.updateRegistry(uri, (current) => upsertEntity(uri, current!, { id: 'z', label: 'PER', name: 'Z', aliases: [] })), /not valid YAML/);
      assert.equal(host.files.get(uri), before);
      assert.deepEqual(host.writes, []);
      store.dispose();
    });
  });

  it('through the store: the file gets the spliced bytes and the store\'s registry the entity, from the remembered parse', async () => {
    const host = new MemoryCorpusHost();
    const text = registry([A, B]);
    const uri = host.put('entities.yaml', text);
    const store = new CorpusStore(host);
    await store.load();
    const entity = NEW_ENTITIES[2]!;
    await store.updateRegistry(uri, (current) => upsertEntity(uri, current!, entity));
    const written = host.text(uri)!;
    assert.equal(written, `${text}  - id: emoji\n    label: PER\n    name: \ud83d\ude00 e\u0301\n    aliases: [\ud83d\udc4d\ud83c\udffd, e\u0301]\n    wikidata: Q7\n`);
    assert.deepEqual(store.registryFor('mem:///corpus/x.txt')!.entities.get('emoji'), { id: 'emoji', label: 'PER', name: '\ud83d\ude00 e\u0301', aliases: ['\ud83d\udc4d\ud83c\udffd', 'e\u0301'], wikidata: 'Q7' });
    // The registry the store holds is the splice's remembered parse (no read-back parse), exactly what the reader reads.
    assert.equal(store.registryFor('mem:///corpus/x.txt')!.registry, readRegistryRemembered(uri, written)!.registry);
    assert.deepStrictEqual(readRegistryRemembered(uri, written), parseRegistry(uri, written));
    store.dispose();
  });

  it('through the store: a registry with a BOM keeps it', async () => {
    const host = new MemoryCorpusHost();
    const uri = host.put('entities.yaml', `\ufeff${registry([A])}`);
    const store = new CorpusStore(host);
    await store.load();
    await store.updateRegistry(uri, (current) => upsertEntity(uri, current!, { id: 'z', label: 'PER', name: 'Z', aliases: [] }));
    assert.deepEqual([...host.files.get(uri)!.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(host.text(uri), `${registry([A])}  - id: z\n    label: PER\n    name: Z\n`, 'the BOM once, before the text (the decoder drops it)');
    store.dispose();
  });

  describe('property: the splice gives the registry with the change, every other line unchanged', () => {
    // Strings from scripts, marks, emoji and YAML's awkward cases (no line breaks: those are escaped and checked apart).
    const piece = fc.constantFrom('Ali', '\u0639\u0644\u064a\u0651', '\u91d1\u6b63\u6069', '\ud83d\udc4d\ud83c\udffd', 'e\u0301', 'yes', '1:30', '2024-06-19', '#', ': ', ', ', '[', '"', "'", ' ', 'null', '7', '\\', '\u2028', '\t');
    const text = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    const entityArb = (id: string) => fc.record({
      label: fc.constantFrom('PER', 'LOC'),
      name: text,
      aliases: fc.array(text, { maxLength: 3 }),
      description: fc.option(text, { nil: undefined }),
      wikidata: fc.option(fc.constantFrom('Q1', 'Q7747'), { nil: undefined }),
      facts: fc.option(fc.array(fc.record({ property: fc.constantFrom('title', 'born'), value: text, source: text }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    }).map((fields): Entity => {
      // fast-check's records have no prototype; the readers' objects do.
      if (fields.facts) fields.facts = fields.facts.map((fact) => ({ ...fact }));
      const entity: Record<string, unknown> = { id, label: fields.label, name: fields.name, aliases: fields.aliases };
      for (const key of ['description', 'wikidata', 'facts'] as const) if (fields[key] !== undefined) entity[key] = fields[key];
      return entity as unknown as Entity;
    });
    const file = fc.record({
      entities: fc.integer({ min: 1, max: 5 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => entityArb(`e${i}`)))),
      comments: fc.array(fc.nat({ max: 5 }), { maxLength: 2 }),
      spaced: fc.boolean(),
      lineEnds: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
    });

    /** A registry our writer wrote (appends from a new registry), with comment lines put between entities. */
    function build(entities: readonly Entity[], comments: readonly number[], spaced: boolean): string {
      let yaml = HEAD.replace('entities:\n', 'entities: []\n');
      entities.forEach((entity, i) => {
        const next = upsertEntity(FILE, yaml, entity);
        yaml = i === 1 && spaced ? next.replace(/\n {2}- id: e1\n/, '\n\n  - id: e1\n') : next;
        if (comments.includes(i)) yaml += '  # a comment between entities\n';
      });
      return yaml;
    }

    /** The one stretch of `before`'s lines [from, to) that `after` replaces: the rest is their common first and last lines. */
    function changedStretch(before: string, after: string): { from: number; to: number } {
      const old = before.split('\n');
      const now = after.split('\n');
      let prefix = 0;
      while (prefix < old.length && prefix < now.length && old[prefix] === now[prefix]) prefix++;
      let suffix = 0;
      while (suffix < old.length - prefix && suffix < now.length - prefix && old[old.length - 1 - suffix] === now[now.length - 1 - suffix]) suffix++;
      return { from: prefix, to: old.length - suffix };
    }

    it('on random registries and random appends, changes and labels', function () {
      this.timeout(120_000);
      let spliced = 0;
      let runs = 0;
      fc.assert(fc.property(file, fc.nat(), entityArb('added'), fc.constantFrom('append', 'change', 'label'), ({ entities, comments, spaced, lineEnds, bom }, pick, fresh, operation) => {
        const lf = build(entities, comments, spaced);
        const before = (bom ? '\ufeff' : '') + lf.replaceAll('\n', lineEnds);
        const parsed = parseRegistry(FILE, lf);
        fc.pre(parsed.diagnostics.length === 0 && readRegistryFast(FILE, lf) !== undefined);
        runs++;
        const target = entities[pick % entities.length]!;
        const changed: Entity = { ...fresh, id: target.id };
        const label: Label = { id: 'NEW', name: fresh.name, color: '#20a0a0' };
        const after = operation === 'label' ? spliceLabels(FILE, before, [label]) : spliceEntity(FILE, before, operation === 'append' ? fresh : changed);
        if (after === undefined) return;
        spliced++;
        assert.equal(after.startsWith('\ufeff'), bom);
        const afterLf = after.replace(/^\ufeff/, '');
        if (lineEnds === '\r\n') assert.equal(afterLf.replaceAll('\r\n', '').includes('\n'), false, 'CRLF throughout');
        const result = parseRegistry(FILE, afterLf);
        assert.deepEqual(result.diagnostics, []);
        const expectedEntities = operation === 'append' ? [...parsed.registry!.entities, fresh]
          : operation === 'change' ? parsed.registry!.entities.map((entity) => (entity.id === target.id ? changed : entity)) : parsed.registry!.entities;
        const expectedLabels = operation === 'label' ? [...parsed.registry!.labels, label] : parsed.registry!.labels;
        assert.deepEqual(result.registry, { version: 1, labels: expectedLabels, entities: expectedEntities });
        const beforeLf = before.replace(/^\ufeff/, '').replaceAll('\r\n', '\n');
        const normalised = afterLf.replaceAll('\r\n', '\n');
        // The remembered parse of the new text is exactly what the readers read.
        if (!bom && lineEnds === '\n') assert.deepStrictEqual(readRegistryRemembered(FILE, normalised), result);
        assert.deepStrictEqual(readRegistryFast(FILE, normalised), result);
        const stretch = changedStretch(beforeLf, normalised);
        if (operation === 'change') {
          const location = parsed.entityLocations[target.id]!;
          assert.ok(stretch.from >= location.start.line && stretch.to <= location.end.line, `lines ${stretch.from}..${stretch.to} changed, outside the entity's ${location.start.line}..${location.end.line}`);
        } else {
          assert.ok(stretch.to <= stretch.from, `an insertion replaced lines ${stretch.from}..${stretch.to}`);
        }
      }), { numRuns: 400, seed: 42 });
      assert.ok(spliced > runs * 0.8, `spliced ${spliced} of ${runs}`);
    });
  });
});


/** What a write gives: its text, or the error it throws. */
function outcome(write: () => string): { text: string } | { error: string } {
  try {
    return { text: write() };
  } catch (error) {
    return { error: String(error) };
  }
}
