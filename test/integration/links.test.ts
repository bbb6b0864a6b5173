// Issue 8, finding 6: an article that is a link to a file outside the workspace folder is not
// annotated (re-anchoring would copy its text into a committed sidecar); a link inside is fine.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionApi, fileIn } from './helpers';

describe('articles reached through links (real VS Code)', function () {
  this.timeout(60_000);
  const outsideFolder = mkdtempSync(join(tmpdir(), 'source-annotator-outside-'));
  const outsideLink = fileIn('outside-link.txt');
  const insideLink = fileIn('inside-link.txt');

  after(async () => {
    rmSync(outsideLink.fsPath, { force: true });
    rmSync(insideLink.fsPath, { force: true });
    rmSync(outsideFolder, { recursive: true, force: true });
    await (await extensionApi()).store.reload();
  });

  it('leaves out an article linked from outside the workspace folder, keeps one linked from inside', async () => {
    const api = await extensionApi();
    const secret = join(outsideFolder, 'secret.txt');
    writeFileSync(secret, 'Private notes that must never reach a committed sidecar.');
    symlinkSync(secret, outsideLink.fsPath);
    symlinkSync(fileIn('000_257178997c759933.txt').fsPath, insideLink.fsPath);
    await api.store.reload();
    assert.equal(api.store.article(outsideLink.toString()), undefined, 'the outside link is an article');
    assert.ok(api.store.article(insideLink.toString()), 'the inside link is not an article');
    // A change to it from the file watcher does not bring it in either.
    await api.store.fileChanged(outsideLink.toString());
    assert.equal(api.store.article(outsideLink.toString()), undefined);
  });
});
