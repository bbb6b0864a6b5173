// Without a `browser` entry (or with a broken one) VS Code quietly runs the extension in the Node
// extension host instead, and every other web test would pass there: prove where we are first.
import { assert } from 'chai';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi } from './helpers';

// The project compiles without the DOM library (lib ES2022): the worker's globals, as far as used.
declare const WorkerGlobalScope: (abstract new () => unknown) | undefined;
declare const self: unknown;
declare const navigator: unknown;

describe('VS Code for the Web: where this suite runs', () => {
  it('runs in a web worker, not in Node', () => {
    assert.strictEqual(typeof process, 'undefined', 'no Node process object');
    assert.strictEqual(typeof navigator, 'object', 'a browser navigator');
    assert.ok(typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope, 'self is a WorkerGlobalScope');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
  });

  it('runs the extension from its browser bundle in the same web worker', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extensionApi(); // activates it here and waits for the corpus
    assert.strictEqual(extension.extensionKind, vscode.ExtensionKind.UI, 'a web extension runs on the UI side');
    const manifest = extension.packageJSON as { browser?: string };
    assert.strictEqual(manifest.browser, './dist/web/extension.js');
  });
});
