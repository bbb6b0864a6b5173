// Layers by author: which authors' annotations are shown (all, mine, others', one author's),
// a per-author variant of the label colour, and the blind mode that hides others' annotations
// of an article until I mark mine done, so a second annotator is not led by the first.
import * as vscode from 'vscode';
import type { CorpusStore } from '../../core/corpus';
import { Emitter } from '../../core/util';
import type { Annotation, Fact } from '../../core/model';
import { currentAuthor } from '../author';
import { configuration } from '../configuration';
import type { CommandContribution } from '../commandTable';
import { Commands } from '../constants';
import { Disposable } from '../dispose';

export type AuthorFilter = { readonly kind: 'all' | 'mine' | 'others' } | { readonly kind: 'author'; readonly author: string };

const FILTER_KEY = 'sourceAnnotator.review.authorFilter';
const DONE_KEY = 'sourceAnnotator.review.doneArticles';
/** How many visibly different variants of one label colour there are. */
export const AUTHOR_VARIANTS = 4;

export class AuthorLayers extends Disposable {
  private readonly changeEmitter = this._register(new Emitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private me = '';
  /** This feature's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    [Commands.reviewShowAuthors]: (filter?: AuthorFilter) => this.chooseFilter(filter),
    [Commands.reviewToggleBlind]: () => this.toggleBlind(),
    [Commands.reviewMarkDone]: (uri?: vscode.Uri | string) => this.markDone(uri),
  };

  constructor(private readonly store: CorpusStore, private readonly memento: vscode.Memento) {
    super();
    void this.refreshAuthor();
    this._register(configuration.onDidChange(['author'], () => void this.refreshAuthor()));
    this._register(configuration.onDidChange(['reviewBlindMode'], () => this.changeEmitter.fire()));
  }

  /** The person reviewing and annotating (setting, git user, OS user). */
  async reviewer(): Promise<string> {
    await this.refreshAuthor();
    return this.me;
  }

  get filter(): AuthorFilter {
    return this.memento.get<AuthorFilter>(FILTER_KEY, { kind: 'all' });
  }

  get blind(): boolean {
    return configuration.get('reviewBlindMode');
  }

  isDone(articleUri: string): boolean {
    return this.memento.get<string[]>(DONE_KEY, []).includes(articleUri);
  }

  /** Whether blind mode hides others' work in this article right now. */
  hidesOthers(articleUri: string): boolean {
    return this.blind && !this.isDone(articleUri);
  }

  /** Whether an annotation or fact is shown in the editor. */
  isVisible(articleUri: string, item: Annotation | Fact): boolean {
    const mine = item.author === this.me;
    if (!mine && this.hidesOthers(articleUri)) return false;
    const filter = this.filter;
    switch (filter.kind) {
      case 'all': return true;
      case 'mine': return mine;
      case 'others': return !mine;
      case 'author': return item.author === filter.author;
    }
  }

  /** A stable variant per author name, the same in every article and session. */
  variant(author: string | undefined): number {
    if (!author) return 0;
    let hash = 0;
    for (const char of author) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
    return hash % AUTHOR_VARIANTS;
  }

  async setFilter(filter: AuthorFilter): Promise<void> {
    await this.memento.update(FILTER_KEY, filter);
    this.changeEmitter.fire();
  }

  private async refreshAuthor(): Promise<void> {
    const me = await currentAuthor();
    if (me !== this.me) {
      this.me = me;
      this.changeEmitter.fire();
    }
  }

  private authors(): string[] {
    const found = new Set<string>();
    for (const uri of this.store.articleUris()) {
      const sidecar = this.store.article(uri)?.parsed?.sidecar;
      for (const item of [...(sidecar?.annotations ?? []), ...(sidecar?.facts ?? [])]) if (item.author) found.add(item.author);
    }
    return [...found].sort();
  }

  private async chooseFilter(filter?: AuthorFilter): Promise<void> {
    if (filter) return this.setFilter(filter);
    const current = this.filter;
    const options: (vscode.QuickPickItem & { filter: AuthorFilter })[] = [
      { label: vscode.l10n.t('All authors'), filter: { kind: 'all' } },
      { label: vscode.l10n.t('Mine'), description: this.me, filter: { kind: 'mine' } },
      { label: vscode.l10n.t('Others\''), filter: { kind: 'others' } },
      ...this.authors().map((author) => ({ label: author, description: vscode.l10n.t('one author'), filter: { kind: 'author', author } as AuthorFilter })),
    ];
    const picked = await vscode.window.showQuickPick(options.map((o) => ({
      ...o, ...(JSON.stringify(o.filter) === JSON.stringify(current) ? { detail: vscode.l10n.t('shown now') } : {}),
    })), { title: vscode.l10n.t('Show the annotations of') });
    if (picked) await this.setFilter(picked.filter);
  }

  private async toggleBlind(): Promise<void> {
    await configuration.update('reviewBlindMode', !this.blind, vscode.ConfigurationTarget.Workspace);
    void vscode.window.showInformationMessage(this.blind
      ? vscode.l10n.t("Blind mode: others' annotations of an article stay hidden until you mark yours done.")
      : vscode.l10n.t("Blind mode off: everyone's annotations are shown."));
  }

  async markDone(uri?: vscode.Uri | string): Promise<void> {
    const target = typeof uri === 'string' ? uri : uri?.toString() ?? vscode.window.activeTextEditor?.document.uri.toString();
    if (!target || !this.store.article(target)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open an article of the corpus to mark your annotations of it done.'));
      return;
    }
    const done = this.memento.get<string[]>(DONE_KEY, []);
    if (!done.includes(target)) await this.memento.update(DONE_KEY, [...done, target]);
    this.changeEmitter.fire();
  }
}
