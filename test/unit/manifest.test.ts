// package.json and src/extension/constants.ts name the same commands, settings and views.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Settings, Views } from '../../src/extension/constants';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
    views: Record<string, { id: string }[]>;
    keybindings: { command: string }[];
    menus: Record<string, { command?: string }[]>;
  };
  activationEvents: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('extension manifest', () => {
  it('declares every command the code registers, and nothing else', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(Commands).sort());
  });

  it('references only declared commands in menus and keybindings', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    const used = [...manifest.contributes.keybindings, ...Object.values(manifest.contributes.menus).flat()]
      .map((entry) => entry.command).filter((c): c is string => c !== undefined);
    for (const command of used) assert.ok(declared.has(command), command);
  });

  it('declares every setting the code reads', () => {
    const properties = Object.keys(manifest.contributes.configuration.properties);
    for (const [key, name] of Object.entries(Settings)) {
      if (key === 'section') continue;
      assert.ok(properties.includes(`${Settings.section}.${name}`), name);
    }
  });

  it('declares the Articles view', () => {
    assert.ok(Object.values(manifest.contributes.views).flat().some((v) => v.id === Views.articles));
  });
});
