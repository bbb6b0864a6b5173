import * as assert from 'node:assert/strict';
import { isInsideFolder, outsideWorkspaceReason } from '../../../src/core/corpus/containment';

describe('articles reached through links', () => {
  it('tells a folder from a sibling that shares its prefix', () => {
    assert.equal(isInsideFolder('/w/corpus/a.txt', '/w/corpus'), true);
    assert.equal(isInsideFolder('/w/corpus/a.txt', '/w/corpus/'), true);
    assert.equal(isInsideFolder('/w/corpus-private/a.txt', '/w/corpus'), false);
    assert.equal(isInsideFolder('/etc/passwd', '/w/corpus'), false);
  });

  it('refuses an article whose real path leaves the real workspace folder', () => {
    assert.equal(outsideWorkspaceReason({ path: '/w/c/a.txt', folder: '/w/c', realPath: '/home/me/secret.txt', realFolder: '/w/c' }),
      'it is a link to /home/me/secret.txt, outside the workspace folder');
  });

  it('accepts a link inside the folder, and a folder that is itself reached through a link', () => {
    assert.equal(outsideWorkspaceReason({ path: '/w/c/b.txt', folder: '/w/c', realPath: '/w/c/news/b.txt', realFolder: '/w/c', isLink: true }), undefined);
    assert.equal(outsideWorkspaceReason({ path: '/link/a.txt', folder: '/link', realPath: '/data/c/a.txt', realFolder: '/data/c' }), undefined);
  });

  it('refuses a link it cannot resolve, accepts a plain file', () => {
    assert.equal(outsideWorkspaceReason({ path: '/w/c/a.txt', folder: '/w/c', isLink: true }), 'it is a link that may lead outside the workspace folder');
    assert.equal(outsideWorkspaceReason({ path: '/w/c/a.txt', folder: '/w/c' }), undefined);
  });
});
