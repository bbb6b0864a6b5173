// package.json and src/extension/constants.ts name the same commands, settings and views.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Settings, Views } from '../../../src/extension/constants';

interface Manifest {
  contributes: {
    commands: { command: string; title?: string }[];
    configuration: { properties: Record<string, unknown> };
    views: Record<string, { id: string }[]>;
    keybindings: { command: string }[];
    menus: Record<string, { command?: string }[]>;
    configurationDefaults: Record<string, unknown>;
    viewsWelcome: { view: string; contents: string; when: string }[];
    walkthroughs: {
      id: string;
      steps: { id: string; description: string; media: { image?: string; markdown?: string }; completionEvents: string[] }[];
    }[];
  };
  activationEvents: string[];
}

const root = join(__dirname, '..', '..', '..', '..');
const rawManifest = readFileSync(join(root, 'package.json'), 'utf8');
/** The manifest's user-facing strings live in package.nls.json (English), as `%key%` in package.json. */
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const placeholders = [...rawManifest.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]!);
/** The manifest as VS Code shows it: every placeholder replaced by its English text. */
const manifest = JSON.parse(rawManifest, (_key, value: unknown) =>
  (typeof value === 'string' && /^%[^%]+%$/.test(value) ? nls[value.slice(1, -1)] ?? value : value)) as Manifest;

/** The extension's own commands in `command:` links of a text. */
function linkedCommands(text: string): string[] {
  return [...text.matchAll(/\(command:(sourceAnnotator\.[A-Za-z.]+)/g)].map((match) => match[1]!);
}

describe('extension manifest', () => {
  it('has an English text in package.nls.json for every placeholder, and no unused text', () => {
    assert.ok(placeholders.length > 50, `${placeholders.length} placeholders`);
    assert.deepEqual(placeholders.filter((key) => typeof nls[key] !== 'string'), []);
    assert.deepEqual(Object.keys(nls).filter((key) => !placeholders.includes(key)), []);
    assert.equal(manifest.contributes.commands.find((c) => c.command === 'sourceAnnotator.validateCorpus')?.title, 'Validate Corpus');
  });

  it('leaves no user-facing text of the contributions in package.json itself', () => {
    const contributes = (JSON.parse(rawManifest) as { contributes: Record<string, unknown> }).contributes;
    const literal: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (typeof value === 'string') {
        if (/\.(title|shortTitle|category|name|contextualTitle|description|markdownDescription|contents|label|altText)$/.test(path) && !/^%[^%]+%$/.test(value)) literal.push(`${path}: ${value}`);
      } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`));
      else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`);
    };
    visit(contributes, 'contributes');
    assert.deepEqual(literal.filter((entry) => !entry.startsWith('contributes.languages')), []);
  });

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

  it('activates where there is a corpus or when the view opens, not on any .txt', () => {
    assert.deepEqual(manifest.activationEvents, [
      'workspaceContains:**/entities.yaml',
      'workspaceContains:**/*.annotations.yaml',
      'onView:sourceAnnotator.articles',
    ]);
  });

  it('adds the sidecar nesting pattern to the defaults (merged with VS Code\'s and the user\'s)', () => {
    assert.deepEqual(manifest.contributes.configurationDefaults, {
      'explorer.fileNesting.patterns': { '*.txt': '${capture}.txt.annotations.yaml' },
    });
  });

  it('has a walkthrough of five steps, each with a declared command, a picture that exists and a completion event', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.ok(walkthrough);
    assert.deepEqual(walkthrough.steps.map((step) => step.id), ['openSample', 'annotate', 'hover', 'addFact', 'validate']);
    for (const step of walkthrough.steps) {
      const commands = linkedCommands(step.description);
      assert.ok(commands.length > 0 || step.description.includes('(command:editor.action.showHover)'), `${step.id} has a command button`);
      for (const command of commands) assert.ok(declared.has(command), `${step.id}: ${command}`);
      assert.ok(step.media.image && existsSync(join(root, step.media.image)), `${step.id}: ${step.media.image}`);
      assert.ok(step.completionEvents.length > 0, step.id);
    }
  });

  it('links only declared commands from the welcome views', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const welcome of manifest.contributes.viewsWelcome) {
      for (const command of linkedCommands(welcome.contents)) assert.ok(declared.has(command), command);
    }
    assert.ok(manifest.contributes.viewsWelcome.some((w) => (w.when ?? '').includes('!sourceAnnotator.hasCorpus') && w.contents.includes('command:sourceAnnotator.createRegistry')));
  });
});
