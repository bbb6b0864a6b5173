// A minimal event emitter with VS Code's shape (`event(listener)` returns a disposable), so
// core services can be observed without importing `vscode`.
//
// The one event type of the project: core and the extension's own services (LiveArticles,
// Suggestions, AuthorLayers, …) fire this Emitter. `vscode.EventEmitter` is used only where a
// VS Code API asks for its own event type (TreeDataProvider.onDidChangeTreeData), with a
// comment saying so.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

let listenerErrorHandler: (error: unknown) => void = (error) => console.error(error);

/** Where errors thrown by listeners go (the extension sends them to its log channel). */
export function setListenerErrorHandler(handler: (error: unknown) => void): void {
  listenerErrorHandler = handler;
}

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One faulty listener must not stop the others from hearing about the change.
        listenerErrorHandler(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
