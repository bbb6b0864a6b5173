// Stopping what a test run started (server, browser, temp folders), last started first. A
// failing cleanup is reported and the others still run: nothing may be left behind.

/** @param {Array<() => unknown>} cleanups  @param {(message: string) => void} log */
export async function runCleanups(cleanups, log) {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      log(`cleanup: ${error instanceof Error ? error.message : error}`);
    }
  }
}
