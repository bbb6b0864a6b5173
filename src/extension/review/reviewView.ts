// The Review view: what awaits my review (others' proposals) by article and author, with
// Accept, Reject and Skip on one key each (moving on and revealing the next item), bulk accept
// of an article's or an author's items, the disagreements between authors with Resolve, and
// "Review a Branch", which lists the items added or changed since a git ref instead.
import * as vscode from 'vscode';
import {
  accept, bulkAccept, changedSince, findDisagreements, flattenQueue, isFact, reject, resolveDisagreement, reviewQueue,
  type Disagreement, type QueueArticle, type QueueItem, type ReviewItem,
} from '../../core/review';
import { newItemId } from '../../core/annotating';
import { quoteAt } from '../../core/anchoring';
import { OffsetMap } from '../../core/text';
import { articleTitle, type CorpusStore } from '../../core/corpus';
import { basename } from '../../core/util';
import { parseSidecar } from '../../core/format';
import { sidecarUriFor } from '../../core/format';
import type { Annotation } from '../../core/model';
import type { SpanRef } from '../commandArgs';
import type { CommandContribution } from '../commandTable';
import { Commands, Views } from '../constants';
import { setContextKey } from '../contextKeys';
import { Disposable } from '../dispose';
import type { LiveArticles } from '../liveArticles';
import type { AuthorLayers } from './authorLayers';
import { ReviewWrites } from './reviewWrites';

export type ReviewNode =
  | { readonly kind: 'section'; readonly id: string; readonly section: 'queue' | 'branch' | 'disagreements'; readonly count: number }
  | { readonly kind: 'article'; readonly id: string; readonly parent: string; readonly article: QueueArticle }
  | { readonly kind: 'author'; readonly id: string; readonly parent: string; readonly uri: string; readonly author: string; readonly items: readonly QueueItem[] }
  | { readonly kind: 'item'; readonly id: string; readonly parent: string; readonly entry: QueueItem }
  | { readonly kind: 'disagreement'; readonly id: string; readonly parent: string; readonly uri: string; readonly disagreement: Disagreement };

/** Arguments of Resolve when called by a program (the tests) rather than from the view. */
export interface ResolveArgs {
  readonly uri: string;
  readonly versions: readonly string[];
  /** The id to keep, or a new version's label (its span is the union of the versions'). */
  readonly keep?: string;
  readonly newLabel?: string;
  readonly reason?: string;
}

interface BranchReview {
  readonly ref: string;
  /** Changed items per article URI. */
  readonly changes: ReadonlyMap<string, readonly ReviewItem[]>;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly refs: readonly { readonly name?: string; readonly type: number; readonly commit?: string }[]; readonly HEAD?: { readonly name?: string } };
  show(ref: string, path: string): Promise<string>;
}
interface GitApi { readonly repositories: readonly GitRepository[] }

export class ReviewView extends Disposable implements vscode.TreeDataProvider<ReviewNode> {
  // vscode.EventEmitter because TreeDataProvider.onDidChangeTreeData is VS Code's API; events of our own use core's Emitter.
  private readonly changeEmitter = this._register(new vscode.EventEmitter<ReviewNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly view: vscode.TreeView<ReviewNode>;
  private readonly nodes = new Map<string, ReviewNode>();
  private reviewer = '';
  private branch: BranchReview | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private queueCache: QueueArticle[] | undefined;
  /** This view's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    [Commands.reviewAccept]: (node?: ReviewNode) => this.verdict('accepted', node),
    [Commands.reviewReject]: (node?: ReviewNode) => this.verdict('rejected', node),
    [Commands.reviewSkip]: (node?: ReviewNode) => this.skip(node),
    [Commands.reviewAcceptAll]: (node?: ReviewNode) => this.acceptAll(node),
    [Commands.reviewRefresh]: () => this.refresh(),
    [Commands.reviewBranch]: (ref?: string) => this.reviewBranch(ref),
    [Commands.reviewStopBranch]: () => this.setBranch(undefined),
    [Commands.reviewResolve]: (arg?: ReviewNode | ResolveArgs) => this.resolve(arg),
    [Commands.reviewReveal]: ({ articleUri, ...span }: SpanRef) => this.writes.reveal(articleUri, span),
  };

  constructor(private readonly store: CorpusStore, live: LiveArticles, private readonly writes: ReviewWrites, private readonly layers: AuthorLayers) {
    super();
    this.view = this._register(vscode.window.createTreeView(Views.review, { treeDataProvider: this, showCollapseAll: true }));
    this._register(store.onDidChange(() => this.scheduleRefresh()));
    this._register(live.onDidChange(() => this.scheduleRefresh()));
    // Selecting an item (click or arrow keys) shows it in the article and leaves the keyboard in
    // the view, so the next key can be Accept, Reject or Skip.
    this._register(this.view.onDidChangeSelection((event) => {
      const node = event.selection[0];
      if (node?.kind === 'item') void this.writes.reveal(node.entry.article, node.entry.item);
      if (node?.kind === 'disagreement') void this.writes.reveal(node.uri, node.disagreement);
    }));
    this._register(layers.onDidChange(() => this.scheduleRefresh()));
    this._register({ dispose: () => clearTimeout(this.refreshTimer) });
    void setContextKey('reviewingBranch', false);
    void this.layers.reviewer().then((me) => {
      this.reviewer = me;
      this.refresh();
    });
  }

  // ---- model ----------------------------------------------------------------------------------

  /** What the view lists now: the queue, or the branch's changes. */
  queue(): QueueArticle[] {
    if (this.queueCache) return this.queueCache;
    // Blind mode: an article whose own annotation I have not marked done is not reviewed yet.
    const visible = (uri: string) => !this.layers.hidesOthers(uri);
    let queue: QueueArticle[];
    if (this.branch) {
      // The changed items as they are now, so one given a verdict meanwhile leaves the list.
      const changed = [...this.branch.changes.entries()].filter(([uri]) => visible(uri)).map(([uri, items]) => {
        const ids = new Set(items.map((item) => item.id));
        const sidecar = this.writes.sidecar(uri);
        return {
          uri,
          sidecar: sidecar && { ...sidecar, annotations: sidecar.annotations.filter((a) => ids.has(a.id)), facts: sidecar.facts.filter((f) => ids.has(f.id)) },
        };
      });
      queue = reviewQueue(changed, this.reviewer);
    } else {
      queue = reviewQueue(this.writes.articles().filter((a) => visible(a.uri)), this.reviewer);
    }
    return (this.queueCache = queue);
  }

  disagreements(): { uri: string; disagreement: Disagreement }[] {
    return this.writes.articles()
      .filter((a) => !this.layers.hidesOthers(a.uri))
      .flatMap(({ uri, sidecar }) => findDisagreements(sidecar).map((disagreement) => ({ uri, disagreement })));
  }

  // ---- TreeDataProvider -----------------------------------------------------------------------

  getChildren(node?: ReviewNode): ReviewNode[] {
    const remember = <T extends ReviewNode>(n: T): T => {
      this.nodes.set(n.id, n);
      return n;
    };
    if (!node) {
      const queue = this.queue();
      const count = flattenQueue(queue).length;
      return [
        remember({ kind: 'section', id: 'section:queue', section: this.branch ? 'branch' : 'queue', count }),
        remember({ kind: 'section', id: 'section:disagreements', section: 'disagreements', count: this.disagreements().length }),
      ];
    }
    switch (node.kind) {
      case 'section':
        if (node.section === 'disagreements') {
          return this.disagreements().map(({ uri, disagreement }) => remember({
            kind: 'disagreement', id: `disagreement:${uri}#${disagreement.items.map((i) => i.id).join('+')}`, parent: node.id, uri, disagreement,
          }));
        }
        return this.queue().map((article) => remember({ kind: 'article', id: `queue:${article.article}`, parent: node.id, article }));
      case 'article':
        return node.article.authors.map((group) => remember({
          kind: 'author', id: `${node.id}/author:${group.author}`, parent: node.id, uri: node.article.article, author: group.author, items: group.items,
        }));
      case 'author':
        return node.items.map((entry) => remember({ kind: 'item', id: `${node.id}/item:${entry.item.id}`, parent: node.id, entry }));
      default:
        return [];
    }
  }

  getParent(node: ReviewNode): ReviewNode | undefined {
    return node.kind === 'section' ? undefined : this.nodes.get(node.parent);
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'section': {
        const title = node.section === 'queue' ? vscode.l10n.t('Awaiting my review') : node.section === 'branch' ? vscode.l10n.t('Changed since {0}', this.branch?.ref ?? '') : vscode.l10n.t('Disagreements');
        // Always expandable: an id first shown without children would stay that way in the tree.
        const item = new vscode.TreeItem(title, expanded);
        item.id = node.id;
        item.description = `${node.count}`;
        item.contextValue = `section-${node.section}`;
        item.iconPath = new vscode.ThemeIcon(node.section === 'disagreements' ? 'diff' : node.section === 'branch' ? 'git-pull-request' : 'inbox');
        return item;
      }
      case 'article': {
        const state = this.store.article(node.article.article);
        const title = articleTitle(state?.parsed?.sidecar, state, node.article.article);
        const item = new vscode.TreeItem(title, expanded);
        item.id = node.id;
        item.description = `${node.article.count} to review`;
        item.resourceUri = vscode.Uri.parse(node.article.article);
        item.contextValue = 'reviewArticle';
        item.iconPath = vscode.ThemeIcon.File;
        return item;
      }
      case 'author': {
        const item = new vscode.TreeItem(node.author, expanded);
        item.id = node.id;
        item.description = `${node.items.length}`;
        item.contextValue = 'reviewAuthor';
        item.iconPath = new vscode.ThemeIcon('account');
        return item;
      }
      case 'item': {
        const { item: entry } = node.entry;
        const fact = isFact(entry) ? entry : undefined;
        const item = new vscode.TreeItem(fact ? `${fact.property}: ${fact.value}` : `“${entry.text.replace(/\s+/g, ' ')}”`, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = [fact ? 'fact' : (entry as Annotation).label, entry.status ?? 'proposed', entry.author].filter(Boolean).join(' · ');
        item.tooltip = [entry.note, ...(entry.reviews ?? []).map((r) => `${r.by} ${r.verdict}${r.comment ? `: ${r.comment}` : ''}`)].filter(Boolean).join('\n');
        item.contextValue = 'reviewItem';
        item.iconPath = new vscode.ThemeIcon('circle-small-filled');
        // A click shows the item and leaves the keyboard in the view (for a, r, s).
        item.command = { command: Commands.reviewReveal, title: vscode.l10n.t('Show in Article'), arguments: [{ articleUri: node.entry.article, start: entry.start, end: entry.end, ...(entry.orphaned ? { orphaned: true } : {}) } satisfies SpanRef] };
        return item;
      }
      case 'disagreement': {
        const { disagreement } = node;
        const versions = disagreement.items.map((i) => `${i.author}: ${i.label}${i.entity ? ` → ${i.entity}` : ''} “${i.text.replace(/\s+/g, ' ')}”`);
        const item = new vscode.TreeItem(`${disagreement.kind}: “${disagreement.items[0]!.text.replace(/\s+/g, ' ')}”`, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${basename(node.uri)} · ${disagreement.authors.join(' / ')}`;
        item.tooltip = versions.join('\n');
        item.contextValue = 'disagreement';
        item.iconPath = new vscode.ThemeIcon('diff-modified');
        item.command = { command: Commands.reviewReveal, title: vscode.l10n.t('Show in Article'), arguments: [{ articleUri: node.uri, start: disagreement.start, end: disagreement.end } satisfies SpanRef] };
        return item;
      }
    }
  }

  // ---- refresh and badge ----------------------------------------------------------------------

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), 50);
  }

  refresh(): void {
    this.queueCache = undefined;
    const count = flattenQueue(this.queue()).length;
    this.view.badge = count > 0 ? { value: count, tooltip: vscode.l10n.t('{0} awaiting your review', count) } : undefined;
    this.view.description = this.branch ? `branch ${this.branch.ref}` : this.reviewer ? `as ${this.reviewer}` : undefined;
    this.changeEmitter.fire(undefined);
  }

  // ---- Accept, Reject, Skip -------------------------------------------------------------------

  /** The item a key acts on: the one passed, else the selected one, else the first in the queue. */
  private current(node?: ReviewNode): QueueItem | undefined {
    const chosen = node ?? this.view.selection[0];
    if (chosen?.kind === 'item') return chosen.entry;
    return flattenQueue(this.queue())[0];
  }

  private after(entry: QueueItem | undefined): QueueItem | undefined {
    const flat = flattenQueue(this.queue());
    if (!entry) return flat[0];
    const index = flat.findIndex((q) => q.article === entry.article && q.item.id === entry.item.id);
    return index < 0 ? flat[0] : flat[index + 1];
  }

  private async verdict(verdict: 'accepted' | 'rejected', node?: ReviewNode): Promise<void> {
    const entry = this.current(node);
    if (!entry) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing awaits your review.'));
      return;
    }
    const next = this.after(entry);
    const who = ReviewWrites.now(this.reviewer || (await this.layers.reviewer()));
    const done = await this.writes.change(entry.article, (sidecar) => (verdict === 'accepted' ? accept : reject)(sidecar, entry.item.id, who));
    if (!done) return;
    this.refresh();
    await this.moveTo(next);
  }

  private async skip(node?: ReviewNode): Promise<void> {
    await this.moveTo(this.after(this.current(node)));
  }

  /** Selects an item in the view and shows it in its article. */
  private async moveTo(entry: QueueItem | undefined): Promise<void> {
    if (!entry) return;
    const section = this.getChildren()[0]!;
    const article = this.getChildren(section).find((n) => n.kind === 'article' && n.article.article === entry.article);
    const author = article && this.getChildren(article).find((n) => n.kind === 'author' && n.items.some((q) => q.item.id === entry.item.id));
    const item = author && this.getChildren(author).find((n) => n.kind === 'item' && n.entry.item.id === entry.item.id);
    if (item && this.view.visible) await this.view.reveal(item, { select: true, focus: true });
    else await this.writes.reveal(entry.article, entry.item);
  }

  private async acceptAll(node?: ReviewNode): Promise<void> {
    const chosen = node ?? this.view.selection[0];
    const uri = chosen?.kind === 'article' ? chosen.article.article : chosen?.kind === 'author' ? chosen.uri : undefined;
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose an article or an author in the Review view to accept all of their items.'));
      return;
    }
    const author = chosen?.kind === 'author' ? chosen.author : undefined;
    const who = ReviewWrites.now(this.reviewer || (await this.layers.reviewer()));
    let accepted: string[] = [];
    // Only what the view listed: a branch review lists a subset of the article's proposals.
    const ids = new Set((chosen?.kind === 'author' ? chosen.items : chosen?.kind === 'article' ? chosen.article.authors.flatMap((a) => a.items) : []).map((q) => q.item.id));
    await this.writes.change(uri, (sidecar) => {
      const result = bulkAccept(sidecar, who, author, (item) => ids.has(item.id));
      accepted = result.accepted;
      return result.sidecar;
    });
    this.refresh();
    void vscode.window.showInformationMessage(author
      ? vscode.l10n.t('Accepted {0} item(s) by {1}.', accepted.length, author)
      : vscode.l10n.t('Accepted {0} item(s).', accepted.length));
  }

  // ---- disagreements --------------------------------------------------------------------------

  private async resolve(arg?: ReviewNode | ResolveArgs): Promise<void> {
    const who = ReviewWrites.now(this.reviewer || (await this.layers.reviewer()));
    let request: ResolveArgs | undefined;
    if (arg && !('kind' in arg)) request = arg;
    else {
      const node = arg ?? this.view.selection[0];
      if (node?.kind !== 'disagreement') {
        void vscode.window.showInformationMessage(vscode.l10n.t('Choose a disagreement in the Review view to resolve it.'));
        return;
      }
      request = await this.askResolution(node.uri, node.disagreement);
    }
    if (!request) return;
    const { uri, versions } = request;
    await this.writes.change(uri, (sidecar) => {
      const items = sidecar.annotations.filter((a) => versions.includes(a.id));
      if (request.keep !== undefined) return resolveDisagreement(sidecar, versions, { keep: request.keep }, request.reason ?? '', who).sidecar;
      const start = Math.min(...items.map((i) => i.start));
      const end = Math.max(...items.map((i) => i.end));
      const text = this.store.article(uri)?.text ?? '';
      const replace: Annotation = {
        id: newItemId(sidecar), label: request.newLabel!, start, end, ...quoteAt(new OffsetMap(text), start, end),
      };
      return resolveDisagreement(sidecar, versions, { replace }, request.reason ?? '', who).sidecar;
    });
    this.refresh();
  }

  private async askResolution(uri: string, disagreement: Disagreement): Promise<ResolveArgs | undefined> {
    const versions = disagreement.items.map((i) => i.id);
    const options: (vscode.QuickPickItem & { keep?: string; fresh?: boolean })[] = [
      ...disagreement.items.map((i) => ({ label: vscode.l10n.t('Keep {0}\'s', i.author ?? vscode.l10n.t('the unnamed author')), description: `${i.label}${i.entity ? ` → ${i.entity}` : ''} “${i.text}”`, keep: i.id })),
      { label: vscode.l10n.t('A new version…'), description: vscode.l10n.t('another label over the same text'), fresh: true },
    ];
    const picked = await vscode.window.showQuickPick(options, { title: vscode.l10n.t('Resolve the {0} disagreement', disagreement.kind) });
    if (!picked) return undefined;
    let newLabel: string | undefined;
    if (picked.fresh) {
      const labels = [...(this.store.registryFor(uri)?.labels.values() ?? [])];
      const label = await vscode.window.showQuickPick(labels.map((l) => ({ label: l.id, description: l.name })), { title: vscode.l10n.t('Label of the new version') });
      if (!label) return undefined;
      newLabel = label.label;
    }
    const reason = await vscode.window.showInputBox({ title: vscode.l10n.t('Why?'), prompt: vscode.l10n.t('The reason, recorded with the verdicts (the other versions are rejected)') });
    if (reason === undefined) return undefined;
    return { uri, versions, ...(picked.keep ? { keep: picked.keep } : {}), ...(newLabel ? { newLabel } : {}), reason };
  }

  // ---- review a branch ------------------------------------------------------------------------

  private async gitApi(): Promise<GitApi | undefined> {
    try {
      const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
      if (!extension) return undefined;
      return (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    } catch {
      return undefined;
    }
  }

  async reviewBranch(ref?: string): Promise<void> {
    const git = await this.gitApi();
    const repositories = git?.repositories ?? [];
    if (repositories.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Review a Branch needs the built-in Git extension and a git repository (not available here, e.g. in the browser).'));
      return;
    }
    const repositoryOf = (uri: string) => repositories
      .filter((r) => uri.startsWith(`${r.rootUri.toString()}/`))
      .sort((a, b) => b.rootUri.toString().length - a.rootUri.toString().length)[0];
    if (ref === undefined) {
      const refs = repositories.flatMap((r) => r.state.refs).filter((r) => r.name && r.name !== repositories[0]!.state.HEAD?.name);
      const picked = await vscode.window.showQuickPick(
        [...new Set(refs.map((r) => r.name!))].map((name) => ({ label: name })),
        { title: vscode.l10n.t('Review the changes since which branch, tag or commit?'), placeHolder: vscode.l10n.t('e.g. main') },
      );
      if (!picked) return;
      ref = picked.label;
    }
    const changes = new Map<string, ReviewItem[]>();
    for (const { uri, sidecar } of this.writes.articles()) {
      if (!sidecar) continue;
      const repository = repositoryOf(uri);
      if (!repository) continue;
      const sidecarPath = vscode.Uri.parse(sidecarUriFor(uri)).fsPath;
      let base;
      try {
        base = parseSidecar(sidecarPath, await repository.show(ref, sidecarPath)).sidecar;
      } catch {
        base = undefined; // not in that ref: everything in it is new
      }
      const changed = changedSince(base, sidecar);
      if (changed.length > 0) changes.set(uri, changed);
    }
    this.setBranch({ ref, changes });
  }

  private setBranch(branch: BranchReview | undefined): void {
    this.branch = branch;
    void setContextKey('reviewingBranch', branch !== undefined);
    this.refresh();
  }
}
