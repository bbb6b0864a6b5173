// The "Source Annotator" output channel: background errors are logged here (never to the
// console, where nobody sees them), and the person is notified when their work is affected.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;
let errorsLogged = 0;

/** The extension's log channel (created on first use; main.ts disposes it). */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Source Annotator', { log: true });
  return channel;
}

/** How many errors were logged since activation (the soak test checks it stays 0). */
export function loggedErrorCount(): number {
  return errorsLogged;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Logs a background failure with its stack; with `notify`, also tells the person (their work
 * is affected) and offers the log.
 */
export function reportError(what: string, error: unknown, notify = false): void {
  errorsLogged++;
  log().error(`${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  if (!notify) return;
  const show = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(vscode.l10n.t('Source Annotator: {0}: {1}', what, describeError(error)), show).then((choice) => {
    if (choice === show) log().show(true);
  });
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
