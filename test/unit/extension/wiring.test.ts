// The wiring in one place each (issue 9): the command table's composition rule, commands
// registered only by main.ts's loop, settings read only through configuration.ts, and every
// context key read by a `when` clause.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { composeCommandTable, type CommandContribution, type CommandId } from '../../../src/extension/commandTable';
import { ContextKeys, Settings } from '../../../src/extension/constants';
import { SETTING_KINDS } from '../../../src/extension/settingKinds';

const root = join(__dirname, '..', '..', '..', '..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, { type: string; default?: unknown }> } };
};
const declared = manifest.contributes.commands.map((c) => c.command);

/** A handler per declared command, spread over two contributions as features do. */
function fullContributions(): CommandContribution[] {
  const handlers = declared.map((id) => [id, () => id] as const);
  const half = Math.floor(handlers.length / 2);
  return [Object.fromEntries(handlers.slice(0, half)), Object.fromEntries(handlers.slice(half))] as CommandContribution[];
}

function extensionSources(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) found.push({ file: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(join(root, 'src', 'extension'));
  return found;
}

describe('command table', () => {
  it('holds a handler for every command package.json declares, and nothing else', () => {
    const table = composeCommandTable(...fullContributions());
    assert.deepEqual(Object.keys(table).sort(), [...declared].sort());
    assert.equal(table['sourceAnnotator.validateCorpus'](), 'sourceAnnotator.validateCorpus');
    assert.equal(Object.keys(table).length, 48);
  });

  it('refuses a table with a declared command missing', () => {
    const [first, second] = fullContributions();
    const { ['sourceAnnotator.review.reveal']: _dropped, ...rest } = { ...first, ...second };
    assert.throws(() => composeCommandTable(rest), /sourceAnnotator\.review\.reveal has no handler/);
  });

  it('refuses a command contributed twice', () => {
    const twice: CommandContribution = { ['sourceAnnotator.reloadCorpus']: () => 'again' };
    assert.throws(() => composeCommandTable(...fullContributions(), twice), /sourceAnnotator\.reloadCorpus is contributed twice/);
  });

  it('refuses a command that is not declared', () => {
    const stray = { ['sourceAnnotator.notACommand' as CommandId]: () => 'stray' };
    assert.throws(() => composeCommandTable(...fullContributions(), stray), /sourceAnnotator\.notACommand is not a declared command/);
  });

  it('is registered in one place: main.ts is the only caller of registerCommand', () => {
    const callers = extensionSources().filter(({ text }) => /\bregisterCommand\(/.test(text)).map(({ file }) => file);
    assert.deepEqual(callers, ['src/extension/main.ts']);
  });
});

describe('settings and context keys', () => {
  it('reads the settings only through configuration.ts (defaults stay in package.json)', () => {
    const readers = extensionSources()
      .filter(({ text }) => /getConfiguration\((Settings\.section|'sourceAnnotator')\)/.test(text))
      .map(({ file }) => file);
    assert.deepEqual(readers, ['src/extension/configuration.ts']);
  });

  it('types every setting as package.json does, which holds its default', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const [key, kind] of Object.entries(SETTING_KINDS)) {
      const declaredSetting = properties[`${Settings.section}.${Settings[key as keyof typeof SETTING_KINDS]}`];
      assert.ok(declaredSetting, key);
      assert.equal(declaredSetting.type, kind, key);
      assert.equal(typeof declaredSetting.default, kind, `${key} has a default of its type`);
    }
    assert.equal(Object.keys(SETTING_KINDS).length, Object.keys(properties).length);
  });

  it('registers no language feature for every file', () => {
    const everywhere = extensionSources().filter(({ text }) => /pattern: '\*\*'/.test(text)).map(({ file }) => file);
    assert.deepEqual(everywhere, []);
  });

  it('sets context keys only through contextKeys.ts', () => {
    const setters = extensionSources().filter(({ text }) => text.includes("'setContext'")).map(({ file }) => file);
    assert.deepEqual(setters, ['src/extension/contextKeys.ts']);
  });

  it('sets only keys that package.json reads in a when clause or a completion event', () => {
    // Every `when` clause and `onContext:` completion event anywhere in the manifest.
    const conditions: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'when' && typeof inner === 'string') conditions.push(inner);
          else if (key === 'completionEvents' && Array.isArray(inner)) conditions.push(...inner.filter((e: string) => e.startsWith('onContext:')));
          else walk(inner);
        }
      }
    };
    walk(manifest);
    const reads = new Set(conditions.flatMap((condition) => [...condition.matchAll(/sourceAnnotator\.[A-Za-z]+/g)].map((m) => m[0])));
    for (const key of Object.values(ContextKeys)) assert.ok(reads.has(key), `${key} is set but never read`);
    assert.deepEqual(Object.values(ContextKeys).sort(), [
      'sourceAnnotator.articleFilterActive', 'sourceAnnotator.canRedoAnnotation', 'sourceAnnotator.canUndoAnnotation',
      'sourceAnnotator.hasCorpus', 'sourceAnnotator.inAnnotation', 'sourceAnnotator.isArticle', 'sourceAnnotator.loading',
      'sourceAnnotator.reviewingBranch',
    ]);
  });
});
