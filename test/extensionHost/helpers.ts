// Shared by the integration suites of both extension hosts, the Node one (test/integration/) and
// the web worker (test/web/): the extension's API, the workspace's files and waiting for
// asynchronous effects. No assertion library: node:assert does not exist in a web worker, so
// failures are plain Errors, which mocha reports the same way.
import * as vscode from 'vscode';
import type { SourceAnnotatorTestApi } from '../../src/extension/api';

export const EXTENSION_ID = 'source-annotator.source-annotator';

function fail(message: string): never {
  throw new Error(message);
}

/** The extension's API with its internals, which it returns only when the host runs tests. */
export async function extensionApi(): Promise<SourceAnnotatorTestApi> {
  const extension = vscode.extensions.getExtension<SourceAnnotatorTestApi>(EXTENSION_ID);
  if (!extension) fail(`${EXTENSION_ID} is not installed in the test host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  if (api.apiVersion !== 1) fail(`API version ${String(api.apiVersion)}, expected 1`);
  if (!('store' in api)) fail('the extension host is not in test mode: no internals in the API');
  await api.ready;
  return api;
}

export function workspaceRoot(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? fail('no workspace folder open');
}

export function fileIn(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

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
    if (Date.now() > deadline) fail(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * The files one suite adds to the shared workspace, kept in a folder of the suite's own and
 * removed after it, so no suite sees another's articles (every count a test asserts stays the
 * seeds' own) and no test reads a file another test made.
 */
export class SuiteFiles {
  constructor(readonly folder: string) {}

  uri(name: string): vscode.Uri {
    return fileIn(`${this.folder}/${name}`);
  }

  /** Deletes the folder and waits until the corpus has forgotten its articles. */
  async removeAll(): Promise<void> {
    const api = await extensionApi();
    await vscode.workspace.fs.delete(fileIn(this.folder), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    const prefix = `${fileIn(this.folder).toString()}/`;
    await waitFor(`the articles of ${this.folder}/ gone from the corpus`, () =>
      (api.store.articleUris().some((uri) => uri.startsWith(prefix)) ? undefined : true));
  }
}

/**
 * Accepts the focused item of every quick pick the command opens, until it finishes: polling
 * instead of guessing how long a picker takes to appear (accepting with no picker open does
 * nothing).
 */
export async function acceptEveryPick<T>(running: Thenable<T>, timeoutMs = 20_000): Promise<T> {
  let done = false;
  const result = Promise.resolve(running).finally(() => { done = true; });
  const deadline = Date.now() + timeoutMs;
  while (!done) {
    if (Date.now() > deadline) fail(`the command still waits for a pick after ${timeoutMs} ms`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([result, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  return result;
}
