// The key under which claims are compared across sources: two articles that write a value
// differently ("19 Juni 2024" and "June 19, 2024", "24 tahun" and "24 years") should agree,
// so the comparison uses this key while readers see the value as written.
import { normalizeDate } from './dates';
import { foldForKeys } from './folding';
import { lookupTable } from '../util';

const SPACES = /\s+/gu;
// Surrounding punctuation goes, but a sign before a number and a trailing percent stay.
const LEADING_PUNCTUATION = /^(?:(?![-+−]\d)[\p{P}\s])+/u;
const TRAILING_PUNCTUATION = /(?:(?![%‰])[\p{P}\s])+$/u;

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = lookupTable({
  '$': 'usd', '€': 'eur', '£': 'gbp', '¥': 'jpy', '₩': 'krw', '₽': 'rub', '₹': 'inr', '元': 'cny',
});
/** Currency names written before the number ("Rp 5.000", "US$ 3"): moved after it. */
const CURRENCY_PREFIXES: Readonly<Record<string, string>> = lookupTable({
  rp: 'idr', idr: 'idr', usd: 'usd', eur: 'eur', gbp: 'gbp', jpy: 'jpy', krw: 'krw', rub: 'rub', inr: 'inr', cny: 'cny',
});

/**
 * Units after a number, by their canonical (English, singular) key. Only read right after a
 * number: "tahun" alone is a word, "24 tahun" is a duration.
 */
const UNIT_NAMES: Readonly<Record<string, readonly string[]>> = lookupTable({
  year: ['tahun', 'thn', 'th', 'year', 'years', 'yr', 'yrs'],
  month: ['bulan', 'bln', 'month', 'months'],
  week: ['minggu', 'pekan', 'week', 'weeks', 'wk', 'wks'],
  day: ['hari', 'day', 'days'],
  hour: ['jam', 'hour', 'hours', 'hr', 'hrs'],
  minute: ['menit', 'minute', 'minutes', 'min', 'mins'],
  second: ['detik', 'second', 'seconds', 'sec', 'secs'],
  person: ['orang', 'jiwa', 'people', 'person', 'persons'],
  percent: ['persen', 'percent', 'pct', 'prozent'],
  time: ['kali', 'time', 'times'],
  km: ['km', 'kilometer', 'kilometers', 'kilometre', 'kilometres'],
  m: ['m', 'meter', 'meters', 'metre', 'metres'],
  kg: ['kg', 'kilogram', 'kilograms', 'kilo', 'kilos'],
  ton: ['ton', 'tons', 'tonne', 'tonnes'],
  unit: ['unit', 'units'],
  idr: ['rupiah', 'rp', 'idr'],
  usd: ['dolar', 'dollar', 'dollars', 'usd'],
  eur: ['euro', 'euros', 'eur'],
  rub: ['rubel', 'ruble', 'rubles', 'rouble', 'roubles', 'rub'],
  krw: ['won', 'krw'],
  jpy: ['yen', 'jpy'],
  cny: ['yuan', 'renminbi', 'cny'],
  gbp: ['pound', 'pounds', 'poundsterling', 'gbp'],
  inr: ['rupee', 'rupees', 'inr'],
});
const UNITS = new Map<string, string>();
for (const [unit, names] of Object.entries(UNIT_NAMES)) for (const name of names) UNITS.set(name, unit);
const CANONICAL_UNITS = new Set(Object.keys(UNIT_NAMES));

/** Number words worth their value on their own (Indonesian 0–11 and English 0–19). */
const SMALL_NUMBERS: Readonly<Record<string, number>> = lookupTable({
  nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9,
  sepuluh: 10, sebelas: 11,
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
});
const TENS: Readonly<Record<string, number>> = lookupTable({
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
/** Indonesian words that act on the digit word before them: "dua belas", "dua puluh", "dua ratus". */
const DIGIT_MULTIPLIERS: Readonly<Record<string, (digit: number) => number>> = lookupTable({
  belas: (digit) => digit + 10,
  puluh: (digit) => digit * 10,
  ratus: (digit) => digit * 100,
});
/** Words that stand for a round number by themselves. */
const ROUND_NUMBERS: Readonly<Record<string, number>> = lookupTable({ seratus: 100, seribu: 1_000, sejuta: 1_000_000 });
/** Scale words, as powers of ten; also read after digits ("1,5 juta", "24 ribu"). */
const SCALES: Readonly<Record<string, number>> = lookupTable({
  ratus: 2, hundred: 2,
  ribu: 3, thousand: 3,
  juta: 6, million: 6,
  miliar: 9, milyar: 9, billion: 9,
  triliun: 12, trilyun: 12, trillion: 12,
});

const MAX_NUMBER_WORDS = 16;

function isNumberWord(word: string): boolean {
  return word in SMALL_NUMBERS || word in TENS || word in DIGIT_MULTIPLIERS || word in ROUND_NUMBERS || word in SCALES;
}

/** `[-]digits[.digits]` with no leading zeros in the integer part and no trailing ones in the fraction. */
function canonicalDecimal(negative: boolean, integer: string, fraction: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '') || '0';
  const frac = fraction.replace(/0+$/, '');
  const body = frac ? `${whole}.${frac}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

/**
 * A number written with digits, canonical, or undefined. "1.000" (Indonesian) and "1,000"
 * (English) are thousands only when every group has exactly three digits; otherwise the
 * separator is a decimal one ("1,5" and "1.5" are both 1.5).
 */
function parseDigits(token: string): string | undefined {
  const match = /^([-+−]?)(\d[\d.,]*)$/u.exec(token);
  if (!match) return undefined;
  const negative = match[1] === '-' || match[1] === '−';
  const body = match[2]!;
  let integer: string;
  let fraction = '';
  if (/^\d+$/.test(body)) integer = body;
  else if (/^\d{1,3}(?:\.\d{3})+$/.test(body)) integer = body.replaceAll('.', '');
  else if (/^\d{1,3}(?:,\d{3})+$/.test(body)) integer = body.replaceAll(',', '');
  else if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(body)) [integer, fraction] = body.replaceAll('.', '').split(',') as [string, string];
  else if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(body)) [integer, fraction] = body.replaceAll(',', '').split('.') as [string, string];
  else if (/^\d+[.,]\d+$/.test(body)) [integer, fraction] = body.split(/[.,]/) as [string, string];
  else return undefined;
  return canonicalDecimal(negative, integer, fraction);
}

/** A canonical decimal times 10^exponent, exactly (no floating point). */
function scaleDecimal(value: string, exponent: number): string {
  const negative = value.startsWith('-');
  const [integer = '', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const digits = integer + fraction.padEnd(exponent, '0');
  const point = integer.length + exponent;
  return canonicalDecimal(negative, digits.slice(0, point), digits.slice(point));
}

/**
 * The value of a run of number words ("dua puluh empat", "twenty four", "one hundred and
 * five", "satu juta dua ratus ribu"), or undefined when the words do not form a number.
 */
function evaluateNumberWords(words: readonly string[]): number | undefined {
  let total = 0;
  let group = 0; // the part below the last scale word
  let lastDigit = -1; // the digit word a following belas/puluh/ratus acts on
  // What may be added next within the group: "dua puluh empat" but not "satu dua".
  let next: 'any' | 'digit' | 'none' = 'any';
  for (const word of words) {
    const small = SMALL_NUMBERS[word];
    const tens = TENS[word];
    const multiplier = DIGIT_MULTIPLIERS[word];
    const round = ROUND_NUMBERS[word];
    const scale = SCALES[word];
    const digit = lastDigit;
    lastDigit = -1;
    if (small !== undefined) {
      const isDigit = small >= 1 && small <= 9;
      if (next === 'none' || (next === 'digit' && !isDigit)) return undefined;
      group += small;
      if (isDigit) lastDigit = small;
      next = 'none';
    } else if (tens !== undefined) {
      if (next !== 'any') return undefined;
      group += tens;
      next = 'digit';
    } else if (multiplier) {
      // Indonesian needs the digit: "dua puluh"; "puluh" alone is no number.
      if (digit < 0) return undefined;
      group += multiplier(digit) - digit;
      next = word === 'puluh' ? 'digit' : word === 'ratus' ? 'any' : 'none';
    } else if (round !== undefined && round < 1_000) {
      if (next !== 'any' || group !== 0) return undefined;
      group += round;
      next = 'any';
    } else if (round !== undefined) {
      // "seribu", "sejuta": a scale word with its own "one" ("dua seribu" is no number).
      if (group !== 0) return undefined;
      total += round;
      next = 'any';
    } else if (scale === 2) {
      group = (group || 1) * 100;
      next = 'any';
    } else if (scale !== undefined) {
      total += (group || 1) * 10 ** scale;
      group = 0;
      next = 'any';
    } else {
      return undefined;
    }
  }
  return total + group;
}

interface NumberRead {
  readonly value: string;
  /** Index of the first token after the number. */
  readonly next: number;
}

/** The number starting at tokens[index], in digits or words, with any scale words after it. */
function readNumber(tokens: readonly string[], index: number): NumberRead | undefined {
  const first = tokens[index];
  if (first === undefined) return undefined;
  const digits = parseDigits(first);
  if (digits !== undefined) {
    let value = digits;
    let next = index + 1;
    for (let scale = SCALES[tokens[next] ?? '']; scale !== undefined; scale = SCALES[tokens[next] ?? '']) {
      value = scaleDecimal(value, scale);
      next++;
    }
    return { value, next };
  }
  if (!isNumberWord(first)) return undefined;
  let end = index;
  while (end < tokens.length) {
    const word = tokens[end]!;
    if (isNumberWord(word)) { end++; continue; }
    // "one hundred and five"
    if (word === 'and' && end > index && isNumberWord(tokens[end + 1] ?? '')) { end++; continue; }
    break;
  }
  // The longest run that is a number ("dua seribu" is 2 then 1000), so that normalising twice
  // gives what normalising once gave. Runs are a few words: trying shorter ones is cheap.
  for (end = Math.min(end, index + MAX_NUMBER_WORDS); end > index; end--) {
    if (tokens[end - 1] === 'and') continue;
    const value = evaluateNumberWords(tokens.slice(index, end).filter((word) => word !== 'and'));
    if (value !== undefined) return { value: String(value), next: end };
  }
  return undefined;
}

/**
 * Case-folded, NFKC, without diacritics, with punctuation turned into word breaks except
 * where it belongs to a number ("1.000", "1,5", "10:30", "3/4") or joins a word ("Jum'at").
 */
function foldText(text: string): string {
  let folded = foldForKeys(text);
  folded = folded
    .replace(/(\d)\s*[%‰]/gu, (_, digit: string) => `${digit} percent `)
    .replace(/\bus\s*\$/gu, ' usd ')
    .replace(/(^|\s)rp(?=\d)/gu, '$1rp ')
    .replace(/\p{Sc}/gu, (symbol) => ` ${CURRENCY_SYMBOLS[symbol] ?? symbol} `)
    .replace(/\p{P}/gu, (mark, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? '';
      const after = whole[offset + 1] ?? '';
      if (/[.,:/]/.test(mark) && /\d/.test(before) && /\d/.test(after)) return mark;
      if (/['’ʼ]/u.test(mark) && /\p{L}/u.test(before) && /\p{L}/u.test(after)) return '';
      if (mark === '&' && /\p{L}/u.test(before) && /\p{L}/u.test(after)) return mark;
      if (/[-−]/u.test(mark) && /\d/.test(after) && (before === '' || /\s/.test(before))) return '-';
      return ' ';
    });
  return folded.replace(SPACES, ' ').trim();
}

/**
 * The key under which claims are compared across sources. Dates in any form
 * {@link normalizeDate} knows become ISO ("19 Juni 2024" → "2024-06-19"); numbers, in digits
 * or Indonesian or English words, become plain decimals ("1.000" → "1000", "dua puluh empat"
 * → "24", "1,5 juta" → "1500000"), with the unit after them in a canonical English singular
 * ("24 tahun" → "24 year", "50%" → "50 percent", "Rp 5.000" → "5000 idr"); everything else
 * is case-folded, NFKC, without diacritics, with punctuation as word breaks and white space
 * collapsed. Idempotent.
 */
export function normalizeValue(value: string): string {
  const trimmed = value.normalize('NFKC').replace(SPACES, ' ').replace(LEADING_PUNCTUATION, '').replace(TRAILING_PUNCTUATION, '');
  const date = normalizeDate(trimmed);
  if (date !== undefined) return date;
  const tokens = foldText(trimmed).split(' ').filter((token) => token !== '');
  const out: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const currency = CURRENCY_PREFIXES[tokens[i]!];
    const number = readNumber(tokens, currency !== undefined ? i + 1 : i);
    if (!number) {
      out.push(tokens[i]!);
      i++;
      continue;
    }
    out.push(number.value);
    i = number.next;
    let unit: string | undefined;
    if (tokens[i] === 'per' && tokens[i + 1] === 'cent') { unit = 'percent'; i += 2; }
    else if (tokens[i] !== undefined && UNITS.has(tokens[i]!)) { unit = UNITS.get(tokens[i]!); i++; }
    if (currency !== undefined) out.push(currency);
    if (unit !== undefined && unit !== currency) out.push(unit);
  }
  return out.join(' ');
}

/** A normalised value that is a number, with or without one unit: "24", "24 year". */
export function quantityOf(normalized: string): { readonly number: string; readonly unit?: string } | undefined {
  const match = /^(-?\d+(?:\.\d+)?)(?: (\S+))?$/.exec(normalized);
  if (!match) return undefined;
  const unit = match[2];
  if (unit === undefined) return { number: match[1]! };
  return CANONICAL_UNITS.has(unit) ? { number: match[1]!, unit } : undefined;
}

/**
 * Whether two values say the same: equal keys, or the same number where only one of them
 * names the unit ("24" and "24 tahun": the property usually implies the unit).
 */
export function valuesAgree(a: string, b: string): boolean {
  return normalizedValuesAgree(normalizeValue(a), normalizeValue(b));
}

/** {@link valuesAgree} for values already normalised. */
export function normalizedValuesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const qa = quantityOf(a);
  const qb = quantityOf(b);
  return qa !== undefined && qb !== undefined && qa.number === qb.number && (qa.unit === undefined || qb.unit === undefined);
}
