// Disagreements between authors marked on their span in the editor: a dashed outline, a mark
// in the overview ruler, and a hover that names the versions (resolve them in the Review view).
import * as vscode from 'vscode';
import { findDisagreements, type Disagreement } from '../../core/review';
import { Disposable } from '../dispose';
import type { LiveArticles } from '../liveArticles';
import { rangeOfSpan } from '../documentOffsets';
import type { AuthorLayers } from './authorLayers';

export class DisagreementMarks extends Disposable {
  private readonly type = this._register(vscode.window.createTextEditorDecorationType({
    outlineStyle: 'dashed',
    outlineWidth: '1px',
    outlineColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  }));

  constructor(private readonly live: LiveArticles, private readonly layers: AuthorLayers) {
    super();
    this._register(live.onDidChange((uri) => this.render(uri)));
    this._register(layers.onDidChange(() => this.render()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.render()));
    this.render();
  }

  /** The disagreements marked in an editor: what the integration tests read. */
  marked(editor: vscode.TextEditor): Disagreement[] {
    const live = this.live.get(editor.document);
    if (!live || this.layers.hidesOthers(live.uri)) return [];
    return findDisagreements(live.sidecar);
  }

  private render(uri?: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (uri !== undefined && editor.document.uri.toString() !== uri) continue;
      const map = this.live.offsetMap(editor.document);
      editor.setDecorations(this.type, this.marked(editor).map((d) => {
        const hover = new vscode.MarkdownString();
        // Labels, entities and authors come from the sidecar: text only.
        hover.appendText(vscode.l10n.t('Disagreement ({0}): {1}', d.kind, `${d.items.map((i) => `${i.author}: ${i.label}${i.entity ? ` → ${i.entity}` : ''} “${i.text}”`).join(' / ')}`));
        hover.appendMarkdown('  \n');
        hover.appendText(vscode.l10n.t('Resolve it in the Review view.'));
        return {
          range: rangeOfSpan(editor.document, map, d),
          hoverMessage: hover,
        };
      }));
    }
  }
}
