// Scalars every YAML 1.1 and 1.2 reader reads back as the same value: the one place that
// decides between plain, single- and double-quoted text when the writers emit a value.
import { Scalar } from 'yaml';

/** Quotes of article text: always double-quoted when they hold line breaks, tabs or edge spaces. */
export const QUOTE_FIELDS = new Set(['text', 'prefix', 'suffix']);

/** Plain scalars that YAML 1.1 (PyYAML) or 1.2 resolve to something other than a string. */
const NOT_A_STRING = [
  /^(?:y|n|yes|no|true|false|on|off)$/i, // 1.1 booleans, any case
  /^(?:~|null|)$/i,
  /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-f_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)$/i, // ints, sexagesimal
  /^[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:e[-+]?[0-9]+)?$/i, // floats
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/, // sexagesimal floats
  /^[-+]?\.(?:inf|nan)$/i,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/, // dates and timestamps
  /^(?:=|<<)$/, // 1.1 value and merge keys
];

/** Whether a string may be written without quotes and read back as the same string everywhere. */
export function isSafePlain(value: string, inFlow = false): boolean {
  if (value === '' || value !== value.trim()) return false;
  // Inside `[…]` or `{…}` these end the scalar.
  if (inFlow && /[,[\]{}]/.test(value)) return false;
  if (NOT_A_STRING.some((pattern) => pattern.test(value))) return false;
  // Anything made of number characters only is quoted, whatever reader might take it for one.
  if (/^[-+.]?[0-9][0-9_:.eE+-]*$/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #|[\t\r\n\u0085\u2028\u2029]/.test(value)) return false;
  // Controls, format characters, surrogates: only safe inside double quotes as escapes.
  return !/\p{C}/u.test(value);
}

/** A YAML double-quoted scalar; every non-printable character escaped (PyYAML rejects them raw). */
export function doubleQuoted(value: string): string {
  // JSON is valid YAML 1.2 double-quoted text and already escapes C0 controls and lone surrogates.
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]|\p{Cf}/gu, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export type ScalarValue = string | number | boolean;

/** `value` as a YAML scalar every reader reads back as the same value (see {@link isSafePlain}). */
export function yamlScalar(key: string, value: ScalarValue, inFlow = false): string {
  return scalarText(key, value, undefined, inFlow);
}

/** Like {@link yamlScalar}, keeping the quoting style of the scalar it replaces where that is safe. */
export function scalarText(key: string, value: ScalarValue, previous?: Scalar, inFlow = false): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : doubleQuoted(String(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const needsDouble = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|\p{C}/u.test(value)
    || (QUOTE_FIELDS.has(key) && value !== value.trim());
  if (!needsDouble && previous?.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (!needsDouble && previous?.type !== Scalar.QUOTE_DOUBLE && isSafePlain(value, inFlow)) return value;
  return doubleQuoted(value);
}

export function isScalarValue(value: unknown): value is ScalarValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
