import * as assert from 'node:assert/strict';
import type { DiagnosticCode } from '../../../src/core/model/diagnostics';
import { parseRegistry } from '../../../src/core/format/registry';
import { REGISTRY_YAML } from '../fixtures';

function codes(yaml: string): DiagnosticCode[] {
  return parseRegistry('entities.yaml', yaml).diagnostics.map((d) => d.code);
}

describe('registry (entities.yaml)', () => {
  it('reads labels in display order and entities with aliases', () => {
    const parsed = parseRegistry('entities.yaml', REGISTRY_YAML);
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.registry!.labels.map((l) => l.id), ['PER', 'LOC', 'DATE']);
    assert.deepEqual(parsed.registry!.entities[0], {
      id: 'vladimir-putin', label: 'PER', name: 'Vladimir Putin', aliases: ['Putin', 'Presiden Rusia Vladimir Putin'], wikidata: 'Q7747',
    });
    assert.equal(parsed.entityLocations['pyongyang']!.start.line, 11);
  });

  it('reports each problem with its line', () => {
    assert.deepEqual(codes(REGISTRY_YAML.replace('version: 1', 'version: 9')), ['unknown-version']);
    assert.deepEqual(codes(REGISTRY_YAML.replace('id: pyongyang', 'id: vladimir-putin')), ['duplicate-id']);
    assert.deepEqual(codes(REGISTRY_YAML.replace('label: LOC\n    name: Pyongyang', 'label: GPE\n    name: Pyongyang')), ['unknown-label']);
    assert.deepEqual(codes(REGISTRY_YAML.replace('"#e0a030"', '"orange"')), ['invalid-value']);
    assert.deepEqual(codes(REGISTRY_YAML.replace('wikidata: Q7747', 'wikidata: 7747')), ['invalid-value']);
    assert.deepEqual(codes(REGISTRY_YAML.replace('id: pyongyang', 'id: Pyong Yang')), ['invalid-value']);
    assert.deepEqual(codes(REGISTRY_YAML.replace('    name: Pyongyang\n', '')), ['missing-field']);
    assert.deepEqual(codes(REGISTRY_YAML.replace('aliases: [Putin,', 'aliases: [[Putin],')), ['wrong-type']);
    const duplicate = parseRegistry('entities.yaml', REGISTRY_YAML.replace('id: pyongyang', 'id: vladimir-putin'));
    assert.equal(duplicate.diagnostics[0]!.start.line, 11);
  });

  it('accepts non-Latin entity ids', () => {
    assert.deepEqual(codes(REGISTRY_YAML.replace('id: pyongyang', 'id: 평양')), []);
  });
});

describe('registry reference facts', () => {
  it('reads facts from a reference source under an entity, and reports incomplete ones', () => {
    const yaml = REGISTRY_YAML.replace('    wikidata: Q7747\n', '    wikidata: Q7747\n    facts:\n      - property: office\n        value: President of Russia\n        source: Wikidata\n        url: https://www.wikidata.org/wiki/Q7747\n      - property: born\n        source: Wikidata\n');
    const parsed = parseRegistry('entities.yaml', yaml);
    assert.deepEqual(parsed.registry!.entities[0]!.facts, [{ property: 'office', value: 'President of Russia', source: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7747' }]);
    assert.deepEqual(parsed.diagnostics.map((d) => [d.code, d.start.line]), [['missing-field', 16]]);
  });
});
