import * as assert from 'node:assert/strict';
import { walkFolder, type DirectoryEntryKind, type ReadDirectory } from '../../../src/core/corpus/folderWalk';

/** A folder tree from a list of paths: `a/` is a folder, `l@` a symbolic link, the rest files. */
function tree(paths: string[]): { read: ReadDirectory; reads: string[] } {
  const reads: string[] = [];
  const read: ReadDirectory = async (folder) => {
    reads.push(folder);
    if (folder === 'locked') throw new Error('EACCES');
    const prefix = folder ? `${folder}/` : '';
    const entries = new Map<string, DirectoryEntryKind>();
    for (const path of paths) {
      if (!path.startsWith(prefix) || path === prefix) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash >= 0) entries.set(rest.slice(0, slash), 'directory');
      else if (rest.endsWith('@')) entries.set(rest.slice(0, -1), 'other');
      else entries.set(rest, 'file');
    }
    return [...entries];
  };
  return { read, reads };
}

const options = { articleGlob: '**/*.txt', exclude: '**/{node_modules,.git,out,dist}/**', maxEntries: 1000 };

describe('walking a folder without the editor\'s file search', () => {
  it('finds articles and corpus files at every depth, with the search\'s exclusions', async () => {
    const { read, reads } = tree([
      'entities.yaml', 'a.txt', 'a.txt.annotations.yaml', 'notes.md', 'LICENSE.txt',
      'news/2024/b.txt', 'news/2024/b.txt.annotations.yaml', 'news/entities.yaml',
      'node_modules/pkg/readme.txt', '.git/HEAD', 'dist/c.txt', 'out/x.annotations.yaml',
      'deep/er/still/c d.txt', '.annotations.yaml',
    ]);
    const result = await walkFolder(read, options);
    assert.deepEqual(result.articles, ['LICENSE.txt', 'a.txt', 'deep/er/still/c d.txt', 'news/2024/b.txt']);
    assert.deepEqual(result.corpusFiles, ['a.txt.annotations.yaml', 'entities.yaml', 'news/2024/b.txt.annotations.yaml', 'news/entities.yaml']);
    assert.equal(result.truncated, false);
    assert.deepEqual(result.unreadable, []);
    // Excluded folders are never even read.
    assert.deepEqual(reads.filter((f) => /node_modules|\.git|dist|out/.test(f)), []);
  });

  it('applies an article glob below a subfolder', async () => {
    const { read } = tree(['news/a.md', 'news/b.txt', 'other/c.md', 'top.md']);
    const result = await walkFolder(read, { ...options, articleGlob: 'news/**/*.{txt,md}' });
    assert.deepEqual(result.articles, ['news/a.md', 'news/b.txt']);
  });

  it('does not follow symbolic links and skips folders it cannot read', async () => {
    const { read, reads } = tree(['loop@', 'locked/secret.txt', 'ok/a.txt']);
    const result = await walkFolder(read, options);
    assert.deepEqual(result.articles, ['ok/a.txt']);
    assert.deepEqual(result.unreadable, ['locked']);
    assert.ok(!reads.includes('loop'));
  });

  it('stops at maxEntries and says the lists are incomplete', async () => {
    const paths = Array.from({ length: 50 }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);
    const result = await walkFolder(tree(paths).read, { ...options, maxEntries: 10 });
    assert.equal(result.truncated, true);
    assert.equal(result.articles.length, 10);
    assert.deepEqual(result.articles.slice(0, 2), ['f00.txt', 'f01.txt']);
  });

  it('reads several folders at a time but never more than asked', async () => {
    let open = 0;
    let most = 0;
    const base = tree(Array.from({ length: 20 }, (_, i) => `d${i}/a.txt`)).read;
    const read: ReadDirectory = async (folder) => {
      open++;
      most = Math.max(most, open);
      await new Promise((resolve) => setTimeout(resolve, 2));
      open--;
      return base(folder);
    };
    const result = await walkFolder(read, { ...options, parallel: 4 });
    assert.equal(result.articles.length, 20);
    assert.equal(most, 4);
  });
});
