// Issue 12, warm open: after a restart the persisted cache and `workspace.fs.stat` stand in for
// reading and hashing every unchanged file, and the corpus comes out the same as read cold.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CorpusStore, type SidecarCache } from '../../src/core/corpus';
import { CACHE_FORMAT_VERSION, parseSidecar } from '../../src/core/format';
import { PersistentSidecarCache, storeCacheOf } from '../../src/extension/sidecarCache';
import { WorkspaceCorpusHost } from '../../src/extension/workspaceHost';
import { fileIn, readText, SuiteFiles } from './helpers';

const SEEDS = ['000_257178997c759933.txt', '001_8b609553dbf89833.txt'] as const;
const files = new SuiteFiles('warm-open-suite');

/** The workspace host, noting every file it reads. */
class CountingHost extends WorkspaceCorpusHost {
  readonly read: string[] = [];
  override async readFile(uri: string): Promise<Uint8Array | undefined> {
    this.read.push(uri);
    return super.readFile(uri);
  }
}

/** The store's view of the cache, as main.ts wires it. */
function storeCache(cache: PersistentSidecarCache): SidecarCache {
  return storeCacheOf(() => cache);
}

/** What a store holds of each article, comparable across stores. */
function snapshot(store: CorpusStore): unknown {
  return store.articleUris().map((uri) => {
    const state = store.article(uri)!;
    return { uri, sidecar: state.parsed?.sidecar, text: state.text, sha256: state.sha256, firstLine: state.firstLine, problems: store.problemsOf(state.sidecarUri) };
  });
}

describe('warm open through workspace.fs.stat (real VS Code)', function () {
  this.timeout(60_000);
  let storageFolder: string;
  const minuteAgo = (Date.now() - 60_000) / 1000;

  before(async () => {
    storageFolder = mkdtempSync(join(tmpdir(), 'source-annotator-warm-'));
    for (const seed of SEEDS) {
      for (const name of [seed, `${seed}.annotations.yaml`]) {
        await vscode.workspace.fs.copy(fileIn(name), files.uri(name), { overwrite: true });
        // Files written a minute ago: old enough for their stat to vouch for them.
        utimesSync(files.uri(name).fsPath, minuteAgo, minuteAgo);
      }
    }
  });
  after(async () => {
    rmSync(storageFolder, { recursive: true, force: true });
    await files.removeAll();
  });

  it('reads no unchanged sidecar after a restart, gives the same corpus, and reads a changed one', async () => {
    const storage = vscode.Uri.file(storageFolder);
    const cold = new CorpusStore(new WorkspaceCorpusHost(), storeCache(await PersistentSidecarCache.open(storage)));
    const firstCache = await PersistentSidecarCache.open(storage);
    const first = new CorpusStore(new WorkspaceCorpusHost(), storeCache(firstCache));
    await first.load();
    first.diagnostics(); // as the Problems panel asks: the checks' results are saved too
    await firstCache.save();
    await cold.load();

    // A restart: the cache file read back, a new host and store.
    const host = new CountingHost();
    const warmCache = storeCache(await PersistentSidecarCache.open(storage));
    const checked: string[] = [];
    const warm = new CorpusStore(host, { ...warmCache, setChecks: (key, problems) => { checked.push(key); warmCache.setChecks!(key, problems); } });
    await warm.load();
    for (const seed of SEEDS) {
      assert.ok(!host.read.includes(files.uri(`${seed}.annotations.yaml`).toString()), `${seed}'s sidecar not read`);
      assert.ok(host.read.includes(files.uri(seed).toString()), `${seed} read for its text`);
    }
    assert.deepEqual(snapshot(warm), snapshot(cold));
    warm.diagnostics();
    assert.deepEqual(checked, [], 'no sidecar checked again after the restart');
    const copy = files.uri(SEEDS[0]).toString();
    assert.ok(warm.article(copy)!.parsed!.sidecar!.annotations.length > 0);
    assert.deepEqual(warm.staleArticles(), cold.staleArticles());

    // The same sidecar, one status changed to one as long, with another (older) mtime: read again.
    const sidecarUri = files.uri(`${SEEDS[0]}.annotations.yaml`);
    const text = await readText(sidecarUri);
    const changed = text.replace('status: accepted', 'status: rejected');
    assert.notEqual(changed, text);
    writeFileSync(sidecarUri.fsPath, changed);
    utimesSync(sidecarUri.fsPath, minuteAgo - 30, minuteAgo - 30);
    const againHost = new CountingHost();
    const again = new CorpusStore(againHost, storeCache(await PersistentSidecarCache.open(storage)));
    await again.load();
    assert.ok(againHost.read.includes(sidecarUri.toString()));
    const before = cold.article(copy)!.parsed!.sidecar!.annotations;
    const after = again.article(copy)!.parsed!.sidecar!.annotations;
    const flipped = before.findIndex((annotation) => annotation.status === 'accepted');
    assert.equal(after[flipped]!.status, 'rejected');
    [cold, first, warm, again].forEach((store) => store.dispose());
  });

  it('a damaged check result in the cache file is dropped, a sound one revived', async () => {
    const storage = vscode.Uri.file(mkdtempSync(join(tmpdir(), 'source-annotator-checks-')));
    try {
      const problem = [3, 2, 3, 9, 'error', 'unknown-label', 'Annotation `a1`: unknown label `LOC`.'];
      const body = {
        format: CACHE_FORMAT_VERSION, extension: '0.1.0', entries: { broken: null },
        checks: { none: 0, one: { f: 'file:///a.txt.annotations.yaml', d: [problem] }, nothing: null, text: 'x', code: { f: 'f', d: [[0, 0, 0, 0, 'error', 'toString', 'x']] } },
      };
      writeFileSync(join(storage.fsPath, 'sidecar-cache.json'), JSON.stringify(body));
      const cache = await PersistentSidecarCache.open(storage, '0.1.0');
      assert.deepEqual(cache.getChecks('none'), []);
      assert.deepEqual(cache.getChecks('one'), [{
        file: 'file:///a.txt.annotations.yaml', start: { line: 3, column: 2 }, end: { line: 3, column: 9 }, severity: 'error', code: 'unknown-label',
        message: 'Annotation `a1`: unknown label `LOC`.',
      }]);
      for (const key of ['nothing', 'text', 'code', 'absent']) assert.equal(cache.getChecks(key), undefined, key);
      assert.equal(cache.get('broken'), undefined);
      // Saved again: only the entries used (and sound) stay.
      await cache.save();
      const saved = JSON.parse(await readText(vscode.Uri.joinPath(storage, 'sidecar-cache.json'))) as { checks: Record<string, unknown> };
      assert.deepEqual(Object.keys(saved.checks).sort(), ['none', 'one']);
    } finally {
      rmSync(storage.fsPath, { recursive: true, force: true });
    }
  });

  it('a cache written by another extension version is not used, and a save is renamed into place', async () => {
    const storage = vscode.Uri.file(mkdtempSync(join(tmpdir(), 'source-annotator-version-')));
    try {
      const sidecarUri = fileIn(`${SEEDS[0]}.annotations.yaml`);
      const parsed = parseSidecar(sidecarUri.toString(), await readText(sidecarUri));
      const written = await PersistentSidecarCache.open(storage, '0.1.0');
      written.set('seed', parsed);
      written.setStatFacts(sidecarUri.toString(), { size: 10, mtime: 1000, sha256: 'a'.repeat(64) });
      await written.save();
      assert.deepEqual((await vscode.workspace.fs.readDirectory(storage)).map(([name]) => name), ['sidecar-cache.json']);
      const same = await PersistentSidecarCache.open(storage, '0.1.0');
      assert.deepEqual(same.get('seed')?.sidecar, parsed.sidecar);
      assert.equal(same.statFacts(sidecarUri.toString(), { size: 10, mtime: 1000 })?.sha256, 'a'.repeat(64));
      assert.equal(same.statFacts(sidecarUri.toString(), { size: 10, mtime: 1001 }), undefined);
      const other = await PersistentSidecarCache.open(storage, '0.2.0');
      assert.equal(other.get('seed'), undefined);
      assert.equal(other.statFacts(sidecarUri.toString(), { size: 10, mtime: 1000 }), undefined);
    } finally {
      rmSync(storage.fsPath, { recursive: true, force: true });
    }
  });
});
