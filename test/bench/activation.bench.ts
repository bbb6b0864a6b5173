// Extension activation without VS Code: the bundle (dist/extension.js) is loaded and
// `activate()` called against a stand-in `vscode` module in which every property, call and
// constructor yields another stand-in and every promise stays pending. So the figure is the
// extension's own synchronous work in activate() (creating its parts, registering providers and
// commands) plus loading the bundle; VS Code's side (registering for real, the corpus search
// that then runs in the background) is not in it. The integration tests run the real thing.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { registerCase } from './harness';

/** A value that answers every use with itself: property reads, calls, `new`, iteration. */
function standIn(): unknown {
  const target = function standInFunction(): void { /* nothing */ };
  const proxy: unknown = new Proxy(target, {
    get(_target, key) {
      if (key === 'then') return undefined; // not a promise: awaiting it yields it
      if (key === Symbol.iterator) return function* empty() { /* no items */ };
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'length') return 0;
      return proxy;
    },
    set: () => true,
    defineProperty: () => true,
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

/**
 * The stand-in module: the bundler copies a module's own properties at import, so it lists
 * the names the bundle reads from `vscode` (found in the bundle's text) as its own.
 */
function standInModule(bundleText: string, value: unknown): unknown {
  const names = [...new Set([...bundleText.matchAll(/\bvscode\d*\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!))];
  return new Proxy({}, {
    get: (_target, key) => (key === '__esModule' || key === 'then' ? undefined : value),
    ownKeys: () => names,
    getOwnPropertyDescriptor: (_target, key) => (names.includes(String(key)) ? { configurable: true, enumerable: true, writable: false, value } : undefined),
  });
}

registerCase({
  name: 'extension activation (stand-in vscode API)',
  run(context) {
    const bundle = join(__dirname, '..', '..', '..', 'dist', 'extension.js');
    const vscode = standIn();
    const vscodeModule = standInModule(readFileSync(bundle, 'utf8'), vscode);
    const moduleWithLoad = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
    const originalLoad = moduleWithLoad._load;
    moduleWithLoad._load = function load(request, parent, isMain) {
      return request === 'vscode' ? vscodeModule : originalLoad.call(this, request, parent, isMain);
    };
    try {
      const loadStarted = performance.now();
      const extension = require(bundle) as { activate(context: unknown): unknown };
      const loadMs = performance.now() - loadStarted;
      const samples: number[] = [];
      for (let run = 0; run < 20; run++) {
        const started = performance.now();
        extension.activate({ subscriptions: [], storageUri: undefined, workspaceState: vscode, globalState: vscode, extensionUri: vscode });
        samples.push(performance.now() - started + (run === 0 ? loadMs : 0));
      }
      context.report('extension activation: load the bundle + first activate()', 'ms', samples.slice(0, 1), { op: '<=', value: 50, of: 'median' },
        `bundle load ${loadMs.toFixed(1)} ms; stand-in vscode API, so VS Code's own work is not included`);
      context.report('activate() again (code already compiled)', 'ms', samples.slice(1));
    } finally {
      moduleWithLoad._load = originalLoad;
    }
  },
});
