import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeCorpusHost, toStorePath } from '../../../src/cli/nodeHost';

describe('NodeCorpusHost (the command line\'s file access)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sa-host-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds articles and corpus files, skipping the excluded folders', async () => {
    for (const file of ['a.txt', 'a.txt.annotations.yaml', 'entities.yaml', 'sub/b.txt', 'node_modules/x.txt', '.git/y.txt', 'notes.md']) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), 'x');
    }
    const host = new NodeCorpusHost(dir);
    const root = toStorePath(dir);
    const found = await host.findFiles();
    assert.deepEqual(found.articles, [`${root}/a.txt`, `${root}/sub/b.txt`]);
    assert.deepEqual(found.corpusFiles.sort(), [`${root}/a.txt.annotations.yaml`, `${root}/entities.yaml`]);
    assert.equal(host.isArticle(`${root}/node_modules/x.txt`), false);
    assert.equal(await host.readFile(`${root}/missing.txt`), undefined);
  });

  it('writes atomically, creating folders, leaving no temporary file; a read-only host refuses', async () => {
    const host = new NodeCorpusHost(dir);
    const target = `${toStorePath(dir)}/new/deep/file.yaml`;
    await host.writeFileAtomic(target, new TextEncoder().encode('one'));
    await host.writeFileAtomic(target, new TextEncoder().encode('two'));
    assert.equal(readFileSync(target, 'utf8'), 'two');
    assert.deepEqual(readdirSync(join(dir, 'new', 'deep')), ['file.yaml']);
    assert.deepEqual(host.written, [target, target]);
    const readOnly = new NodeCorpusHost(dir, { readOnly: true });
    await assert.rejects(readOnly.writeFileAtomic(target, new Uint8Array()), /does not change the corpus/);
    assert.equal(readFileSync(target, 'utf8'), 'two');
  });
});
