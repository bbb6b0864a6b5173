// The article grammar is opt-in: with `sourceAnnotator.articleGrammar.enabled`, articles of the
// corpus open in the `news-article` language (headline, datelines, quotations, references...).
// A single file can be switched with "Change Language Mode" as usual.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { configuration } from './configuration';
import { ARTICLE_LANGUAGE_ID } from './constants';
import { Disposable } from './dispose';

export class ArticleLanguage extends Disposable {
  constructor(private readonly store: CorpusStore) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((document) => void this.apply(document)));
    this._register(configuration.onDidChange(['articleLanguage'], () => this.applyToOpen()));
    this._register(store.onDidChange(() => this.applyToOpen()));
  }

  private enabled(): boolean {
    return configuration.get('articleLanguage');
  }

  private applyToOpen(): void {
    for (const document of vscode.workspace.textDocuments) void this.apply(document);
  }

  private async apply(document: vscode.TextDocument): Promise<void> {
    if (!this.enabled() || document.languageId !== 'plaintext' || !this.store.article(document.uri.toString())) return;
    await vscode.languages.setTextDocumentLanguage(document, ARTICLE_LANGUAGE_ID);
  }
}
