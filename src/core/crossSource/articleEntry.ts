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
import { SentenceFinder, type Sentence } from './sentences';

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
// Offsets within a mention's numbers: the entity's ordinal, the first and last sentence index
// ([-1, -2] for none), the sentence bounds in code points and in UTF-16 code units.
const ORDINAL = 0;
const FIRST = 1;
const LAST = 2;
const START = 3;
const END = 4;
const FROM16 = 5;
const TO16 = 6;

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

/** How many times the article mentions each entity. */
export function mentionCounts(entry: ArticleEntry): Map<string, number> {
  const counts = new Map<string, number>();
  for (const annotation of entry.annotations) counts.set(annotation.entity!, (counts.get(annotation.entity!) ?? 0) + 1);
  return counts;
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
    // Sentence indexes stay below 2^20 (a 1 MB article has some 20,000), so one number keys both.
    const key = data[at + FIRST]! * 0x100000 + data[at + LAST]!;
    const made = (entry.sentences ??= new Map());
    sentence = made.get(key) ?? { start: data[at + START]!, end: data[at + END]!, text: entry.text.slice(data[at + FROM16], data[at + TO16]) };
    made.set(key, sentence);
  }
  return {
    entityId: annotation.entity!, articleUri: entry.info.uri, annotationId: annotation.id,
    start: annotation.start, end: annotation.end, text: annotation.text, sentence,
  };
}

/** An article's mentions and claims, from its sidecar and text. */
export function buildEntry(article: ArticleInput, ordinalOf: (entityId: string) => number): ArticleEntry {
  const { uri, title, outlet, published, text, sidecar } = article;
  const info: ArticleInfo = {
    uri, title,
    ...(outlet !== undefined ? { outlet } : {}),
    ...(published !== undefined ? { published } : {}),
  };
  const mentionAnnotations = sidecar.annotations
    .filter((a) => a.entity !== undefined && a.entity !== '' && statusOf(a) !== 'rejected' && !a.orphaned)
    .sort((a, b) => a.start - b.start || a.end - b.end || compareStrings(a.id, b.id));
  // An orphaned fact's position is unknown and the claim may be gone from the text: it waits
  // for review before it is compared.
  const facts = sidecar.facts.filter((f) => statusOf(f) !== 'rejected' && !f.orphaned);
  if (mentionAnnotations.length === 0 && facts.length === 0) return { info, text: '', annotations: [], mentionData: new Int32Array(0), claims: new Map() };

  const sentences = new SentenceFinder(text);
  const mentionData = new Int32Array(mentionAnnotations.length * MENTION_STRIDE);
  mentionAnnotations.forEach((annotation, k) => {
    const at = k * MENTION_STRIDE;
    const bounds = sentences.bounds(annotation.start, annotation.end);
    mentionData[at + ORDINAL] = ordinalOf(annotation.entity!);
    mentionData[at + FIRST] = bounds?.first ?? -1;
    mentionData[at + LAST] = bounds?.last ?? -2;
    if (bounds) {
      mentionData[at + START] = bounds.start;
      mentionData[at + END] = bounds.end;
      mentionData[at + FROM16] = bounds.from16;
      mentionData[at + TO16] = bounds.to16;
    }
  });

  const claims = new Map<string, Claim[]>();
  for (const fact of facts) {
    const located = sentences.locate(fact.start, fact.end, fact.text);
    const claim: Claim = {
      source: { kind: 'article', articleUri: uri, factId: fact.id, title, ...(outlet !== undefined ? { outlet } : {}) },
      value: fact.value,
      normalized: claimValueKey(fact.value),
      evidence: { start: fact.start, end: fact.end, text: fact.text, sentence: located.sentence },
      status: statusOf(fact),
    };
    const key = groupKey(fact.subject, fact.property);
    const list = claims.get(key);
    if (list) list.push(claim);
    else claims.set(key, [claim]);
  }
  for (const list of claims.values()) list.sort(compareClaims);
  return { info, text: mentionAnnotations.length > 0 ? text : '', annotations: mentionAnnotations, mentionData, claims };
}
