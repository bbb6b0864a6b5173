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
import { Commands } from './constants';
import { Disposable } from './dispose';

/** A target from a hover link ({entity} or {property}) or an entity node of the Articles view. */
function targetFrom(arg: unknown): CompareTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const value = arg as { entity?: unknown; subject?: unknown; property?: unknown; kind?: unknown };
  if (value.kind === 'entity' && value.entity && typeof value.entity === 'object') {
    const id = (value.entity as { entityId?: unknown }).entityId;
    return typeof id === 'string' ? { entity: id } : undefined;
  }
  if (typeof value.entity === 'string') return { entity: value.entity };
  if (typeof value.property === 'string') return { property: value.property, ...(typeof value.subject === 'string' ? { subject: value.subject } : {}) };
  return undefined;
}

export class CompareSourcesPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: CompareTarget | undefined;
  private articleUri: string | undefined;

  constructor(private readonly store: CorpusStore, private readonly indexer: CorpusIndexer) {
    super();
    this._register(vscode.commands.registerCommand(Commands.compareSources, (arg?: unknown) => this.open(targetFrom(arg))));
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
      void vscode.window.showInformationMessage('Compare Sources needs an annotated corpus with an entities.yaml.');
      return;
    }
    this.articleUri = context.articleUri;
    const chosen = target ?? (await this.pickTarget(context.index, context.registry));
    if (!chosen) return;
    this.target = chosen;
    if (!this.panel) {
      this.panel = createRevealingPanel('sourceAnnotator.compareSources', 'Compare Sources', vscode.ViewColumn.Beside);
      this.panel.onDidDispose(() => { this.panel = undefined; });
    }
    this.render();
    this.panel.reveal(undefined, true);
  }

  private async pickTarget(index: CorpusIndex, registry: RegistryIndex): Promise<CompareTarget | undefined> {
    const items = [
      ...index.subjectsWithFacts().map((id) => ({ label: registry.entities.get(id)?.name ?? id, description: 'entity', target: { entity: id } as CompareTarget })),
      ...index.properties().map((property) => ({ label: property, description: 'property', target: { property } as CompareTarget })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Compare sources on…', matchOnDescription: true });
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
