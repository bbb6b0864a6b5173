// Node's realpath where the extension host runs on Node (desktop, remote), nothing in the web
// worker. Loaded through a plain `require` reference, not an import, because the same code is
// bundled for the web worker, which has no Node modules (the browser build refuses them).

export type RealPath = (fsPath: string) => Promise<string>;

export function nodeRealPath(): RealPath | undefined {
  if (typeof process === 'undefined' || !process.versions?.node || typeof require !== 'function') return undefined;
  try {
    const load = require as (id: string) => { realpath: RealPath };
    return load('node:fs/promises').realpath;
  } catch {
    return undefined;
  }
}
