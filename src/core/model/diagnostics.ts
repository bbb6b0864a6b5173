// Problems found in corpus files. Positions are zero-based and, like VS Code's, count
// UTF-16 code units within a line, so the extension can show them without converting.

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'unknown-version'
  | 'missing-field'
  | 'wrong-type'
  | 'invalid-value'
  | 'offset-out-of-range'
  | 'text-mismatch'
  | 'unknown-label'
  | 'unknown-entity'
  | 'duplicate-id'
  | 'article-missing'
  | 'article-changed'
  | 'registry-missing'
  | 'limit-exceeded'
  | 'invalid-encoding'
  | 'binary-file';

export interface Position {
  /** Zero-based line. */
  readonly line: number;
  /** Zero-based column in UTF-16 code units. */
  readonly column: number;
}

export interface CorpusDiagnostic {
  /** The file the problem is in (a URI or path, as the caller named it). */
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** `file:line:column: message`, one-based as editors and compilers print it. */
export function formatDiagnostic(diagnostic: CorpusDiagnostic): string {
  const { file, start, severity, message } = diagnostic;
  return `${file}:${start.line + 1}:${start.column + 1}: ${severity}: ${message}`;
}

/** Maps string offsets (UTF-16) to line and column, for any text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) this.lineStarts.push(i + 1);
      else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: offset - (this.lineStarts[low] ?? 0) };
  }
}

export function hasErrors(diagnostics: readonly CorpusDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
