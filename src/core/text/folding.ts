// The one place that decides which characters count as "the same but for case or typography".
// Three uses need different answers, so there are three named variants, all built on the same
// one-to-one lowercasing and the same typographic quotes:
//
// - foldForNames (the entity matcher): one code point to one code point, so folded and original
//   text have the same length and an offset in one is an offset in the other. White space
//   becomes a space (a name broken over a line, a no-break space) and the non-breaking hyphens
//   become "-", but "-" stays apart from " " and from the dashes: "Jong-un" is a spelling an
//   alias must list, and "Jakarta – Bandung" is not the name "Jakarta-Bandung".
// - foldForQuotes (approximate quote anchoring): also one to one, but every separator (white
//   space, hyphen, dash) is one: people retyping a quote swap "Kim Jong Un" and "Kim Jong-un",
//   and a substitution of equal folded characters costs only half an edit there, so folding
//   more is cheap, never a false match.
// - foldForKeys (claim values compared across sources): a whole string, full lowercasing and
//   diacritics removed ("Việt" = "viet"), which may change the length: the key is compared,
//   never mapped back to offsets.
import { isWhiteSpace } from './charClasses';

/** Typographic quotes and their ASCII forms; final sigma, which toLowerCase leaves as is. */
function typographic(codePoint: number): number {
  switch (codePoint) {
    case 0x2018: case 0x2019: case 0x201a: case 0x02bc: return 0x27; // ‘ ’ ‚ ʼ -> '
    case 0x201c: case 0x201d: case 0x201e: return 0x22; // “ ” „ -> "
    case 0x03c2: return 0x03c3; // ς -> σ
    default: return -1;
  }
}

/** Lowercase when that is one code point ('İ' lowercases to two: kept as is). */
function lowerCaseOneToOne(codePoint: number): number {
  if (codePoint < 0x80) return codePoint >= 0x41 && codePoint <= 0x5a ? codePoint + 0x20 : codePoint;
  const lower = String.fromCodePoint(codePoint).toLowerCase();
  const folded = lower.codePointAt(0)!;
  const oneCodePoint = folded >= 0x10000 ? lower.length === 2 : lower.length === 1;
  return oneCodePoint ? folded : codePoint;
}

function nameFold(codePoint: number): number {
  const quote = typographic(codePoint);
  if (quote >= 0) return quote;
  if (codePoint === 0x2010 || codePoint === 0x2011) return 0x2d; // non-breaking hyphens -> -
  if (isWhiteSpace(codePoint)) return 0x20;
  return lowerCaseOneToOne(codePoint);
}

/** Hyphen-minus and the Unicode hyphens and dashes up to the em dash. */
function isHyphenOrDash(codePoint: number): boolean {
  return codePoint === 0x2d || (codePoint >= 0x2010 && codePoint <= 0x2014);
}

function quoteFold(codePoint: number): number {
  if (isHyphenOrDash(codePoint) || isWhiteSpace(codePoint)) return 0x20;
  const quote = typographic(codePoint);
  return quote >= 0 ? quote : lowerCaseOneToOne(codePoint);
}

/** A one-to-one fold with its results cached: a table for the BMP, a map for the rest. */
export interface CodePointFold {
  (codePoint: number): number;
  /**
   * The fold of every BMP code point, filled on first use (some tens of milliseconds, once),
   * for loops that index it instead of calling the fold per character.
   */
  bmpTable(): Int32Array;
  /**
   * Every BMP code point that folds to a BMP code point `folded`: `points` from
   * `starts[folded]` to `starts[folded + 1]` (exclusive). Built with the table, once.
   */
  bmpPreimages(): { readonly starts: Int32Array; readonly points: Uint16Array };
}

function cachedFold(compute: (codePoint: number) => number): CodePointFold {
  const bmp = new Int32Array(0x10000).fill(-1);
  const astral = new Map<number, number>();
  let complete = false;
  let preimages: { starts: Int32Array; points: Uint16Array } | undefined;
  const fold = (codePoint: number): number => {
    if (codePoint < 0x10000) {
      let folded = bmp[codePoint]!;
      if (folded < 0) bmp[codePoint] = folded = compute(codePoint);
      return folded;
    }
    let folded = astral.get(codePoint);
    if (folded === undefined) astral.set(codePoint, (folded = compute(codePoint)));
    return folded;
  };
  return Object.assign(fold, {
    bmpTable(): Int32Array {
      if (!complete) {
        for (let codePoint = 0; codePoint < 0x10000; codePoint++) if (bmp[codePoint]! < 0) bmp[codePoint] = compute(codePoint);
        complete = true;
      }
      return bmp;
    },
    bmpPreimages() {
      if (!preimages) {
        const table = this.bmpTable();
        const starts = new Int32Array(0x10000 + 1);
        for (let codePoint = 0; codePoint < 0x10000; codePoint++) starts[table[codePoint]! + 1]!++;
        for (let folded = 0; folded < 0x10000; folded++) starts[folded + 1]! += starts[folded]!;
        const points = new Uint16Array(0x10000);
        const fill = starts.slice(0, 0x10000);
        for (let codePoint = 0; codePoint < 0x10000; codePoint++) points[fill[table[codePoint]!]!++] = codePoint;
        preimages = { starts, points };
      }
      return preimages;
    },
  });
}

/** Entity names: case, typographic quotes, white space; one code point to one. */
export const foldForNames = cachedFold(nameFold);

/** Quote anchoring: case, typographic quotes, every separator one; one code point to one. */
export const foldForQuotes = cachedFold(quoteFold);

const MARKS = /\p{M}/gu;

/** Comparison keys: full lowercasing (root locale), diacritics removed, NFC. May change the length. */
export function foldForKeys(text: string): string {
  return text.toLocaleLowerCase('und').normalize('NFD').replace(MARKS, '').normalize('NFC');
}
