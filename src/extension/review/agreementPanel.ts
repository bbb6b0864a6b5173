// The agreement report in a webview: computed by src/core/agreement/report.ts (the same object
// the command line prints as JSON), rendered by reportHtml.ts with every corpus text escaped.
import { createRevealingPanel } from '../webviewPanel';
import * as vscode from 'vscode';
import { computeAgreement, type AgreementReport } from '../../core/agreement';
import { renderAgreementPage } from '../../core/agreement';
import { articleTitle, type CorpusStore } from '../../core/corpus';
import type { CommandContribution } from '../commandTable';
import { Commands } from '../constants';
import { Disposable } from '../dispose';

export class AgreementPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The report shown last: what the integration tests read. */
  report: AgreementReport | undefined;
  /** This panel's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = { [Commands.reviewAgreement]: () => this.show() };

  constructor(private readonly store: CorpusStore) {
    super();
    this._register(store.onDidChange(() => { if (this.panel) this.render(); }));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  compute(): AgreementReport {
    const documents = this.store.articleUris().sort().map((uri) => {
      const article = this.store.article(uri);
      return { id: uri, text: article?.text ?? '', sidecar: article?.parsed?.sidecar };
    });
    return computeAgreement(documents);
  }

  show(): void {
    if (!this.panel) {
      this.panel = createRevealingPanel('sourceAnnotator.agreement', vscode.l10n.t('Agreement'), vscode.ViewColumn.Active);
      this.panel.onDidDispose(() => { this.panel = undefined; });
    }
    this.render();
    this.panel.reveal(undefined, false);
  }

  private render(): void {
    if (!this.panel) return;
    this.report = this.compute();
    const titles = new Map(this.report.documents.map((d) => { const state = this.store.article(d.id); return [d.id, articleTitle(state?.parsed?.sidecar, state, d.id)]; }));
    const nonce = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
    this.panel.webview.html = renderAgreementPage(this.report, { nonce, titles });
  }
}
