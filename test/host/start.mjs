// `npm start`: try the extension by hand on the sample articles in seeds/.
//
//   node test/host/start.mjs              VS Code in the browser: starts the VS Code server and
//                                         prints the URL to open (default port 8765, else a free one)
//   node test/host/start.mjs --desktop    a desktop VS Code (`code` on PATH) instead; the default when
//                                         `code` and a display are available and --server is not given
//   --port N (or SOURCE_ANNOTATOR_PORT)   port for the server
//   --verbose                             show the server's log
//
// Note: seeds/ is opened in place, so annotations made by hand land in the checkout.
// Run `npm run watch` in another terminal and "Developer: Reload Window" to pick up changes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, repoRoot } from './build.mjs';
import { provision } from './provision.mjs';
import { findOnPath } from './run-integration.mjs';
import { startServer } from './server.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const seeds = join(repoRoot, 'seeds');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const desktop = args.includes('--desktop') || (!args.includes('--server') && hasDisplay && Boolean(findOnPath('code')));

try {
  await build({ entry: option('--entry') }); // --entry: only for testing this tooling
} catch {
  console.error('[start] build failed');
  process.exit(1);
}

if (desktop) {
  // The desktop VS Code runs the extension from the checkout, as F5 in VS Code would.
  const result = spawnSync('code', [`--extensionDevelopmentPath=${repoRoot}`, seeds], { stdio: 'inherit' });
  if (result.error) console.error(`[start] could not run code: ${result.error.message}`);
  process.exit(result.status ?? 1);
}

const server = await startServer({
  host: provision(),
  workspaceFolder: seeds,
  extensionDevelopmentPath: repoRoot,
  // Set for the user, so the extension does not switch file nesting on in seeds/.vscode/.
  settings: { 'explorer.fileNesting.enabled': true },
  port: Number(option('--port') ?? process.env.SOURCE_ANNOTATOR_PORT ?? 8765),
  echo: args.includes('--verbose'),
});

console.log(`
Source Annotator is running in VS Code for the browser. Open:

  ${server.urlFor(seeds)}

On a remote machine, forward the same port first (the URL names 127.0.0.1:${server.port}), e.g.
  ssh -L ${server.port}:127.0.0.1:${server.port} <this machine>
Server log: ${server.logFile}
Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping the VS Code server');
  await server.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
server.process.once('exit', (code, signal) => {
  if (stopping) return;
  const log = readFileSync(server.logFile, 'utf8').split('\n').slice(-20).join('\n');
  console.error(`[start] the VS Code server exited unexpectedly (${code ?? signal}). Last lines of its log:\n${log}`);
  shutdown(1);
});
