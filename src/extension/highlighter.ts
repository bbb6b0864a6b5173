// Colours every annotated span with its label's colour from entities.yaml: a tint in the text
// and a mark in the overview ruler. Proposed annotations have a dashed underline, accepted ones
// a solid one, rejected ones are hidden unless asked for. Work per update is proportional to
// the annotations of the documents that changed, never to the corpus, and typing that only
// moves annotations draws nothing (the editor moves decorations with the text).
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import type { Event } from '../core/util';
import { statusOf, type Annotation, type AnnotationStatus, type Fact } from '../core/model';
import { colourVariant, withAlpha } from '../core/util';
import { configuration } from './configuration';
import { PerDocumentDebouncer } from './debounce';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';
import { rangeOfSpan } from './documentOffsets';

const DEBOUNCE_MS = 30;
const FALLBACK_COLOR = '#808080';

/** Which items are shown, and each author's variant of the label colour (the review layers). */
export interface AnnotationLayers {
  isVisible(articleUri: string, item: Annotation | Fact): boolean;
  variant(author: string | undefined): number;
  readonly onDidChange: Event<void>;
}

export class Highlighter extends Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  /** Evidence of facts: a dotted frame, so it reads apart from entity tints it may contain. */
  private readonly factType = this._register(vscode.window.createTextEditorDecorationType({
    borderStyle: 'dotted',
    borderWidth: '1px',
    borderColor: new vscode.ThemeColor('charts.purple'),
    borderRadius: '3px',
    overviewRulerColor: new vscode.ThemeColor('charts.purple'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
    rangeBehavior: vscode.DecorationRangeBehavior.OpenOpen,
  }));
  private readonly debouncer = this._register(new PerDocumentDebouncer(DEBOUNCE_MS, (uri) => this.renderDocument(uri)));
  private enabled = true;
  private showRejected = false;
  private layers: AnnotationLayers | undefined;
  /** The live shapeVersion each editor was last drawn at: typing that only moved spans draws nothing. */
  private readonly drawnShape = new WeakMap<vscode.TextEditor, number>();

  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles) {
    super();
    this._register(live.onDidChange((uri) => this.schedule(uri)));
    this._register(store.onDidChange((change) => {
      if (change.registryChanged) this.resetTypes();
    }));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()));
    this._register(configuration.onDidChange(['highlightOpacity'], () => this.resetTypes()));
    this._register({ dispose: () => { for (const type of this.types.values()) type.dispose(); } });
    this.renderAll();
  }

  toggle(): boolean {
    this.enabled = !this.enabled;
    this.renderAll();
    return this.enabled;
  }

  /** Shows only what the review layers let through, each author in their variant. */
  setLayers(layers: AnnotationLayers): void {
    this.layers = layers;
    this._register(layers.onDidChange(() => this.renderAll()));
    this.renderAll();
  }

  toggleRejected(): boolean {
    this.showRejected = !this.showRejected;
    this.renderAll();
    return this.showRejected;
  }

  /** Ranges currently decorated in an editor, by label: what the integration tests inspect. */
  decoratedRanges(editor: vscode.TextEditor): Map<string, vscode.Range[]> {
    return this.rangesFor(editor.document);
  }

  /** Evidence ranges of the facts decorated in an editor. */
  factRanges(editor: vscode.TextEditor): vscode.Range[] {
    const live = this.live.get(editor.document);
    if (!this.enabled || !live?.sidecar) return [];
    const map = this.live.offsetMap(editor.document);
    return live.sidecar.facts
      .filter((fact) => !fact.orphaned && (this.showRejected || statusOf(fact) !== 'rejected') && (this.layers?.isVisible(live.uri, fact) ?? true))
      .map((fact) => rangeOfSpan(editor.document, map, fact));
  }

  private schedule(uri: string): void {
    this.debouncer.schedule(uri);
  }

  private renderDocument(uri: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri) continue;
      // Spans that only moved with the text are where the editor moved their decorations.
      if (this.drawnShape.get(editor) === this.live.shapeVersion(editor.document)) continue;
      this.render(editor);
    }
  }

  private renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.render(editor);
  }

  private resetTypes(): void {
    for (const type of this.types.values()) type.dispose();
    this.types.clear();
    this.renderAll();
  }

  private typeFor(color: string, status: AnnotationStatus, variant = 0): vscode.TextEditorDecorationType {
    const key = `${color}|${status}|${variant}`;
    let type = this.types.get(key);
    if (type) return type;
    const opacity = configuration.get('highlightOpacity');
    const strong = status === 'accepted';
    type = vscode.window.createTextEditorDecorationType({
      // Dark themes need a stronger tint than light ones for the same visibility.
      light: { backgroundColor: withAlpha(color, opacity * (strong ? 1 : 0.6)) },
      dark: { backgroundColor: withAlpha(color, Math.min(1, opacity * (strong ? 1.5 : 0.9))) },
      borderStyle: status === 'proposed' ? 'none none dashed none' : 'none none solid none',
      borderWidth: status === 'accepted' ? '0 0 2px 0' : '0 0 1px 0',
      borderColor: colourVariant(color, variant),
      borderRadius: '2px',
      ...(status === 'rejected' ? { textDecoration: 'line-through', opacity: '0.6' } : {}),
      overviewRulerColor: withAlpha(color, status === 'rejected' ? 0.3 : 0.8),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
      // Text typed at either edge goes outside, as live spans move (shiftSpan): while the
      // annotations only move with the text, the editor's own moves of these ranges are right.
      rangeBehavior: vscode.DecorationRangeBehavior.OpenOpen,
    });
    this.types.set(key, type);
    return type;
  }

  private rangesFor(document: vscode.TextDocument): Map<string, vscode.Range[]> {
    const byType = new Map<string, vscode.Range[]>();
    const live = this.live.get(document);
    if (!this.enabled || !live?.sidecar) return byType;
    const registry = this.store.registryFor(live.uri);
    const map = this.live.offsetMap(document);
    const visible = (a: Annotation) => !a.orphaned && (this.showRejected || statusOf(a) !== 'rejected') && (this.layers?.isVisible(live.uri, a) ?? true);
    for (const annotation of live.sidecar.annotations) {
      if (!visible(annotation)) continue;
      const color = registry?.labels.get(annotation.label)?.color ?? FALLBACK_COLOR;
      const key = `${color}|${statusOf(annotation)}|${this.layers?.variant(annotation.author) ?? 0}`;
      const range = rangeOfSpan(document, map, annotation);
      let ranges = byType.get(key);
      if (!ranges) byType.set(key, (ranges = []));
      ranges.push(range);
    }
    return byType;
  }

  private render(editor: vscode.TextEditor): void {
    this.drawnShape.set(editor, this.live.shapeVersion(editor.document));
    const wanted = this.rangesFor(editor.document);
    for (const [key, ranges] of wanted) {
      const [color, status, variant] = key.split('|') as [string, AnnotationStatus, string];
      editor.setDecorations(this.typeFor(color, status, Number(variant)), ranges);
    }
    editor.setDecorations(this.factType, this.factRanges(editor));
    // Clear the types this editor no longer uses (a relabel, a delete).
    for (const [key, type] of this.types) {
      if (!wanted.has(key)) editor.setDecorations(type, []);
    }
  }
}
