// User-facing strings of the extension go through vscode.l10n.t, and l10n/bundle.l10n.json (the
// English bundle translators start from, package.json `l10n`) lists exactly those strings.
// `npm run l10n` regenerates it with @vscode/l10n-dev, the tool VS Code's own l10n docs use.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

function extensionSources(dir = join(root, 'src', 'extension')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? extensionSources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

describe('localisation (vscode.l10n)', function () {
  this.timeout(60_000);

  it('the committed bundle lists exactly the strings the code passes to vscode.l10n.t', () => {
    const out = mkdtempSync(join(tmpdir(), 'l10n-'));
    try {
      const cli = join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '-o', out, join(root, 'src', 'extension')], { stdio: 'pipe' });
      const fresh = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      assert.ok(Object.keys(fresh).length > 100, `${Object.keys(fresh).length} strings`);
      assert.deepEqual(committed, fresh, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('shows no message, picker title, prompt or placeholder written as a bare string', () => {
    const bare: string[] = [];
    for (const file of extensionSources()) {
      readFileSync(file, 'utf8').split('\n').forEach((raw, index) => {
        // A template of data alone (`${name} · ${property}`) has no words to translate.
        const line = raw.replace(/\$\{[^}]*\}/g, '');
        const message = /show(?:Information|Warning|Error)Message\(\s*(['"`])/.exec(line);
        const option = /\b(?:title|placeHolder|prompt|tooltip):\s*(['"`])[^'"`]*[A-Za-z]{2}/.exec(line);
        if (message || option) bare.push(`${file.slice(root.length + 1)}:${index + 1}: ${raw.trim()}`);
      });
    }
    assert.deepEqual(bare, []);
  });

  it('passes no English phrase to the UI outside vscode.l10n.t (tree items, hovers, buttons, panel titles)', () => {
    // A literal that reads as a phrase: a capitalised word and more words. Errors thrown for
    // programmers, the log channel and the product's name are English on purpose.
    const phrase = /['"`][*_]*[A-Z][a-z]+ [a-z(]+/;
    const exempt = /^\s*(?:\/\/|\*|\/\*)|l10n\.t\(|\bthrow\b|Error\(|reportError\(|\blog\.|^\s*import\b|'Source Annotator'/;
    const found: string[] = [];
    for (const file of extensionSources()) {
      readFileSync(file, 'utf8').split('\n').forEach((raw, index) => {
        const line = raw.replace(/\$\{[^}]*\}/g, '');
        if (!exempt.test(line) && phrase.test(line)) found.push(`${file.slice(root.length + 1)}:${index + 1}: ${raw.trim()}`);
      });
    }
    assert.deepEqual(found, []);
  });
});
