// Who made the annotations under the cursor, their status and reviews: the author layer in
// the hover (the entity card, when there is one, comes from hoverCards.ts next to it).
import * as vscode from 'vscode';
import { annotationsAt } from '../../core/annotating';
import { statusOf } from '../../core/model';
import type { LiveArticles } from '../liveArticles';
import { codePointAt, rangeOfSpan } from '../documentOffsets';
import type { AuthorLayers } from './authorLayers';

export class AuthorHover implements vscode.HoverProvider {
  constructor(private readonly live: LiveArticles, private readonly layers: AuthorLayers) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const live = this.live.get(document);
    if (!live?.sidecar) return undefined;
    const map = this.live.offsetMap(document);
    const offset = codePointAt(document, map, position);
    const items = annotationsAt(live.sidecar, offset).filter((a) => this.layers.isVisible(live.uri, a));
    if (items.length === 0) return undefined;
    const markdown = new vscode.MarkdownString();
    // Authors and comments come from the sidecar: text only, never markup.
    items.forEach((a, i) => {
      if (i > 0) markdown.appendMarkdown('  \n');
      markdown.appendText(`${a.label} by ${a.author ?? 'unknown'} · ${statusOf(a)}`);
      const last = a.reviews?.[a.reviews.length - 1];
      if (last) markdown.appendText(` · ${last.by} ${last.verdict}${a.reviews!.length > 1 ? ` (${a.reviews!.length} reviews)` : ''}`);
    });
    const first = items[0]!;
    return new vscode.Hover(markdown, rangeOfSpan(document, map, first));
  }
}
