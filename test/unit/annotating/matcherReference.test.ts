// The matcher's scan (a trie walked from each position where a mention may start, a per-unit
// table to skip the others, surrogate pairs collected on the way) against a brute-force
// reference that tries every alias at every code point with regular expressions for the
// character classes: random texts and registries in Latin (with diacritics and combining
// marks), Arabic, Han, Hangul and emoji, with CRLF, a BOM and lone surrogates.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EntityMatcher } from '../../../src/core/annotating/matcher';
import { foldForNames } from '../../../src/core/text/folding';
import type { Entity } from '../../../src/core/model/types';

const WORD = /[\p{L}\p{N}\p{M}]/u;
const MARK = /\p{M}/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const NO_SPACE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const HANGUL = /\p{scx=Hangul}/u;

/** Code points with their UTF-16 offsets, a lone surrogate as itself. */
function pointsOf(text: string): { at: number; ch: string }[] {
  const points: { at: number; ch: string }[] = [];
  let at = 0;
  for (const ch of text) {
    points.push({ at, ch });
    at += ch.length;
  }
  return points;
}

function folded(text: string): string {
  return Array.from(text, (ch) => String.fromCodePoint(foldForNames(ch.codePointAt(0)!))).join('');
}

/** A word character that a mention needing a boundary may not touch (a no-space script's is a boundary). */
function joins(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch) && !NO_SPACE.test(ch);
}

/** Where the text must be uppercase: all capitals of an acronym of at most 5 letters, else word-initial capitals. */
function mustBeUpper(alias: string): number[] {
  const chars = [...alias];
  const acronym = chars.some((c) => UPPER.test(c)) && !chars.some((c) => LOWER.test(c)) && chars.filter((c) => LETTER.test(c)).length <= 5;
  const offsets: number[] = [];
  let offset = 0;
  chars.forEach((ch, i) => {
    if (UPPER.test(ch) && (acronym || !WORD.test(chars[i - 1] ?? ' '))) offsets.push(offset);
    offset += ch.length;
  });
  return offsets;
}

type Found = [start: number, end: number, text: string, entityIds: string[]];

function referenceFind(text: string, entities: readonly Entity[]): Found[] {
  const aliases: { alias: string; entityId: string }[] = [];
  for (const entity of entities) {
    for (const alias of new Set([entity.name, ...entity.aliases].map((a) => a.trim()))) if (alias !== '') aliases.push({ alias, entityId: entity.id });
  }
  const points = pointsOf(text);
  const found: Found[] = [];
  let covered = 0;
  points.forEach(({ at }, index) => {
    if (at < covered) return;
    const before = index > 0 ? points[index - 1]!.ch : undefined;
    const fits = aliases.filter(({ alias }) => {
      const end = at + alias.length;
      if (end > text.length || folded(text.slice(at, end)) !== folded(alias)) return false;
      const first = [...alias][0]!;
      const last = [...alias].at(-1)!;
      if (!NO_SPACE.test(first) && joins(before)) return false;
      const after = [...text.slice(end)][0];
      if (after !== undefined && MARK.test(after)) return false;
      if (!NO_SPACE.test(last) && !HANGUL.test(last) && joins(after)) return false;
      return mustBeUpper(alias).every((offset) => UPPER.test(String.fromCodePoint(text.codePointAt(at + offset)!)));
    });
    if (fits.length === 0) return;
    const longest = Math.max(...fits.map((f) => f.alias.length));
    const ids = [...new Set(fits.filter((f) => f.alias.length === longest).map((f) => f.entityId))].sort();
    const startPoint = index;
    const endPoint = startPoint + [...text.slice(at, at + longest)].length;
    found.push([startPoint, endPoint, text.slice(at, at + longest), ids]);
    covered = at + longest;
  });
  return found;
}

function scanned(text: string, matcher: EntityMatcher): Found[] {
  return matcher.find(text).map((m) => [m.start, m.end, m.text, [...new Set(m.candidates.map((c) => c.entityId))].sort()]);
}

// Pieces of text: letters that fold together, diacritics precomposed and combining, Arabic,
// Han (one outside the BMP) and kana (no spaces), Hangul, emoji (astral, with a skin tone and
// a ZWJ), an astral capital letter, white space of several kinds, CRLF, punctuation, a BOM
// and lone surrogates.
const PIECES = [
  'a', 'b', 'A', 'B', 'ab', 'Ab', 'AB', 'é', 'É', 'e\u0301', 'ñ', 'ς', 'σ', 'Σ', 'İ', 'i',
  'ق', 'ال', 'سا', 'م',
  '王', '李', '先生', 'の', 'ア', '𠀀',
  '김', '은',
  '😀', '👍🏽', '👨\u200d👩', '𝐀',
  ' ', ' ', ' ', '\u00a0', '\r\n', '\n', '.', '-', "'", '\uFEFF', '\ud800', '\udc00',
];
const ALIAS_PIECES = PIECES.filter((p) => p !== '\ud800' && p !== '\udc00');

const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const aliasArb = fc.array(fc.constantFrom(...ALIAS_PIECES), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
const registryArb = fc.array(fc.array(aliasArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }).map((names) =>
  names.map(([name, ...aliases], i): Entity => ({ id: `e${i}`, label: 'X', name: name!, aliases })));

describe('EntityMatcher scan against a brute-force reference', () => {
  it('finds exactly what trying every alias at every code point finds', () => {
    fc.assert(fc.property(registryArb, fc.array(textArb, { minLength: 1, maxLength: 4 }), (entities, texts) => {
      const matcher = EntityMatcher.fromEntities(entities);
      for (const text of texts) assert.deepEqual(scanned(text, matcher), referenceFind(text, entities));
    }), { numRuns: 400 });
  });

  it('finds exactly what the reference finds when the text is made of the aliases themselves', () => {
    // Random texts rarely spell a long alias: here most positions start one.
    fc.assert(fc.property(registryArb, fc.array(fc.nat(), { maxLength: 30 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (entities, picks, glue) => {
      const names = entities.flatMap((e) => [e.name, ...e.aliases]);
      const text = picks.map((pick, i) => names[pick % names.length]! + (glue[i] ?? '')).join('');
      assert.deepEqual(scanned(text, EntityMatcher.fromEntities(entities)), referenceFind(text, entities));
    }), { numRuns: 400 });
  });
});

describe('EntityMatcher scan: surrogate pairs and where mentions may start', () => {
  const matcher = EntityMatcher.fromEntities([
    { id: 'kim', label: 'PER', name: 'Kim', aliases: ['Kim 😀 Jong'] },
    { id: 'bold', label: 'X', name: '𝐀li', aliases: [] },
    { id: 'wang', label: 'PER', name: '王先生', aliases: [] },
  ]);
  const spans = (text: string): [number, number, string][] => matcher.find(text).map((m) => [m.start, m.end, m.text]);

  it('counts the pairs inside a mention for the offsets after it', () => {
    assert.deepEqual(spans('😀 Kim 😀 Jong 👍🏽 Kim'), [[2, 12, 'Kim 😀 Jong'], [16, 19, 'Kim']]);
  });

  it('matches an alias that starts with an astral letter, after a pair and at a boundary only', () => {
    assert.deepEqual(spans('😀𝐀li x𝐀li 𝐀lis \uFEFF𝐀li'), [[1, 4, '𝐀li'], [16, 19, '𝐀li']]);
  });

  it('starts a no-space alias inside a word and a spaced one after a no-space character', () => {
    assert.deepEqual(spans('说王先生Kim和abKim'), [[1, 4, '王先生'], [4, 7, 'Kim']]);
  });

  it('reads CRLF and a BOM as boundaries and a lone surrogate as one character', () => {
    assert.deepEqual(spans('\uFEFFKim\r\nKim\ud800Kim\udc00 Kim'), [[1, 4, 'Kim'], [6, 9, 'Kim'], [10, 13, 'Kim'], [15, 18, 'Kim']]);
  });
});
