// Small texts shared by the unit tests.
import { parseRegistry, RegistryIndex } from '../../src/core/format/registry';

export const ARTICLE = 'Presiden Rusia Vladimir Putin tiba di Pyongyang 😀 pada 19 Juni 2024.';

export const REGISTRY_YAML = `version: 1
labels:
  PER: { name: Person, color: "#e0a030" }
  LOC: { name: Place, color: "#30a060" }
  DATE: { name: Date, color: "#a060c0" }
entities:
  - id: vladimir-putin
    label: PER
    name: Vladimir Putin
    aliases: [Putin, Presiden Rusia Vladimir Putin]
    wikidata: Q7747
  - id: pyongyang
    label: LOC
    name: Pyongyang
`;

export function registryIndex(): RegistryIndex {
  const parsed = parseRegistry('entities.yaml', REGISTRY_YAML);
  if (!parsed.registry) throw new Error('fixture registry does not parse');
  return new RegistryIndex('entities.yaml', parsed.registry);
}

/** A valid sidecar for ARTICLE; 58–70 is "19 Juni 2024" after the emoji (one code point). */
export const SIDECAR_YAML = `# Checked by Alice; ask her before relabelling.
version: 1
source:
  file: article.txt
  title: Putin di Pyongyang
annotations:
  - id: a1
    label: PER
    start: 15
    end: 29
    text: Vladimir Putin
    entity: vladimir-putin   # linked by hand
    author: alice
    created: 2026-11-21T10:00:00Z
    status: accepted
  - id: a2
    label: LOC
    start: 38
    end: 47
    text: Pyongyang
    entity: pyongyang
    status: proposed
  - id: a3
    label: DATE
    start: 55
    end: 67
    text: 19 Juni 2024
facts:
  - id: f1
    subject: vladimir-putin
    property: visited
    value: Pyongyang
    start: 15
    end: 47
    text: Vladimir Putin tiba di Pyongyang
`;
