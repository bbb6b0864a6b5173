// One article's contribution to the index: its mentions (with the sentence around each) and
// its claims, built from its sidecar and text, kept so that it can be taken out again.
//
// Mentions are kept compact (issue 12: memory): per mention a few numbers in one Int32Array
// and the annotation itself (the sidecar's object, not a copy); Mention and Sentence objects
// are made when a query asks for them. The article's text is referenced, never copied: it is
// the store's string, which the store keeps anyway.
import { statusOf, type Annotation, type Sidecar } from '../model';
import { claimValueKey, compareClaims, groupKey, type Claim } from './factGroups';
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

/** What {@link CorpusIndex.updateArticle} takes. */
export interface ArticleInput {
  readonly uri: string;
  readonly title: string;
  readonly outlet?: string;
  readonly published?: string;
  /** The article's text, as offsets count it (BOM dropped, line endings kept). */
  readonly text: string;
  readonly sidecar: Sidecar;
}

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
  /** The article's text (the caller's string), for the sentences; empty when nothing is mentioned. */
  readonly text: string;
  /** The annotations that are mentions, in text order. */
  readonly annotations: readonly Annotation[];
  /**
   * Per mention, {@link MENTION_STRIDE} numbers: the entity's ordinal (see
   * CorpusIndex.ordinalOf), the indexes of the first and last sentence it stands in ([-1, -2]
   * for none), and those sentences' bounds.
   */
  readonly mentionData: Int32Array;
  /** Per fact group key, the claims made here. */
  readonly claims: ReadonlyMap<string, readonly Claim[]>;
  /** Sentence objects made for queries, shared by the mentions in them; made on first query. */
  sentences?: Map<number, Sentence>;
}

/** The article's mentions of the entity with this ordinal, in text order. */
export function entryMentions(entry: ArticleEntry, ordinal: number): Mention[] {
  const mentions: Mention[] = [];
  const data = entry.mentionData;
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
    sentence = made.get(key) ?? { start: data[at + START]!, end: data[at + END]!, text: entry.text.slice(data[at + FROM16], data[at + TO16]) };
    made.set(key, sentence);
  }
  return {
    entityId: annotation.entity!, articleUri: entry.info.uri, annotationId: annotation.id,
    start: annotation.start, end: annotation.end, text: annotation.text, sentence,
  };
}

/** Orders mentions by position, then id. */
function compareMentions(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.id, b.id);
}

/** An article's mentions and claims, from its sidecar and text. */
export function buildEntry(article: ArticleInput, ordinalOf: (entityId: string) => number): ArticleEntry {
  const { uri, title, outlet, published, text, sidecar } = article;
  const info: ArticleInfo = {
    uri, title,
    ...(outlet !== undefined ? { outlet } : {}),
    ...(published !== undefined ? { published } : {}),
  };
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
  if (mentionAnnotations.length === 0 && facts.length === 0) return { info, text: '', annotations: [], mentionData: new Int32Array(0), claims: new Map() };

  const sentences = new SentenceFinder(text);
  const mentionData = new Int32Array(mentionAnnotations.length * MENTION_STRIDE);
  for (let k = 0; k < mentionAnnotations.length; k++) {
    const annotation = mentionAnnotations[k]!;
    const at = k * MENTION_STRIDE;
    mentionData[at + ORDINAL] = ordinalOf(annotation.entity!);
    if (!sentences.boundsInto(annotation.start, annotation.end, mentionData, at + BOUNDS)) {
      mentionData[at + FIRST] = -1;
      mentionData[at + LAST] = -2;
    }
  }

  const claims = new Map<string, Claim[]>();
  for (const fact of facts) {
    const claim: Claim = {
      source: { kind: 'article', articleUri: uri, factId: fact.id, title, ...(outlet !== undefined ? { outlet } : {}) },
      value: fact.value,
      normalized: claimValueKey(fact.value),
      evidence: { start: fact.start, end: fact.end, text: fact.text, sentence: sentences.locate(fact.start, fact.end, fact.text) },
      status: statusOf(fact),
    };
    const key = groupKey(fact.subject, fact.property);
    const list = claims.get(key);
    if (list) list.push(claim);
    else claims.set(key, [claim]);
  }
  for (const list of claims.values()) if (list.length > 1) list.sort(compareClaims);
  return { info, text: mentionAnnotations.length > 0 ? text : '', annotations: mentionAnnotations, mentionData, claims };
}
