// Finding registry entities (names and aliases) in article text. One Aho-Corasick automaton
// over case-folded code points serves tens of thousands of aliases: building it is linear in
// the total alias length (each state's children are sorted once, a log factor in the
// branching), scanning is linear in the text length plus the occurrences found (the accepted
// ones are sorted once for leftmost-longest selection).
//
// At the root, where the scan spends most characters, one read of a table indexed by the
// text's own UTF-16 unit (the fold built in) skips a character that starts no alias. Elsewhere
// characters are decoded by the shared decoder (src/core/text/codePoints.ts) and folded by
// foldForNames (src/core/text/folding.ts). Measured on the benchmark, scanning a decoded code
// point buffer with dense transition rows was slower than this: the extra pass cost more than
// the rows saved.
import { charClass, codePointAt, codePointBefore, codePointsOf, foldForNames, HANGUL, LETTER, LOWER, MARK, NO_SPACE, OffsetMap, UPPER, WORD } from '../text';
import type { Entity } from '../model';

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
/** In rootEntry: a surrogate, whose code point the scan decodes before looking it up. */
const DECODE = -2;

/** Growable occurrence list of the scan, in parallel arrays of UTF-16 offsets. */
interface Occurrences {
  readonly starts: number[];
  readonly ends: number[];
  readonly patterns: number[];
}

/**
 * The automaton keeps its trie in breadth-first order, so that the children of a state are
 * consecutive states, sorted by code point: `firstChild[s]` to `firstChild[s + 1]` (exclusive)
 * are the children of `s` and `edgePoint[c]` is the folded code point that leads to `c`. That
 * is two Int32 per state, instead of a hash table or a map per state.
 */
export class EntityMatcher {
  private constructor(
    private readonly firstChild: Int32Array,
    private readonly edgePoint: Int32Array,
    /** Root transitions for BMP characters: the root is looked up after every mismatch. */
    private readonly rootNext: Int32Array,
    /** Root transitions by UTF-16 unit as written in the text: NONE, a state, or DECODE for a surrogate. */
    private readonly rootEntry: Int32Array,
    private readonly fail: Int32Array,
    /** Nearest state on the failure chain (itself excluded) that ends a pattern, or NONE. */
    private readonly nextOutput: Int32Array,
    /** Pattern ending at each state, or NONE. */
    private readonly patternAt: Int32Array,
    private readonly patterns: readonly Pattern[],
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

    for (const entity of entities) {
      const seen = new Set<string>();
      for (const surface of [entity.name, ...entity.aliases]) {
        const alias = surface.trim();
        if (alias === '' || seen.has(alias)) continue;
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
          // Arrays are created with their elements, not pushed to: an array grown by push
          // from empty reserves 17 slots, which for 100,000 aliases is many megabytes.
          patterns.push({
            length: alias.length,
            freeStart: (charClass(points[0]!) & NO_SPACE) !== 0,
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

    // Failure links in breadth-first order: a state's parent and its failure are done first.
    const fail = new Int32Array(stateCount);
    const nextOutput = new Int32Array(stateCount).fill(NONE);
    for (let state = 0; state < stateCount; state++) {
      for (let child = firstChild[state]!, last = firstChild[state + 1]!; child < last; child++) {
        let target = ROOT;
        if (state !== ROOT) {
          const point = edgePoint[child]!;
          for (let candidate = fail[state]!; ; candidate = fail[candidate]!) {
            const next = childOf(firstChild, edgePoint, candidate, point);
            if (next >= 0) { target = next; break; }
            if (candidate === ROOT) break;
          }
        }
        fail[child] = target;
        nextOutput[child] = patternAt[target]! >= 0 ? target : nextOutput[target]!;
      }
    }

    const rootNext = new Int32Array(0x10000).fill(NONE);
    for (let child = firstChild[ROOT]!; child < firstChild[ROOT + 1]!; child++) {
      if (edgePoint[child]! < 0x10000) rootNext[edgePoint[child]!] = child;
    }
    // The same, indexed by the text's own UTF-16 units (the fold built in), for the scan's skip
    // loop at the root; surrogates send it to the full decode.
    const { starts, points: preimage } = foldForNames.bmpPreimages();
    const rootEntry = new Int32Array(0x10000).fill(NONE);
    for (let child = firstChild[ROOT]!; child < firstChild[ROOT + 1]!; child++) {
      const folded = edgePoint[child]!;
      if (folded < 0x10000) for (let k = starts[folded]!; k < starts[folded + 1]!; k++) rootEntry[preimage[k]!] = child;
    }
    rootEntry.fill(DECODE, 0xd800, 0xe000);
    return new EntityMatcher(firstChild, edgePoint, rootNext, rootEntry, fail, nextOutput, patternAt, patterns);
  }

  /**
   * Mentions of registry strings in the text, sorted by start, not overlapping. At each
   * position the longest acceptable string wins; offsets are code points.
   */
  find(text: string): EntityMatch[] {
    const found: Occurrences = { starts: [], ends: [], patterns: [] };
    this.scan(text, found);
    if (found.starts.length === 0) return [];

    // Leftmost-longest: by start, then longest first; then keep each one that starts after
    // the previous kept one ends.
    const order = found.starts.map((_, i) => i);
    order.sort((a, b) => found.starts[a]! - found.starts[b]! || found.ends[b]! - found.ends[a]!);
    const offsets = new OffsetMap(text);
    const matches: EntityMatch[] = [];
    let covered = 0;
    for (const i of order) {
      const start = found.starts[i]!;
      if (start < covered) continue;
      const end = found.ends[i]!;
      covered = end;
      const matched = text.slice(start, end);
      matches.push({
        start: offsets.toCodePoint(start),
        end: offsets.toCodePoint(end),
        text: matched,
        candidates: this.candidatesFor(text, start, matched, this.patterns[found.patterns[i]!]!),
      });
    }
    return matches;
  }

  /** Records every acceptable occurrence (boundaries and case checked), in order of end. */
  private scan(text: string, found: Occurrences): void {
    const { firstChild, edgePoint, rootNext, rootEntry, fail } = this;
    const length = text.length;
    let state = ROOT;
    // Local names: a module namespace read per character is measurable in unbundled builds.
    const fold = foldForNames;
    const decode = codePointAt;
    for (let index = 0; index < length; ) {
      if (state === ROOT) {
        // Most characters start no alias: skip them with one read each. The root ends no
        // alias, so nothing is missed.
        let entry: number;
        while ((entry = rootEntry[text.charCodeAt(index)]!) === NONE) if (++index === length) return;
        if (entry >= 0) {
          state = entry;
          index++;
          this.report(text, state, index, found);
          continue;
        }
      }
      const raw = decode(text, index);
      index += raw >= 0x10000 ? 2 : 1;
      const point = fold(raw);

      let next = state === ROOT && point < 0x10000 ? rootNext[point]! : childOf(firstChild, edgePoint, state, point);
      while (next < 0 && state !== ROOT) {
        state = fail[state]!;
        next = state === ROOT && point < 0x10000 ? rootNext[point]! : childOf(firstChild, edgePoint, state, point);
      }
      state = next < 0 ? ROOT : next;
      this.report(text, state, index, found);
    }
  }

  /** Records the acceptable occurrences that end at a state, just before UTF-16 offset `index`. */
  private report(text: string, state: number, index: number, found: Occurrences): void {
    const { nextOutput, patternAt } = this;
    for (let out = patternAt[state]! >= 0 ? state : nextOutput[state]!; out >= 0; out = nextOutput[out]!) {
      const patternId = patternAt[out]!;
      const pattern = this.patterns[patternId]!;
      const start = index - pattern.length;
      if (this.accepts(text, pattern, start, index)) {
        found.starts.push(start);
        found.ends.push(index);
        found.patterns.push(patternId);
      }
    }
  }

  /** Word boundaries on both sides, and some registry spelling whose case the text honours. */
  private accepts(text: string, pattern: Pattern, start: number, end: number): boolean {
    if (start > 0 && !pattern.freeStart) {
      const before = charClass(codePointBefore(text, start));
      // A character of a no-space script next to a word is itself a boundary ("访问Putin").
      if ((before & (WORD | NO_SPACE)) === WORD) return false;
    }
    if (end < text.length) {
      const after = charClass(codePointAt(text, end));
      // Never split a character from its combining marks, whatever the script.
      if (after & MARK) return false;
      if (!pattern.freeEnd && (after & (WORD | NO_SPACE)) === WORD) return false;
    }
    for (const variant of pattern.variants) if (honoursCase(text, start, variant)) return true;
    return false;
  }

  private candidatesFor(text: string, start: number, matched: string, pattern: Pattern): readonly MatchCandidate[] {
    const accepted = pattern.variants.filter((variant) => honoursCase(text, start, variant));
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

function honoursCase(text: string, start: number, variant: Variant): boolean {
  for (const offset of variant.uppercaseAt) {
    if ((charClass(codePointAt(text, start + offset)) & UPPER) === 0) return false;
  }
  return true;
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
