// Reads a YAML file into typed values while recording where each value came from, so every
// problem is reported at its file, line and column. Shared by the sidecar and registry readers.
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { LineIndex, type CorpusDiagnostic, type DiagnosticCode, type Position, type Severity } from './diagnostics';

export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

/** The options every corpus file is parsed and written with: one place, so output is deterministic. */
export const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, version: '1.2' } as const;
export const STRINGIFY_OPTIONS = { lineWidth: 0, indentSeq: true, flowCollectionPadding: true } as const;

export type ParsedYaml = Document.Parsed;

export class YamlReader {
  readonly document: ParsedYaml;
  readonly diagnostics: CorpusDiagnostic[] = [];
  private readonly lines: LineIndex;
  /** True when the YAML itself is broken: such a file must never be rewritten. */
  readonly hasSyntaxErrors: boolean;

  constructor(readonly file: string, readonly sourceText: string) {
    this.lines = new LineIndex(sourceText);
    this.document = parseDocument(sourceText, PARSE_OPTIONS);
    for (const error of this.document.errors) {
      this.reportAt(error.pos[0], error.pos[1], 'yaml-syntax', `YAML syntax error: ${firstLine(error.message)}`);
    }
    this.hasSyntaxErrors = this.document.errors.length > 0;
  }

  rangeOf(node: Node | Pair | null | undefined): SourceRange {
    const offsets = offsetsOf(node);
    if (!offsets) return { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
    return { start: this.lines.position(offsets[0]), end: this.lines.position(offsets[1]) };
  }

  reportAt(startOffset: number, endOffset: number, code: DiagnosticCode, message: string, severity: Severity = 'error'): void {
    this.diagnostics.push({
      file: this.file,
      start: this.lines.position(startOffset),
      end: this.lines.position(Math.max(startOffset, endOffset)),
      severity,
      code,
      message,
    });
  }

  report(node: Node | Pair | null | undefined, code: DiagnosticCode, message: string, severity: Severity = 'error'): void {
    const range = this.rangeOf(node);
    this.diagnostics.push({ file: this.file, ...range, severity, code, message });
  }

  reportRange(range: SourceRange, code: DiagnosticCode, message: string, severity: Severity = 'error'): void {
    this.diagnostics.push({ file: this.file, ...range, severity, code, message });
  }

  /** The top-level mapping, or undefined (reported) when the file is something else. */
  root(): YAMLMap | undefined {
    const contents = this.document.contents;
    if (isMap(contents)) return contents;
    if (!this.hasSyntaxErrors) {
      this.report(contents, 'wrong-type', contents == null ? 'The file is empty: expected a mapping with `version: 1`.' : 'Expected a mapping at the top level.');
    }
    return undefined;
  }

  pair(map: YAMLMap, key: string): Pair | undefined {
    return map.items.find((item) => isScalar(item.key) && item.key.value === key) as Pair | undefined;
  }

  /** Reports a missing required key at the mapping that lacks it. */
  private missing(map: YAMLMap, key: string, where: string): void {
    this.report(map, 'missing-field', `Missing required field \`${key}\` in ${where}.`);
  }

  private wrongType(node: Node | null | undefined, key: string, expected: string, where: string): void {
    this.report(node, 'wrong-type', `\`${key}\` in ${where} must be ${expected}.`);
  }

  string(map: YAMLMap, key: string, where: string, required: boolean): string | undefined {
    const pair = this.pair(map, key);
    if (!pair || pair.value == null || (isScalar(pair.value) && pair.value.value === null)) {
      if (required) this.missing(map, key, where);
      return undefined;
    }
    const node = pair.value as Node;
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean')) {
      // A hand-edited `value: 24` or `published: 2024` means the string; accept it as such.
      return typeof node.value === 'string' ? node.value : String(node.source ?? node.value);
    }
    this.wrongType(node, key, 'a string', where);
    return undefined;
  }

  /** A string that must be exactly a string in the file (quotes, ids): numbers are rejected. */
  text(map: YAMLMap, key: string, where: string, required: boolean): string | undefined {
    const pair = this.pair(map, key);
    if (!pair || pair.value == null || (isScalar(pair.value) && pair.value.value === null)) {
      if (required) this.missing(map, key, where);
      return undefined;
    }
    const node = pair.value as Node;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
      // Ids like `a1` are strings; a bare `7` is accepted as the string "7" for ids only.
      return String(node.source ?? node.value);
    }
    this.wrongType(node, key, 'a string', where);
    return undefined;
  }

  integer(map: YAMLMap, key: string, where: string, required: boolean): number | undefined {
    const pair = this.pair(map, key);
    if (!pair || pair.value == null || (isScalar(pair.value) && pair.value.value === null)) {
      if (required) this.missing(map, key, where);
      return undefined;
    }
    const node = pair.value as Node;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
    this.wrongType(node, key, 'a whole number', where);
    return undefined;
  }

  boolean(map: YAMLMap, key: string, where: string): boolean | undefined {
    const pair = this.pair(map, key);
    if (!pair || pair.value == null) return undefined;
    const node = pair.value as Node;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.wrongType(node, key, '`true` or `false`', where);
    return undefined;
  }

  oneOf<T extends string>(map: YAMLMap, key: string, allowed: readonly T[], where: string, required: boolean): T | undefined {
    const value = this.string(map, key, where, required);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.report(this.pair(map, key)?.value as Node, 'invalid-value', `\`${key}\` in ${where} must be one of ${allowed.join(', ')}; found \`${value}\`.`);
    return undefined;
  }

  seq(map: YAMLMap, key: string, where: string, required: boolean): YAMLSeq | undefined {
    const pair = this.pair(map, key);
    if (!pair || pair.value == null || (isScalar(pair.value) && pair.value.value === null)) {
      if (required) this.missing(map, key, where);
      return undefined;
    }
    if (isSeq(pair.value)) return pair.value;
    this.wrongType(pair.value as Node, key, 'a list', where);
    return undefined;
  }

  map(map: YAMLMap, key: string, where: string, required: boolean): YAMLMap | undefined {
    const pair = this.pair(map, key);
    if (!pair || pair.value == null || (isScalar(pair.value) && pair.value.value === null)) {
      if (required) this.missing(map, key, where);
      return undefined;
    }
    if (isMap(pair.value)) return pair.value;
    this.wrongType(pair.value as Node, key, 'a mapping', where);
    return undefined;
  }

  stringList(map: YAMLMap, key: string, where: string): string[] {
    const seq = this.seq(map, key, where, false);
    if (!seq) return [];
    const values: string[] = [];
    for (const item of seq.items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) values.push(String(item.value));
      else this.report(item as Node, 'wrong-type', `Every entry of \`${key}\` in ${where} must be a string.`);
    }
    return values;
  }

  /** Ranges of the values of the given keys, for later checks that need the article or registry. */
  fieldRanges(map: YAMLMap, keys: readonly string[]): Record<string, SourceRange> {
    const ranges: Record<string, SourceRange> = {};
    for (const key of keys) {
      const pair = this.pair(map, key);
      if (pair) ranges[key] = this.rangeOf((pair.value as Node | null) ?? pair);
    }
    return ranges;
  }

  /** Checks the `version` key: anything other than the known version is reported. */
  version(map: YAMLMap, known: number, where: string): number | undefined {
    const version = this.integer(map, 'version', where, true);
    if (version !== undefined && version !== known) {
      this.report(this.pair(map, 'version')?.value as Node, 'unknown-version',
        `Unknown format version ${version} in ${where}; this extension reads version ${known}. Upgrade the extension, or fix the version.`);
      return undefined;
    }
    return version;
  }
}

function offsetsOf(node: Node | Pair | null | undefined): [number, number] | undefined {
  if (!node) return undefined;
  if ('range' in node && node.range) return [node.range[0], node.range[1]];
  if ('key' in node) {
    const key = offsetsOf(node.key as Node | null);
    const value = offsetsOf(node.value as Node | null);
    if (key && value) return [key[0], value[1]];
    return key ?? value;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
