// The active article's counts in the status bar: annotations, awaiting review, orphans, and
// whether changes wait for the article to be saved.
import * as vscode from 'vscode';
import { countAwaitingReview } from '../core/review';
import { Commands, Views } from './constants';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';

export class AnnotationStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('sourceAnnotator.counts', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly live: LiveArticles) {
    super();
    this.item.name = 'Source Annotator';
    this.item.command = `${Views.articles}.focus`;
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(live.onDidChange((uri) => {
      if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.update();
    }));
    this.update();
  }

  /** The text shown, or undefined while hidden (no article active). */
  get shownText(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  private shown = false;

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const live = editor && this.live.get(editor.document);
    if (!live) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const items = live.sidecar ? [...live.sidecar.annotations, ...live.sidecar.facts] : [];
    const annotations = live.sidecar?.annotations.length ?? 0;
    const proposed = countAwaitingReview(live.sidecar);
    const orphaned = items.filter((item) => item.orphaned).length;
    const parts = [`$(tag) ${annotations}`];
    if (proposed > 0) parts.push(`$(eye) ${proposed}`);
    if (orphaned > 0) parts.push(`$(debug-disconnect) ${orphaned}`);
    if (live.pending) parts.push('$(circle-filled)');
    this.item.text = parts.join('  ');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Source Annotator**\n\n${annotations} annotations, ${live.sidecar?.facts.length ?? 0} facts  \n`);
    tooltip.appendMarkdown(`${proposed} awaiting review  \n${orphaned} orphaned`);
    if (live.pending) tooltip.appendMarkdown('\n\nChanges are kept with the unsaved article and written when you save it.');
    tooltip.appendMarkdown(`\n\n[Toggle highlights](command:${Commands.toggleHighlights})`);
    tooltip.isTrusted = { enabledCommands: [Commands.toggleHighlights] };
    this.item.tooltip = tooltip;
    this.item.show();
    this.shown = true;
  }
}
