// Reads a YAML file into typed values while recording where each value came from, so every
// problem is reported at its file, line and column. Shared by the sidecar and registry readers.
import { Document, isMap, isScalar, isSeq, Lexer, parseDocument, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { LineIndex, type CorpusDiagnostic, type DiagnosticCode, type Position, type Severity } from '../model';

export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

/** The pair of a mapping with this key: the one key lookup of the corpus readers and writers. */
export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => isScalar(item.key) && item.key.value === key) as Pair | undefined;
}

/** The `id` scalar of a list item (an annotation, a fact, an entity), when it has a non-null one. */
export function itemIdScalar(item: YAMLMap): Scalar | undefined {
  const node = findPair(item, 'id')?.value;
  return isScalar(node) && node.value !== null ? node : undefined;
}

/** The options every corpus file is parsed and written with: one place, so output is deterministic. */
export const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, version: '1.2' } as const;
export const STRINGIFY_OPTIONS = { lineWidth: 0, indentSeq: true, flowCollectionPadding: true } as const;

export type ParsedYaml = Document.Parsed;

/**
 * What a corpus file may hold before it is refused (shown read-only with a message): beyond
 * these the YAML parser would take seconds and gigabytes, or overflow the stack.
 */
export interface YamlLimits {
  /** Characters of the file (UTF-16 units; about its bytes for the ASCII-heavy YAML). */
  readonly maxChars: number;
  /** Nesting of collections: flow brackets plus block indentation levels. */
  readonly maxDepth: number;
  /** Alias references (`*name`); the corpus format needs none. */
  readonly maxAliases: number;
}

export const SIDECAR_LIMITS = { maxChars: 8 * 1024 * 1024, maxDepth: 32, maxAliases: 100, maxItems: 20_000 } as const;
export const REGISTRY_LIMITS = { maxChars: 4 * 1024 * 1024, maxDepth: 32, maxAliases: 100 } as const;
/** Articles larger than this are not annotated (read-only, with a message). */
export const MAX_ARTICLE_BYTES = 4 * 1024 * 1024;

/**
 * Why a text must not even be parsed (too big, too deep, too many aliases), or undefined.
 * One pass over the lexer's tokens: no recursion, so a hostile file cannot overflow the stack.
 */
export function yamlLimitProblem(text: string, limits: YamlLimits): { offset: number; message: string } | undefined {
  if (text.length > limits.maxChars) {
    return { offset: 0, message: `The file is ${text.length} characters long, more than the ${limits.maxChars} this extension reads. It is shown read-only.` };
  }
  let offset = 0;
  let flowDepth = 0;
  let aliases = 0;
  let lineStart = 0;
  let atLineStart = true;
  let keyColumn = -1;
  /** Columns of the open block collections on the current path (seqs at `-`, maps at their keys). */
  const blockColumns: number[] = [];
  const popTo = (column: number) => {
    while (blockColumns.length > 0 && (blockColumns[blockColumns.length - 1] ?? 0) >= column) blockColumns.pop();
  };
  for (const token of new Lexer().lex(text)) {
    const first = token.charCodeAt(0);
    // The lexer's control tokens (document, scalar and flow-end markers, BOM) are not source text.
    if (token.length === 1 && (first === 0x02 || first === 0x18 || first === 0x1f || first === 0xfeff)) continue;
    const column = offset - lineStart;
    offset += token.length;
    if (token.includes('\n') || token.includes('\r')) {
      lineStart = offset;
      atLineStart = true;
      keyColumn = -1;
      continue;
    }
    if (/^[ \t]*$/.test(token) || token.startsWith('#')) continue;
    if (atLineStart && flowDepth === 0) popTo(column);
    atLineStart = false;
    if (token === '[' || token === '{') flowDepth++;
    else if (token === ']' || token === '}') flowDepth = Math.max(0, flowDepth - 1);
    else if (token.startsWith('*')) aliases++;
    else if (flowDepth === 0 && (token === '-' || token === '?')) {
      blockColumns.push(column);
      keyColumn = -1;
    } else if (flowDepth === 0 && token === ':') {
      if (keyColumn >= 0 && blockColumns[blockColumns.length - 1] !== keyColumn) blockColumns.push(keyColumn);
    } else if (flowDepth === 0 && keyColumn < 0) {
      keyColumn = column;
    }
    if (flowDepth + blockColumns.length > limits.maxDepth) {
      return { offset: offset - token.length, message: `Collections are nested more than ${limits.maxDepth} deep here; corpus files need a few levels. The file is refused.` };
    }
    if (aliases > limits.maxAliases) {
      return { offset: offset - token.length, message: `The file uses more than ${limits.maxAliases} aliases (\`*name\`); the corpus format needs none. The file is refused.` };
    }
  }
  return undefined;
}

export class YamlReader {
  readonly document: ParsedYaml;
  readonly diagnostics: CorpusDiagnostic[] = [];
  private readonly lines: LineIndex;
  /** True when the YAML itself is broken: such a file must never be rewritten. */
  readonly hasSyntaxErrors: boolean;
  /** Why the text was not parsed at all (over a limit); such a file is read-only. */
  readonly refusal?: string;
  /** Source offsets of every reported node: the fields a writer must leave as they are. */
  private readonly reportedRanges: [number, number][] = [];

  constructor(readonly file: string, readonly sourceText: string, limits: YamlLimits = SIDECAR_LIMITS) {
    this.lines = new LineIndex(sourceText);
    const limit = yamlLimitProblem(sourceText, limits);
    if (limit) {
      this.document = parseDocument('', PARSE_OPTIONS);
      this.reportAt(limit.offset, limit.offset, 'limit-exceeded', limit.message);
      this.refusal = `${limit.message.replace(/ (It is shown read-only|The file is refused)\.$/, '')}, so it is read-only.`;
      this.hasSyntaxErrors = false;
      return;
    }
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
    const offsets = offsetsOf(node);
    if (offsets && severity === 'error') this.reportedRanges.push(offsets);
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

  /** Keys of `map` whose values (or something inside them) were reported as errors. */
  rejectedKeys(map: YAMLMap): Set<string> {
    const keys = new Set<string>();
    for (const pair of map.items) {
      const value = offsetsOf(pair.value as Node | null);
      if (!value || !isScalar(pair.key)) continue;
      if (this.reportedRanges.some(([start, end]) => start >= value[0] && end <= value[1])) keys.add(String(pair.key.value));
    }
    return keys;
  }

  pair(map: YAMLMap, key: string): Pair | undefined {
    return findPair(map, key);
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
