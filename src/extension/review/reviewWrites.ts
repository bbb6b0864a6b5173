// The review's reads and writes of sidecars: the live annotations of open articles (what the
// editor shows), the store's otherwise; every change goes through LiveArticles.change, which
// writes through the store (atomic, lossless) or keeps it with unsaved text.
import * as vscode from 'vscode';
import { timestamp } from '../../core/annotating';
import type { CorpusStore } from '../../core/corpus';
import type { Reviewer } from '../../core/review';
import type { Sidecar } from '../../core/model';
import type { LiveArticles } from '../liveArticles';
import { rangeOfSpan } from '../documentOffsets';

export class ReviewWrites {
  private revealRequest = 0;

  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles) {}

  sidecar(uri: string): Sidecar | undefined {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const live = document && this.live.get(document);
    return live ? live.sidecar : this.store.article(uri)?.parsed?.sidecar;
  }

  articles(): { uri: string; sidecar: Sidecar | undefined }[] {
    return this.store.articleUris().sort().map((uri) => ({ uri, sidecar: this.sidecar(uri) }));
  }

  /** Applies a change to an article's annotations; false when refused (explained to the person). */
  async change(uri: string, change: (sidecar: Sidecar) => Sidecar): Promise<boolean> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    try {
      return await this.live.change(document, (sidecar) => change(sidecar));
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  static now(by: string): Reviewer {
    return { by, at: timestamp(new Date()) };
  }

  /** Shows an item in its article, keeping the keyboard where it is (the Review view). */
  async reveal(uri: string, item: { start: number; end: number; orphaned?: boolean }, preserveFocus = true): Promise<void> {
    // Reveals overlap when keys are pressed quickly: only the latest one may move the selection.
    const request = ++this.revealRequest;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    if (request !== this.revealRequest) return;
    const editor = await vscode.window.showTextDocument(document, { preserveFocus, preview: true });
    if (item.orphaned || request !== this.revealRequest) return;
    const map = this.live.offsetMap(document);
    const range = rangeOfSpan(document, map, item);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
