// The agreement report as a page a person reads at a glance: an annotator × annotator table,
// per-label rows, the multi-annotator coefficients and links to the disagreements. Every piece
// of corpus text (names, labels, quotes) is escaped; the page runs one script under a nonce.
import { escapeHtml, webviewPage } from '../util';
import type { AgreementReport, PairAgreement } from './report';
import type { Measure } from './measures';


const format = (measure: Measure): string => {
  const value = measure.value === null ? '—' : measure.value.toFixed(3);
  const title = [measure.unit, measure.rule, measure.note].filter(Boolean).join(' · ');
  return `<span class="measure${measure.value === null ? ' undefined' : ''}" title="${escapeHtml(title)}">${value}</span>`;
};

function pairCell(pair: PairAgreement | undefined): string {
  if (!pair) return '<td class="empty"></td>';
  if (pair.documents.length === 0) return '<td class="empty">no shared articles</td>';
  return `<td>${format(pair.exactF1.f1)} exact F1<br>${format(pair.overlapF1.f1)} overlap F1<br>${format(pair.cohenKappa)} κ</td>`;
}

export interface ReportPageOptions {
  readonly nonce: string;
  /** Article titles by document id, for the disagreement list. */
  readonly titles?: ReadonlyMap<string, string>;
  /** At most this many disagreements are listed per pair. */
  readonly disagreementLimit?: number;
}

export function renderAgreementPage(report: AgreementReport, options: ReportPageOptions): string {
  const { nonce } = options;
  const limit = options.disagreementLimit ?? 200;
  const parts: string[] = ['<h1>Agreement</h1>'];
  if (report.annotators.length < 2) {
    parts.push(`<p>Agreement needs two annotators; found ${report.annotators.length === 0 ? 'none' : escapeHtml(report.annotators[0]!)}.</p>`);
  } else {
    const pairOf = (a: string, b: string) => report.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    parts.push('<h2>Annotator × annotator</h2><table class="matrix"><tr><th></th>'
      + report.annotators.map((a) => `<th>${escapeHtml(a)}</th>`).join('') + '</tr>'
      + report.annotators.map((row, i) => `<tr><th>${escapeHtml(row)}</th>${report.annotators.map((column, j) => (j <= i ? '<td class="empty"></td>' : pairCell(pairOf(row, column)))).join('')}</tr>`).join('')
      + '</table>');
    parts.push('<h2>All annotators</h2><table><tr><th>Label</th><th>α<sub>u</sub> (characters)</th><th>Fleiss κ (tokens)</th></tr>'
      + `<tr><th>all labels</th><td>${format(report.unitizingAlpha.overall)}</td><td>${format(report.fleissKappa.overall)}</td></tr>`
      + report.labels.map((label) => `<tr><th>${escapeHtml(label)}</th><td>${format(report.unitizingAlpha.perLabel[label]!)}</td><td>${format(report.fleissKappa.perLabel[label]!)}</td></tr>`).join('')
      + '</table>');
    for (const pair of report.pairs) {
      parts.push(`<h2>${escapeHtml(pair.a)} and ${escapeHtml(pair.b)}</h2>`);
      if (pair.documents.length === 0) {
        parts.push('<p>No article annotated by both.</p>');
        continue;
      }
      parts.push(`<p>${pair.documents.length} article${pair.documents.length === 1 ? '' : 's'} annotated by both. `
        + `${pair.counts.agreements.value} agreements; disagreements: ${pair.counts.label.value} label, ${pair.counts.boundary.value} boundary, `
        + `${pair.counts.entity.value} entity, ${pair.counts.missing.value} missing.</p>`);
      parts.push('<table><tr><th>Label</th><th>exact F1</th><th>overlap F1</th><th>κ (tokens)</th></tr>'
        + `<tr><th>all labels</th><td>${format(pair.exactF1.f1)}</td><td>${format(pair.overlapF1.f1)}</td><td>${format(pair.cohenKappa)}</td></tr>`
        + report.labels.map((label) => {
          const row = pair.perLabel[label]!;
          return `<tr><th>${escapeHtml(label)}</th><td>${format(row.exactF1.f1)}</td><td>${format(row.overlapF1.f1)}</td><td>${format(row.cohenKappa)}</td></tr>`;
        }).join('')
        + '</table>');
      if (pair.disagreements.length > 0) {
        parts.push('<details><summary>Disagreements</summary><ul class="disagreements">'
          + pair.disagreements.slice(0, limit).map((d) => {
            const title = options.titles?.get(d.document) ?? d.document;
            return `<li><a data-uri="${escapeHtml(d.document)}" data-id="${escapeHtml(d.a ?? d.b ?? '')}">${escapeHtml(d.kind)}</a> “${escapeHtml(d.text)}” <small>${escapeHtml(title)}</small></li>`;
          }).join('')
          + (pair.disagreements.length > limit ? `<li>… and ${pair.disagreements.length - limit} more</li>` : '')
          + '</ul></details>');
      }
    }
  }
  parts.push('<h2>How these are counted</h2><ul class="rules">' + report.rules.map((rule) => `<li>${escapeHtml(rule)}</li>`).join('')
    + '<li>Hover a number for its unit and rule.</li></ul>');
  return webviewPage(nonce, `body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.2em 2em; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
td.empty { background: var(--vscode-editorWidget-background); color: var(--vscode-descriptionForeground); }
.measure { font-variant-numeric: tabular-nums; font-weight: 600; }
.undefined { color: var(--vscode-descriptionForeground); }
a { color: var(--vscode-textLink-foreground); cursor: pointer; }
.rules { color: var(--vscode-descriptionForeground); }`, parts.join('\n'));
}
