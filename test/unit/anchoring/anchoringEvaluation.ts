// The re-anchoring evaluation corpus: realistic edits of the seed articles, generated
// deterministically (a seeded generator), each with the ground truth of where every seed
// annotation and fact really is afterwards, or that it is gone. Used by the unit test that
// pins "0 wrong" (anchoringEvaluation.test.ts) and by `npm run bench` (reanchor.bench.ts),
// which prints the table side by side with Hypothesis's method.
//
// How the truth is known: every edited text is assembled from pieces, each either a stretch
// of the old text that carries its annotations along (kept or moved text) or new text that
// carries none (inserted sentences, rewrites, copies of a paragraph). An anchor lies wholly in
// one carrying piece (its new place) or it is gone. A typo fix inside a quote keeps the
// quote's place, with one character changed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import approxSearch from 'approx-string-match';
import { quoteAt, Reanchorer } from '../../../src/core/anchoring';
import { OffsetMap } from '../../../src/core/text/offsets';
import { sentenceSpans } from '../../../src/core/text/sentences';
import { parseSidecar } from '../../../src/core/format/sidecar';
import type { Anchor } from '../../../src/core/model/types';
import { seededRandom as generator } from '../../shared/seededRandom';

export interface SeedArticle {
  readonly name: string;
  readonly text: string;
  readonly anchors: readonly Anchor[];
}

export type EditKind = 'insertion' | 'deletion' | 'moved paragraph' | 'duplicated paragraph'
  | 'rewritten sentence' | 'typo fix' | 'deleted, similar passage remains';
export const EDIT_KINDS: readonly EditKind[] = ['insertion', 'deletion', 'moved paragraph', 'duplicated paragraph',
  'rewritten sentence', 'typo fix', 'deleted, similar passage remains'];

export interface EvaluationCase {
  readonly kind: EditKind;
  readonly article: string;
  readonly oldText: string;
  readonly newText: string;
  readonly anchors: readonly Anchor[];
  /** Per anchor: its true span in the new text, or undefined when it is gone. */
  readonly truth: readonly ({ start: number; end: number } | undefined)[];
  /**
   * Per anchor: another span that is just as right. A paragraph copied right next to itself
   * leaves two identical paragraphs side by side, and which one is "the original" is not in
   * the text (a diff may align either): the annotation is right on the same text in either.
   */
  readonly alsoRight?: readonly ({ start: number; end: number } | undefined)[];
}

const seedsDir = join(__dirname, '..', '..', '..', '..', 'seeds');

export function loadSeedArticles(): SeedArticle[] {
  return readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort().map((name) => {
    const text = readFileSync(join(seedsDir, name), 'utf8');
    const parsed = parseSidecar(`${name}.annotations.yaml`, readFileSync(join(seedsDir, `${name}.annotations.yaml`), 'utf8'));
    const sidecar = parsed.sidecar;
    if (!sidecar) throw new Error(`seed sidecar of ${name} did not parse`);
    return { name, text, anchors: [...sidecar.annotations, ...sidecar.facts] };
  });
}


type Piece = { readonly from: number; readonly to: number; readonly carries: boolean; readonly twin?: boolean } | { readonly text: string };

/** Assembles a new text from pieces of the old one (code points) and works out the truth. */
function assemble(kind: EditKind, article: SeedArticle, oldText: string, pieces: readonly Piece[], typoAt?: number): EvaluationCase {
  const old = Array.from(oldText);
  const parts: string[] = [];
  const placed: { from: number; to: number; newStart: number }[] = [];
  const twins: { from: number; to: number; newStart: number }[] = [];
  let length = 0;
  for (const piece of pieces) {
    const text = 'text' in piece ? piece.text : old.slice(piece.from, piece.to).join('');
    if (!('text' in piece) && piece.carries) placed.push({ from: piece.from, to: piece.to, newStart: length });
    if (!('text' in piece) && piece.twin) twins.push({ from: piece.from, to: piece.to, newStart: length });
    parts.push(text);
    length += Array.from(text).length;
  }
  const alsoRight = article.anchors.map((anchor) => {
    const twin = twins.find((p) => p.from <= anchor.start && anchor.end <= p.to);
    return twin ? { start: twin.newStart + anchor.start - twin.from, end: twin.newStart + anchor.end - twin.from } : undefined;
  });
  const truth = article.anchors.map((anchor) => {
    if (typoAt !== undefined && anchor.start <= typoAt && typoAt < anchor.end) return { start: anchor.start, end: anchor.end };
    const home = placed.find((p) => p.from <= anchor.start && anchor.end <= p.to);
    return home ? { start: home.newStart + anchor.start - home.from, end: home.newStart + anchor.end - home.from } : undefined;
  });
  return { kind, article: article.name, oldText, newText: parts.join(''), anchors: article.anchors, truth,
    ...(twins.length > 0 ? { alsoRight } : {}) };
}

/** Line (paragraph) spans in code points, each with its line break. */
function lineSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  const chars = Array.from(text);
  chars.forEach((char, i) => {
    if (char === '\n') { spans.push({ start, end: i + 1 }); start = i + 1; }
  });
  if (start < chars.length) spans.push({ start, end: chars.length });
  return spans;
}

/** Changes every fourth word of a passage a little: a similar passage, not a copy. */
function paraphrase(passage: string, random: () => number): string {
  let count = 0;
  return passage.replace(/[\p{L}]{4,}/gu, (word) => (count++ % 4 === 1 ? (random() < 0.5 ? `${word}nya` : word.slice(0, -1)) : word));
}

/** Sentences of the other seed articles, as replacement and inserted text. */
function foreignSentences(articles: readonly SeedArticle[], except: string): string[] {
  return articles.filter((a) => a.name !== except).flatMap((a) => {
    const map = new OffsetMap(a.text);
    return sentenceSpans(a.text).map((s) => map.slice(s.start, s.end)).filter((s) => s.length > 40);
  });
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function makeCase(kind: EditKind, article: SeedArticle, articles: readonly SeedArticle[], random: () => number): EvaluationCase {
  const text = article.text;
  const n = Array.from(text).length;
  const sentences = sentenceSpans(text);
  const lines = lineSpans(text).filter((l) => l.end - l.start > 1);
  const foreign = foreignSentences(articles, article.name);
  const keep = (from: number, to: number): Piece => ({ from, to, carries: true });
  switch (kind) {
    case 'insertion': {
      // A sentence from another report of the same event, at the start of a sentence.
      const at = pick(sentences, random).start;
      return assemble(kind, article, text, [keep(0, at), { text: `${pick(foreign, random)} ` }, keep(at, n)]);
    }
    case 'deletion': {
      const s = pick(sentences, random);
      return assemble(kind, article, text, [keep(0, s.start), keep(s.end, n)]);
    }
    case 'rewritten sentence': {
      // Replaced by a sentence on the same subject (it often names the same people).
      const s = pick(sentences, random);
      return assemble(kind, article, text, [keep(0, s.start), { text: pick(foreign, random) }, keep(s.end, n)]);
    }
    case 'moved paragraph': {
      const from = pick(lines, random);
      const rest = lines.filter((l) => l !== from);
      const before = pick(rest, random);
      const moved = { from: from.start, to: from.end, carries: true };
      const pieces: Piece[] = [];
      for (const line of lineSpans(text)) {
        if (line.start === before.start) pieces.push(moved);
        if (line.start !== from.start) pieces.push(keep(line.start, line.end));
      }
      return assemble(kind, article, text, withLineBreak(pieces, text));
    }
    case 'duplicated paragraph': {
      const from = pick(lines, random);
      const before = pick(lines, random);
      const all = lineSpans(text);
      const after = all[all.findIndex((l) => l.start === from.start) + 1];
      // Right before or right after itself, the copy is the original's twin.
      const adjacent = before.start === from.start || before.start === after?.start;
      const copy = { from: from.start, to: from.end, carries: false, twin: adjacent };
      const pieces: Piece[] = [];
      for (const line of all) {
        if (line.start === before.start) pieces.push(copy);
        pieces.push(keep(line.start, line.end));
      }
      return assemble(kind, article, text, withLineBreak(pieces, text));
    }
    case 'typo fix': {
      // One letter corrected, often inside an annotated name: the annotation stays, changed.
      const chars = Array.from(text);
      const inQuote = random() < 0.5 && article.anchors.length > 0;
      const anchor = pick(article.anchors, random);
      let at = inQuote ? anchor.start + Math.floor(random() * (anchor.end - anchor.start)) : Math.floor(random() * n);
      while (at < n && !/\p{L}/u.test(chars[at]!)) at++;
      if (at >= n) at = 0;
      const letter = chars[at] === 'a' ? 'e' : 'a';
      return assemble(kind, article, text, [keep(0, at), { text: letter }, keep(at + 1, n)], at);
    }
    case 'deleted, similar passage remains': {
      // The old text already held a similar version of a paragraph (a republished lead, an
      // update); the original paragraph is deleted, the similar one remains.
      const from = pick(lines, random);
      const similar = paraphrase(Array.from(text).slice(from.start, from.end).join(''), random);
      const oldText = `${text}${text.endsWith('\n') ? '' : '\n'}${similar}`;
      const oldN = Array.from(oldText).length;
      return assemble(kind, article, oldText, [keep(0, from.start), keep(from.end, oldN)]);
    }
  }
}

/** Moving lines around: make sure the last line, which may have no line break, gets one. */
function withLineBreak(pieces: Piece[], text: string): Piece[] {
  if (text.endsWith('\n')) return pieces;
  const n = Array.from(text).length;
  return pieces.flatMap((piece) => ('from' in piece && piece.to === n && piece !== pieces[pieces.length - 1] ? [piece, { text: '\n' }] : [piece]));
}

/** The evaluation corpus: every edit kind, `perKind` times for each seed article. */
export function evaluationCorpus(perKind = 4, seed = 8): EvaluationCase[] {
  const articles = loadSeedArticles();
  const random = generator(seed);
  const cases: EvaluationCase[] = [];
  for (const kind of EDIT_KINDS) {
    for (const article of articles) {
      for (let i = 0; i < perKind; i++) cases.push(makeCase(kind, article, articles, random));
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// The methods compared

export type Placement = { start: number; end: number } | undefined;

export interface Method {
  readonly name: string;
  /** Where each anchor of the case is placed in the new text; undefined: orphaned. */
  place(testCase: EvaluationCase): Placement[];
}

export const OURS_WITH_OLD_TEXT: Method = {
  name: 'Source Annotator, editor (with the old text)',
  place: (c) => new Reanchorer(c.newText, c.oldText).reanchorAll(c.anchors).map(toPlacement),
};

export const OURS_WITHOUT_OLD_TEXT: Method = {
  name: 'Source Annotator, store (without it)',
  place: (c) => new Reanchorer(c.newText).reanchorAll(c.anchors).map(toPlacement),
};

function toPlacement(result: { start?: number; end?: number }): Placement {
  return result.start === undefined || result.end === undefined ? undefined : { start: result.start, end: result.end };
}

/**
 * Hypothesis's method, as its client's `match-quote` module does it (re-implemented here from
 * its description, with the same `approx-string-match` package): candidates are the exact
 * occurrences of the quote, or if there are none its approximate ones with at most
 * min(256, quote length / 2) errors; each is scored 50 × quote similarity + 20 × prefix
 * similarity + 20 × suffix similarity + 2 × nearness to the old position (1 − distance / text
 * length), over 92, and the best one is taken, whatever its score. Context similarity is
 * 1 − errors / length of the best approximate match of the stored prefix (suffix) in the text
 * of that length right before (after) the candidate. Hypothesis counts UTF-16 units; offsets
 * are converted to code points here.
 */
export const HYPOTHESIS: Method = {
  name: "Hypothesis's method (approx-string-match)",
  place: (c) => {
    const map = new OffsetMap(c.newText);
    const oldMap = new OffsetMap(c.oldText);
    return c.anchors.map((anchor) => {
      const match = hypothesisMatchQuote(c.newText, anchor.text, {
        prefix: anchor.prefix ?? '', suffix: anchor.suffix ?? '', hint: oldMap.toUtf16(Math.min(anchor.start, oldMap.codePointLength)),
      });
      return match ? { start: map.toCodePoint(match.start), end: map.toCodePoint(match.end) } : undefined;
    });
  },
};

interface StringMatch { start: number; end: number; errors: number }

function hypothesisSearch(text: string, pattern: string, maxErrors: number): StringMatch[] {
  const exact: StringMatch[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    exact.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  return exact.length > 0 ? exact : approxSearch(text, pattern, maxErrors);
}

function hypothesisTextMatchScore(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const matches = hypothesisSearch(text, pattern, pattern.length);
  return matches.length === 0 ? 0 : 1 - matches[0]!.errors / pattern.length;
}

export function hypothesisMatchQuote(text: string, quote: string, context: { prefix: string; suffix: string; hint: number }): { start: number; end: number; score: number } | undefined {
  if (quote.length === 0) return undefined;
  const matches = hypothesisSearch(text, quote, Math.min(256, quote.length / 2));
  let best: { start: number; end: number; score: number } | undefined;
  for (const match of matches) {
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix
      ? hypothesisTextMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix) : 1;
    const suffixScore = context.suffix
      ? hypothesisTextMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1;
    const positionScore = 1 - Math.abs(match.start - context.hint) / text.length;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
    if (!best || score > best.score) best = { start: match.start, end: match.end, score };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Scoring

export interface Score {
  correct: number;
  wrong: number;
  orphaned: number;
}

/**
 * Correct: placed exactly where the truth is, or orphaned where the truth is "gone". Wrong:
 * placed anywhere else. Orphaned: not placed although it is still in the text.
 */
export function score(
  cases: readonly EvaluationCase[], method: Method,
  onWrong?: (c: EvaluationCase, index: number, placed: Placement) => void,
  only?: (c: EvaluationCase, index: number) => boolean,
): Score {
  const total: Score = { correct: 0, wrong: 0, orphaned: 0 };
  for (const c of cases) {
    method.place(c).forEach((placed, i) => {
      if (only && !only(c, i)) return;
      const truth = c.truth[i];
      if (!placed) {
        if (truth) total.orphaned++;
        else total.correct++;
      } else if ((truth && truth.start === placed.start && truth.end === placed.end)
        || (c.alsoRight?.[i]?.start === placed.start && c.alsoRight[i]!.end === placed.end)) {
        total.correct++;
      } else {
        total.wrong++;
        onWrong?.(c, i, placed);
      }
    });
  }
  return total;
}

/**
 * Whether the edit touched the anchor: it is gone, its offsets changed, or its quote or
 * context (32 code points each side) differ at its true place. The others are easy for every
 * method; counting only these shows the difference.
 */
export function affected(c: EvaluationCase, index: number): boolean {
  const anchor = c.anchors[index]!;
  const truth = c.truth[index];
  if (!truth || truth.start !== anchor.start || truth.end !== anchor.end) return true;
  const quote = quoteAt(c.newText, truth.start, truth.end);
  return quote.text !== anchor.text || quote.prefix !== (anchor.prefix ?? quote.prefix) || quote.suffix !== (anchor.suffix ?? quote.suffix);
}
