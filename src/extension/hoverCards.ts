// Hover cards on mentions (annotated or suggested): what the other articles say about the
// entity. The card is built and escaped in src/core/hoverCard.ts; here it becomes a trusted
// MarkdownString in which only this extension's own commands are enabled.
import * as vscode from 'vscode';
import { annotationsAt } from '../core/annotating';
import type { CorpusIndexer } from '../core/crossSource';
import type { CorpusStore } from '../core/corpus';
import { buildEntityCard, CARD_COMMANDS, renderEntityCard, renderFactCard } from '../core/crossSource';
import { statusOf } from '../core/model';
import type { LiveArticles } from './liveArticles';
import { codePointAt, rangeOfSpan } from './documentOffsets';
import type { Suggestions } from './suggestions';

export class HoverCards implements vscode.HoverProvider {
  constructor(
    private readonly store: CorpusStore,
    private readonly live: LiveArticles,
    private readonly suggestions: Suggestions,
    private readonly indexer: CorpusIndexer,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const live = this.live.get(document);
    if (!live) return undefined;
    const registry = this.store.registryFor(live.uri);
    const index = this.indexer.indexFor(live.uri);
    if (!registry || !index) return undefined;
    const map = this.live.offsetMap(document);
    const offset = codePointAt(document, map, position);
    const range = (start: number, end: number) => rangeOfSpan(document, map, { start, end });

    const parts: vscode.MarkdownString[] = [];
    let hoverRange: vscode.Range | undefined;
    const annotation = annotationsAt(live.sidecar, offset).find((a) => a.entity !== undefined && statusOf(a) !== 'rejected');
    const suggestion = annotation ? undefined : this.suggestions.suggestionsAt(document, offset, offset).find((s) => s.entityId !== undefined);
    const entityId = annotation?.entity ?? suggestion?.entityId;
    if (entityId !== undefined) {
      const note = annotation?.note ? { text: annotation.note, ...(annotation.author ? { author: annotation.author } : {}) } : undefined;
      const card = buildEntityCard(index, registry, entityId, live.uri, note);
      if (card) {
        const heading = suggestion ? `${vscode.l10n.t('*Suggested mention (not annotated yet)*')}\n\n` : '';
        parts.push(trusted(heading + renderEntityCard(card)));
        const span = annotation ?? suggestion!;
        hoverRange = range(span.start, span.end);
      }
    }
    // Facts whose evidence is under the cursor: this article's claim against the others.
    for (const fact of live.sidecar?.facts ?? []) {
      if (fact.orphaned || statusOf(fact) === 'rejected' || offset < fact.start || offset > fact.end) continue;
      const group = index.factGroup(fact.subject, fact.property);
      if (!group) continue;
      parts.push(trusted(renderFactCard(group, registry.entities.get(fact.subject)?.name ?? fact.subject, live.uri)));
      hoverRange ??= range(fact.start, fact.end);
    }
    if (parts.length > 0 && this.indexer.pendingArticles > 0) {
      parts.push(new vscode.MarkdownString(vscode.l10n.t('*Still indexing the corpus ({0} articles to go): other sources may be missing.*', this.indexer.pendingArticles)));
    }
    return parts.length > 0 ? new vscode.Hover(parts, hoverRange) : undefined;
  }
}

/** Markdown in which exactly the card's own commands may run; no HTML. */
function trusted(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown, true);
  result.isTrusted = { enabledCommands: Object.values(CARD_COMMANDS) };
  result.supportHtml = false;
  return result;
}
