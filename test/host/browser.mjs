// Headless Chromium for the workbench, driven by playwright-core. We use Debian's chromium
// (installed by provision.mjs) because `npx playwright install` downloads browsers, which these
// machines cannot do.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SOURCE_ANNOTATOR_CHROMIUM ?? '/usr/bin/chromium';

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium({ executablePath = CHROMIUM_PATH } = {}) {
  return chromium.launch({
    executablePath,
    headless: true,
    // Playwright's own handlers would close the browser and exit(130) on Ctrl-C before our
    // cleanup (stopping the VS Code server, removing temp folders) runs; callers close it instead.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox', // we usually run as root in a container, where the sandbox cannot start
      '--disable-gpu',
      // No network beyond loopback here: keep Chromium from trying (and logging) on its own.
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
