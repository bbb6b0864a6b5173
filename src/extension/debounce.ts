// Runs work for a document once its changes pause: bursts of keystrokes or store events
// become one update per document, and documents do not delay each other.
import type * as vscode from 'vscode';

export class PerDocumentDebouncer implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly delayMs: number, private readonly run: (uri: string) => void) {}

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.run(uri);
    }, this.delayMs));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
