// Recognising dates in Indonesian and English text and normalising them to ISO 8601, so that
// a DATE suggestion and a date compared across sources use the same value.
import { OffsetMap } from './offsets';
import { lookupTable } from '../util';

/** A date found in the text. */
export interface DateMatch {
  /** Inclusive, in code points. Includes a leading weekday ("Rabu, 19 Juni 2024"). */
  readonly start: number;
  /** Exclusive, in code points. */
  readonly end: number;
  /** The covered text, as written. */
  readonly text: string;
  /** `YYYY-MM-DD`, or `YYYY-MM` when the text names only a month ("Juni 2024"). */
  readonly iso: string;
}

const MONTHS: Readonly<Record<string, number>> = lookupTable({
  // Indonesian, with the older spellings Pebruari and Nopember still seen in print.
  januari: 1, februari: 2, pebruari: 2, maret: 3, april: 4, mei: 5, juni: 6, juli: 7,
  agustus: 8, september: 9, oktober: 10, november: 11, nopember: 11, desember: 12,
  jan: 1, feb: 2, peb: 2, mar: 3, apr: 4, jun: 6, jul: 7, agu: 8, agt: 8, ags: 8,
  sep: 9, sept: 9, okt: 10, nov: 11, nop: 11, des: 12,
  // English.
  january: 1, february: 2, march: 3, may: 5, june: 6, july: 7, august: 8, october: 10, december: 12,
  aug: 8, oct: 10, dec: 12,
});

const WEEKDAYS = [
  'senin', 'selasa', 'rabu', 'kamis', 'jumat', "jum'at", 'jum’at', 'sabtu', 'minggu', 'ahad',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
];

/** Longest first, so that "Juni" is not read as "Jun" followed by a letter. */
function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

const MONTH = `(?:${alternation(Object.keys(MONTHS))})\\.?`;
const WEEKDAY = `(?:${alternation(WEEKDAYS)})\\.?,?\\s{1,3}`;
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}\\p{M}])';
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}\\p{M}])';
// Numeric forms must not be a slice of a longer run like a phone number "0812-13-9-2023".
const NOT_AFTER_NUMBER = '(?<!\\d[/.-])';
const NOT_BEFORE_NUMBER = '(?![/.-]\\d)';
const ORDINAL = '(?:st|nd|rd|th)?';
// Bounded whitespace (a line break allowed: articles are hard-wrapped) keeps the scan linear.
const SPACE = '\\s{1,3}';

/**
 * All forms in one regex, so that the leftmost date wins and a full date is never also read
 * as a month ("19 Juni 2024" is one match, not "Juni 2024" too). The weekday belongs to the
 * date it names, so the match includes it; it is not checked against the date.
 */
const DATE_PATTERN = new RegExp(
  [
    // [Rabu, ]19 Juni 2024 | [Wednesday, ]June 19, 2024 | [Rabu, ]19/6/2024 or 19-6-2024
    `${NOT_AFTER_WORD}(?<weekday>${WEEKDAY})?(?:` +
      `(?<dmyDay>\\d{1,2})${ORDINAL}${SPACE}(?<dmyMonth>${MONTH})${SPACE}(?<dmyYear>\\d{4})` +
      `|(?<mdyMonth>${MONTH})${SPACE}(?<mdyDay>\\d{1,2})${ORDINAL},?${SPACE}(?<mdyYear>\\d{4})` +
      `|${NOT_AFTER_NUMBER}(?<numDay>\\d{1,2})(?<sep>[/-])(?<numMonth>\\d{1,2})\\k<sep>(?<numYear>\\d{4})${NOT_BEFORE_NUMBER}` +
      `)${NOT_BEFORE_WORD}`,
    // 2024-06-19, also as the date of a timestamp (2024-06-19T10:00)
    `${NOT_AFTER_WORD}${NOT_AFTER_NUMBER}(?<isoYear>\\d{4})-(?<isoMonth>\\d{2})-(?<isoDay>\\d{2})${NOT_BEFORE_NUMBER}(?=T\\d|[^\\p{L}\\p{N}\\p{M}]|$)`,
    // Juni 2024, unless a number before it makes it part of something else ("119 Juni 2024")
    `${NOT_AFTER_WORD}(?<!\\d${SPACE})(?<myMonth>${MONTH})${SPACE}(?<myYear>\\d{4})${NOT_BEFORE_WORD}`,
  ].join('|'),
  'giu',
);

/** A `YYYY-MM` value, accepted by {@link normalizeDate} so that normalising is idempotent. */
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Dates in the text, in order, not overlapping; offsets in code points. */
export function findDates(text: string): DateMatch[] {
  const matches: DateMatch[] = [];
  let offsets: OffsetMap | undefined;
  for (const match of text.matchAll(DATE_PATTERN)) {
    // An impossible date ("31/2/2024") is skipped whole: its parts are no date either.
    const iso = isoOf(match.groups ?? {});
    if (iso === undefined) continue;
    offsets ??= new OffsetMap(text);
    const start = match.index!;
    const end = start + match[0].length;
    matches.push({ start: offsets.toCodePoint(start), end: offsets.toCodePoint(end), text: match[0], iso });
  }
  return matches;
}

/**
 * The ISO form of a string that is a date and nothing else (surrounding spaces aside), in any
 * form {@link findDates} knows or as `YYYY-MM`; undefined otherwise.
 */
export function normalizeDate(text: string): string | undefined {
  const trimmed = text.trim();
  const month = ISO_MONTH.exec(trimmed);
  if (month) return isoDate(Number(month[1]), Number(month[2]));
  const found = findDates(trimmed);
  const only = found[0];
  return found.length === 1 && only && only.text === trimmed ? only.iso : undefined;
}

function isoOf(groups: Record<string, string | undefined>): string | undefined {
  const { dmyDay, dmyMonth, dmyYear, mdyMonth, mdyDay, mdyYear, numDay, numMonth, numYear, isoYear, isoMonth, isoDay, myMonth, myYear } = groups;
  if (dmyDay && dmyMonth && dmyYear) return isoDate(Number(dmyYear), monthNumber(dmyMonth), Number(dmyDay));
  if (mdyMonth && mdyDay && mdyYear) return isoDate(Number(mdyYear), monthNumber(mdyMonth), Number(mdyDay));
  if (numDay && numMonth && numYear) return isoDate(Number(numYear), Number(numMonth), Number(numDay));
  if (isoYear && isoMonth && isoDay) return isoDate(Number(isoYear), Number(isoMonth), Number(isoDay));
  if (myMonth && myYear) return isoDate(Number(myYear), monthNumber(myMonth));
  return undefined;
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

/** `YYYY-MM-DD` (or `YYYY-MM` without a day) for a date that exists, else undefined. */
function isoDate(year: number, month: number, day?: number): string | undefined {
  if (year < 1 || month < 1 || month > 12) return undefined;
  const yyyyMm = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  if (day === undefined) return yyyyMm;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${yyyyMm}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
