// The annotations of each open article as they are in the editor right now, without VS Code:
// the extension feeds it documents and text changes (src/extension/liveArticles.ts), the unit
// tests an in-memory fake. While a person types, spans move with the text in memory; the
// sidecar on disk always matches the article on disk, so shifted spans and changes made while
// the article has unsaved edits are written when the article is saved, merged three-way with
// whatever reached the file meanwhile.
//
// State and disk agree: a change is shown at once, but when its write is refused or fails the
// editor's annotations and its undo/redo history are put back exactly as they were (edits
// typed while the write was under way are replayed on the restored state), and the failure is
// reported through onDidFail. Changes waiting for a save stay waiting when the save's write
// fails, so the next save (or flush) writes them once the cause is gone.
import { codePointEdit, reanchorSidecar, type SpanEdit } from '../anchoring';
import { LiveSidecar, type PlacedItem } from './liveSpans';
import { Emitter } from '../util';
import { mergeSidecars, type MergeConflict } from '../merge';
import { refreshQuotes, shiftSidecar } from '../anchoring';
import { OffsetMap, SurrogateIndex } from '../text';
import { basename } from '../util';
import { NotWritableError } from '../format';
import { FORMAT_VERSION, type Sidecar } from '../model';

/** What the live state needs of an open text document (VS Code's TextDocument has it). */
export interface LiveDocument {
  readonly uri: string;
  /** Grows with every change of the text. */
  readonly version: number;
  /** True while the text differs from the file on disk. */
  readonly isDirty: boolean;
  getText(): string;
}

/** One change of a text, in UTF-16 units of the text before it (VS Code's contentChanges). */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** The article as last read from disk. */
export interface StoredArticle {
  readonly sidecar?: Sidecar | undefined;
  /** The article's text on disk, which the stored sidecar's offsets refer to. */
  readonly text?: string | undefined;
}

/** The corpus store as the live state uses it. */
export interface LiveSidecarStore {
  /** The article on disk, or undefined when the URI is not an article of the corpus. */
  stored(uri: string): StoredArticle | undefined;
  /** Why no change may be written to this article's sidecar now, or undefined when it may. */
  refusal(uri: string): NotWritableError | undefined;
  /**
   * Reads the sidecar on disk, applies `change`, writes atomically and resolves with the
   * sidecar as written. Rejects (NotWritableError when refused) with nothing changed on disk.
   */
  write(uri: string, change: (current: Sidecar) => Sidecar): Promise<Sidecar>;
}

export interface LiveOptions {
  /** Timestamp and author of the review entries that record a merge conflict. */
  readonly now?: () => string;
  readonly mergeAuthor?: () => string;
}

/** Offset conversions of one version of a text (an OffsetMap has them, and more). */
export type CodePointPositions = Pick<OffsetMap, 'codePointLength' | 'toCodePoint' | 'toUtf16'>;

export type Operation = 'change' | 'undo' | 'redo' | 'save';

export type ChangeOutcome =
  /** Written to the sidecar. */
  | 'written'
  /** Kept with the unsaved text; written when the article is saved. */
  | 'pending'
  /** The change changed nothing. */
  | 'unchanged'
  /** Refused (see onDidFail); nothing changed in memory or on disk. */
  | 'refused'
  /** The write failed (see onDidFail); the change was rolled back. */
  | 'failed'
  /** Not an article, or nothing to undo or redo. */
  | 'none';

export interface LiveFailure {
  readonly uri: string;
  readonly operation: Operation;
  readonly error: unknown;
  /** True for a refusal (NotWritableError): expected, explained to the person. */
  readonly refused: boolean;
}

export interface LiveMerge {
  readonly uri: string;
  readonly conflicts: readonly MergeConflict[];
}

interface LiveState {
  /** The annotations now: the sidecar last set, moved by the edits typed since (see LiveSidecar). */
  sidecar: Sidecar | undefined;
  readonly live: LiveSidecar;
  pending: boolean;
  /** The sidecar on disk when changes started to wait for the save: the base of the merge. */
  base: Sidecar | undefined;
  /** The article's text on disk then: what items added to the file meanwhile refer to. */
  baseText: string | undefined;
  version: number;
  /** The surrogate pairs of the document's text at `version`, updated from each change. */
  index: SurrogateIndex;
  /** The offset map of that text, made when first asked for (it needs the whole text). */
  map: OffsetMap | undefined;
  /** The code point edits of the last events, each with the version it made; complete since `logFrom`. */
  log: { version: number; edits: readonly SpanEdit[] }[];
  logFrom: number;
  undo: Sidecar[];
  redo: Sidecar[];
  /** Edits typed while a write is under way, to replay on a rolled-back state. */
  editsDuringWrite: { edits: SpanEdit[]; lengthBefore: number }[] | undefined;
  /** Operations on this article run one at a time, in order. */
  queue: Promise<unknown>;
  /** Operations queued or running on this article. */
  running: number;
  /** An annotation change (or its undo or redo) waits for the save, besides spans shifted by typing. */
  changedWhileUnsaved: boolean;
}

const UNDO_LIMIT = 100;
/** Text change events remembered for editsSince: a few typing pauses' worth. */
const EDIT_LOG_LIMIT = 2000;

export * from './liveSpans';

export class LiveSidecars {
  private readonly states = new Map<string, LiveState>();
  private readonly changeEmitter = new Emitter<string>();
  private readonly failureEmitter = new Emitter<LiveFailure>();
  private readonly mergeEmitter = new Emitter<LiveMerge>();
  /** Fires with the article URI whenever its live annotations change. */
  readonly onDidChange = this.changeEmitter.event;
  /** A refused or failed write; the state was rolled back (or, for a save, stays pending). */
  readonly onDidFail = this.failureEmitter.event;
  /** A save merged changes that reached the file meanwhile and found disagreements. */
  readonly onDidMerge = this.mergeEmitter.event;

  constructor(private readonly store: LiveSidecarStore, private readonly options: LiveOptions = {}) {}

  dispose(): void {
    this.changeEmitter.dispose();
    this.failureEmitter.dispose();
    this.mergeEmitter.dispose();
    this.states.clear();
  }

  /** The live annotations (offsets in the document's current text, code points). */
  sidecar(document: LiveDocument): Sidecar | undefined {
    return this.stateFor(document)?.sidecar;
  }

  /** Whether the document is an article of the corpus (it then has live state). */
  tracks(document: LiveDocument): boolean {
    return this.stateFor(document) !== undefined;
  }

  /** Changes not yet on disk: spans shifted by typing, or changes made while unsaved. */
  pending(document: LiveDocument): boolean {
    return this.stateFor(document)?.pending ?? false;
  }

  canUndo(uri: string): boolean {
    return (this.states.get(uri)?.undo.length ?? 0) > 0;
  }

  canRedo(uri: string): boolean {
    return (this.states.get(uri)?.redo.length ?? 0) > 0;
  }

  /** The code point map of the document's current text (made once per version, on demand). */
  offsetMap(document: LiveDocument): OffsetMap {
    const state = this.stateFor(document);
    return state ? this.mapOf(document, state) : new OffsetMap(document.getText());
  }

  /**
   * Conversions of the document's current text without reading it (what runs on every
   * keystroke, like the cursor's context, uses this). Valid until the document changes again.
   */
  positions(document: LiveDocument): CodePointPositions {
    const state = this.stateFor(document);
    if (!state) return new OffsetMap(document.getText());
    const { index } = state;
    const version = document.version;
    const current = (): SurrogateIndex => {
      if (document.version !== version || state.index !== index) throw new Error(`positions of ${document.uri} at version ${version} used after it changed`);
      return index;
    };
    return {
      get codePointLength() { return current().codePointLength; },
      toCodePoint: (utf16) => current().toCodePoint(utf16),
      toUtf16: (codePoint) => current().toUtf16(codePoint),
    };
  }

  /**
   * The code point edits of each text change since `version` (oldest first, each relative to
   * the text before it), so that what was computed for that version can be brought up to
   * date; undefined when they are not all known (too many, or a change was missed).
   */
  editsSince(document: LiveDocument, version: number): readonly (readonly SpanEdit[])[] | undefined {
    const state = this.stateFor(document);
    if (!state || version < state.logFrom || version > document.version) return undefined;
    return state.log.filter((entry) => entry.version > version).map((entry) => entry.edits);
  }

  /**
   * The placed annotations and facts touching [start, end] (code points, current text), by
   * start: what an editor shows of its visible lines, without building the whole sidecar.
   */
  itemsIn(document: LiveDocument, start: number, end: number): PlacedItem[] {
    return this.stateFor(document)?.live.itemsIn(start, end) ?? [];
  }

  /** Whether a placed annotation overlaps [start, end) now (code points): what hides a suggestion. */
  overlapsAnnotation(document: LiveDocument, start: number, end: number): boolean {
    return this.stateFor(document)?.live.overlapsAnnotation(start, end) ?? false;
  }

  /**
   * Grows whenever the document's annotations change other than by moving with the text
   * (a change, an undo, a reload, an edit that cut into or orphaned an item): while it stays
   * the same, decorations the editor moved with the text are still right.
   */
  shapeVersion(document: LiveDocument): number {
    return this.stateFor(document)?.live.shapeVersion ?? 0;
  }

  /**
   * Applies an annotation change made by a command: written at once when the article has no
   * unsaved edits (offsets then agree with the file), else kept until the article is saved.
   */
  change(document: LiveDocument, change: (sidecar: Sidecar, map: OffsetMap) => Sidecar): Promise<ChangeOutcome> {
    return this.enqueue(document, async (state) => {
      const refusal = this.store.refusal(document.uri);
      if (refusal) {
        this.failureEmitter.fire({ uri: document.uri, operation: 'change', error: refusal, refused: true });
        return 'refused';
      }
      const before = state.sidecar ?? emptySidecar(document.uri);
      const after = change(before, this.mapOf(document, state));
      if (after === before) return 'unchanged';
      return this.apply(document, state, 'change', after, () => {
        state.undo.push(before);
        if (state.undo.length > UNDO_LIMIT) state.undo.shift();
        state.redo = [];
      });
    });
  }

  undo(document: LiveDocument): Promise<ChangeOutcome> {
    return this.step(document, 'undo');
  }

  redo(document: LiveDocument): Promise<ChangeOutcome> {
    return this.step(document, 'redo');
  }

  /** The document's text changed (VS Code's onDidChangeTextDocument). */
  textChanged(document: LiveDocument, changes: readonly TextChange[], undoneToSaved = false): void {
    const state = this.states.get(document.uri);
    if (!state || changes.length === 0) return;
    // Offsets of the changes refer to the text before them: the index still has it. Nothing
    // here reads the text: the work is the edit's, not the article's.
    const before = state.index;
    const lengthBefore = before.codePointLength;
    const edits = changes.map((change) => codePointEdit(before, change.rangeOffset, change.rangeLength, change.text));
    state.editsDuringWrite?.push({ edits, lengthBefore });
    if (state.live.shift(edits, lengthBefore)) this.markPending(document, state);
    before.applyChanges(changes);
    state.log.push({ version: document.version, edits });
    if (state.log.length > EDIT_LOG_LIMIT) state.logFrom = state.log.shift()!.version;
    state.map = undefined;
    state.version = document.version;
    if (undoneToSaved && !document.isDirty && state.pending) {
      // Typing undone back to the file's text: spans are where the file has them. Annotation
      // changes made meanwhile would be lost by reading the disk again: write them instead.
      if (state.changedWhileUnsaved) void this.saved(document);
      else this.loadFromStore(document, state);
    }
    this.changeEmitter.fire(document.uri);
  }

  /** The document was saved: writes what waited for it, merged with what reached the file meanwhile. */
  saved(document: LiveDocument): Promise<ChangeOutcome> {
    return this.enqueue(document, (state) => this.flush(document, state));
  }

  /** Writes changes still waiting (after a failed save) without another save of the article. */
  retry(document: LiveDocument): Promise<ChangeOutcome> {
    return this.saved(document);
  }

  closed(uri: string): void {
    this.states.delete(uri);
  }

  /**
   * Annotation changes for this article that are not on disk yet: `waiting` for the save (which
   * writes them, merged with the disk), or `writing` (an operation is queued or running).
   * Re-anchoring on disk must not run meanwhile: the two writes would race.
   */
  unsavedChanges(uri: string): 'waiting' | 'writing' | undefined {
    const state = this.states.get(uri);
    if (!state) return undefined;
    if (state.pending) return 'waiting';
    return state.running > 0 ? 'writing' : undefined;
  }

  /** The store re-read this article: take the disk state unless changes wait for a save. */
  storeChanged(uri: string, document: LiveDocument | undefined): void {
    if (!document) this.states.delete(uri);
    const state = this.states.get(uri);
    if (state && document && !state.pending) this.loadFromStore(document, state);
    this.changeEmitter.fire(uri);
  }

  /** Waits until every queued operation on the article is done (for tests and the soak run). */
  async settled(uri: string): Promise<void> {
    for (;;) {
      const queue = this.states.get(uri)?.queue;
      await queue?.catch(() => undefined);
      if (this.states.get(uri)?.queue === queue) return;
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private enqueue(document: LiveDocument, operation: (state: LiveState) => Promise<ChangeOutcome>): Promise<ChangeOutcome> {
    const state = this.stateFor(document);
    if (!state) return Promise.resolve('none');
    state.running++;
    const run = state.queue.catch(() => undefined).then(() => {
      // The document may have changed or closed while earlier operations ran.
      const current = this.stateFor(document);
      return current ? operation(current) : 'none' as const;
    }).finally(() => { state.running--; });
    state.queue = run;
    return run;
  }

  private step(document: LiveDocument, direction: 'undo' | 'redo'): Promise<ChangeOutcome> {
    return this.enqueue(document, async (state) => {
      const from = direction === 'undo' ? state.undo : state.redo;
      const target = from[from.length - 1];
      if (!target) return 'none';
      const refusal = this.store.refusal(document.uri);
      if (refusal) {
        this.failureEmitter.fire({ uri: document.uri, operation: direction, error: refusal, refused: true });
        return 'refused';
      }
      const current = state.sidecar ?? emptySidecar(document.uri);
      return this.apply(document, state, direction, target, () => {
        const [source, destination] = direction === 'undo' ? [state.undo, state.redo] : [state.redo, state.undo];
        source.pop();
        destination.push(current);
      });
    });
  }

  /**
   * Puts `next` in memory (after `record` updated the history) and writes it when the article
   * has no unsaved edits; on a refused or failed write everything is as it was before.
   */
  private async apply(document: LiveDocument, state: LiveState, operation: Operation, next: Sidecar, record: () => void): Promise<ChangeOutcome> {
    const snapshot = { sidecar: state.sidecar, undo: [...state.undo], redo: [...state.redo] };
    record();
    state.sidecar = next;
    if (document.isDirty) {
      this.markPending(document, state);
      state.changedWhileUnsaved = true;
      this.changeEmitter.fire(document.uri);
      return 'pending';
    }
    this.changeEmitter.fire(document.uri);
    if (state.pending) {
      // A save whose write failed left changes waiting: this write carries them too.
      const flushed = await this.flush(document, state, operation);
      if (flushed === 'failed' || flushed === 'refused') this.rollBack(document, state, snapshot);
      return flushed;
    }
    const version = document.version;
    state.editsDuringWrite = [];
    try {
      const written = await this.store.write(document.uri, (current) => ({ ...current, annotations: next.annotations, facts: next.facts }));
      // Typed into meanwhile: the state in memory moved with the text and waits for the save.
      if (document.version === version && state.sidecar === next) state.sidecar = written;
      return 'written';
    } catch (error) {
      this.rollBack(document, state, snapshot);
      return this.failed(document, operation, error);
    } finally {
      state.editsDuringWrite = undefined;
      this.changeEmitter.fire(document.uri);
    }
  }

  /** Tells listeners a write failed or was refused; the outcome for the caller. */
  private failed(document: LiveDocument, operation: Operation, error: unknown): ChangeOutcome {
    const refused = isRefusal(error);
    this.failureEmitter.fire({ uri: document.uri, operation, error, refused });
    return refused ? 'refused' : 'failed';
  }

  private rollBack(document: LiveDocument, state: LiveState, snapshot: { sidecar: Sidecar | undefined; undo: Sidecar[]; redo: Sidecar[] }): void {
    let sidecar = snapshot.sidecar;
    for (const { edits, lengthBefore } of state.editsDuringWrite ?? []) if (sidecar) sidecar = shiftSidecar(sidecar, edits, lengthBefore);
    state.sidecar = sidecar;
    state.undo = snapshot.undo;
    state.redo = snapshot.redo;
    if (document.isDirty && sidecar !== snapshot.sidecar) this.markPending(document, state);
    this.changeEmitter.fire(document.uri);
  }

  /** Writes the changes waiting for a save; they keep waiting when the write fails. */
  private async flush(document: LiveDocument, state: LiveState, operation: Operation = 'save'): Promise<ChangeOutcome> {
    if (!state.pending || !state.sidecar) return 'unchanged';
    const refusal = this.store.refusal(document.uri);
    if (refusal) {
      this.failureEmitter.fire({ uri: document.uri, operation, error: refusal, refused: true });
      return 'refused';
    }
    const text = document.getText();
    const version = document.version;
    const ours = refreshQuotes(state.sidecar, this.mapOf(document, state, text));
    const { base, baseText } = state;
    let conflicts: readonly MergeConflict[] = [];
    state.editsDuringWrite = [];
    try {
      const written = await this.store.write(document.uri, (current) => {
        const merged = mergeOnSave(base, ours, current, text, baseText, this.options);
        conflicts = merged.conflicts;
        return merged.sidecar;
      });
      if (document.version === version) {
        state.sidecar = written;
        state.pending = false;
        state.changedWhileUnsaved = false;
        state.base = undefined;
        state.baseText = undefined;
      } else {
        // Typed into while writing: the disk now holds `written` for `text`; the shifted state waits.
        state.base = written;
        state.baseText = text;
      }
      if (conflicts.length > 0) this.mergeEmitter.fire({ uri: document.uri, conflicts });
      return 'written';
    } catch (error) {
      return this.failed(document, operation, error);
    } finally {
      state.editsDuringWrite = undefined;
      this.changeEmitter.fire(document.uri);
    }
  }

  private stateFor(document: LiveDocument): LiveState | undefined {
    let state = this.states.get(document.uri);
    if (state) {
      if (state.version !== document.version) {
        // A change this state was not told about: count the text again.
        state.index = SurrogateIndex.of(document.getText());
        state.map = undefined;
        state.log = [];
        state.logFrom = document.version;
        state.version = document.version;
      }
      return state;
    }
    if (!this.store.stored(document.uri)) return undefined;
    const live = new LiveSidecar();
    state = {
      get sidecar() { return live.get(); },
      set sidecar(sidecar) { live.set(sidecar); },
      live, pending: false, base: undefined, baseText: undefined, version: document.version,
      index: SurrogateIndex.of(document.getText()), map: undefined, log: [], logFrom: document.version, undo: [], redo: [], editsDuringWrite: undefined, queue: Promise.resolve(), running: 0,
      changedWhileUnsaved: false,
    };
    this.states.set(document.uri, state);
    this.loadFromStore(document, state);
    return state;
  }

  /** Takes the sidecar from disk; re-anchors it to unsaved text when the document differs. */
  private loadFromStore(document: LiveDocument, state: LiveState): void {
    const stored = this.store.stored(document.uri);
    const sidecar = stored?.sidecar;
    if (!sidecar) {
      if (!state.pending) state.sidecar = undefined;
      return;
    }
    // A saved document is the text on disk: no need to read it to compare.
    const text = document.isDirty ? document.getText() : undefined;
    if (text === undefined || stored.text === text) {
      state.sidecar = sidecar;
      state.pending = false;
      state.changedWhileUnsaved = false;
      state.base = undefined;
      state.baseText = undefined;
    } else {
      state.sidecar = reanchorSidecar(sidecar, text, stored.text).sidecar;
      state.pending = true;
      state.base = sidecar;
      state.baseText = stored.text;
    }
  }

  /** The offset map of the state's text (`text`, when the caller has it already). */
  private mapOf(document: LiveDocument, state: LiveState, text?: string): OffsetMap {
    if (state.version !== document.version) this.stateFor(document);
    return (state.map ??= OffsetMap.fromIndex(state.index, text ?? document.getText()));
  }

  private markPending(document: LiveDocument, state: LiveState): void {
    if (!state.pending) {
      const stored = this.store.stored(document.uri);
      state.base = stored?.sidecar;
      state.baseText = stored?.text;
    }
    state.pending = true;
  }
}

/**
 * The sidecar to write when the article is saved. `current` (on disk now) and `base` (on disk
 * when the changes started to wait) refer to the article text on disk then, `baseText`; they
 * are re-anchored to the saved text, then merged three-way with the editor's version.
 */
export function mergeOnSave(
  base: Sidecar | undefined, ours: Sidecar, current: Sidecar, savedText: string, baseText: string | undefined, options: LiveOptions = {},
): { sidecar: Sidecar; conflicts: readonly MergeConflict[] } {
  const moved = baseText !== undefined && baseText !== savedText;
  const theirs = moved ? reanchorSidecar(current, savedText, baseText).sidecar : current;
  const rebasedBase = base && moved ? reanchorSidecar(base, savedText, baseText).sidecar : base;
  const merged = mergeSidecars(rebasedBase, ours, theirs, {
    ...(options.now ? { at: options.now() } : {}),
    ...(options.mergeAuthor ? { by: options.mergeAuthor() } : {}),
  });
  // Unknown parts of the file on disk are the writer's to keep; source fields come from the merge.
  return { sidecar: { ...current, ...merged.sidecar }, conflicts: merged.conflicts };
}

function isRefusal(error: unknown): boolean {
  return error instanceof NotWritableError;
}

export function emptySidecar(articleUri: string): Sidecar {
  return { version: FORMAT_VERSION, source: { file: basename(articleUri) }, annotations: [], facts: [] };
}
