// "Compare Sources": a table of what every source says, for one entity (its properties ×
// sources) or one property (its subjects × sources), with agreement and conflicts marked, and
// every mention of the entity with its sentence. The page's model and its HTML (all corpus
// text escaped) are the core's (crossSource/compareTable.ts, compareHtml.ts); here: the
// panel, the picker and when to render.
import { createRevealingPanel } from './webviewPanel';
import * as vscode from 'vscode';
import { comparePage, renderComparePage, type CompareTarget, type CorpusIndex } from '../core/crossSource';
import type { CorpusIndexer } from '../core/crossSource';
import type { CorpusStore } from '../core/corpus';
import type { RegistryIndex } from '../core/format';
import type { CommandContribution } from './commandTable';
import { Commands } from './constants';
import { Disposable } from './dispose';

/**
 * What Compare Sources is invoked with: a CompareTarget from a hover link or a test, or an
 * entity node of the Articles view (whose `entity` is undefined when the mention is linked to
 * no registry entity: then it asks).
 */
type CompareArg = { readonly entity?: string; readonly subject?: string; readonly property?: string };

function targetOf(arg: CompareArg | undefined): CompareTarget | undefined {
  if (arg?.entity !== undefined) return { entity: arg.entity };
  if (arg?.property !== undefined) return { property: arg.property, ...(arg.subject !== undefined ? { subject: arg.subject } : {}) };
  return undefined;
}

export class CompareSourcesPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: CompareTarget | undefined;
  private articleUri: string | undefined;
  /** This panel's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    [Commands.compareSources]: (arg?: CompareArg) => this.open(targetOf(arg)),
  };

  constructor(private readonly store: CorpusStore, private readonly indexer: CorpusIndexer) {
    super();
    this._register(store.onDidChange(() => this.render()));
  }

  /** The HTML shown now (for tests). */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  private context(): { index: CorpusIndex; registry: RegistryIndex; articleUri: string } | undefined {
    const articleUri = vscode.window.activeTextEditor?.document.uri.toString() ?? this.articleUri ?? this.store.articleUris()[0];
    if (!articleUri) return undefined;
    const index = this.indexer.indexFor(articleUri);
    const registry = this.store.registryFor(articleUri);
    return index && registry ? { index, registry, articleUri } : undefined;
  }

  async open(target?: CompareTarget): Promise<void> {
    const context = this.context();
    if (!context) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Compare Sources needs an annotated corpus with an entities.yaml.'));
      return;
    }
    this.articleUri = context.articleUri;
    const chosen = target ?? (await this.pickTarget(context.index, context.registry));
    if (!chosen) return;
    this.target = chosen;
    if (!this.panel) {
      this.panel = createRevealingPanel('sourceAnnotator.compareSources', vscode.l10n.t('Compare Sources'), vscode.ViewColumn.Beside);
      this.panel.onDidDispose(() => { this.panel = undefined; });
    }
    this.render();
    this.panel.reveal(undefined, true);
  }

  private async pickTarget(index: CorpusIndex, registry: RegistryIndex): Promise<CompareTarget | undefined> {
    const items = [
      ...index.subjectsWithFacts().map((id) => ({ label: registry.entities.get(id)?.name ?? id, description: vscode.l10n.t('entity'), target: { entity: id } as CompareTarget })),
      ...index.properties().map((property) => ({ label: property, description: vscode.l10n.t('property'), target: { property } as CompareTarget })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Compare sources on…'), matchOnDescription: true });
    return picked?.target;
  }

  private render(): void {
    if (!this.panel || !this.target) return;
    const context = this.context();
    if (!context) return;
    const { index, registry } = context;
    const nonce = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
    const page = comparePage(index, registry, this.target);
    this.panel.title = `Compare Sources: ${page.title}`;
    this.panel.webview.html = renderComparePage(page, nonce);
  }
}
