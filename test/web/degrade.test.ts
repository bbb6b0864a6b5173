// What the web host lacks, and how the extension copes: file search that never answers or fails
// (a virtual file system without a search provider), no git and no OS user for the author, the
// sidecar cache kept through workspace.fs. In the web worker, against the workspace's real files.
import { assert } from 'chai';
import * as vscode from 'vscode';
import { parseSidecar } from '../../src/core/format/sidecar';
import { ANONYMOUS_AUTHOR, currentAuthor } from '../../src/extension/author';
import { PersistentSidecarCache } from '../../src/extension/sidecarCache';
import { WorkspaceCorpusHost } from '../../src/extension/workspaceHost';
import { fileIn, readText } from './helpers';

const SEED_000 = '000_257178997c759933.txt';

/** Articles and corpus files as names relative to the workspace folder, sorted. */
function relative(found: { articles: string[]; corpusFiles: string[] }): { articles: string[]; corpusFiles: string[] } {
  const root = `${fileIn('.').toString().replace(/\/\.?$/, '')}/`;
  const strip = (uris: string[]) => uris.map((uri) => {
    assert.isTrue(uri.startsWith(root), `${uri} is in ${root}`);
    return decodeURIComponent(uri.slice(root.length));
  }).sort();
  return { articles: strip(found.articles), corpusFiles: strip(found.corpusFiles) };
}

describe('VS Code for the Web: what the host lacks', function () {
  this.timeout(60_000);

  it('reads the folders when the file search never answers, says so once, and finds the same files', async () => {
    const searched = relative(await new WorkspaceCorpusHost().findFiles());
    assert.include(searched.articles, SEED_000);
    assert.include(searched.corpusFiles, 'entities.yaml');

    const told: string[] = [];
    const host = new WorkspaceCorpusHost({ findFiles: () => new Promise(() => undefined), searchTimeoutMs: 300, notify: (m) => told.push(m) });
    const walked = relative(await host.findFiles());
    assert.deepEqual(walked, searched);
    assert.lengthOf(told, 1);
    assert.match(told[0]!, /file search of this workspace did not answer within 300 ms, so articles are found by reading its folders/);

    // Later loads go straight to the folders, without waiting and without telling again.
    const started = Date.now();
    assert.deepEqual(relative(await host.findFiles()), searched);
    assert.isBelow(Date.now() - started, 300);
    assert.lengthOf(told, 1);
  });

  it('reads the folders when the file search fails', async () => {
    const told: string[] = [];
    const host = new WorkspaceCorpusHost({ findFiles: () => Promise.reject(new Error('No search provider registered for scheme: memfs')), notify: (m) => told.push(m) });
    const walked = relative(await host.findFiles());
    assert.include(walked.articles, SEED_000);
    assert.include(walked.corpusFiles, `${SEED_000}.annotations.yaml`);
    assert.lengthOf(told, 1);
    assert.include(told[0]!, 'failed (No search provider registered for scheme: memfs)');
  });

  it('records new annotations as anonymous: no git extension and no OS user here', async () => {
    assert.strictEqual(await currentAuthor(), ANONYMOUS_AUTHOR);
    const config = vscode.workspace.getConfiguration('sourceAnnotator');
    await config.update('author', 'Web Tester', vscode.ConfigurationTarget.Workspace);
    try {
      assert.strictEqual(await currentAuthor(), 'Web Tester');
    } finally {
      await config.update('author', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('keeps parsed sidecars in its cache file through workspace.fs and reads them back', async () => {
    const storage = fileIn('.web-cache-test');
    const sidecarUri = fileIn(`${SEED_000}.annotations.yaml`);
    const parsed = parseSidecar(sidecarUri.toString(), await readText(sidecarUri));
    assert.isAbove(parsed.sidecar!.annotations.length, 0);
    const cache = await PersistentSidecarCache.open(storage);
    cache.set('seed-000', parsed);
    await cache.save();
    const file = JSON.parse(await readText(vscode.Uri.joinPath(storage, 'sidecar-cache.json'))) as { entries: Record<string, unknown> };
    assert.hasAllKeys(file.entries, ['seed-000']);
    const reopened = await PersistentSidecarCache.open(storage);
    assert.deepEqual(reopened.get('seed-000')?.sidecar?.annotations, parsed.sidecar!.annotations);
    await vscode.workspace.fs.delete(storage, { recursive: true });
  });
});
