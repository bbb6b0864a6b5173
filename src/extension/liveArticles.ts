// The annotations of each open article as they are in the editor right now. While a person
// types, spans move with the text (in memory); the sidecar on disk always matches the article
// on disk, so shifted spans and changes made while the article has unsaved edits are written
// when the article is saved. Everything that shows or changes annotations reads from here.
import * as vscode from 'vscode';
import { codePointEdit, reanchorSidecar } from '../core/anchoring';
import type { CorpusStore } from '../core/corpusStore';
import { Emitter } from '../core/events';
import { refreshQuotes, shiftSidecar } from '../core/liveSidecar';
import { OffsetMap } from '../core/offsets';
import { FORMAT_VERSION, type Sidecar } from '../core/types';
import { basename } from '../core/paths';
import { sidecarUriFor } from '../core/sidecar';
import { ContextKeys } from './constants';
import { Disposable } from './dispose';
import type { SidecarEditor } from './sidecarEditor';

export interface LiveArticle {
  readonly uri: string;
  readonly document: vscode.TextDocument;
  /** In the editor's current text, code points. Undefined while the article has no sidecar. */
  readonly sidecar: Sidecar | undefined;
  /** Changes not yet on disk: spans shifted by typing, or annotations made while unsaved. */
  readonly pending: boolean;
}

interface LiveState {
  sidecar: Sidecar | undefined;
  pending: boolean;
  /** The sidecar on disk when changes started to wait for the save: the base of the merge. */
  base?: Sidecar | undefined;
  /** The article's text on disk then: what items added to the file meanwhile refer to. */
  baseText?: string | undefined;
  version: number;
  map: OffsetMap;
  undo: Sidecar[];
  redo: Sidecar[];
}

const UNDO_LIMIT = 100;

export class LiveArticles extends Disposable {
  private readonly states = new Map<string, LiveState>();
  private readonly changeEmitter = this._register(new Emitter<string>());
  /** Fires with the article URI whenever its live annotations change. */
  readonly onDidChange = this.changeEmitter.event;
  /** The article whose last change was an annotation change: Ctrl+Z undoes that. */
  private annotationUndoTarget: string | undefined;

  constructor(private readonly store: CorpusStore, private readonly sidecars: SidecarEditor) {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.onTextChanged(event)));
    this._register(vscode.workspace.onDidSaveTextDocument((document) => void this.onSaved(document)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.states.delete(document.uri.toString())));
    this._register(store.onDidChange((change) => {
      for (const uri of change.articles) this.refreshFromStore(uri);
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateUndoContext()));
  }

  /** The live annotations of an open article, or undefined when the document is not an article. */
  get(document: vscode.TextDocument): LiveArticle | undefined {
    const uri = document.uri.toString();
    const state = this.stateFor(document);
    return state && { uri, document, sidecar: state.sidecar, pending: state.pending };
  }

  /** The code point map of the document's current text (built once per version). */
  offsetMap(document: vscode.TextDocument): OffsetMap {
    const state = this.stateFor(document);
    if (state) return state.map;
    return new OffsetMap(document.getText());
  }

  /**
   * Applies an annotation change made by a command. Writes it to the sidecar at once when the
   * article has no unsaved edits (offsets then agree with the file); otherwise keeps it with
   * the unsaved text and writes it when the article is saved. Returns false when refused.
   */
  async change(document: vscode.TextDocument, change: (sidecar: Sidecar, map: OffsetMap) => Sidecar): Promise<boolean> {
    const uri = document.uri.toString();
    const state = this.stateFor(document);
    if (!state) return false;
    const before = state.sidecar ?? emptySidecar(uri);
    const reason = this.store.notWritableReason(uri);
    if (reason) {
      this.sidecars.explainRefusal(document.uri, sidecarUriFor(uri), reason);
      return false;
    }
    const after = change(before, state.map);
    if (after === before) return true;
    state.undo.push(before);
    if (state.undo.length > UNDO_LIMIT) state.undo.shift();
    state.redo = [];
    await this.apply(document, state, after);
    this.annotationUndoTarget = uri;
    this.updateUndoContext();
    return true;
  }

  /** Undoes the last annotation change in this article (Ctrl+Z right after one). */
  undo(document: vscode.TextDocument): Promise<boolean> {
    return this.step(document, 'undo');
  }

  redo(document: vscode.TextDocument): Promise<boolean> {
    return this.step(document, 'redo');
  }

  /** Moves one snapshot from one history stack to the other, applying it. */
  private async step(document: vscode.TextDocument, direction: 'undo' | 'redo'): Promise<boolean> {
    const state = this.stateFor(document);
    if (!state) return false;
    const [from, to] = direction === 'undo' ? [state.undo, state.redo] : [state.redo, state.undo];
    const target = from.pop();
    if (!target) return false;
    to.push(state.sidecar ?? emptySidecar(document.uri.toString()));
    await this.apply(document, state, target);
    this.updateUndoContext();
    return true;
  }

  private async apply(document: vscode.TextDocument, state: LiveState, next: Sidecar): Promise<void> {
    state.sidecar = next;
    if (document.isDirty) {
      this.markPending(document, state);
      this.changeEmitter.fire(document.uri.toString());
      return;
    }
    const written = await this.sidecars.update(document.uri, (current) => ({
      ...current,
      annotations: next.annotations,
      facts: next.facts,
    }));
    if (written) state.sidecar = written;
    this.changeEmitter.fire(document.uri.toString());
  }

  private stateFor(document: vscode.TextDocument): LiveState | undefined {
    const uri = document.uri.toString();
    let state = this.states.get(uri);
    if (state) {
      if (state.version !== document.version) {
        state.map = new OffsetMap(document.getText());
        state.version = document.version;
      }
      return state;
    }
    const article = this.store.article(uri);
    if (!article) return undefined;
    state = {
      sidecar: undefined, pending: false, version: document.version, map: new OffsetMap(document.getText()), undo: [], redo: [],
    };
    this.states.set(uri, state);
    this.loadFromStore(document, state);
    return state;
  }

  /** Takes the sidecar from disk; re-anchors it to unsaved text when the document differs. */
  private loadFromStore(document: vscode.TextDocument, state: LiveState): void {
    const article = this.store.article(document.uri.toString());
    const stored = article?.parsed?.sidecar;
    if (!stored) {
      if (!state.pending) state.sidecar = undefined;
      return;
    }
    const text = document.getText();
    if (!document.isDirty || article.text === text) {
      state.sidecar = stored;
      state.pending = false;
      state.base = undefined;
      state.baseText = undefined;
    } else {
      state.sidecar = reanchorSidecar(stored, text, article.text).sidecar;
      state.pending = true;
      state.base = stored;
      state.baseText = article.text;
    }
  }

  private refreshFromStore(uri: string): void {
    const state = this.states.get(uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document) {
      this.states.delete(uri);
      this.changeEmitter.fire(uri);
      return;
    }
    if (!state) {
      this.changeEmitter.fire(uri);
      return;
    }
    // Changes waiting for the save stay; a sidecar rewritten on disk meanwhile is re-read then.
    if (!state.pending) this.loadFromStore(document, state);
    this.changeEmitter.fire(uri);
  }

  private onTextChanged(event: vscode.TextDocumentChangeEvent): void {
    const uri = event.document.uri.toString();
    const state = this.states.get(uri);
    if (!state || event.contentChanges.length === 0) return;
    // Offsets in contentChanges refer to the text before this event: the map still has it.
    const before = state.map;
    if (state.sidecar) {
      const edits = event.contentChanges.map((change) => codePointEdit(before, change.rangeOffset, change.rangeLength, change.text));
      const shifted = shiftSidecar(state.sidecar, edits, before.codePointLength);
      if (shifted !== state.sidecar) this.markPending(event.document, state);
      state.sidecar = shifted;
    }
    state.map = new OffsetMap(event.document.getText());
    state.version = event.document.version;
    if (!event.document.isDirty && state.pending && event.reason === vscode.TextDocumentChangeReason.Undo) {
      // Undone back to the saved text: the disk state is right again.
      this.loadFromStore(event.document, state);
    }
    if (this.annotationUndoTarget === uri) {
      this.annotationUndoTarget = undefined;
      this.updateUndoContext();
    }
    this.changeEmitter.fire(uri);
  }

  private async onSaved(document: vscode.TextDocument): Promise<void> {
    const uri = document.uri.toString();
    const state = this.states.get(uri);
    if (!state?.pending || !state.sidecar) return;
    const text = document.getText();
    const next = refreshQuotes(state.sidecar, new OffsetMap(text));
    const { base, baseText } = state;
    state.pending = false;
    state.base = undefined;
    state.baseText = undefined;
    // Items someone else added to the file meanwhile (a pull) are kept, moved to the saved text;
    // the editor's version wins for the others.
    const written = await this.sidecars.update(document.uri, (current) => mergeWaiting(next, current, base, text, baseText));
    if (written) state.sidecar = written;
    else state.pending = true;
    this.changeEmitter.fire(uri);
  }

  private markPending(document: vscode.TextDocument, state: LiveState): void {
    if (!state.pending) {
      const stored = this.store.article(document.uri.toString());
      state.base = stored?.parsed?.sidecar;
      state.baseText = stored?.text;
    }
    state.pending = true;
  }

  private updateUndoContext(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const state = active !== undefined && active === this.annotationUndoTarget ? this.states.get(active) : undefined;
    void vscode.commands.executeCommand('setContext', ContextKeys.canUndoAnnotation, (state?.undo.length ?? 0) > 0);
    void vscode.commands.executeCommand('setContext', ContextKeys.canRedoAnnotation, (state?.redo.length ?? 0) > 0);
  }
}

/**
 * The sidecar to write when the article is saved: the editor's items, plus the items that
 * appeared on disk since the changes started waiting (in `current` but not in `base`), which
 * refer to the text on disk then and are re-anchored to the saved text.
 */
function mergeWaiting(editor: Sidecar, current: Sidecar, base: Sidecar | undefined, savedText: string, baseText: string | undefined): Sidecar {
  const known = new Set([...(base?.annotations ?? []), ...(base?.facts ?? []), ...editor.annotations, ...editor.facts].map((item) => item.id));
  const arrived: Sidecar = {
    ...current,
    annotations: current.annotations.filter((item) => !known.has(item.id)),
    facts: current.facts.filter((item) => !known.has(item.id)),
  };
  const placed = arrived.annotations.length + arrived.facts.length === 0 ? arrived : reanchorSidecar(arrived, savedText, baseText).sidecar;
  return {
    ...current,
    annotations: [...editor.annotations, ...placed.annotations],
    facts: [...editor.facts, ...placed.facts],
  };
}

function emptySidecar(articleUri: string): Sidecar {
  return { version: FORMAT_VERSION, source: { file: basename(articleUri) }, annotations: [], facts: [] };
}
