// "Compare Sources": a table of what every source says, for one entity (its properties ×
// sources) or one property (its subjects × sources), with agreement and conflicts marked, and
// every mention of the entity with its sentence. Readable without knowing the YAML. All text
// from corpus files is HTML-escaped; the page runs one small script under a nonce.
import { createRevealingPanel } from './webviewPanel';
import { escapeHtml, webviewPage } from '../core/util';
import * as vscode from 'vscode';
import type { ClaimSource, CorpusIndex, FactGroup } from '../core/crossSource';
import type { CorpusIndexer } from '../core/crossSource';
import type { CorpusStore } from '../core/corpus';
import type { RegistryIndex } from '../core/format';
import type { CompareTarget } from './commandArgs';
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

function sourceKey(source: ClaimSource): string {
  return source.kind === 'reference' ? `ref:${source.name}` : `article:${source.articleUri}`;
}

function sourceLabel(source: ClaimSource): string {
  return source.kind === 'reference' ? source.name : source.outlet ?? source.title;
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
      this.panel = createRevealingPanel('sourceAnnotator.compareSources', 'Compare Sources', vscode.ViewColumn.Beside);
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
    let title: string;
    let body: string;
    if ('entity' in this.target) {
      const entity = registry.entities.get(this.target.entity);
      title = entity?.name ?? this.target.entity;
      body = this.entityBody(index, registry, this.target.entity);
    } else {
      title = this.target.property;
      const groups = index.factGroupsByProperty(this.target.property).filter((g) => !('subject' in this.target!) || !this.target.subject || g.subject === this.target.subject);
      body = `<h1>${escapeHtml(this.target.property)}</h1>${factTable(groups, (g) => registry.entities.get(g.subject)?.name ?? g.subject, 'Subject')}`;
    }
    this.panel.title = `Compare Sources: ${title}`;
    this.panel.webview.html = webviewPage(nonce, `body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.2em 2em; }
table { border-collapse: collapse; margin: 0.6em 0 1.6em; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
.v0 { background: #2e7d3233; } .v1 { background: #c6282833; } .v2 { background: #f9a82533; } .v3 { background: #1565c033; }
.verdict-conflict { color: var(--vscode-errorForeground); font-weight: 600; }
.verdict-agree { color: var(--vscode-testing-iconPassed, #2e7d32); }
a { color: var(--vscode-textLink-foreground); cursor: pointer; }
.sentence { color: var(--vscode-descriptionForeground); }
mark { background: var(--vscode-editor-findMatchHighlightBackground); color: inherit; }`, body);
  }

  private entityBody(index: CorpusIndex, registry: RegistryIndex, entityId: string): string {
    const entity = registry.entities.get(entityId);
    const parts: string[] = [];
    parts.push(`<h1>${escapeHtml(entity?.name ?? entityId)}</h1>`);
    if (entity) {
      const label = registry.labels.get(entity.label)?.name ?? entity.label;
      parts.push(`<p>${escapeHtml(label)}${entity.description ? ` · ${escapeHtml(entity.description)}` : ''}${entity.wikidata ? ` · Wikidata ${escapeHtml(entity.wikidata)}` : ''}</p>`);
    }
    const groups = index.factGroupsFor(entityId);
    parts.push('<h2>What the sources say</h2>');
    parts.push(groups.length > 0 ? factTable(groups, (g) => g.property, 'Property') : '<p>No facts recorded about this entity yet (select the evidence and run “Add Fact”).</p>');
    const mentions = index.mentionsOf(entityId);
    const articles = [...new Set(mentions.map((m) => m.articleUri))];
    parts.push(`<h2>Mentions: ${mentions.length} in ${articles.length} article${articles.length === 1 ? '' : 's'}</h2><table><tr><th>Article</th><th>Sentence</th></tr>`);
    let previousArticle: string | undefined;
    for (const mention of mentions) {
      const info = index.article(mention.articleUri);
      // The article's title once, on its first mention.
      const first = mention.articleUri !== previousArticle;
      previousArticle = mention.articleUri;
      const sentence = [...mention.sentence.text];
      const from = Math.max(0, mention.start - mention.sentence.start);
      const to = Math.min(sentence.length, mention.end - mention.sentence.start);
      const articleCell = first ? `${escapeHtml(info?.title ?? mention.articleUri)}${info?.outlet ? `<br><small>${escapeHtml(info.outlet)}</small>` : ''}` : '';
      parts.push(`<tr><td>${articleCell}</td>`
        + `<td class="sentence"><a data-uri="${escapeHtml(mention.articleUri)}" data-id="${escapeHtml(mention.annotationId)}" title="Show in the article">↗</a> ${escapeHtml(sentence.slice(0, from).join(''))}<mark>${escapeHtml(sentence.slice(from, to).join(''))}</mark>${escapeHtml(sentence.slice(to).join(''))}</td></tr>`);
    }
    parts.push('</table>');
    const together = index.coOccurring(entityId, 20);
    if (together.length > 0) {
      parts.push(`<h2>Often mentioned with</h2><p>${together.map((c) => `${escapeHtml(registry.entities.get(c.entityId)?.name ?? c.entityId)} (${c.articles} articles, ${c.sentences} sentences)`).join(' · ')}</p>`);
    }
    return parts.join('\n');
  }
}

/** Rows: groups; columns: every source that speaks in any of them; cells coloured by value. */
function factTable(groups: readonly FactGroup[], rowName: (group: FactGroup) => string, rowHeader: string): string {
  const sources = new Map<string, ClaimSource>();
  for (const group of groups) for (const claim of group.claims) if (!sources.has(sourceKey(claim.source))) sources.set(sourceKey(claim.source), claim.source);
  const columns = [...sources.entries()];
  const head = `<tr><th>${escapeHtml(rowHeader)}</th><th>Verdict</th>${columns.map(([, source]) => `<th>${escapeHtml(sourceLabel(source))}${source.kind === 'reference' ? '<br><small>reference</small>' : ''}</th>`).join('')}</tr>`;
  const rows = groups.map((group) => {
    const cells = columns.map(([key]) => {
      const claims = group.claims.filter((claim) => sourceKey(claim.source) === key);
      if (claims.length === 0) return '<td></td>';
      return `<td>${claims.map((claim) => {
        const cluster = group.values.findIndex((c) => c.claims.includes(claim));
        const text = escapeHtml(claim.value);
        const inner = claim.source.kind === 'article'
          ? `<a data-uri="${escapeHtml(claim.source.articleUri)}" data-id="${escapeHtml(claim.source.factId)}" title="${escapeHtml(claim.evidence?.sentence.text ?? '')}">${text}</a>`
          : text;
        return `<span class="v${group.multiValued ? 0 : Math.min(cluster, 3)}">${inner}</span>`;
      }).join('<br>')}</td>`;
    }).join('');
    const verdict = group.verdict === 'conflict' ? `<span class="verdict-conflict">⚠ ${group.values.length} different values</span>`
      : group.verdict === 'agree' ? `<span class="verdict-agree">✓ ${Math.max(...group.values.map((v) => v.sourceCount))} sources agree</span>`
        : `${group.sourceCount} source${group.sourceCount === 1 ? '' : 's'}`;
    return `<tr><th>${escapeHtml(rowName(group))}</th><td>${verdict}</td>${cells}</tr>`;
  }).join('\n');
  return `<table>${head}\n${rows}</table>`;
}
