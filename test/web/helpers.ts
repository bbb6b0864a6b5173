// Shared by the web tests. The Node suite's helpers (test/integration/helpers.ts) use node:assert,
// which does not exist in a web worker; these use chai, which does. Same names, same behaviour.
import { assert } from 'chai';
import * as vscode from 'vscode';
import type { SourceAnnotatorTestApi } from '../../src/extension/api';

export const EXTENSION_ID = 'source-annotator.source-annotator';

/** The extension's API with its internals, which it returns only when the host runs tests. */
export async function extensionApi(): Promise<SourceAnnotatorTestApi> {
  const extension = vscode.extensions.getExtension<SourceAnnotatorTestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in the test host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  assert.equal(api.apiVersion, 1);
  assert.ok('store' in api, 'the extension host is not in test mode: no internals in the API');
  await api.ready;
  return api;
}

export function fileIn(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error; // e.g. a file not written yet: keep waiting
    }
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
