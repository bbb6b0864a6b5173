// Starts the VS Code server (from the code-server npm package, see provision.mjs) on a loopback
// port, with throw-away user data and extensions folders, and builds workbench URLs for it.
// The workbench then runs in any browser (Chromium for tests, a person's browser for `npm start`);
// the extension host runs here, in Node 24, next to the server.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOOPBACK = '127.0.0.1';

/** Settings that keep the workbench quiet and offline (no chat, no welcome page, no telemetry). */
const BASE_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
};

/** Payload keys whose values are paths on the server; the workbench wants them as remote URIs. */
const PATH_KEYS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'openFile', 'folderUri']);

/** Resolves true when `port` can be bound on the loopback address right now. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, LOOPBACK, () => probe.close(() => resolve(true)));
  });
}

/** `preferred` if it is free, else a port the OS picks. (Racy in theory; fine on a test machine.) */
export async function freePort(preferred) {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The vscode-remote URI under which the workbench sees `absPath` on the server. */
export function remoteUri(port, absPath) {
  // pathToFileURL percent-encodes spaces and the like exactly as a URI path needs.
  return `vscode-remote://${LOOPBACK}:${port}${pathToFileURL(absPath).pathname}`;
}

/**
 * `http://127.0.0.1:P/?folder=<abs>&payload=<urlencoded JSON>`.
 * `payloadPairs` is a list of [key, value]; values of path keys (extensionDevelopmentPath,
 * extensionTestsPath, openFile) may be given as absolute paths and are turned into remote URIs.
 * The payload is only honoured because the server runs with --enable-smoke-test-driver.
 */
export function workbenchUrl(port, folder, payloadPairs = []) {
  const url = new URL(`http://${LOOPBACK}:${port}/`);
  if (folder) url.searchParams.set('folder', folder);
  const payload = payloadPairs.map(([key, value]) =>
    [key, PATH_KEYS.has(key) && value.startsWith('/') ? remoteUri(port, value) : String(value)]);
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.href;
}

/** Polls until the server answers HTTP, fails early if the process dies. */
async function waitUntilListening(port, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`VS Code server exited early (${child.exitCode ?? child.signalCode}). Log:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`http://${LOOPBACK}:${port}/version`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`VS Code server did not listen on port ${port} within ${timeoutMs} ms. Log:\n${tail(logFile)}`);
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * @param {{
 *   host: { node: string, serverMain: string },  // from provision()
 *   workspaceFolder?: string,                    // default folder for urlFor()
 *   extensionDevelopmentPath?: string,           // put into every urlFor() payload unless it has its own
 *   settings?: Record<string, unknown>,          // merged over BASE_SETTINGS (machine scope)
 *   env?: Record<string, string>,                // extra env for the server; the extension host inherits it
 *   port?: number,                               // preferred port; a free one if taken or absent
 *   echo?: boolean,                              // also copy the server's output to our stderr
 *   install?: string[],                          // .vsix files to install first, as a user would
 * }} options
 */
export async function startServer({ host, workspaceFolder, extensionDevelopmentPath, settings = {}, env = {}, port: preferredPort, echo = false, install = [] }) {
  const port = await freePort(preferredPort);
  const temp = mkdtempSync(join(tmpdir(), 'source-annotator-server-'));
  const dataDir = join(temp, 'data');
  const extensionsDir = join(temp, 'extensions');
  const logFile = join(temp, 'server.log');
  const machineSettings = join(dataDir, 'data', 'Machine', 'settings.json');
  mkdirSync(dirname(machineSettings), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(machineSettings, JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  for (const vsix of install) {
    const result = spawnSync(host.node, [host.serverMain, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--accept-server-license-terms'], {
      encoding: 'utf8', timeout: 120_000, env: { ...process.env, PATH: `${dirname(host.node)}:${process.env.PATH ?? ''}` },
    });
    if (result.status !== 0) {
      rmSync(temp, { recursive: true, force: true });
      throw new Error(`installing ${vsix} failed (${result.status ?? result.error?.message}):\n${result.stdout}${result.stderr}`);
    }
  }

  const args = [
    host.serverMain,
    '--enable-smoke-test-driver', // without it a built VS Code ignores the `payload` URL parameter
    '--without-connection-token',
    '--host', LOOPBACK,
    '--port', String(port),
    '--server-data-dir', dataDir,
    '--extensions-dir', extensionsDir,
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--disable-workspace-trust',
  ];
  const log = createWriteStream(logFile);
  const child = spawn(host.node, args, {
    // Own process group, so stop() can take down the extension host and pty host with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // The extension host and terminals are spawned with `node` from PATH in some code paths.
      PATH: `${dirname(host.node)}:${process.env.PATH ?? ''}`,
      ...env,
    },
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      log.write(chunk);
      if (echo) process.stderr.write(chunk);
    });
  }
  // If this Node process dies without calling stop(), do not leave the server behind.
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);

  let stopped;
  async function stop() {
    stopped ??= (async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      // The server has exited, but the extension host may still be winding down: make sure.
      killGroup(child, 'SIGKILL');
      await new Promise((resolve) => log.end(resolve));
      rmSync(temp, { recursive: true, force: true });
    })();
    return stopped;
  }

  try {
    await waitUntilListening(port, child, logFile, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const baseUrl = `http://${LOOPBACK}:${port}/`;
  return {
    port,
    baseUrl,
    logFile,
    process: child,
    /** Workbench URL for `folder` (default: workspaceFolder) with the given payload pairs. */
    urlFor(folder = workspaceFolder, payloadPairs = []) {
      const pairs = [...payloadPairs];
      if (extensionDevelopmentPath && !pairs.some(([key]) => key === 'extensionDevelopmentPath')) {
        pairs.unshift(['extensionDevelopmentPath', extensionDevelopmentPath]);
      }
      return workbenchUrl(port, folder, pairs);
    },
    stop,
  };
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal); // negative pid: the whole process group
  } catch {
    // already gone
  }
}
