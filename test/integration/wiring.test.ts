// The wiring (issue 9): every declared command is registered by the one table, the public API
// is narrow and versioned, and a changed article glob takes effect (the store reads the corpus
// again, the watcher follows the new glob). Files of this suite are in wiring-suite/ and
// wiring-glob/, removed afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, SuiteFiles, waitFor, writeText } from './helpers';

const files = new SuiteFiles('wiring-suite');
const globFiles = new SuiteFiles('wiring-glob');

const declaredCommands = (): string[] =>
  (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } })
    .contributes.commands.map((c) => c.command).sort();

describe('wiring', () => {
  after(async () => {
    await files.removeAll();
    await globFiles.removeAll();
  });

  it('registers every command package.json declares, through the one table', async () => {
    const api = await extensionApi();
    const declared = declaredCommands();
    assert.equal(declared.length, 48);
    assert.deepEqual([...api.registeredCommands].sort(), declared);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  it('returns a versioned public API whose values are copies', async () => {
    const api = await extensionApi();
    assert.equal(api.apiVersion, 1);
    const article = files.uri('wiring-api.txt');
    await writeText(article, 'Vladimir Putin tiba di Pyongyang.\n');
    await waitFor('wiring-api.txt in the corpus', () => (api.articleUris().includes(article.toString()) ? true : undefined));
    const changed = new Promise<readonly string[]>((resolve) => {
      const subscription = api.onDidChangeCorpus((change) => {
        if (change.articles.includes(article.toString())) { subscription.dispose(); resolve(change.articles); }
      });
    });
    await api.sidecars.update(article, (sidecar) => ({
      ...sidecar,
      annotations: [{ id: 'w1', start: 0, end: 14, text: 'Vladimir Putin', label: 'PER' }],
    }));
    assert.ok((await changed).includes(article.toString()));
    const copy = api.sidecar(article.toString());
    assert.deepEqual(copy?.annotations.map((a) => [a.id, a.start, a.end, a.text]), [['w1', 0, 14, 'Vladimir Putin']]);
    (copy!.annotations[0] as { text: string }).text = 'changed by a caller';
    assert.equal(api.sidecar(article.toString())?.annotations[0]?.text, 'Vladimir Putin', 'the corpus is not changed through the API');
    assert.ok(api.registry(article.toString())?.labels.some((label) => label.id === 'PER'));
  });

  describe('a changed article glob', () => {
    const glob = () => vscode.workspace.getConfiguration('sourceAnnotator');
    after(async () => {
      await glob().update('articleGlob', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('re-reads the corpus and watches the new glob, and back', async () => {
      const api = await extensionApi();
      const existing = globFiles.uri('existing.md');
      await writeText(existing, 'Kim Jong Un menyambut tamunya.\n');

      await glob().update('articleGlob', '{**/*.txt,wiring-glob/*.md}', vscode.ConfigurationTarget.Workspace);
      await waitFor('the existing .md file read as an article', () => api.store.article(existing.toString()));
      assert.ok(api.store.articleUris().some((uri) => uri.endsWith('.txt')), 'the .txt articles are still there');

      const created = globFiles.uri('created.md');
      await writeText(created, 'Sergey Lavrov juga hadir.\n');
      await waitFor('a .md file created afterwards, seen by the new watcher', () => api.store.article(created.toString()));

      await glob().update('articleGlob', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor('the .md files gone from the corpus', () => (api.store.article(existing.toString()) || api.store.article(created.toString()) ? undefined : true));
    });
  });
});
