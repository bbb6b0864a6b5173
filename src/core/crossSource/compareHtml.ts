// The Compare Sources page as HTML: tables readable without knowing the YAML. Every piece of
// corpus text (names, values, titles, sentences, URIs, ids) is escaped, since sidecars and the
// registry are untrusted; the page runs one small script under a nonce (webviewPage).
import { escapeHtml, webviewPage } from '../util';
import type { CompareTable, CompareVerdict, ComparePage, EntityComparePage } from './compareTable';

const STYLE = `body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.2em 2em; }
table { border-collapse: collapse; margin: 0.6em 0 1.6em; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
.v0 { background: #2e7d3233; } .v1 { background: #c6282833; } .v2 { background: #f9a82533; } .v3 { background: #1565c033; }
.verdict-conflict { color: var(--vscode-errorForeground); font-weight: 600; }
.verdict-agree { color: var(--vscode-testing-iconPassed, #2e7d32); }
a { color: var(--vscode-textLink-foreground); cursor: pointer; }
.sentence { color: var(--vscode-descriptionForeground); }
mark { background: var(--vscode-editor-findMatchHighlightBackground); color: inherit; }`;

/** The whole page: a webview document with its style and the reveal script under `nonce`. */
export function renderComparePage(page: ComparePage, nonce: string): string {
  const body = page.kind === 'entity' ? entityBody(page) : `<h1>${escapeHtml(page.title)}</h1>${compareTableHtml(page.facts)}`;
  return webviewPage(nonce, STYLE, body);
}

function entityBody(page: EntityComparePage): string {
  const parts: string[] = [`<h1>${escapeHtml(page.title)}</h1>`];
  if (page.about) {
    const { label, description, wikidata } = page.about;
    parts.push(`<p>${escapeHtml(label)}${description ? ` · ${escapeHtml(description)}` : ''}${wikidata ? ` · Wikidata ${escapeHtml(wikidata)}` : ''}</p>`);
  }
  parts.push('<h2>What the sources say</h2>');
  parts.push(page.facts.rows.length > 0 ? compareTableHtml(page.facts) : '<p>No facts recorded about this entity yet (select the evidence and run “Add Fact”).</p>');
  const count = page.mentions.length;
  parts.push(`<h2>Mentions: ${count} in ${page.articleCount} article${page.articleCount === 1 ? '' : 's'}</h2><table><tr><th>Article</th><th>Sentence</th></tr>`);
  for (const mention of page.mentions) {
    const article = mention.article
      ? `${escapeHtml(mention.article.title)}${mention.article.outlet ? `<br><small>${escapeHtml(mention.article.outlet)}</small>` : ''}` : '';
    parts.push(`<tr><td>${article}</td>`
      + `<td class="sentence"><a data-uri="${escapeHtml(mention.articleUri)}" data-id="${escapeHtml(mention.annotationId)}" title="Show in the article">↗</a> `
      + `${escapeHtml(mention.before)}<mark>${escapeHtml(mention.mention)}</mark>${escapeHtml(mention.after)}</td></tr>`);
  }
  parts.push('</table>');
  if (page.together.length > 0) {
    parts.push(`<h2>Often mentioned with</h2><p>${page.together.map((c) => `${escapeHtml(c.name)} (${c.articles} articles, ${c.sentences} sentences)`).join(' · ')}</p>`);
  }
  return parts.join('\n');
}

function verdictHtml(verdict: CompareVerdict): string {
  switch (verdict.kind) {
    case 'conflict': return `<span class="verdict-conflict">⚠ ${verdict.values} different values</span>`;
    case 'agree': return `<span class="verdict-agree">✓ ${verdict.sources} sources agree</span>`;
    case 'single': return `${verdict.sources} source${verdict.sources === 1 ? '' : 's'}`;
  }
}

/** The table: a row per group, a column per source, each value shaded by which value it is. */
export function compareTableHtml(table: CompareTable): string {
  const head = `<tr><th>${escapeHtml(table.rowHeader)}</th><th>Verdict</th>${table.columns.map((column) =>
    `<th>${escapeHtml(column.name)}${column.reference ? '<br><small>reference</small>' : ''}</th>`).join('')}</tr>`;
  const rows = table.rows.map((row) => {
    const cells = row.cells.map((claims) => {
      if (claims.length === 0) return '<td></td>';
      return `<td>${claims.map((claim) => {
        const text = escapeHtml(claim.value);
        const inner = claim.fact
          ? `<a data-uri="${escapeHtml(claim.fact.articleUri)}" data-id="${escapeHtml(claim.fact.factId)}" title="${escapeHtml(claim.fact.sentence ?? '')}">${text}</a>`
          : text;
        return `<span class="v${claim.shade}">${inner}</span>`;
      }).join('<br>')}</td>`;
    }).join('');
    return `<tr><th>${escapeHtml(row.name)}</th><td>${verdictHtml(row.verdict)}</td>${cells}</tr>`;
  }).join('\n');
  return `<table>${head}\n${rows}</table>`;
}
