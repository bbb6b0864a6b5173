// Shows sidecar and registry problems in the Problems panel, updating only the files a
// change touched.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import type { CorpusDiagnostic } from '../core/model';
import { sidecarUriFor } from '../core/format';
import { DIAGNOSTIC_SOURCE } from './constants';
import { Disposable } from './dispose';

const SEVERITY: Record<CorpusDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVsCodeDiagnostic(problem: CorpusDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(problem.start.line, problem.start.column, problem.end.line, problem.end.column);
  const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  return diagnostic;
}

export class CorpusDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('sourceAnnotator'));

  constructor(private readonly store: CorpusStore) {
    super();
    this._register(store.onDidChange((change) => {
      // A registry change can affect every sidecar it governs; recomputing all is simplest
      // and rare. Otherwise only the changed articles' sidecars are re-checked.
      if (change.registryChanged) this.publishAll();
      else for (const article of change.articles) this.publishArticle(article);
    }));
  }

  publishAll(): void {
    this.collection.clear();
    for (const [file, problems] of this.store.diagnostics()) {
      this.collection.set(vscode.Uri.parse(file), problems.map(toVsCodeDiagnostic));
    }
  }

  private publishArticle(articleUri: string): void {
    const sidecarUri = sidecarUriFor(articleUri);
    this.collection.set(vscode.Uri.parse(sidecarUri), this.store.problemsOf(sidecarUri).map(toVsCodeDiagnostic));
  }
}
