// The annotations of each open article as they are in the editor right now: VS Code's glue
// around the core's LiveSidecars (src/core/live), which holds the logic — spans move with the
// text, changes wait for the save while the article is unsaved, a refused or failed write is
// rolled back, and a save merges with what reached the file meanwhile. Here: documents and
// events from VS Code in, messages and context keys out. Everything that shows or changes
// annotations reads from here.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { Emitter } from '../core/util';
import { emptySidecar, LiveSidecars, type ChangeOutcome, type CodePointPositions, type LiveDocument, type LiveFailure, type LiveMerge, type PlacedItem } from '../core/live';
import { annotationsAt } from '../core/annotating';
import type { OffsetMap } from '../core/text';
import { sidecarUriFor } from '../core/format';
import { NotWritableError } from '../core/format';
import type { Annotation, Sidecar } from '../core/model';
import type { SpanEdit } from '../core/anchoring';
import { setContextKey } from './contextKeys';
import { Disposable } from './dispose';
import { PerDocumentDebouncer } from './debounce';
import { describeError, log, reportError } from './log';
import type { SidecarEditor } from './sidecarEditor';
import { untrustedRefusal } from './workspaceHost';

/** How long typing pauses before listeners hear that the spans moved. */
const TYPING_PAUSE_MS = 50;

export interface LiveArticle {
  readonly uri: string;
  readonly document: vscode.TextDocument;
  /** In the editor's current text, code points. Undefined while the article has no sidecar. */
  readonly sidecar: Sidecar | undefined;
  /** Changes not yet on disk: spans shifted by typing, or annotations made while unsaved. */
  readonly pending: boolean;
}

/** A VS Code document as the core sees it (read through on every access: version and dirtiness change). */
function liveDocument(document: vscode.TextDocument): LiveDocument {
  return {
    uri: document.uri.toString(),
    get version() { return document.version; },
    get isDirty() { return document.isDirty; },
    getText: () => document.getText(),
  };
}

export class LiveArticles extends Disposable {
  private readonly core: LiveSidecars;
  private readonly changeEmitter = this._register(new Emitter<string>());
  /** Fires with the article URI whenever its live annotations change. */
  readonly onDidChange = this.changeEmitter.event;
  /** The article whose last change was an annotation change: Ctrl+Z undoes that. */
  private annotationUndoTarget: string | undefined;
  private readonly typed = this._register(new PerDocumentDebouncer(TYPING_PAUSE_MS, (uri) => this.changeEmitter.fire(uri)));
  /** True while the core handles a text change (its change events wait for the pause). */
  private typing = false;
  /** Articles already told that a save cannot write their annotations (Restricted Mode): once is enough. */
  private readonly toldSaveRefused = new Set<string>();

  constructor(store: CorpusStore, private readonly sidecars: SidecarEditor) {
    super();
    this.core = new LiveSidecars({
      stored: (uri) => {
        const article = store.article(uri);
        return article && { sidecar: article.parsed?.sidecar, text: article.text };
      },
      refusal: (uri) => {
        const reason = store.notWritableReason(uri);
        return reason ? new NotWritableError(sidecarUriFor(uri), reason) : untrustedRefusal(sidecarUriFor(uri));
      },
      write: (uri, change) => store.updateSidecar(uri, change),
    });
    this._register({ dispose: () => this.core.dispose() });
    // What typing changes (spans moved) is told once the typing pauses: the listeners (views,
    // status bar, decorations) then run once per pause, not on every keystroke.
    this._register(this.core.onDidChange((uri) => (this.typing ? this.typed.schedule(uri) : this.changeEmitter.fire(uri))));
    this._register(this.core.onDidFail((failure) => this.explainFailure(failure)));
    this._register(this.core.onDidMerge((merge) => this.explainMerge(merge)));
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.onTextChanged(event)));
    this._register(vscode.workspace.onDidSaveTextDocument((document) => void this.core.saved(liveDocument(document))));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.core.closed(document.uri.toString())));
    this._register(store.onDidChange((change) => {
      for (const uri of change.articles) {
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        this.core.storeChanged(uri, document && liveDocument(document));
      }
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateUndoContext()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.toldSaveRefused.clear()));
  }

  /** The live annotations of an open article, or undefined when the document is not an article. */
  get(document: vscode.TextDocument): LiveArticle | undefined {
    const live = liveDocument(document);
    if (!this.core.tracks(live)) return undefined;
    const core = this.core;
    // Read when used: after typing, the sidecar at the moved offsets is built only if asked for.
    return { uri: live.uri, document, get sidecar() { return core.sidecar(live); }, get pending() { return core.pending(live); } };
  }

  /** Annotation changes for this article that wait for its save, or are being written. */
  unsavedChanges(uri: string): 'waiting' | 'writing' | undefined {
    return this.core.unsavedChanges(uri);
  }

  /** Resolves when every queued annotation operation on the article (by URI) is done. */
  settledUri(uri: string): Promise<void> {
    return this.core.settled(uri);
  }

  /** The code point map of the document's current text (made once per version: it reads the text). */
  offsetMap(document: vscode.TextDocument): OffsetMap {
    return this.core.offsetMap(liveDocument(document));
  }

  /** Conversions of the current text without reading it (for paths that run on every keystroke); use at once. */
  positions(document: vscode.TextDocument): CodePointPositions {
    return this.core.positions(liveDocument(document));
  }

  /** The placed items touching [start, end] (code points) now, without building the whole sidecar. */
  itemsIn(document: vscode.TextDocument, start: number, end: number): PlacedItem[] {
    return this.core.itemsIn(liveDocument(document), start, end);
  }

  /** Whether a placed annotation overlaps [start, end) now (code points), from the live spans. */
  overlapsAnnotation(document: vscode.TextDocument, start: number, end: number): boolean {
    return this.core.overlapsAnnotation(liveDocument(document), start, end);
  }

  /** The annotations containing [start, end], innermost first (annotationsAt), from the live spans. */
  annotationsAt(document: vscode.TextDocument, start: number, end = start): Annotation[] {
    const annotations = this.itemsIn(document, start, end)
      .filter((placed) => placed.kind === 'annotation')
      .map((placed) => ({ ...placed.item as Annotation, start: placed.start, end: placed.end }));
    return annotationsAt({ ...emptySidecar(document.uri.toString()), annotations }, start, end);
  }

  /** The code point edits of each text change since `version`, when all are known (LiveSidecars.editsSince). */
  editsSince(document: vscode.TextDocument, version: number): readonly (readonly SpanEdit[])[] | undefined {
    return this.core.editsSince(liveDocument(document), version);
  }

  /** Changes when the annotations change other than by moving with the text (see LiveSidecars). */
  shapeVersion(document: vscode.TextDocument): number {
    return this.core.shapeVersion(liveDocument(document));
  }

  /**
   * Applies an annotation change made by a command. Writes it to the sidecar at once when the
   * article has no unsaved edits (offsets then agree with the file); otherwise keeps it with
   * the unsaved text and writes it when the article is saved. Returns false when refused or
   * when the write failed (the person was told why; the change was rolled back).
   */
  async change(document: vscode.TextDocument, change: (sidecar: Sidecar, map: OffsetMap) => Sidecar): Promise<boolean> {
    const outcome = await this.core.change(liveDocument(document), change);
    if (outcome === 'written' || outcome === 'pending') {
      this.annotationUndoTarget = document.uri.toString();
      this.updateUndoContext();
    }
    return succeeded(outcome);
  }

  /** Undoes the last annotation change in this article (Ctrl+Z right after one). */
  async undo(document: vscode.TextDocument): Promise<boolean> {
    const outcome = await this.core.undo(liveDocument(document));
    this.updateUndoContext();
    return succeeded(outcome) && outcome !== 'unchanged';
  }

  async redo(document: vscode.TextDocument): Promise<boolean> {
    const outcome = await this.core.redo(liveDocument(document));
    this.updateUndoContext();
    return succeeded(outcome) && outcome !== 'unchanged';
  }

  /** Waits until queued writes of an article are done (tests and the soak run). */
  settled(document: vscode.TextDocument): Promise<void> {
    return this.core.settled(document.uri.toString());
  }

  private onTextChanged(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const uri = event.document.uri.toString();
    this.typing = true;
    try {
      this.core.textChanged(liveDocument(event.document), event.contentChanges, event.reason === vscode.TextDocumentChangeReason.Undo);
    } finally {
      this.typing = false;
    }
    if (this.annotationUndoTarget === uri) {
      this.annotationUndoTarget = undefined;
      this.updateUndoContext();
    }
  }

  private explainFailure(failure: LiveFailure): void {
    const article = vscode.Uri.parse(failure.uri);
    const name = vscode.workspace.asRelativePath(article);
    if (failure.error instanceof NotWritableError) {
      log().warn(`${name}: ${failure.operation} not written: ${failure.error.message}`);
      if (failure.operation === 'save') {
        if (this.toldSaveRefused.has(failure.uri)) return;
        this.toldSaveRefused.add(failure.uri);
      }
      this.sidecars.explainRefusal(article, failure.error.file, failure.error.reason, failure.error);
      return;
    }
    reportError(`writing the annotations of ${name} failed (${failure.operation})`, failure.error);
    const retry = vscode.l10n.t('Retry');
    const what = failure.operation === 'save'
      ? vscode.l10n.t('The article was saved; its annotation changes were not, and wait for the next save.')
      : vscode.l10n.t('The change was undone in the editor, so what you see is what is on disk.');
    void vscode.window.showErrorMessage(vscode.l10n.t('Annotations of {0} could not be written: {1}. {2}', name, describeError(failure.error), what),
      ...(failure.operation === 'save' ? [retry] : [])).then((choice) => {
      if (choice !== retry) return;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === failure.uri);
      if (document) void this.core.retry(liveDocument(document));
    });
  }

  private explainMerge(merge: LiveMerge): void {
    const name = vscode.workspace.asRelativePath(vscode.Uri.parse(merge.uri));
    const both = merge.conflicts.filter((conflict) => conflict.theirsId !== undefined);
    const kept = merge.conflicts.filter((conflict) => conflict.kind === 'changed-and-deleted');
    log().info(`${name}: merged with changes on disk: ${JSON.stringify(merge.conflicts)}`);
    const parts = [
      ...(both.length > 0 ? [`${both.length} changed both here and on disk: both versions kept (${both.map((c) => `${c.id} and ${c.theirsId}`).join(', ')}), with a review comment`] : []),
      ...(kept.length > 0 ? [`${kept.length} deleted on one side and changed on the other: kept`] : []),
    ];
    if (parts.length === 0) return;
    void vscode.window.showWarningMessage(vscode.l10n.t('Annotations of {0} were merged with changes made to the file meanwhile: {1}.', name, parts.join('; ')));
  }

  private updateUndoContext(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const target = active !== undefined && active === this.annotationUndoTarget ? active : undefined;
    void setContextKey('canUndoAnnotation', target !== undefined && this.core.canUndo(target));
    void setContextKey('canRedoAnnotation', target !== undefined && this.core.canRedo(target));
  }
}

function succeeded(outcome: ChangeOutcome): boolean {
  return outcome === 'written' || outcome === 'pending' || outcome === 'unchanged';
}
