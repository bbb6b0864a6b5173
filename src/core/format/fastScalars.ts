// The scalars and keys of our own layout, read without the `yaml` parser: one place that decides
// what a one-line scalar is and what it means in the YAML 1.2 core schema, shared by the fast
// sidecar reader (fastSidecarReader.ts) and the fast registry reader (fastRegistryReader.ts).
// Whatever it is unsure of, it gives up on (`unsure`): the caller then leaves the file to `yaml`.

/** Thrown inside the reader to give up; never escapes it. */
class Unsure extends Error {}
const unsure = (): never => { throw new Unsure(); };

/** A key of our layout and the blanks after it: KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/, scanned by keyPrefixLength. */
const PLAIN_INTEGER = /^(?:0|-?[1-9][0-9]*)$/;
/** Plain scalars the core schema may resolve to something other than a string. */
const NOT_A_PLAIN_STRING = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE)$/;
// Control characters (CR among them), the BOM, NEL and the Unicode line separators: left to the full parser.
// eslint-disable-next-line no-control-regex
const AWKWARD_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;

/** A one-line scalar as the registry reader takes it (see {@link scalar}). */
interface ScalarNode {
  readonly kind: 'scalar';
  /** A string, or for a plain scalar the core schema's integer or boolean. */
  readonly value: string | number | boolean;
  /** The scalar as written, for a plain integer (what `yaml` keeps as `source`). */
  readonly source?: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A scalar's value: a string, or for a plain scalar the core schema's integer or boolean. An
 * integer is written as `String(value)` (PLAIN_INTEGER, under 16 digits: exact).
 */
type ScalarValue = string | number | boolean;

/**
 * The length of `key: ` (the key, its colon and the spaces after it) at the start of
 * `content`, or -1 when it does not start with a key of our layout: what the regular
 * expression KEY matches, scanned by hand (this runs once per line of a corpus).
 */
function keyPrefixLength(content: string): number {
  return keyPrefixLengthAt(content, 0, content.length);
}

/** The keys our writer writes, by length: a key read is one of these strings, not a new one. */
const KNOWN_KEYS_BY_LENGTH: readonly (readonly string[])[] = (() => {
  const byLength: string[][] = [];
  for (const key of [
    'version', 'source', 'file', 'sha256', 'title', 'outlet', 'published', 'url', 'language', 'annotations', 'facts',
    'id', 'start', 'end', 'text', 'prefix', 'suffix', 'author', 'created', 'modified', 'status', 'orphaned', 'note', 'reviews',
    'label', 'entity', 'subject', 'property', 'value', 'by', 'verdict', 'at', 'comment',
  ]) (byLength[key.length] ??= []).push(key);
  return byLength;
})();

/** The key from `from` to `end` in `text`: the shared string of a known key, else a slice. */
function keyAt(text: string, from: number, end: number): string {
  const candidates = KNOWN_KEYS_BY_LENGTH[end - from];
  if (candidates) {
    const first = text.charCodeAt(from);
    for (const key of candidates) {
      if (key.charCodeAt(0) !== first) continue;
      let k = 1;
      while (k < key.length && key.charCodeAt(k) === text.charCodeAt(from + k)) k++;
      if (k === key.length) return key;
    }
  }
  return text.slice(from, end);
}

/** {@link keyPrefixLength} of the content of `text` from `from` to the line end `end`, without slicing it. */
function keyPrefixLengthAt(text: string, from: number, end: number): number {
  const first = text.charCodeAt(from);
  // A-Z, a-z, _ (at `end` stands a line end or nothing: never part of a key)
  if (from >= end || !((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) return -1;
  let at = from + 1;
  for (; at < end; at++) {
    const ch = text.charCodeAt(at);
    if ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 45) continue;
    break;
  }
  if (at >= end || text.charCodeAt(at) !== 58 /* : */) return -1;
  at++;
  if (at === end) return at - from;
  if (text.charCodeAt(at) !== 32) return -1;
  while (at < end && text.charCodeAt(at) === 32) at++;
  return at - from;
}

/** A one-line scalar starting at `offset`, as a node (for the registry reader). */
function scalar(written: string, offset: number): ScalarNode {
  const value = scalarValue(written);
  const end = offset + written.length;
  return typeof value === 'number' ? { kind: 'scalar', value, source: written, start: offset, end } : { kind: 'scalar', value, start: offset, end };
}

/**
 * {@link scalarValue} of the scalar from `start` to `end` of `text`. A double-quoted one
 * without escapes (most quotes, every timestamp) is sliced once, inside its quotes: slicing it
 * whole first made a string per value for nothing (issue 12: a cold read's garbage).
 */
function scalarValueAt(text: string, start: number, end: number): ScalarValue {
  if (end - start >= 2 && text.charCodeAt(start) === 34 /* " */) {
    let at = start + 1;
    for (; at < end; at++) {
      const ch = text.charCodeAt(at);
      if (ch === 34 /* " */ || ch === 92 /* \ */) break;
    }
    if (at === end - 1 && text.charCodeAt(at) === 34) return text.slice(start + 1, at);
  }
  return scalarValue(text.slice(start, end));
}

/** The value of a one-line scalar; `written` must be nothing but it. */
function scalarValue(written: string): ScalarValue {
  const quote = written[0];
  // Blanks after a scalar belong to no value; where they end is subtle: left to the parser.
  const last = written.charCodeAt(written.length - 1);
  if (last === 32 || last === 9) unsure();
  if (quote === '"') return doubleQuoted(written);
  if (quote === "'") {
    if (written.includes('\t')) unsure();
    if (written.length < 2 || !written.endsWith("'")) unsure();
    const inner = written.slice(1, -1);
    if (/'(?!')/.test(inner.replace(/''/g, ''))) unsure();
    return inner.replace(/''/g, "'");
  }
  // A tab can separate tokens (`a:\tb`), so a plain scalar with one is left to the parser.
  if (plainIsAmbiguous(written)) unsure();
  if (written === 'true' || written === 'false') return written === 'true';
  if (PLAIN_INTEGER.test(written) && written !== '-0' && written.length < 16) return Number(written);
  // Only these first characters can start a non-string plain scalar (numbers, null, ~, booleans, .inf).
  if (/^[-+0-9.~nNtTfF]/.test(written) && NOT_A_PLAIN_STRING.test(written)) unsure();
  return written;
}

/**
 * Whether a plain scalar starts some other YAML construct (an indicator; `-`, `?` or `:` only
 * when a space or nothing follows: "-Kim Jong Un" is plain) or holds `: `, ` #`, a tab or a
 * final `:`: one scan of its characters instead of a regular expression and four
 * searches (this runs for most values of a corpus).
 */
function plainIsAmbiguous(written: string): boolean {
  const length = written.length;
  const first = written.charCodeAt(0);
  if (INDICATORS.includes(written[0]!)) return true;
  if ((first === 45 /* - */ || first === 63 /* ? */ || first === 58 /* : */) && (length === 1 || written.charCodeAt(1) === 32)) return true;
  for (let k = 0; k < length; k++) {
    const ch = written.charCodeAt(k);
    if (ch === 58 /* : */) {
      if (k + 1 === length || written.charCodeAt(k + 1) === 32) return true;
    } else if (ch === 35 /* # */) {
      if (k > 0 && written.charCodeAt(k - 1) === 32) return true;
    } else if (ch === 9) {
      return true;
    }
  }
  return false;
}

/** First characters that always start another construct than a plain scalar. */
const INDICATORS = ',[]{}#&*!|>\'"%@`';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Whether the double-quoted scalar that opens at `open` closes before the line end `end`. */
function closesOnItsLine(text: string, open: number, end: number): boolean {
  for (let index = open + 1; index < end; index++) {
    const ch = text.charCodeAt(index);
    if (ch === 92 /* \\ */) index++;
    else if (ch === 34 /* " */) return true;
  }
  return false;
}

/** One escape sequence at `index` (the backslash): its text and its length. */
function escapeAt(written: string, index: number): { value: string; length: number } {
  const escape = written[index + 1];
  if (escape === undefined) return unsure();
  const simple = SIMPLE_ESCAPES[escape];
  if (simple !== undefined) return { value: simple, length: 2 };
  const digits = HEX_LENGTH[escape];
  const hex = digits === undefined ? '' : written.slice(index + 2, index + 2 + digits);
  if (digits === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return unsure();
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) return unsure();
  return { value: escape === 'U' ? String.fromCodePoint(code) : String.fromCharCode(code), length: 2 + digits };
}

/**
 * The value of a multi-line double-quoted scalar (`inner`: between the quotes). YAML folds:
 * blanks around a line break go, a lone break becomes a space, n empty lines become n line
 * feeds, an escaped break joins the lines.
 */
function foldDoubleQuoted(inner: string): string {
  let value = '';
  let blanks = '';
  for (let index = 0; index < inner.length; ) {
    const ch = inner[index]!;
    if (ch === '\\') {
      if (inner[index + 1] === '\n') {
        value += blanks;
        blanks = '';
        index += 2;
        while (inner[index] === ' ' || inner[index] === '\t') index++;
        continue;
      }
      const escape = escapeAt(inner, index);
      value += blanks + escape.value;
      blanks = '';
      index += escape.length;
    } else if (ch === ' ' || ch === '\t') {
      blanks += ch;
      index++;
    } else if (ch === '\n') {
      blanks = '';
      index++;
      let emptyLines = 0;
      for (;;) {
        while (inner[index] === ' ' || inner[index] === '\t') index++;
        if (inner[index] !== '\n') break;
        emptyLines++;
        index++;
      }
      value += emptyLines === 0 ? ' ' : '\n'.repeat(emptyLines);
    } else {
      value += blanks + ch;
      blanks = '';
      index++;
    }
  }
  return value + blanks;
}

/** A double-quoted scalar that closes on its own line and is the whole rest of it. */
function doubleQuoted(written: string): string {
  // Without a backslash before it, the first quote closes (found natively, most quotes).
  const quote = written.indexOf('"', 1);
  const backslash = written.indexOf('\\', 1);
  if (backslash < 0 || (quote >= 0 && quote < backslash)) {
    if (quote !== written.length - 1) unsure(); // not closed, or something after the closing quote
    return written.slice(1, quote);
  }
  let value = '';
  let from = 1;
  for (let index = 1; index < written.length; index++) {
    const ch = written.charCodeAt(index);
    if (ch === 34 /* " */) {
      if (index !== written.length - 1) unsure(); // something after the closing quote
      return value + written.slice(from, index);
    }
    if (ch !== 92 /* \\ */) continue;
    value += written.slice(from, index);
    const escape = escapeAt(written, index);
    value += escape.value;
    index += escape.length - 1;
    from = index + 1;
  }
  return unsure(); // not closed on this line
}

// Renamed so the folder's index stays unambiguous.
export {
  Unsure as FastReaderUnsure, unsure as fastReaderUnsure, scalar as fastScalar, scalarValue as fastScalarValue, scalarValueAt as fastScalarValueAt, keyPrefixLength as fastKeyPrefixLength,
  keyPrefixLengthAt as fastKeyPrefixLengthAt, keyAt as fastKeyAt, closesOnItsLine as fastClosesOnItsLine, foldDoubleQuoted as fastFoldDoubleQuoted,
  AWKWARD_CHARS as FAST_AWKWARD_CHARS, type ScalarValue as FastScalarValue,
};
