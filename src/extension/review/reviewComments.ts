// Discussion threads on annotations through the Comments API: each item with `comment`
// reviews has a thread at its span. VS Code does not keep comment threads, so they are rebuilt
// from the sidecars on startup and whenever a sidecar changes; replies, accept and reject from
// a thread append to the item's `reviews` through the store.
import * as vscode from 'vscode';
import { annotationsAt } from '../../core/annotating';
import type { CorpusStore } from '../../core/corpus';
import { accept, addComment, reject, threadsOf, type ReviewItem, type Thread } from '../../core/review';
import type { Review } from '../../core/model';
import type { ItemRef } from '../commandArgs';
import type { CommandContribution } from '../commandTable';
import { Commands } from '../constants';
import { Disposable } from '../dispose';
import type { LiveArticles } from '../liveArticles';
import { codePointAt, rangeOfSpan, spanOfRange } from '../documentOffsets';
import type { AuthorLayers } from './authorLayers';
import { ReviewWrites } from './reviewWrites';

export const COMMENT_CONTROLLER_ID = 'sourceAnnotator.review';

interface ThreadKey { readonly uri: string; readonly id: string }

/** The threads of one controller; `restart` replaces the controller as a new session would. */
export class ReviewComments extends Disposable {
  private controller: vscode.CommentController;
  private readonly threads = new Map<string, vscode.CommentThread>();
  private readonly keys = new WeakMap<vscode.CommentThread, ThreadKey>();
  private syncTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Set<string>();
  /** This feature's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    // A reply from the thread widget, or (a program, the tests) an item and the text.
    [Commands.reviewReply]: (reply: vscode.CommentReply | (ItemRef & { text: string })) => this.reply(reply),
    [Commands.reviewDiscuss]: (ref?: ItemRef & { text?: string }) => this.discuss(ref),
    [Commands.reviewThreadAccept]: (thread: vscode.CommentThread) => this.verdict(thread, 'accepted'),
    [Commands.reviewThreadReject]: (thread: vscode.CommentThread) => this.verdict(thread, 'rejected'),
  };

  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles, private readonly writes: ReviewWrites, private readonly layers: AuthorLayers) {
    super();
    this.controller = this.createController();
    this._register({ dispose: () => { clearTimeout(this.syncTimer); this.disposeThreads(); this.controller.dispose(); } });
    this._register(store.onDidChange((change) => this.schedule(change.articles)));
    this._register(live.onDidChange((uri) => this.schedule([uri])));
    this.rebuild();
  }

  private createController(): vscode.CommentController {
    const controller = vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, vscode.l10n.t('Annotation review'));
    controller.options = { placeHolder: vscode.l10n.t('Reply…'), prompt: vscode.l10n.t('Discuss this annotation') };
    controller.commentingRangeProvider = {
      // Threads start on annotations only: a comment is always about an item.
      provideCommentingRanges: (document) => {
        const live = this.live.get(document);
        if (!live?.sidecar) return [];
        const map = this.live.offsetMap(document);
        return live.sidecar.annotations.filter((a) => !a.orphaned).map((a) => rangeOfSpan(document, map, a));
      },
    };
    return controller;
  }

  /** What the extension does on startup: every thread from the sidecars, on a fresh controller. */
  restart(): void {
    this.disposeThreads();
    this.controller.dispose();
    this.controller = this.createController();
    this.rebuild();
  }

  /** The threads shown, by article URI and item id: what the integration tests read. */
  threadsOf(uri: string): { id: string; comments: readonly vscode.Comment[]; resolved: boolean; range: vscode.Range | undefined }[] {
    return [...this.threads.entries()].filter(([key]) => key.startsWith(`${uri}#`)).map(([key, thread]) => ({
      id: key.slice(uri.length + 1),
      comments: thread.comments,
      resolved: thread.state === vscode.CommentThreadState?.Resolved,
      range: thread.range,
    }));
  }

  private disposeThreads(): void {
    for (const thread of this.threads.values()) thread.dispose();
    this.threads.clear();
  }

  private rebuild(): void {
    for (const uri of this.store.articleUris()) void this.sync(uri);
  }

  private schedule(uris: readonly string[]): void {
    for (const uri of uris) this.pending.add(uri);
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => {
      const uris = [...this.pending];
      this.pending.clear();
      for (const uri of uris) void this.sync(uri);
    }, 50);
  }

  /** Brings one article's threads in line with its sidecar. */
  async sync(uri: string, expand?: string): Promise<void> {
    const sidecar = this.writes.sidecar(uri);
    const wanted = threadsOf(sidecar).filter((t) => !t.item.orphaned && this.layers.isVisible(uri, t.item));
    const keep = new Set<string>();
    for (const thread of wanted) {
      const key = `${uri}#${thread.item.id}`;
      keep.add(key);
      const range = await this.rangeOf(uri, thread.item);
      if (!range) continue;
      let shown = this.threads.get(key);
      if (!shown) {
        shown = this.controller.createCommentThread(vscode.Uri.parse(uri), range, []);
        // Folded to its gutter icon (an open widget in every article would be in the way),
        // unless the person asked for this one.
        shown.collapsibleState = thread.item.id === expand ? vscode.CommentThreadCollapsibleState.Expanded : vscode.CommentThreadCollapsibleState.Collapsed;
        this.threads.set(key, shown);
        this.keys.set(shown, { uri, id: thread.item.id });
      } else if (!shown.range?.isEqual(range)) {
        shown.range = range;
      }
      this.fill(shown, thread);
    }
    for (const [key, thread] of this.threads) {
      if (key.startsWith(`${uri}#`) && !keep.has(key)) {
        thread.dispose();
        this.threads.delete(key);
      }
    }
  }

  private fill(shown: vscode.CommentThread, thread: Thread): void {
    const item = thread.item;
    shown.label = `${'label' in item ? item.label : item.property} “${item.text.replace(/\s+/g, ' ').slice(0, 60)}” by ${item.author ?? 'unknown'}`;
    shown.contextValue = 'annotationThread';
    shown.canReply = true;
    shown.comments = thread.entries.map((review) => toComment(review));
    if (vscode.CommentThreadState) shown.state = thread.resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
  }

  private async rangeOf(uri: string, item: ReviewItem): Promise<vscode.Range | undefined> {
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const live = this.live.get(document);
      const current = [...(live?.sidecar?.annotations ?? []), ...(live?.sidecar?.facts ?? [])].find((x) => x.id === item.id) ?? item;
      const map = this.live.offsetMap(document);
      return rangeOfSpan(document, map, current);
    } catch {
      return undefined;
    }
  }

  /** The item a thread is about: one of ours, or the annotation under a thread the person started. */
  private itemOf(thread: vscode.CommentThread): ThreadKey | undefined {
    const known = this.keys.get(thread);
    if (known) return known;
    const uri = thread.uri.toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const live = document && this.live.get(document);
    if (!document || !live?.sidecar || !thread.range) return undefined;
    const map = this.live.offsetMap(document);
    const { start, end } = spanOfRange(document, map, thread.range);
    const found = annotationsAt(live.sidecar, start, start)[0]
      ?? live.sidecar.annotations.find((a) => !a.orphaned && a.start < Math.max(end, start + 1) && start < a.end);
    return found && { uri, id: found.id };
  }

  private async reply(reply: vscode.CommentReply | (ItemRef & { text: string })): Promise<void> {
    const key = 'thread' in reply ? this.itemOf(reply.thread) : { uri: reply.articleUri, id: reply.itemId };
    if (!key) {
      void vscode.window.showWarningMessage(vscode.l10n.t('A discussion is about an annotation: start it on an annotated span.'));
      if ('thread' in reply && !this.keys.has(reply.thread)) reply.thread.dispose();
      return;
    }
    if (!reply.text.trim()) return;
    const who = ReviewWrites.now(await this.layers.reviewer());
    const written = await this.writes.change(key.uri, (sidecar) => addComment(sidecar, key.id, who, reply.text));
    // A thread the person started on the gutter is replaced by ours, built from the sidecar.
    if (written && 'thread' in reply && !this.keys.has(reply.thread)) reply.thread.dispose();
    await this.sync(key.uri);
  }

  /** Discuss Annotation: opens the item's thread (creating it), or adds a first comment when given. */
  private async discuss(ref?: ItemRef & { text?: string }): Promise<void> {
    let target: { uri: string; id: string; text?: string } | undefined = ref && {
      uri: ref.articleUri, id: ref.itemId, ...(ref.text !== undefined ? { text: ref.text } : {}),
    };
    if (!target) {
      const editor = vscode.window.activeTextEditor;
      const live = editor && this.live.get(editor.document);
      const offset = editor && codePointAt(editor.document, this.live.offsetMap(editor.document), editor.selection.active);
      const annotation = live && offset !== undefined ? annotationsAt(live.sidecar, offset)[0] : undefined;
      if (!editor || !annotation) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in an annotation to discuss it.'));
        return;
      }
      target = { uri: editor.document.uri.toString(), id: annotation.id };
    }
    if (target.text !== undefined) return this.reply({ articleUri: target.uri, itemId: target.id, text: target.text });
    const key = `${target.uri}#${target.id}`;
    // A thread's widget opens reliably only when the thread is created open: make it anew.
    this.threads.get(key)?.dispose();
    this.threads.delete(key);
    await this.sync(target.uri, target.id);
    let thread = this.threads.get(key);
    if (!thread) {
      const item = [...(this.writes.sidecar(target.uri)?.annotations ?? [])].find((a) => a.id === target!.id);
      const range = item && (await this.rangeOf(target.uri, item));
      if (!range) return;
      thread = this.controller.createCommentThread(vscode.Uri.parse(target.uri), range, []);
      thread.canReply = true;
      thread.contextValue = 'annotationThread';
      this.keys.set(thread, { uri: target.uri, id: target.id });
      this.threads.set(key, thread);
    }
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
  }

  private async verdict(thread: vscode.CommentThread, verdict: 'accepted' | 'rejected'): Promise<void> {
    const key = thread && this.itemOf(thread);
    if (!key) return;
    const who = ReviewWrites.now(await this.layers.reviewer());
    await this.writes.change(key.uri, (sidecar) => (verdict === 'accepted' ? accept : reject)(sidecar, key.id, who));
    await this.sync(key.uri);
  }
}

function toComment(review: Review): vscode.Comment {
  const body = new vscode.MarkdownString();
  // Sidecar text is untrusted: shown as text, never as markup.
  if (review.verdict === 'comment') body.appendText(review.comment ?? '');
  else {
    const verdict = review.verdict === 'accepted' ? vscode.l10n.t('Accepted') : vscode.l10n.t('Rejected');
    body.appendText(review.comment ? `${verdict}: ${review.comment}` : verdict);
  }
  body.isTrusted = false;
  body.supportHtml = false;
  return {
    body,
    mode: vscode.CommentMode.Preview,
    author: { name: review.by },
    ...(review.verdict !== 'comment' ? { label: review.verdict } : {}),
    ...(Number.isNaN(Date.parse(review.at)) ? {} : { timestamp: new Date(review.at) }),
  };
}
