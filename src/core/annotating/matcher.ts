// Finding registry entities (names and aliases) in article text. One Aho-Corasick automaton
// over case-folded code points serves tens of thousands of aliases: building it is linear in
// the total alias length (each state's children are sorted once, a log factor in the
// branching), scanning is linear in the text length plus the occurrences found (the accepted
// ones are sorted once for leftmost-longest selection).
//
// The scan reads the text decoded once into a reused code point buffer, folds each code point
// through a table (foldForNames), and takes most transitions from dense rows: the states with
// many children get a row over the most frequent folded code points that holds the final
// target, failure links already followed. Nothing is allocated until an occurrence passes its
// word boundaries and case rules.
import { charClass, CodePointBuffer, codePointsOf, foldForNames, HANGUL, LETTER, LOWER, MARK, NO_SPACE, OffsetMap, UPPER, WORD } from '../text';
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

/** The scan's code points; one buffer for every scan (JavaScript runs one at a time). */
const scanBuffer = new CodePointBuffer();

// ---------------------------------------------------------------------------------------
// The automaton.

/** One registry string: the exact spelling and the case it demands of the text. */
interface Variant {
  readonly alias: string;
  /** Code point offsets (from the match start) where the text must have an uppercase letter. */
  readonly uppercaseAt: readonly number[];
  readonly candidates: MatchCandidate[];
}

/** One folded form: all registry strings that fold to it share it. */
interface Pattern {
  /** Length in code points (the same in folded and original text). */
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

// The fields of a state in EntityMatcher's layout.
const FIRST_CHILD = 0;
const FAIL = 1;
const FIRST_OUTPUT = 2;
const DENSE_ROW = 3;
const STATE_FIELDS = 4;

/** Growable occurrence list of the scan, in parallel arrays of code point offsets. */
interface Occurrences {
  readonly starts: number[];
  readonly ends: number[];
  readonly patterns: number[];
}

/** Folded code points that get a column in the dense rows (column 0: any other). */
const DENSE_COLUMNS = 64;
/** A state gets a dense row when it has at least this many children… */
const DENSE_MIN_CHILDREN = 3;
/** …and while there are fewer rows than this (64 columns × 4 bytes × 16,384 rows: 4 MB at most). */
const DENSE_MAX_ROWS = 16_384;

/**
 * The automaton keeps its trie in breadth-first order, so that the children of a state are
 * consecutive states, sorted by code point: a state's first child to the next state's first
 * child (exclusive) are its children and `edgePoint[c]` is the folded code point that leads to
 * `c`. That is a few Int32 per state, instead of a hash table or a map per state. On top of
 * that, the transitions of the busiest states are a dense table (see the file header).
 */
export class EntityMatcher {
  private constructor(
    /**
     * Per state, STATE_FIELDS numbers: its first child (its children run to the next state's
     * first child), its failure link, the state itself when it ends a pattern or else the
     * nearest such state on its failure chain (or NONE), and the start of its dense row in
     * `dense` (or NONE).
     */
    private readonly layout: Int32Array,
    private readonly edgePoint: Int32Array,
    /**
     * Root transitions for BMP characters as they are in the text (the fold is built in): the
     * scan spends most characters at the root, and a character that starts no alias costs
     * one read there.
     */
    private readonly rootEntry: Int32Array,
    /** Nearest state on the failure chain (itself excluded) that ends a pattern, or NONE. */
    private readonly nextOutput: Int32Array,
    /** Pattern ending at each state, or NONE. */
    private readonly patternAt: Int32Array,
    /** Dense column of each BMP character as it is in the text (fold built in), 0 for none. */
    private readonly columnOf: Uint8Array,
    /** Targets with failure links followed: dense[denseRow[s] + column]. */
    private readonly dense: Int32Array,
    private readonly patterns: readonly Pattern[],
  ) {
    this.patternLength = Int32Array.from(patterns, (pattern) => pattern.length);
  }

  /** Each pattern's length, where the scan reads it without touching the pattern object. */
  private readonly patternLength: Int32Array;

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
        const points = codePointsOf(alias);
        const folded = Array.from(points, foldForNames);
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
            length: points.length,
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
    const firstOutput = new Int32Array(stateCount).fill(NONE);
    for (let state = 0; state < stateCount; state++) {
      firstOutput[state] = patternAt[state]! >= 0 ? state : nextOutput[state]!;
      for (let child = firstChild[state]!, last = firstChild[state + 1]!; child < last; child++) {
        let target = ROOT;
        if (state !== ROOT) {
          const point = edgePoint[child]!;
          for (let candidate = fail[state]!; ; candidate = fail[candidate]!) {
            const next = childOf(edgePoint, firstChild[candidate]!, firstChild[candidate + 1]!, point);
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
    const { pointOfColumn, denseRow, dense } = denseTransitions(firstChild, edgePoint, fail, rootNext);
    // Indexed by the text's own characters: every character that folds to an edge's code point.
    const { starts, points: preimage } = foldForNames.bmpPreimages();
    const rootEntry = new Int32Array(0x10000).fill(NONE);
    for (let child = firstChild[ROOT]!; child < firstChild[ROOT + 1]!; child++) {
      const folded = edgePoint[child]!;
      if (folded < 0x10000) for (let k = starts[folded]!; k < starts[folded + 1]!; k++) rootEntry[preimage[k]!] = child;
    }
    const columnOf = new Uint8Array(0x10000);
    for (let column = 1; column < pointOfColumn.length; column++) {
      const folded = pointOfColumn[column]!;
      for (let k = starts[folded]!; k < starts[folded + 1]!; k++) columnOf[preimage[k]!] = column;
    }
    // What the scan reads about the state it is in, side by side: one cache line, not four.
    const layout = new Int32Array((stateCount + 1) * STATE_FIELDS);
    for (let state = 0; state < stateCount; state++) {
      const at = state * STATE_FIELDS;
      layout[at + FIRST_CHILD] = firstChild[state]!;
      layout[at + FAIL] = fail[state]!;
      layout[at + FIRST_OUTPUT] = firstOutput[state]!;
      layout[at + DENSE_ROW] = denseRow[state]!;
    }
    layout[stateCount * STATE_FIELDS + FIRST_CHILD] = firstChild[stateCount]!;
    return new EntityMatcher(layout, edgePoint, rootEntry, nextOutput, patternAt, columnOf, dense, patterns);
  }

  /**
   * Mentions of registry strings in the text, sorted by start, not overlapping. At each
   * position the longest acceptable string wins; offsets are code points.
   */
  find(text: string): EntityMatch[] {
    const points = scanBuffer.decode(text);
    const found: Occurrences = { starts: [], ends: [], patterns: [] };
    this.scan(points, found);
    if (found.starts.length === 0) return [];

    // Leftmost-longest: by start, then longest first; then keep each one that starts after
    // the previous kept one ends.
    const order = found.starts.map((_, i) => i);
    order.sort((a, b) => found.starts[a]! - found.starts[b]! || found.ends[b]! - found.ends[a]!);
    // Without characters outside the BMP, code point and UTF-16 offsets are the same.
    const offsets = points.length === text.length ? undefined : new OffsetMap(text);
    const matches: EntityMatch[] = [];
    let covered = 0;
    for (const i of order) {
      const start = found.starts[i]!;
      if (start < covered) continue;
      const end = found.ends[i]!;
      covered = end;
      const matched = offsets ? offsets.slice(start, end) : text.slice(start, end);
      matches.push({ start, end, text: matched, candidates: this.candidatesFor(points, start, matched, this.patterns[found.patterns[i]!]!) });
    }
    return matches;
  }

  /** Records every acceptable occurrence (boundaries and case checked), in order of end. */
  private scan(points: Int32Array, found: Occurrences): void {
    const { layout, edgePoint, rootEntry, nextOutput, patternAt, patternLength, columnOf, dense } = this;
    const fold = foldForNames;
    const length = points.length;
    let state = ROOT;
    for (let index = 0; index < length; index++) {
      let point = points[index]!;
      if (state === ROOT) {
        // Most characters start no alias: skip them in a loop of their own. The root ends no
        // alias, so there is nothing to report while the scan stays there.
        while (point < 0x10000 && (state = rootEntry[point]!) < 0) {
          if (++index === length) return;
          point = points[index]!;
        }
        if (point >= 0x10000) {
          state = childOf(edgePoint, layout[FIRST_CHILD]!, layout[STATE_FIELDS + FIRST_CHILD]!, fold(point));
          if (state < 0) { state = ROOT; continue; }
        }
      } else {
        const column = point < 0x10000 ? columnOf[point]! : 0;
        let row = layout[state * STATE_FIELDS + DENSE_ROW]!;
        if (row >= 0 && column !== 0) state = dense[row + column]!;
        else {
          const folded = fold(point);
          for (;;) {
            const at = state * STATE_FIELDS;
            const next = childOf(edgePoint, layout[at + FIRST_CHILD]!, layout[at + STATE_FIELDS + FIRST_CHILD]!, folded);
            if (next >= 0) { state = next; break; }
            state = layout[at + FAIL]!;
            if (state === ROOT) {
              const entry = point < 0x10000 ? rootEntry[point]! : childOf(edgePoint, layout[FIRST_CHILD]!, layout[STATE_FIELDS + FIRST_CHILD]!, folded);
              state = entry < 0 ? ROOT : entry;
              break;
            }
            // A dense row on the failure chain has the rest of the chain folded in.
            if (column !== 0 && (row = layout[state * STATE_FIELDS + DENSE_ROW]!) >= 0) { state = dense[row + column]!; break; }
          }
        }
      }

      for (let out = layout[state * STATE_FIELDS + FIRST_OUTPUT]!; out >= 0; out = nextOutput[out]!) {
        const patternId = patternAt[out]!;
        const end = index + 1;
        const start = end - patternLength[patternId]!;
        if (this.accepts(points, this.patterns[patternId]!, start, end)) {
          found.starts.push(start);
          found.ends.push(end);
          found.patterns.push(patternId);
        }
      }
    }
  }

  /** Word boundaries on both sides, and some registry spelling whose case the text honours. */
  private accepts(points: Int32Array, pattern: Pattern, start: number, end: number): boolean {
    if (start > 0 && !pattern.freeStart) {
      const before = charClass(points[start - 1]!);
      // A character of a no-space script next to a word is itself a boundary ("访问Putin").
      if ((before & (WORD | NO_SPACE)) === WORD) return false;
    }
    if (end < points.length) {
      const after = charClass(points[end]!);
      // Never split a character from its combining marks, whatever the script.
      if (after & MARK) return false;
      if (!pattern.freeEnd && (after & (WORD | NO_SPACE)) === WORD) return false;
    }
    for (const variant of pattern.variants) if (honoursCase(points, start, variant)) return true;
    return false;
  }

  private candidatesFor(points: Int32Array, start: number, matched: string, pattern: Pattern): readonly MatchCandidate[] {
    const accepted = pattern.variants.filter((variant) => honoursCase(points, start, variant));
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

/** The child along a folded code point among the children `low` to `high` (exclusive) of a state, or NONE. */
function childOf(edgePoint: Int32Array, low: number, high: number, point: number): number {
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

/**
 * Dense rows for the states with at least DENSE_MIN_CHILDREN children (breadth-first, so the
 * shallow states the scan visits most come first), over the DENSE_COLUMNS - 1 folded BMP code
 * points that label the most edges. Each cell is the state the scan ends up in, failure links
 * followed, so a hit costs one read. Rows are filled in breadth-first order: a state's failure
 * target is shallower, and its row, when it has one, is already final.
 */
function denseTransitions(firstChild: Int32Array, edgePoint: Int32Array, fail: Int32Array, rootNext: Int32Array): { pointOfColumn: Int32Array; denseRow: Int32Array; dense: Int32Array } {
  const stateCount = fail.length;
  const edgeCounts = new Map<number, number>();
  for (let state = 1; state < stateCount; state++) {
    const point = edgePoint[state]!;
    if (point < 0x10000) edgeCounts.set(point, (edgeCounts.get(point) ?? 0) + 1);
  }
  const frequent = [...edgeCounts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, DENSE_COLUMNS - 1);
  const pointOfColumn = new Int32Array(frequent.length + 1);
  frequent.forEach(([point], k) => { pointOfColumn[k + 1] = point; });

  const denseRow = new Int32Array(stateCount).fill(NONE);
  let rows = 0;
  for (let state = 1; state < stateCount && rows < DENSE_MAX_ROWS; state++) {
    if (firstChild[state + 1]! - firstChild[state]! >= DENSE_MIN_CHILDREN) denseRow[state] = rows++ * DENSE_COLUMNS;
  }
  const dense = new Int32Array(rows * DENSE_COLUMNS);
  for (let state = 1; state < stateCount; state++) {
    const row = denseRow[state]!;
    if (row < 0) continue;
    for (let column = 1; column < pointOfColumn.length; column++) {
      const point = pointOfColumn[column]!;
      let target = NONE;
      for (let at = state; ; ) {
        const next = at === ROOT ? rootNext[point]! : childOf(edgePoint, firstChild[at]!, firstChild[at + 1]!, point);
        if (next >= 0) { target = next; break; }
        if (at === ROOT) { target = ROOT; break; }
        at = fail[at]!;
        if (at !== ROOT && denseRow[at]! >= 0) { target = dense[denseRow[at]! + column]!; break; }
      }
      dense[row + column] = target;
    }
  }
  return { pointOfColumn, denseRow, dense };
}

function honoursCase(points: Int32Array, start: number, variant: Variant): boolean {
  for (const offset of variant.uppercaseAt) {
    if ((charClass(points[start + offset]!) & UPPER) === 0) return false;
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
function uppercaseConstraints(points: Int32Array): readonly number[] {
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
  let previous = 0;
  for (let offset = 0; offset < points.length; offset++) {
    const flags = charClass(points[offset]!);
    if (flags & UPPER && (acronym || (previous & WORD) === 0)) (offsets ??= []).push(offset);
    previous = flags;
  }
  // Exact-size copies; most aliases share the one empty list or need one or two offsets.
  return offsets ? offsets.slice() : NO_OFFSETS;
}
