// Lifetime management in the style of VS Code's own code: a class registers what it creates
// and releases all of it when disposed.
import type * as vscode from 'vscode';

/**
 * Disposes every item, last registered first, even when some throw: one broken disposable must
 * not leave the others (listeners, decorations, watchers) alive. The errors are rethrown
 * together afterwards.
 */
export function disposeAll(disposables: vscode.Disposable[]): void {
  const errors: unknown[] = [];
  for (const disposable of disposables.splice(0).reverse()) {
    try {
      disposable.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed to dispose');
}

export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.disposables);
  }
}
