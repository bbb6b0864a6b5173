// What the store keeps of the files it reads: an article's state (its text decoded on first use
// when its bytes are known to decode), and the problems that keep a file from being read or
// written, with where (file:line:col).
import type { CorpusDiagnostic } from '../model';
import { decodeArticle, decodeUtf8Strict, type DecodeProblem } from '../text';
import type { ParsedSidecar } from '../format';

export interface ArticleState {
  readonly uri: string;
  readonly sidecarUri: string;
  /** Undefined when the article has no sidecar yet. */
  readonly parsed?: ParsedSidecar;
  /** The article's text as decoded for offsets, when it was read. */
  readonly text?: string;
  readonly sha256?: string;
  /** The first non-empty line of the article, its title when the sidecar names none. */
  readonly firstLine?: string;
  /** Why the article is not annotated (not UTF-8, binary, too large): its sidecar is read-only. */
  readonly problem?: CorpusDiagnostic;
}

/**
 * The state of an annotated article whose bytes are known to decode (their hash is the one its
 * stat facts recorded, which are recorded only for bytes that decoded): the text is decoded on
 * first use, from the bytes, which are let go then. A warm open spent a fifth of its read
 * decoding 30 MB of texts that nothing had asked for yet (issue 12); until asked, the bytes
 * (UTF-8) take about half the memory of the text (UTF-16).
 */
export function articleWithLazyText(
  fields: { readonly uri: string; readonly sidecarUri: string; readonly parsed: ParsedSidecar; readonly sha256: string; readonly firstLine: string | undefined },
  bytes: Uint8Array,
): ArticleState {
  // A view into a larger buffer (a host may hand those out) would keep all of it alive.
  let kept: Uint8Array | undefined = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  let text: string | undefined;
  const { uri, sidecarUri, parsed, sha256, firstLine } = fields;
  const decode = (): string => {
    if (text === undefined) {
      // Strict decoding cannot fail on bytes of that hash; the lenient one is only there so a getter never throws.
      text = decodeUtf8Strict(kept!).text ?? decodeArticle(kept!);
      kept = undefined;
    }
    return text;
  };
  // The same keys in the same order as an eagerly read article's state.
  return firstLine !== undefined
    ? { uri, sidecarUri, parsed, get text() { return decode(); }, sha256, firstLine }
    : { uri, sidecarUri, parsed, get text() { return decode(); }, sha256 };
}

/** Whether the article's text was read, without decoding a text kept for first use. */
export function hasArticleText(state: ArticleState): boolean {
  const property = Object.getOwnPropertyDescriptor(state, 'text');
  return property !== undefined && (property.get !== undefined || property.value !== undefined);
}

/** A file's bytes as text, or the problem (file:line:col) that keeps it from being read or written. */
export function decodeCorpusFile(file: string, bytes: Uint8Array, maxBytes: number, what: string): { text: string } | { problem: CorpusDiagnostic } {
  if (bytes.length > maxBytes) {
    return { problem: fileProblem(file, 0, 0, 'limit-exceeded', `This ${what} is ${bytes.length} bytes, more than the ${maxBytes} this extension reads; it is left as it is (read-only).`) };
  }
  const decoded = decodeUtf8Strict(bytes);
  if (decoded.problem) return { problem: decodeProblemDiagnostic(file, decoded.problem, what) };
  return { text: decoded.text };
}

function decodeProblemDiagnostic(file: string, problem: DecodeProblem, what: string): CorpusDiagnostic {
  return fileProblem(file, problem.line, problem.column, problem.kind === 'binary' ? 'binary-file' : 'invalid-encoding',
    `This ${what} is not read because ${problem.message}; it is never rewritten. Save it as UTF-8 text.`);
}

function fileProblem(file: string, line: number, column: number, code: CorpusDiagnostic['code'], message: string): CorpusDiagnostic {
  return { file, start: { line, column }, end: { line, column }, severity: 'error', code, message };
}

/** Why a file cannot be changed, phrased for NotWritableError, with where. */
export function problemReason(problem: CorpusDiagnostic): string {
  return `${problem.message.replace(/^This /, 'this ')} (line ${problem.start.line + 1}, column ${problem.start.column + 1})`;
}

/** A sidecar that could not even be decoded: reported, and never rewritten. */
export function unreadableSidecar(file: string, problem: CorpusDiagnostic): ParsedSidecar {
  return { file, diagnostics: [problem], notWritable: problemReason(problem), annotationLocations: [], factLocations: [] };
}
