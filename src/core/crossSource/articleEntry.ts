// One article's contribution to the index: its mentions (with the sentence around each) and
// its claims, built from its sidecar and text, kept so that it can be taken out again.
//
// Mentions are kept compact (issue 12: memory): per mention a few numbers in one Int32Array
// and the annotation itself (the sidecar's object, not a copy); Mention and Sentence objects
// are made when a query asks for them. The article's text is referenced, never copied: it is
// the store's string, which the store keeps anyway.
//
// The text is split into sentences when something first needs them (issue 12: splitting
// every article was a third of indexing a corpus at open): a mention's sentence, a claim's
// evidence sentence, the co-occurrence counts of an entity the article mentions. Callers
// reach the sentence numbers through {@link withSentences}.
import { statusOf, type Annotation, type Fact, type Sidecar } from '../model';
import { claimValueKey, compareClaims, groupKey, type Claim, type Evidence } from './factGroups';
import { compareStrings } from './order';
import { FIRST_SENTENCE, LAST_SENTENCE, SENTENCE_END, SENTENCE_FROM16, SENTENCE_START, SENTENCE_TO16, SentenceFinder, sentenceRunKey, type Sentence } from './sentences';

export interface Mention {
  readonly entityId: string;
  readonly articleUri: string;
  readonly annotationId: string;
  /** Code points. */
  readonly start: number;
  readonly end: number;
  /** The covered text, as the annotation quotes it. */
  readonly text: string;
  /** The sentence the mention stands in (several, joined, when it crosses a boundary). */
  readonly sentence: Sentence;
}

/** Where an entry reads its article's text, when its sentences are first needed. */
export interface TextSource {
  readonly text?: string | undefined;
}

/** What {@link CorpusIndex.updateArticle} takes. */
export type ArticleInput = {
  readonly uri: string;
  readonly title: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly sidecar: Sidecar;
} & (
  /** The article's text, as offsets count it (BOM dropped, line endings kept). */
  | { readonly text: string }
  /**
   * Or where to read it when the article's sentences are first needed (the store's article
   * state, whose text an unchanged article decodes on first use), so indexing reads no text.
   */
  | { readonly textSource: TextSource }
);

const NO_TEXT: TextSource = { text: '' };

export interface ArticleInfo {
  readonly uri: string;
  readonly title: string;
  readonly outlet?: string;
  readonly published?: string;
}

/** Numbers kept per mention in {@link ArticleEntry.mentionData}. */
export const MENTION_STRIDE = 7;
// Offsets within a mention's numbers: the entity's ordinal, then the sentence bounds as
// SentenceFinder.boundsInto writes them (the first and last sentence index, [-1, -2] for none;
// their bounds in code points and in UTF-16 code units).
const ORDINAL = 0;
const BOUNDS = 1;
const FIRST = BOUNDS + FIRST_SENTENCE;
const LAST = BOUNDS + LAST_SENTENCE;
const START = BOUNDS + SENTENCE_START;
const END = BOUNDS + SENTENCE_END;
const FROM16 = BOUNDS + SENTENCE_FROM16;
const TO16 = BOUNDS + SENTENCE_TO16;

/** One article's contribution, kept so that it can be taken out again. */
export interface ArticleEntry {
  readonly info: ArticleInfo;
  /** The article's text (the caller's input, read when first needed), for the sentences; empty when it has neither mentions nor claims. */
  readonly source: TextSource;
  /** The annotations that are mentions, in text order. */
  readonly annotations: readonly Annotation[];
  /**
   * Per mention, {@link MENTION_STRIDE} numbers: the entity's ordinal (see
   * CorpusIndex.ordinalOf), the indexes of the first and last sentence it stands in ([-1, -2]
   * for none), and those sentences' bounds. The sentence numbers are there once
   * {@link withSentences} has split the text.
   */
  readonly mentionData: Int32Array;
  /** The facts of the claims, in claim order, until the text is split; then undefined. */
  unsplitFacts?: readonly Fact[];
  /** Once split: the sentence of each claim's evidence, in claim order. */
  factSentences?: readonly Sentence[];
  /** Per fact group key, the claims made here. */
  readonly claims: ReadonlyMap<string, readonly Claim[]>;
  /** Sentence objects made for queries, shared by the mentions in them; made on first query. */
  sentences?: Map<number, Sentence>;
}

/**
 * The entry's mention numbers with their sentences found: the text is split on the first
 * call (once per article), later calls return at once.
 */
export function withSentences(entry: ArticleEntry): Int32Array {
  const facts = entry.unsplitFacts;
  if (facts === undefined) return entry.mentionData;
  entry.unsplitFacts = undefined;
  const sentences = new SentenceFinder(entry.source.text ?? '');
  const data = entry.mentionData;
  for (let k = 0; k < entry.annotations.length; k++) {
    const annotation = entry.annotations[k]!;
    const at = k * MENTION_STRIDE;
    if (!sentences.boundsInto(annotation.start, annotation.end, data, at + BOUNDS)) {
      data[at + FIRST] = -1;
      data[at + LAST] = -2;
    }
  }
  entry.factSentences = facts.map((fact) => sentences.locate(fact.start, fact.end, fact.text));
  return data;
}

/** The article's mentions of the entity with this ordinal, in text order. */
export function entryMentions(entry: ArticleEntry, ordinal: number): Mention[] {
  const mentions: Mention[] = [];
  const data = withSentences(entry);
  for (let k = 0; k < entry.annotations.length; k++) {
    if (data[k * MENTION_STRIDE + ORDINAL] === ordinal) mentions.push(mentionAt(entry, k));
  }
  return mentions;
}

function mentionAt(entry: ArticleEntry, k: number): Mention {
  const annotation = entry.annotations[k]!;
  const at = k * MENTION_STRIDE;
  const data = entry.mentionData;
  let sentence: Sentence;
  if (data[at + FIRST]! < 0) {
    sentence = { start: annotation.start, end: annotation.end, text: annotation.text };
  } else {
    const key = sentenceRunKey(data[at + FIRST]!, data[at + LAST]!);
    const made = (entry.sentences ??= new Map());
    sentence = made.get(key) ?? { start: data[at + START]!, end: data[at + END]!, text: entry.source.text!.slice(data[at + FROM16], data[at + TO16]) };
    made.set(key, sentence);
  }
  return {
    entityId: annotation.entity!, articleUri: entry.info.uri, annotationId: annotation.id,
    start: annotation.start, end: annotation.end, text: annotation.text, sentence,
  };
}

/**
 * A claim's evidence, its sentence found when first read (comparing claims needs their values,
 * not their sentences). A class, not an object literal with a getter: 20,000 of those took
 * 11 MB at open, most of it the getters' closures.
 */
class ArticleEvidence implements Evidence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly #entry: ArticleEntry;
  readonly #claim: number;

  constructor(entry: ArticleEntry, claim: number, fact: Fact) {
    this.start = fact.start;
    this.end = fact.end;
    this.text = fact.text;
    this.#entry = entry;
    this.#claim = claim;
  }

  get sentence(): Sentence {
    withSentences(this.#entry);
    return this.#entry.factSentences![this.#claim]!;
  }

  /** Serialised as the plain evidence it stands for. */
  toJSON(): Evidence {
    return { start: this.start, end: this.end, text: this.text, sentence: this.sentence };
  }
}

/** Orders mentions by position, then id. */
function compareMentions(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.id, b.id);
}

/** An article's mentions and claims, from its sidecar and text. */
export function buildEntry(article: ArticleInput, ordinalOf: (entityId: string) => number): ArticleEntry {
  // The text is not read here (see ArticleInput).
  const { uri, title, outlet, published, sidecar } = article;
  // Literals rather than spreads of optional parts: one object each (built 10,000 times at open).
  const info: ArticleInfo = outlet !== undefined
    ? (published !== undefined ? { uri, title, outlet, published } : { uri, title, outlet })
    : (published !== undefined ? { uri, title, published } : { uri, title });
  const mentionAnnotations: Annotation[] = [];
  // Sidecars mostly list annotations in text order (our writer does): sorted only when not.
  let inOrder = true;
  for (const annotation of sidecar.annotations) {
    if (annotation.entity === undefined || annotation.entity === '' || annotation.orphaned || statusOf(annotation) === 'rejected') continue;
    if (inOrder && mentionAnnotations.length > 0 && compareMentions(mentionAnnotations[mentionAnnotations.length - 1]!, annotation) > 0) inOrder = false;
    mentionAnnotations.push(annotation);
  }
  if (!inOrder) mentionAnnotations.sort(compareMentions);
  // An orphaned fact's position is unknown and the claim may be gone from the text: it waits
  // for review before it is compared.
  const facts = sidecar.facts.filter((f) => !f.orphaned && statusOf(f) !== 'rejected');
  if (mentionAnnotations.length === 0 && facts.length === 0) return { info, source: NO_TEXT, annotations: [], mentionData: new Int32Array(0), claims: new Map() };

  const mentionData = new Int32Array(mentionAnnotations.length * MENTION_STRIDE);
  for (let k = 0; k < mentionAnnotations.length; k++) mentionData[k * MENTION_STRIDE + ORDINAL] = ordinalOf(mentionAnnotations[k]!.entity!);

  const claims = new Map<string, Claim[]>();
  const source = 'textSource' in article ? article.textSource : article;
  const entry: ArticleEntry = { info, source, annotations: mentionAnnotations, mentionData, claims, unsplitFacts: facts };
  facts.forEach((fact, k) => {
    const claim: Claim = {
      source: outlet !== undefined ? { kind: 'article', articleUri: uri, factId: fact.id, title, outlet } : { kind: 'article', articleUri: uri, factId: fact.id, title },
      value: fact.value,
      normalized: claimValueKey(fact.value),
      evidence: new ArticleEvidence(entry, k, fact),
      status: statusOf(fact),
    };
    const key = groupKey(fact.subject, fact.property);
    const list = claims.get(key);
    if (list) list.push(claim);
    else claims.set(key, [claim]);
  });
  for (const list of claims.values()) if (list.length > 1) list.sort(compareClaims);
  return entry;
}
