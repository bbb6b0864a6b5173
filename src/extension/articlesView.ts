// The Articles view: one node per article (title, outlet, date, counts, review state), its
// entities grouped by label with their mentions, and its orphaned annotations. The model
// (summaries, grouping, sorting) is src/core/articleSummary.ts; this is the VS Code side.
import * as vscode from 'vscode';
import {
  groupByLabel, matchesFilter, orphanedItems, sortArticles, summarizeArticle,
  type ArticleReviewState, type ArticleSort, type ArticleSummary, type EntityMentions, type LabelGroup,
} from '../core/corpus';
import { isolateDirection } from '../core/text';
import type { CorpusStore } from '../core/corpus';
import { statusOf, type Annotation, type Fact, type Sidecar } from '../core/model';
import type { ArticleRef, ItemRef } from './commandArgs';
import type { CommandContribution } from './commandTable';
import { Commands, Views } from './constants';
import { setContextKey } from './contextKeys';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';

export type ArticleGrouping = 'none' | 'outlet' | 'date';

// A node is what VS Code passes to the commands of its context menu, so each carries the
// reference those commands take (commandArgs.ts): every node below an article is an ArticleRef,
// a mention an ItemRef, an entity a CompareTarget (when it is linked to a registry entity).
type Node =
  | { readonly kind: 'group'; readonly id: string; readonly title: string; readonly articles: readonly ArticleSummary[] }
  | ({ readonly kind: 'article'; readonly id: string } & ArticleRef)
  | ({ readonly kind: 'label'; readonly id: string; readonly group: LabelGroup } & ArticleRef)
  | ({ readonly kind: 'entity'; readonly id: string; readonly mentions: EntityMentions; readonly entity: string | undefined } & ArticleRef)
  | ({ readonly kind: 'mention'; readonly id: string; readonly item: Annotation | Fact } & ItemRef)
  | ({ readonly kind: 'orphans'; readonly id: string; readonly items: readonly (Annotation | Fact)[] } & ArticleRef)
  | ({ readonly kind: 'facts'; readonly id: string; readonly items: readonly Fact[] } & ArticleRef);

const STATE_ICONS: Record<ArticleReviewState, [string, string | undefined, string]> = {
  empty: ['circle-large-outline', undefined, 'no annotations'],
  'in-progress': ['edit', 'charts.blue', 'in progress'],
  'needs-review': ['eye', 'charts.yellow', 'needs review'],
  reviewed: ['pass', 'testing.iconPassed', 'reviewed'],
  problems: ['warning', 'problemsWarningIcon.foreground', 'has problems'],
};

const SORT_KEY = 'sourceAnnotator.articles.sort';
const GROUP_KEY = 'sourceAnnotator.articles.group';

export class ArticlesView extends Disposable implements vscode.TreeDataProvider<Node> {
  // vscode.EventEmitter because TreeDataProvider.onDidChangeTreeData is VS Code's API; events of our own use core's Emitter.
  private readonly changeEmitter = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly summaries = new Map<string, ArticleSummary>();
  private readonly articleNodes = new Map<string, Node & { kind: 'article' }>();
  private readonly view: vscode.TreeView<Node>;
  private filter = '';
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private changedArticles = new Set<string>();
  private fullRefresh = false;

  /** This view's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    [Commands.refreshArticles]: () => this.scheduleRefresh([], true),
    [Commands.sortArticles]: () => this.chooseSort(),
    [Commands.groupArticles]: () => this.chooseGrouping(),
    [Commands.filterArticles]: () => this.chooseFilter(),
    [Commands.clearFilter]: () => this.setFilter(''),
  };

  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles, private readonly memento: vscode.Memento) {
    super();
    this.view = this._register(vscode.window.createTreeView(Views.articles, { treeDataProvider: this, showCollapseAll: true }));
    this._register(store.onDidChange((change) => this.scheduleRefresh(change.articles, change.registryChanged)));
    this._register(live.onDidChange((uri) => this.scheduleRefresh([uri], false)));
    this._register({ dispose: () => clearTimeout(this.refreshTimer) });
    this.updateDescription();
  }

  get sort(): ArticleSort {
    return this.memento.get<ArticleSort>(SORT_KEY, 'file');
  }

  get grouping(): ArticleGrouping {
    return this.memento.get<ArticleGrouping>(GROUP_KEY, 'none');
  }

  /** The summaries shown, in order, after filtering: what the integration tests read. */
  visibleArticles(): ArticleSummary[] {
    // Texts in a folder without a registry or a sidecar are not a corpus yet (a LICENSE.txt is
    // no article): the view shows its welcome, which offers to start one.
    if (!corpusPresent(this.store)) return [];
    const all = this.store.articleUris().map((uri) => this.summary(uri));
    return sortArticles(all.filter((article) => !this.filter || matchesFilter(article, this.filter)), this.sort);
  }

  // ---- TreeDataProvider ----------------------------------------------------------------------

  getChildren(node?: Node): Node[] {
    if (!node) return this.rootNodes();
    switch (node.kind) {
      case 'group': return node.articles.map((article) => this.articleNode(article.uri));
      case 'article': return this.articleChildren(node.articleUri);
      case 'label': return node.group.entities.map((entity) => ({
        kind: 'entity', id: `${node.id}/${entity.entityId ?? `"${entity.name}`}`, articleUri: node.articleUri, mentions: entity, entity: entity.entityId,
      }));
      case 'entity': return node.mentions.mentions.map((item) => this.mentionNode(node.articleUri, `${node.articleUri}#${item.id}`, item));
      case 'orphans': return node.items.map((item) => this.mentionNode(node.articleUri, `${node.articleUri}#orphan-${item.id}`, item));
      case 'facts': return node.items.map((item) => this.mentionNode(node.articleUri, `${node.articleUri}#fact-${item.id}`, item));
      case 'mention': return [];
    }
  }

  getParent(node: Node): Node | undefined {
    // Only article nodes are revealed programmatically; they sit at the root or in a group.
    if (node.kind !== 'article' || this.grouping === 'none') return undefined;
    return this.rootNodes().find((group) => group.kind === 'group' && group.articles.some((a) => a.uri === node.articleUri));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(isolateDirection(node.title), vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = `${node.articles.length}`;
        item.iconPath = new vscode.ThemeIcon(this.grouping === 'outlet' ? 'organization' : 'calendar');
        return item;
      }
      case 'article': return this.articleItem(this.summary(node.articleUri), node.id);
      case 'label': {
        const count = node.group.entities.reduce((sum, e) => sum + e.mentions.length, 0);
        const item = new vscode.TreeItem(node.group.labelName, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.group.label} · ${count}`;
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.contextValue = 'label';
        return item;
      }
      case 'entity': {
        const item = new vscode.TreeItem(isolateDirection(node.mentions.name), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.mentions.mentions.length}`;
        item.iconPath = new vscode.ThemeIcon(node.entity ? 'symbol-class' : 'symbol-string');
        item.contextValue = 'entity';
        return item;
      }
      case 'orphans': {
        const item = new vscode.TreeItem(vscode.l10n.t('Orphaned'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.items.length}`;
        item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = vscode.l10n.t('Annotations whose text could not be found again after the article changed. Select the right text and run “Re-attach Annotation”.');
        return item;
      }
      case 'facts': {
        const item = new vscode.TreeItem(vscode.l10n.t('Facts'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.items.length}`;
        item.iconPath = new vscode.ThemeIcon('symbol-key');
        item.tooltip = vscode.l10n.t('Claims this article makes. Hover their evidence in the text, or run “Compare Sources”, to see what the other sources say.');
        return item;
      }
      case 'mention': return this.mentionItem(node);
    }
  }

  // ---- building nodes ------------------------------------------------------------------------

  private rootNodes(): Node[] {
    const articles = this.visibleArticles();
    if (this.grouping === 'none') return articles.map((article) => this.articleNode(article.uri));
    // Articles without an outlet (or date) are grouped under the key '' and listed last; an
    // outlet that happens to be called "Unknown …" is an outlet like any other.
    const groups = new Map<string, ArticleSummary[]>();
    for (const article of articles) {
      const key = (this.grouping === 'outlet' ? article.outlet : article.published) ?? '';
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(article);
    }
    const unknown = this.grouping === 'outlet' ? vscode.l10n.t('Unknown outlet') : vscode.l10n.t('Unknown date');
    return [...groups.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([key, list]) => ({ kind: 'group', id: `group:${this.grouping}:${key}`, title: key === '' ? unknown : key, articles: list }));
  }

  private articleNode(uri: string): Node & { kind: 'article' } {
    let node = this.articleNodes.get(uri);
    if (!node) this.articleNodes.set(uri, (node = { kind: 'article', id: `article:${uri}`, articleUri: uri }));
    return node;
  }

  private mentionNode(articleUri: string, id: string, item: Annotation | Fact): Node {
    return { kind: 'mention', id, articleUri, itemId: item.id, item };
  }

  private sidecarOf(uri: string): Sidecar | undefined {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const live = document && this.live.get(document);
    return live ? live.sidecar : this.store.article(uri)?.parsed?.sidecar;
  }

  private summary(uri: string): ArticleSummary {
    let summary = this.summaries.get(uri);
    if (!summary) {
      const state = this.store.article(uri);
      summary = summarizeArticle(uri, this.sidecarOf(uri), state?.firstLine, state?.parsed ? this.store.sidecarDiagnostics(uri).filter((d) => d.severity === 'error').length : 0);
      this.summaries.set(uri, summary);
    }
    return summary;
  }

  private articleChildren(uri: string): Node[] {
    const sidecar = this.sidecarOf(uri);
    const groups = groupByLabel(sidecar?.annotations ?? [], this.store.registryFor(uri));
    const nodes: Node[] = groups.map((group) => ({ kind: 'label', id: `article:${uri}/label:${group.label}`, articleUri: uri, group }));
    const facts = (sidecar?.facts ?? []).filter((fact) => !fact.orphaned && statusOf(fact) !== 'rejected');
    if (facts.length > 0) nodes.push({ kind: 'facts', id: `article:${uri}/facts`, articleUri: uri, items: [...facts].sort((a, b) => a.start - b.start) });
    const orphans = orphanedItems(sidecar);
    if (orphans.length > 0) nodes.push({ kind: 'orphans', id: `article:${uri}/orphans`, articleUri: uri, items: orphans });
    return nodes;
  }

  private articleItem(summary: ArticleSummary, id: string): vscode.TreeItem {
    const hasChildren = summary.annotationCount > 0 || summary.orphanedCount > 0 || summary.factCount > 0;
    // The title is isolated so a right-to-left one does not pull the description's digits in.
    const item = new vscode.TreeItem(isolateDirection(summary.title), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = id;
    const counts = summary.annotationCount === 0 ? 'no annotations'
      : `${summary.annotationCount} annotation${summary.annotationCount === 1 ? '' : 's'}${summary.awaitingReview ? `, ${summary.awaitingReview} to review` : ''}`;
    item.description = [summary.outlet && isolateDirection(summary.outlet), summary.published, counts].filter(Boolean).join(' · ');
    const [icon, color, stateName] = STATE_ICONS[summary.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(summary.title);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText([summary.outlet, summary.published, summary.fileName].filter(Boolean).join(' · '));
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(`${counts}; ${summary.factCount} facts; ${stateName}${summary.orphanedCount ? `; ${summary.orphanedCount} orphaned` : ''}`);
    item.tooltip = tooltip;
    item.contextValue = 'article';
    item.resourceUri = vscode.Uri.parse(summary.uri);
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Article'), arguments: [vscode.Uri.parse(summary.uri)] };
    return item;
  }

  private mentionItem(node: Node & { kind: 'mention' }): vscode.TreeItem {
    const isFact = 'property' in node.item;
    const fact = isFact ? node.item as Fact : undefined;
    const label = fact && !fact.orphaned
      ? `${fact.property}: ${isolateDirection(fact.value)}`
      : `“${isolateDirection(node.item.text.replace(/\s+/g, ' '))}”`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    const subjectName = fact ? this.store.registryFor(node.articleUri)?.entities.get(fact.subject)?.name ?? fact.subject : undefined;
    item.description = [
      fact ? (fact.orphaned ? `fact: ${fact.property}` : subjectName && isolateDirection(subjectName)) : (node.item as Annotation).label,
      node.item.status ?? 'proposed',
      node.item.author,
      node.item.orphaned ? `was at ${node.item.start}` : undefined,
    ].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(node.item.orphaned ? 'debug-disconnect' : node.item.status === 'accepted' ? 'check' : node.item.status === 'rejected' ? 'close' : 'circle-small-filled');
    const ref: ItemRef = { articleUri: node.articleUri, itemId: node.itemId };
    item.command = node.item.orphaned
      ? { command: Commands.reattach, title: vscode.l10n.t('Re-attach Annotation'), arguments: [ref] }
      : { command: Commands.revealAnnotation, title: vscode.l10n.t('Reveal Annotation'), arguments: [ref] };
    item.contextValue = node.item.orphaned ? 'orphan' : isFact ? 'fact' : 'mention';
    const tooltip = [fact && !fact.orphaned ? `“${fact.text.replace(/\s+/g, ' ')}”` : undefined, node.item.note].filter(Boolean).join('\n\n');
    if (tooltip) item.tooltip = tooltip;
    return item;
  }

  // ---- refresh, sort, group, filter -----------------------------------------------------------

  private scheduleRefresh(articles: readonly string[], full: boolean): void {
    for (const uri of articles) this.changedArticles.add(uri);
    this.fullRefresh ||= full;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), 100);
  }

  private refresh(): void {
    const changed = [...this.changedArticles];
    this.changedArticles.clear();
    const known = changed.every((uri) => this.summaries.has(uri) && this.store.article(uri));
    const before = changed.map((uri) => this.summaries.get(uri));
    for (const uri of changed) this.summaries.delete(uri);
    if (this.fullRefresh) this.summaries.clear();
    // Ids are stable, so a full refresh keeps what the person expanded; a change that keeps
    // the order refreshes only the changed articles.
    const orderKept = !this.fullRefresh && known && this.sort !== 'title'
      && changed.every((uri, i) => sameSortFields(before[i], this.summary(uri)));
    this.fullRefresh = false;
    if (orderKept && this.grouping === 'none') {
      for (const uri of changed) this.changeEmitter.fire(this.articleNode(uri));
    } else {
      this.changeEmitter.fire(undefined);
    }
    void setContextKey('hasCorpus', corpusPresent(this.store));
  }

  private async chooseSort(): Promise<void> {
    const options: { label: string; value: ArticleSort }[] = [
      { label: vscode.l10n.t('File name'), value: 'file' }, { label: vscode.l10n.t('Title'), value: 'title' },
      { label: vscode.l10n.t('Outlet'), value: 'outlet' }, { label: vscode.l10n.t('Publication date'), value: 'date' },
    ];
    const picked = await vscode.window.showQuickPick(options.map((o) => ({ ...o, picked: o.value === this.sort, description: o.value === this.sort ? 'current' : undefined })), { title: vscode.l10n.t('Sort articles by') });
    if (!picked) return;
    await this.memento.update(SORT_KEY, picked.value);
    this.scheduleRefresh([], true);
  }

  private async chooseGrouping(): Promise<void> {
    const options: { label: string; value: ArticleGrouping }[] = [
      { label: vscode.l10n.t('No grouping'), value: 'none' }, { label: vscode.l10n.t('Group by outlet'), value: 'outlet' }, { label: vscode.l10n.t('Group by publication date'), value: 'date' },
    ];
    const picked = await vscode.window.showQuickPick(options.map((o) => ({ ...o, description: o.value === this.grouping ? 'current' : undefined })), { title: vscode.l10n.t('Group articles') });
    if (!picked) return;
    await this.memento.update(GROUP_KEY, picked.value);
    this.scheduleRefresh([], true);
  }

  private async chooseFilter(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter articles'), value: this.filter,
      prompt: vscode.l10n.t('Words that must all appear in the title, outlet, file name, date or state (e.g. "kompas needs-review")'),
    });
    if (value !== undefined) this.setFilter(value.trim());
  }

  setFilter(filter: string): void {
    this.filter = filter;
    void setContextKey('articleFilterActive', filter !== '');
    this.updateDescription();
    this.scheduleRefresh([], true);
  }

  private updateDescription(): void {
    this.view.description = this.filter ? `filter: ${this.filter}` : undefined;
  }
}

/** A corpus is a registry or at least one sidecar; plain texts alone are not one yet. */
export function corpusPresent(store: CorpusStore): boolean {
  return store.registryUris().length > 0 || store.articleUris().some((uri) => store.article(uri)?.parsed);
}

function sameSortFields(a: ArticleSummary | undefined, b: ArticleSummary): boolean {
  return a !== undefined && a.title === b.title && a.outlet === b.outlet && a.published === b.published;
}
