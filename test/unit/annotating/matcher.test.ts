import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityMatcher, MAX_ALIAS_UNITS, type EntityMatch } from '../../../src/core/annotating/matcher';
import { OffsetMap } from '../../../src/core/text/offsets';
import type { Entity } from '../../../src/core/model/types';

const seedsDir = join(__dirname, '..', '..', '..', '..', 'seeds');

function entity(id: string, label: string, name: string, ...aliases: string[]): Entity {
  return { id, label, name, aliases };
}

const REGISTRY: readonly Entity[] = [
  entity('vladimir-putin', 'PER', 'Vladimir Putin', 'Putin', 'Presiden Rusia Vladimir Putin', 'Путин', '푸틴', '普京'),
  entity('kim-jong-un', 'PER', 'Kim Jong Un', 'Kim', 'Kim Jong-un', '김정은'),
  entity('pyongyang', 'LOC', 'Pyongyang', '平壤', '평양'),
  entity('tass', 'ORG', 'TASS'),
  entity('amerika-serikat', 'LOC', 'Amerika Serikat', 'AS'),
  entity('korea-utara', 'LOC', 'Korea Utara'),
];

const matcher = EntityMatcher.fromEntities(REGISTRY);

/** [text, first candidate id] of each match, for compact assertions. */
function found(text: string, m = matcher): [string, string][] {
  return m.find(text).map((match) => [match.text, match.candidates[0]!.entityId]);
}

/** Every match's offsets must be code points that give back its text. */
function assertConsistent(text: string, matches: readonly EntityMatch[]): void {
  const map = new OffsetMap(text);
  for (const match of matches) assert.equal(map.slice(match.start, match.end), match.text);
}

describe('EntityMatcher', () => {
  it('finds names and aliases with code point offsets, sorted by start', () => {
    const text = 'Putin bertemu Kim Jong Un di Pyongyang.';
    const matches = matcher.find(text);
    assert.deepEqual(
      matches.map((m) => [m.start, m.end, m.text]),
      [[0, 5, 'Putin'], [14, 25, 'Kim Jong Un'], [29, 38, 'Pyongyang']],
    );
    assert.deepEqual(matches[0]!.candidates, [{ entityId: 'vladimir-putin', label: 'PER', alias: 'Putin' }]);
    assertConsistent(text, matches);
  });

  it('does not look for an alias longer than any name, so a hostile registry cannot make the scan quadratic', () => {
    // 'a a a … a b' (100,000 units) over 'a a a …': a walk from each of the 50,000 word starts
    // would follow the whole alias. The longest alias still looked for is matched.
    const hostile = `${'a '.repeat(50_000)}b`;
    const longest = `${'x '.repeat(MAX_ALIAS_UNITS / 2 - 1)}y`;
    assert.equal(longest.length, MAX_ALIAS_UNITS - 1);
    const m = EntityMatcher.fromEntities([entity('hostile', 'MISC', hostile), entity('long', 'MISC', longest), entity('kim', 'PER', 'Kim')]);
    const text = `${'a '.repeat(50_000)}Kim ${longest}`;
    const started = Date.now();
    assert.deepEqual(found(text, m), [['Kim', 'kim'], [longest, 'long']]);
    // Not a timing target: without the limit this takes minutes, with it milliseconds.
    assert.ok(Date.now() - started < 20_000);
  });

  it('matches at the very start and the very end of the text', () => {
    assert.deepEqual(found('Putin'), [['Putin', 'vladimir-putin']]);
    assert.deepEqual(found('Kim dan Putin'), [['Kim', 'kim-jong-un'], ['Putin', 'vladimir-putin']]);
    assert.deepEqual(found(''), []);
  });

  describe('word boundaries', () => {
    it('does not match inside a longer word', () => {
      assert.deepEqual(found('Kimia dan Putinisme, diPutin, 2Kim, Kim2, Pyongyangnya'), []);
    });

    it('treats punctuation, apostrophes and hyphens as boundaries', () => {
      assert.deepEqual(found("Kim's car, (Putin), Putin-Kim, «Pyongyang»"), [
        ['Kim', 'kim-jong-un'], ['Putin', 'vladimir-putin'], ['Putin', 'vladimir-putin'], ['Kim', 'kim-jong-un'], ['Pyongyang', 'pyongyang'],
      ]);
      assert.deepEqual(found('Kim Jong-un tiba'), [['Kim Jong-un', 'kim-jong-un']]);
    });

    it('does not split a letter from its combining mark', () => {
      assert.deepEqual(found('Kim\u0301 Putin'), [['Putin', 'vladimir-putin']]);
    });

    it('accepts line breaks and no-break spaces inside a multi-word name', () => {
      assert.deepEqual(found('Vladimir\nPutin dan Kim\u00a0Jong Un'), [
        ['Vladimir\nPutin', 'vladimir-putin'], ['Kim\u00a0Jong Un', 'kim-jong-un'],
      ]);
    });
  });

  describe('overlapping aliases', () => {
    it('takes the longest alias at a position', () => {
      assert.deepEqual(found('Presiden Rusia Vladimir Putin tiba.'), [['Presiden Rusia Vladimir Putin', 'vladimir-putin']]);
      assert.deepEqual(found('Kata Vladimir Putin.'), [['Vladimir Putin', 'vladimir-putin']]);
      assert.deepEqual(found('Kata Putin.'), [['Putin', 'vladimir-putin']]);
      assert.deepEqual(found('Kim Jong Un dan Kim'), [['Kim Jong Un', 'kim-jong-un'], ['Kim', 'kim-jong-un']]);
    });

    it('takes the leftmost match and never overlaps', () => {
      const m = EntityMatcher.fromEntities([
        entity('a', 'X', 'Korea Utara'),
        entity('b', 'X', 'Utara Selatan'),
        entity('c', 'X', 'Selatan'),
      ]);
      assert.deepEqual(found('Korea Utara Selatan', m), [['Korea Utara', 'a'], ['Selatan', 'c']]);
    });

    it('falls back to a shorter alias when the longer one fails its boundary', () => {
      assert.deepEqual(found('Vladimir Putinisme dan Kim Jong Unnya'), [['Kim', 'kim-jong-un']]);
    });

    it('finds a pattern that is a suffix of a longer partial one', () => {
      const m = EntityMatcher.fromEntities([entity('a', 'X', 'Jong Un Kim'), entity('b', 'X', 'Un')]);
      assert.deepEqual(found('Jong Un Ki', m), [['Un', 'b']]);
    });
  });

  describe('case', () => {
    it('compares case-insensitively but keeps word-initial capitals', () => {
      assert.deepEqual(found('KIM dan PUTIN, kim dan putin, Vladimir putin'), [
        ['KIM', 'kim-jong-un'], ['PUTIN', 'vladimir-putin'],
      ]);
      assert.deepEqual(found('VLADIMIR PUTIN'), [['VLADIMIR PUTIN', 'vladimir-putin']]);
      assert.deepEqual(found('KiM JoNG UN'), [['KiM JoNG UN', 'kim-jong-un']]);
    });

    it('matches short acronyms only in their exact case', () => {
      assert.deepEqual(found('menurut TASS, Tass, tass; AS dan as, As'), [['TASS', 'tass'], ['AS', 'amerika-serikat']]);
    });

    it('treats long all-capital aliases like names', () => {
      const m = EntityMatcher.fromEntities([entity('unicef', 'ORG', 'UNICEF')]);
      assert.deepEqual(found('UNICEF, Unicef, unicef', m), [['UNICEF', 'unicef'], ['Unicef', 'unicef']]);
    });

    it('lowercase aliases match any case', () => {
      const m = EntityMatcher.fromEntities([entity('x', 'X', 'rudal balistik')]);
      assert.deepEqual(found('Rudal Balistik, RUDAL BALISTIK, rudal balistik', m).length, 3);
    });

    it('keeps a letter whose lowercase is longer ("İ") as is', () => {
      const m = EntityMatcher.fromEntities([entity('istanbul', 'LOC', 'İstanbul')]);
      assert.deepEqual(found('İstanbul, İSTANBUL', m), [['İstanbul', 'istanbul'], ['İSTANBUL', 'istanbul']]);
    });
  });

  describe('shared and repeated aliases', () => {
    const shared = EntityMatcher.fromEntities([
      entity('kim-jong-un', 'PER', 'Kim Jong Un', 'Kim', 'Kim', ''),
      entity('kim-yo-jong', 'PER', 'Kim Yo Jong', 'Kim', '  '),
      entity('kim-il-sung', 'PER', 'Kim Il Sung', 'KIM'),
    ]);

    it('keeps every entity that a surface form may refer to', () => {
      const [match] = shared.find('Kim berkata');
      assert.deepEqual(match!.candidates, [
        { entityId: 'kim-jong-un', label: 'PER', alias: 'Kim' },
        { entityId: 'kim-yo-jong', label: 'PER', alias: 'Kim' },
      ]);
    });

    it('merges spellings that fold alike, one candidate per entity', () => {
      const [match] = shared.find('KIM berkata');
      assert.deepEqual(match!.candidates.map((c) => [c.entityId, c.alias]), [
        ['kim-jong-un', 'Kim'], ['kim-yo-jong', 'Kim'], ['kim-il-sung', 'KIM'],
      ]);
    });

    it('ignores empty and repeated strings', () => {
      assert.equal(shared.aliasCount, 5);
    });
  });

  describe('other scripts', () => {
    it('needs boundaries in Cyrillic', () => {
      const text = 'Президент Путин прибыл; Путинизм, ПУТИН, путин';
      const matches = matcher.find(text);
      assert.deepEqual(matches.map((m) => [m.start, m.text]), [[10, 'Путин'], [34, 'ПУТИН']]);
    });

    it('lets Korean particles follow a name but not precede it', () => {
      const text = '푸틴은 평양에서 김정은과 만났다. 아푸틴';
      const matches = matcher.find(text);
      assert.deepEqual(matches.map((m) => [m.start, m.end, m.text]), [[0, 2, '푸틴'], [4, 6, '평양'], [9, 12, '김정은']]);
    });

    it('needs no boundaries in Chinese', () => {
      const text = '普京访问平壤';
      assert.deepEqual(matcher.find(text).map((m) => [m.start, m.end, m.text]), [[0, 2, '普京'], [4, 6, '平壤']]);
    });

    it('counts a neighbouring no-space script as a boundary for a Latin name', () => {
      assert.deepEqual(found('普京和Putin会面'), [['普京', 'vladimir-putin'], ['Putin', 'vladimir-putin']]);
    });
  });

  it('gives code point offsets after astral characters', () => {
    const text = '😀🇷🇺 Putin 👨‍👩‍👧 bertemu Kim 𝐀 di Pyongyang😀';
    const matches = matcher.find(text);
    assert.deepEqual(matches.map((m) => [m.start, m.end, m.text]), [[4, 9, 'Putin'], [24, 27, 'Kim'], [33, 42, 'Pyongyang']]);
    assertConsistent(text, matches);
  });

  it('finds the people of a seed article where they are', () => {
    const text = readFileSync(join(seedsDir, '000_257178997c759933.txt'), 'utf8');
    const matches = matcher.find(text);
    assertConsistent(text, matches);
    const codePoints = Array.from(text);
    const at = (needle: string): number => codePoints.length - Array.from(text.slice(text.indexOf(needle))).length;

    // The headline mentions the long title; the alias covers it whole.
    const first = matches[0]!;
    assert.deepEqual([first.start, first.text], [at('Presiden Rusia Vladimir Putin'), 'Presiden Rusia Vladimir Putin']);
    const kim = matches.find((m) => m.text === 'Kim Jong Un')!;
    assert.equal(kim.start, at('Kim Jong Un'));
    assert.equal(kim.end, kim.start + 'Kim Jong Un'.length);
    assert.ok(matches.some((m) => m.text === 'TASS' && m.candidates[0]!.entityId === 'tass'));

    const count = (entityId: string): number => matches.filter((m) => m.candidates.some((c) => c.entityId === entityId)).length;
    assert.equal(count('vladimir-putin'), text.match(/\bPutin\b/g)!.length);
    assert.equal(count('kim-jong-un'), text.match(/\bKim\b/g)!.length);
    assert.equal(count('korea-utara'), text.match(/Korea Utara/g)!.length);
    assert.equal(count('pyongyang'), text.match(/Pyongyang/g)!.length);
    // "AS" never appears in capitals; the lowercase words "as..." must not count.
    assert.equal(count('amerika-serikat'), 0);
  });

  it('agrees with a brute-force search on dense overlapping aliases', () => {
    // Tiny alphabet, so that aliases overlap, nest and share prefixes and suffixes everywhere:
    // this exercises the fall back to a shorter alias and the jump past a kept one. Lowercase
    // only, so only boundaries and length decide.
    let seed = 42;
    const next = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const word = (): string => Array.from({ length: 1 + next(3) }, () => 'ab'[next(2)]).join('');
    const phrase = (): string => Array.from({ length: 1 + next(3) }, word).join(' ');
    const aliases = [...new Set(Array.from({ length: 40 }, phrase))];
    const m = EntityMatcher.fromEntities(aliases.map((alias, i) => entity(`e${i}`, 'X', alias)));
    const isLetter = (ch: string | undefined): boolean => ch === 'a' || ch === 'b';
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 30 }, () => (next(4) === 0 ? '.' : word())).join(' ');
      const expected: [number, string][] = [];
      for (let i = 0; i < text.length; ) {
        const fits = aliases.filter((a) => text.startsWith(a, i) && !isLetter(text[i - 1]) && !isLetter(text[i + a.length]));
        const longest = fits.sort((x, y) => y.length - x.length)[0];
        if (longest) { expected.push([i, longest]); i += longest.length; } else i++;
      }
      assert.deepEqual(m.find(text).map((match) => [match.start, match.text]), expected, text);
    }
  });

  it('still finds the right names among 20,000 aliases', function () {
    // A correctness check at size, not a timing: building 20,000 aliases takes well over mocha's
    // 2 s default on a loaded machine (the benchmark measures the speed).
    this.timeout(30_000);
    const syllables = ['ka', 'ri', 'mo', 'tu', 'sen', 'da', 'lo', 'gi', 'pra', 'wi', 'ja', 'no', 'su', 'he'];
    const generated: Entity[] = [];
    for (let i = 0; generated.length < 20_000; i++) {
      // A distinct word per i: the base-14 digits of a three-or-more-digit number, as syllables.
      let word = '';
      for (let n = i + 14 * 14; n > 0; n = Math.floor(n / 14)) word += syllables[n % 14];
      const name = word[0]!.toUpperCase() + word.slice(1);
      generated.push(entity(`e${i}`, 'PER', `${name} Putin`, name));
    }
    const big = EntityMatcher.fromEntities([...REGISTRY, ...generated]);
    assert.equal(big.aliasCount, 40_000 + 17);
    const [a, b, c] = [generated[0]!, generated[7_777]!, generated[19_999]!];
    const text = `Presiden Rusia Vladimir Putin dan Kim Jong Un bertemu ${a.aliases[0]}. Putin, ${b.name} dan ${c.aliases[0]}nya di Pyongyang.`;
    assert.deepEqual(found(text, big), [
      ['Presiden Rusia Vladimir Putin', 'vladimir-putin'],
      ['Kim Jong Un', 'kim-jong-un'],
      [a.aliases[0]!, 'e0'],
      ['Putin', 'vladimir-putin'],
      [b.name, 'e7777'],
      ['Pyongyang', 'pyongyang'],
    ]);
    assert.deepEqual(big.find(b.name)[0]!.candidates, [{ entityId: 'e7777', label: 'PER', alias: b.name }]);
  });
});
