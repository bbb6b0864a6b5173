// Reviewing teammates' work: composes the author layers, the Review view, the discussion
// threads and the agreement report (issue 11). main.ts calls registerReview once.
import * as vscode from 'vscode';
import type { CorpusStore } from '../../core/corpus';
import type { Highlighter } from '../highlighter';
import type { LiveArticles } from '../liveArticles';
import { AgreementPanel } from './agreementPanel';
import { AuthorHover } from './authorHover';
import { AuthorLayers } from './authorLayers';
import { DisagreementMarks } from './disagreementMarks';
import { ReviewComments } from './reviewComments';
import { ReviewView } from './reviewView';
import { ReviewWrites } from './reviewWrites';

export interface ReviewApi {
  readonly layers: AuthorLayers;
  readonly view: ReviewView;
  readonly comments: ReviewComments;
  readonly agreement: AgreementPanel;
  readonly marks: DisagreementMarks;
  /** Who wrote the annotation under the cursor; main.ts registers it for the article selector. */
  readonly hover: AuthorHover;
}

export function registerReview(context: vscode.ExtensionContext, store: CorpusStore, live: LiveArticles, highlighter: Highlighter): ReviewApi {
  const writes = new ReviewWrites(store, live);
  const layers = new AuthorLayers(store, context.workspaceState);
  highlighter.setLayers(layers);
  const view = new ReviewView(store, live, writes, layers);
  const comments = new ReviewComments(store, live, writes, layers);
  const agreement = new AgreementPanel(store);
  const marks = new DisagreementMarks(live, layers);
  context.subscriptions.push(layers, view, comments, agreement, marks);
  return { layers, view, comments, agreement, marks, hover: new AuthorHover(live, layers) };
}
