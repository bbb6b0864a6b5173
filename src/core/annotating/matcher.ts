// Finding registry entities (names and aliases) in article text. One trie over case-folded
// code points serves tens of thousands of aliases: building it is linear in the total alias
// length (each state's children are sorted once, a log factor in the branching).
//
// A mention starts where a word starts (or at a character of a script written without spaces),
// and the result is leftmost-longest: from left to right, the longest acceptable mention at
// each start that the previous one does not cover. So the scan needs no Aho-Corasick failure
// links: it walks the trie from each position where a mention may start, keeps the longest
// accepted alias there and goes on after it. A walk is one or two steps for most words (at
// worst the longest alias, so the scan is linear in the text times that length). Finding those
// positions is the hot loop: one read per UTF-16 unit of a table (`unitFlags`) that says
// whether an alias can start with that unit, after a boundary or anywhere, and whether the
// next position follows a boundary. Inside a word of a spaced script nothing can start, so the
// loop reads no trie there. Measured on the benchmark, the Aho-Corasick scan this replaces spent
// most of its time following Latin words into states of aliases that could not be accepted
// there, and 2.8× as long on the whole text.
import { charClass, codePointAt, codePointBefore, codePointsOf, foldForNames, HANGUL, LETTER, LOWER, MARK, NO_SPACE, OffsetMap, UPPER, WORD } from '../text';
import type { Entity } from '../model';

/**
 * Names longer than this (UTF-16 units) are not looked for. No person, place or organisation
 * is named at this length, and the registry is other people's input: the walk from a start is
 * at worst the longest alias, so a hostile 100,000-character alias of repeated words would
 * make every scan quadratic.
 */
export const MAX_ALIAS_UNITS = 400;

/** An entity that a matched surface form may refer to. */
export interface MatchCandidate {
  readonly entityId: string;
  readonly label: string;
  /** The registry string (name or alias) that matched, as written in the registry. */
  readonly alias: string;
}

/** A mention found in the text. */
export interface EntityMatch {
  /** Inclusive, in code points. */
  readonly start: number;
  /** Exclusive, in code points. */
  readonly end: number;
  /** The covered text, as written in the article. */
  readonly text: string;
  /** Every entity the mention may refer to, in registry order; never empty. */
  readonly candidates: readonly MatchCandidate[];
}

// ---------------------------------------------------------------------------------------
// The automaton.

/** One registry string: the exact spelling and the case it demands of the text. */
interface Variant {
  readonly alias: string;
  /** UTF-16 offsets (from the match start) where the text must have an uppercase letter. */
  readonly uppercaseAt: readonly number[];
  readonly candidates: MatchCandidate[];
}

/** One folded form: all registry strings that fold to it share it. */
interface Pattern {
  /** Length in UTF-16 units (the same in folded and original text). */
  readonly length: number;
  /** No word boundary needed before (the alias starts in a script written without spaces). */
  readonly freeStart: boolean;
  /** No word boundary needed after (no-space script, or Hangul where particles follow). */
  readonly freeEnd: boolean;
  readonly variants: Variant[];
}

/**
 * The trie's edges while it is built, (state, folded code point) -> state, in one
 * open-addressing hash table of interleaved [state, code point, target] triples. Only the
 * build uses it: the finished automaton keeps the compact layout described at EntityMatcher.
 */
class TransitionTable {
  private slots = new Int32Array(3 * 1024).fill(-1);
  private mask = 1023;
  private size = 0;

  get(state: number, codePoint: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hashOf(state, codePoint) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const key = slots[at]!;
      if (key === state && slots[at + 1] === codePoint) return slots[at + 2]!;
      if (key < 0) return -1;
    }
  }

  set(state: number, codePoint: number, target: number): void {
    // Load factor at most 1/2 keeps probe sequences short, misses included (the common case).
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hashOf(state, codePoint) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (slots[at]! < 0) {
        slots[at] = state;
        slots[at + 1] = codePoint;
        slots[at + 2] = target;
        this.size++;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.mask = this.mask * 2 + 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at]! >= 0) this.set(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}

function hashOf(state: number, codePoint: number): number {
  let hash = Math.imul(state, 0x9e3779b1) ^ Math.imul(codePoint, 0x85ebca6b);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return hash ^ (hash >>> 13);
}

const ROOT = 0;
const NONE = -1;

// unitFlags bits. A position is tested against `want`: ENTRY_ANY | ENTRY_FREE after a word
// boundary (or at the start of the text), ENTRY_FREE inside a word; bits WANT_SHIFT and up of
// a unit's flags are the `want` of the position after it.
/** Some alias starts with a character that folds like this unit. */
const ENTRY_ANY = 1;
/** Some alias that needs no boundary before it (no-space script) starts so. Implies ENTRY_ANY. */
const ENTRY_FREE = 2;
const WANT_SHIFT = 2;
/** A surrogate: both entry bits are set so that the scan decodes the code point. */
const SURROGATE = 16;

// What the scan and the acceptance test need of a character, in one byte (scanClass).
/** A word character of a spaced script: a mention needing a boundary may not touch it. */
const JOINS = 1;
/** A combining mark: never split from the character before it. */
const IS_MARK = 2;
const IS_UPPER = 4;

// The imported functions the scan calls per character, bound once: in the unbundled build
// (tests, benchmark) every use of an imported name is a getter call through the folder's index.
const classOf = charClass;
const decodeAt = codePointAt;
const decodeBefore = codePointBefore;
const foldName = foldForNames;
const WORD_CLASS = WORD;
const WORD_OR_NO_SPACE = WORD | NO_SPACE;
const MARK_CLASS = MARK;
const UPPER_CLASS = UPPER;

function scanClass(flags: number): number {
  // A character of a no-space script next to a word is itself a boundary ("访问Putin").
  return ((flags & WORD_OR_NO_SPACE) === WORD_CLASS ? JOINS : 0) | (flags & MARK_CLASS ? IS_MARK : 0) | (flags & UPPER_CLASS ? IS_UPPER : 0);
}

function wantAfter(scanFlags: number): number {
  return scanFlags & JOINS ? ENTRY_FREE : ENTRY_ANY | ENTRY_FREE;
}

/** scanClass of every BMP unit, built once per process (charClass caches the classes for everyone else). */
let bmpScanClasses: Uint8Array | undefined;

function scanClassTable(): Uint8Array {
  if (!bmpScanClasses) {
    const table = new Uint8Array(0x10000);
    for (let unit = 0; unit < 0x10000; unit++) table[unit] = scanClass(charClass(unit));
    bmpScanClasses = table;
  }
  return bmpScanClasses;
}

/** scanClass of the character at a UTF-16 offset inside the text. */
function classAt(classes: Uint8Array, text: string, index: number): number {
  const unit = text.charCodeAt(index);
  return unit >= 0xd800 && unit < 0xe000 ? scanClass(classOf(decodeAt(text, index))) : classes[unit]!;
}

/** scanClass of the character that ends just before a UTF-16 offset (> 0) of the text. */
function classBefore(classes: Uint8Array, text: string, index: number): number {
  const unit = text.charCodeAt(index - 1);
  return unit >= 0xd800 && unit < 0xe000 ? scanClass(classOf(decodeBefore(text, index))) : classes[unit]!;
}

/**
 * What the scan finds: the mentions, in order and not overlapping, in parallel arrays (UTF-16
 * start, and the pattern, whose length gives the end); and the UTF-16 offset of every surrogate
 * pair of the text, ascending, for its OffsetMap (the scan meets them all, so the map needs no
 * pass of its own).
 */
interface Found {
  readonly starts: number[];
  readonly patterns: number[];
  readonly pairStarts: number[];
}

/**
 * The trie is kept in breadth-first order, so that the children of a state are consecutive
 * states, sorted by code point: `firstChild[s]` to `firstChild[s + 1]` (exclusive) are the
 * children of `s` and `edgePoint[c]` is the folded code point that leads to `c`. That is two
 * Int32 per state, instead of a hash table or a map per state.
 */
export class EntityMatcher {
  private constructor(
    private readonly firstChild: Int32Array,
    private readonly edgePoint: Int32Array,
    /** Root transitions by UTF-16 unit as written in the text (the fold built in): NONE or a state. */
    private readonly rootEntry: Int32Array,
    /** Per UTF-16 unit: ENTRY_ANY, ENTRY_FREE, SURROGATE and the next position's want (see above). */
    private readonly unitFlags: Uint8Array,
    /** Pattern ending at each state, or NONE. */
    private readonly patternAt: Int32Array,
    private readonly patterns: readonly Pattern[],
    /** scanClass per BMP unit, shared by all matchers. */
    private readonly classes: Uint8Array,
    /** foldForNames per BMP unit, shared with its other users. */
    private readonly foldTable: Int32Array,
  ) {}

  /** Number of distinct registry strings the matcher looks for. */
  get aliasCount(): number {
    let count = 0;
    for (const pattern of this.patterns) count += pattern.variants.length;
    return count;
  }

  /**
   * Builds a matcher for the name and aliases of each entity. Empty strings and repeats
   * within one entity are ignored; a string shared by several entities keeps them all.
   */
  static fromEntities(entities: readonly Entity[]): EntityMatcher {
    const transitions = new TransitionTable();
    const parent: number[] = [NONE];
    const edge: number[] = [NONE];
    const patternOfState: number[] = [NONE];
    const patternIds = new Map<string, number>();
    const patterns: Pattern[] = [];
    /** Folded first code points of the patterns that need no boundary before them. */
    const freeFirstPoints = new Set<number>();

    for (const entity of entities) {
      const seen = new Set<string>();
      for (const surface of [entity.name, ...entity.aliases]) {
        const alias = surface.trim();
        if (alias === '' || alias.length > MAX_ALIAS_UNITS || seen.has(alias)) continue;
        seen.add(alias);
        const points = Array.from(codePointsOf(alias));
        const folded = points.map((point) => foldForNames(point));
        const key = String.fromCodePoint(...folded);
        const candidate: MatchCandidate = { entityId: entity.id, label: entity.label, alias };
        const patternId = patternIds.get(key);
        if (patternId === undefined) {
          let state = ROOT;
          for (const point of folded) {
            let next = transitions.get(state, point);
            if (next < 0) {
              next = parent.length;
              parent.push(state);
              edge.push(point);
              patternOfState.push(NONE);
              transitions.set(state, point, next);
            }
            state = next;
          }
          patternIds.set(key, patterns.length);
          patternOfState[state] = patterns.length;
          const freeStart = (charClass(points[0]!) & NO_SPACE) !== 0;
          if (freeStart) freeFirstPoints.add(folded[0]!);
          // Arrays are created with their elements, not pushed to: an array grown by push
          // from empty reserves 17 slots, which for 100,000 aliases is many megabytes.
          patterns.push({
            length: alias.length,
            freeStart,
            freeEnd: (charClass(points[points.length - 1]!) & (NO_SPACE | HANGUL)) !== 0,
            variants: [{ alias, uppercaseAt: uppercaseConstraints(points), candidates: [candidate] }],
          });
          continue;
        }
        const variants = patterns[patternId]!.variants;
        const variant = variants.find((v) => v.alias === alias);
        if (variant) variant.candidates.push(candidate);
        else variants.push({ alias, uppercaseAt: uppercaseConstraints(points), candidates: [candidate] });
      }
    }

    // Children grouped by parent (counting sort), then renumbered breadth-first.
    const stateCount = parent.length;
    const childStart = new Int32Array(stateCount + 1);
    for (let state = 1; state < stateCount; state++) childStart[parent[state]! + 1]!++;
    for (let state = 0; state < stateCount; state++) childStart[state + 1]! += childStart[state]!;
    const children = new Int32Array(Math.max(stateCount - 1, 0));
    const fill = childStart.slice(0, stateCount);
    for (let state = 1; state < stateCount; state++) children[fill[parent[state]!]!++] = state;

    const oldOf = new Int32Array(stateCount); // breadth-first number -> build number
    const firstChild = new Int32Array(stateCount + 1);
    const edgePoint = new Int32Array(stateCount).fill(NONE);
    const patternAt = new Int32Array(stateCount).fill(NONE);
    let numbered = 1;
    for (let state = 0; state < stateCount; state++) {
      const old = oldOf[state]!;
      patternAt[state] = patternOfState[old]!;
      firstChild[state] = numbered;
      const own = children.subarray(childStart[old]!, childStart[old + 1]!);
      // Sorting each state's children costs O(k log k) for k children: cheap next to the
      // rest, and it lets a lookup stop early or bisect.
      if (own.length > 1) own.sort((a, b) => edge[a]! - edge[b]!);
      for (const child of own) {
        oldOf[numbered] = child;
        edgePoint[numbered++] = edge[child]!;
      }
    }
    firstChild[stateCount] = numbered;

    // The root's transitions indexed by the text's own UTF-16 units (every unit that folds to
    // an edge), and the scan's flags for them; surrogates are decoded by the scan.
    const { starts, points: preimage } = foldForNames.bmpPreimages();
    const rootEntry = new Int32Array(0x10000).fill(NONE);
    const classes = scanClassTable();
    const unitFlags = new Uint8Array(0x10000);
    for (let unit = 0; unit < 0x10000; unit++) unitFlags[unit] = wantAfter(classes[unit]!) << WANT_SHIFT;
    for (let child = firstChild[ROOT]!; child < firstChild[ROOT + 1]!; child++) {
      const folded = edgePoint[child]!;
      if (folded >= 0x10000) continue;
      const entry = freeFirstPoints.has(folded) ? ENTRY_ANY | ENTRY_FREE : ENTRY_ANY;
      for (let k = starts[folded]!; k < starts[folded + 1]!; k++) {
        rootEntry[preimage[k]!] = child;
        unitFlags[preimage[k]!]! |= entry;
      }
    }
    unitFlags.fill(SURROGATE | ENTRY_ANY | ENTRY_FREE, 0xd800, 0xe000);
    rootEntry.fill(NONE, 0xd800, 0xe000);
    return new EntityMatcher(firstChild, edgePoint, rootEntry, unitFlags, patternAt, patterns, classes, foldForNames.bmpTable());
  }

  /**
   * Mentions of registry strings in the text, sorted by start, not overlapping. At each
   * position the longest acceptable string wins; offsets are code points.
   */
  find(text: string): EntityMatch[] {
    const found: Found = { starts: [], patterns: [], pairStarts: [] };
    this.scan(text, found);
    if (found.starts.length === 0) return [];
    const offsets = OffsetMap.fromPairStarts(text, found.pairStarts);
    const matches: EntityMatch[] = [];
    for (let i = 0; i < found.starts.length; i++) {
      const start = found.starts[i]!;
      const pattern = this.patterns[found.patterns[i]!]!;
      const end = start + pattern.length;
      const matched = text.slice(start, end);
      matches.push({
        start: offsets.toCodePoint(start),
        end: offsets.toCodePoint(end),
        text: matched,
        candidates: this.candidatesFor(text, start, matched, pattern),
      });
    }
    return matches;
  }

  /**
   * Leftmost-longest, left to right: at each position where an alias may start, the longest
   * acceptable one (boundaries and case checked) is kept and the scan goes on after it.
   */
  private scan(text: string, found: Found): void {
    const { unitFlags, rootEntry, firstChild, edgePoint, patterns, classes } = this;
    const length = text.length;
    let want = ENTRY_ANY | ENTRY_FREE; // the start of the text is a boundary
    for (let index = 0; index < length; ) {
      const unit = text.charCodeAt(index);
      const flags = unitFlags[unit]!;
      // Most characters start no alias here: one read each.
      if ((flags & want) === 0) {
        want = flags >>> WANT_SHIFT;
        index++;
        continue;
      }
      let state: number;
      let after: number;
      if (flags & SURROGATE) {
        const point = decodeAt(text, index);
        if (point >= 0x10000) found.pairStarts.push(index);
        after = index + (point >= 0x10000 ? 2 : 1);
        state = childOf(firstChild, edgePoint, ROOT, foldName(point));
        want = wantAfter(scanClass(classOf(point)));
      } else {
        after = index + 1;
        state = rootEntry[unit]!;
        want = flags >>> WANT_SHIFT;
      }
      const patternId = state >= 0 ? this.longestAt(text, index, state, after) : NONE;
      if (patternId === NONE) {
        index = after;
        continue;
      }
      found.starts.push(index);
      found.patterns.push(patternId);
      const end = index + patterns[patternId]!.length;
      // The scan goes on after the mention: its own pairs are recorded here.
      for (index = after; index < end - 1; index++) {
        if (isPairAt(text, index)) found.pairStarts.push(index++);
      }
      index = end;
      want = wantAfter(classBefore(classes, text, index));
    }
  }

  /**
   * The longest acceptable pattern that starts at UTF-16 offset `start`, or NONE: the trie is
   * walked from `state`, reached by the character that ends just before `index`.
   */
  private longestAt(text: string, start: number, state: number, index: number): number {
    const { firstChild, edgePoint, patternAt, patterns, foldTable } = this;
    const length = text.length;
    let longest = NONE;
    for (;;) {
      const patternId = patternAt[state]!;
      if (patternId >= 0 && this.accepts(text, patterns[patternId]!, start, index)) longest = patternId;
      if (index === length || firstChild[state] === firstChild[state + 1]) return longest;
      const unit = text.charCodeAt(index);
      let point: number;
      if (unit >= 0xd800 && unit < 0xe000) {
        const raw = decodeAt(text, index);
        index += raw >= 0x10000 ? 2 : 1;
        point = foldName(raw);
      } else {
        index++;
        point = foldTable[unit]!;
      }
      state = childOf(firstChild, edgePoint, state, point);
      if (state < 0) return longest;
    }
  }

  /** Word boundaries on both sides, and some registry spelling whose case the text honours. */
  private accepts(text: string, pattern: Pattern, start: number, end: number): boolean {
    const classes = this.classes;
    if (start > 0 && !pattern.freeStart && classBefore(classes, text, start) & JOINS) return false;
    if (end < text.length) {
      const after = classAt(classes, text, end);
      // Never split a character from its combining marks, whatever the script.
      if (after & IS_MARK) return false;
      if (!pattern.freeEnd && after & JOINS) return false;
    }
    const variants = pattern.variants;
    for (let i = 0; i < variants.length; i++) if (honoursCase(classes, text, start, variants[i]!)) return true;
    return false;
  }

  /** The candidates of an accepted mention (so at least one spelling honours its case). */
  private candidatesFor(text: string, start: number, matched: string, pattern: Pattern): readonly MatchCandidate[] {
    if (pattern.variants.length === 1) return pattern.variants[0]!.candidates;
    const accepted = pattern.variants.filter((variant) => honoursCase(this.classes, text, start, variant));
    if (accepted.length === 1) return accepted[0]!.candidates;
    // Several spellings fit ("Kim" and "KIM"): one candidate per entity, the exact spelling
    // preferred.
    const byEntity = new Map<string, MatchCandidate>();
    for (const variant of accepted) {
      for (const candidate of variant.candidates) {
        const known = byEntity.get(candidate.entityId);
        if (!known || (known.alias !== matched && candidate.alias === matched)) byEntity.set(candidate.entityId, candidate);
      }
    }
    return [...byEntity.values()];
  }
}

/** The child of a state along a folded code point, or NONE. */
function childOf(firstChild: Int32Array, edgePoint: Int32Array, state: number, point: number): number {
  let low = firstChild[state]!;
  let high = firstChild[state + 1]!;
  // Most states have one or two children: a short scan beats bisecting.
  if (high - low <= 8) {
    for (; low < high; low++) {
      const edgeAt = edgePoint[low]!;
      if (edgeAt >= point) return edgeAt === point ? low : NONE;
    }
    return NONE;
  }
  while (low < high) {
    const middle = (low + high) >>> 1;
    const edgeAt = edgePoint[middle]!;
    if (edgeAt === point) return middle;
    if (edgeAt < point) low = middle + 1;
    else high = middle;
  }
  return NONE;
}

function honoursCase(classes: Uint8Array, text: string, start: number, variant: Variant): boolean {
  const offsets = variant.uppercaseAt;
  for (let i = 0; i < offsets.length; i++) if ((classAt(classes, text, start + offsets[i]!) & IS_UPPER) === 0) return false;
  return true;
}

/** A high surrogate followed by a low one at a UTF-16 offset. */
function isPairAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit < 0xd800 || unit > 0xdbff) return false;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

const NO_OFFSETS: readonly number[] = [];

/** Acronyms of at most this many letters must match in exactly their case ("AS", not "as"). */
const ACRONYM_MAX_LETTERS = 5;

/**
 * Where the text must be uppercase for this alias: every capital of a short all-capitals
 * acronym, otherwise every capital that starts a word ("Kim" matches "KIM", not "kim").
 */
function uppercaseConstraints(points: readonly number[]): readonly number[] {
  let letters = 0;
  let hasUpper = false;
  let hasLower = false;
  for (const point of points) {
    const flags = charClass(point);
    if (flags & LETTER) letters++;
    if (flags & UPPER) hasUpper = true;
    if (flags & LOWER) hasLower = true;
  }
  const acronym = hasUpper && !hasLower && letters <= ACRONYM_MAX_LETTERS;
  let offsets: number[] | undefined;
  let offset = 0;
  let previous = 0;
  for (const point of points) {
    const flags = charClass(point);
    if (flags & UPPER && (acronym || (previous & WORD) === 0)) (offsets ??= []).push(offset);
    previous = flags;
    offset += point >= 0x10000 ? 2 : 1;
  }
  // Exact-size copies; most aliases share the one empty list or need one or two offsets.
  return offsets ? offsets.slice() : NO_OFFSETS;
}
