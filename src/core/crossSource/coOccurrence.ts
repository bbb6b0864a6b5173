// Which entities are mentioned with an entity: per other entity, the articles and sentences
// they share. Kept per entity in two typed arrays indexed by entity ordinal, updated article by
// article: counting a popular entity's 6,000 articles allocates nothing per article or per
// other entity, and a change costs that one article.
import { compareStrings } from './order';

export interface CoOccurrence {
  readonly entityId: string;
  /** Articles mentioning both. */
  readonly articles: number;
  /** Sentences mentioning both. */
  readonly sentences: number;
}

/** Most sentences first, then most articles, then by id. */
function compareCoOccurrences(a: CoOccurrence, b: CoOccurrence): number {
  return b.sentences - a.sentences || b.articles - a.articles || compareStrings(a.entityId, b.entityId);
}

/** One entity's shares with every other, by the other's ordinal. */
export class CoOccurrenceTotals {
  private articles: Int32Array;
  private sentences: Int32Array;
  /** The last top list read, until the totals change. */
  private top: { readonly limit: number; readonly best: readonly CoOccurrence[] } | undefined;

  constructor(private readonly own: number, ordinals: number) {
    this.articles = new Int32Array(Math.max(16, ordinals));
    this.sentences = new Int32Array(this.articles.length);
  }

  /**
   * Adds (sign 1) or takes out (sign -1) one article's share: every other entity it mentions
   * counts one article, and one sentence per sentence of this entity's own mentions that the
   * other's mention spans. `keys` are the article's mentions in text order, `stride` numbers
   * each, starting with the entity's ordinal and the first and last sentence index.
   */
  add(keys: ArrayLike<number>, stride: number, sign: 1 | -1): void {
    this.top = undefined;
    const own = this.own;
    // Mark the own entity's sentences, then walk the others' mentions once. Mentions are in text
    // order, so each other entity's sentence ranges start in order: counting only past the last
    // sentence counted for it counts each shared sentence once. O(mentions × sentences spanned),
    // which matters for a long read with 20,000 mentions.
    let maxSentence = -1;
    for (let k = 0; k < keys.length; k += stride) maxSentence = Math.max(maxSentence, keys[k + 2]!);
    const ownSentence = scratch.sentences(maxSentence + 1);
    for (let k = 0; k < keys.length; k += stride) {
      if (keys[k] !== own) continue;
      for (let sentence = keys[k + 1]!; sentence <= keys[k + 2]!; sentence++) ownSentence[sentence] = 1;
    }
    const { seen, lastCounted } = scratch.perEntity(this.entityCount(keys, stride));
    const pass = scratch.nextPass();
    for (let k = 0; k < keys.length; k += stride) {
      const other = keys[k]!;
      if (other === own) continue;
      if (other >= this.articles.length) this.grow(other + 1);
      if (seen[other] !== pass) {
        seen[other] = pass;
        lastCounted[other] = -1;
        this.articles[other]! += sign;
      }
      const last = keys[k + 2]!;
      for (let sentence = Math.max(keys[k + 1]!, lastCounted[other]! + 1); sentence <= last; sentence++) {
        if (ownSentence[sentence] === 1) this.sentences[other]! += sign;
      }
      if (last > lastCounted[other]!) lastCounted[other] = last;
    }
    ownSentence.fill(0, 0, maxSentence + 1);
  }

  private entityCount(keys: ArrayLike<number>, stride: number): number {
    let highest = this.articles.length - 1;
    for (let k = 0; k < keys.length; k += stride) if (keys[k]! > highest) highest = keys[k]!;
    return highest + 1;
  }

  /** The best `limit` (most sentences, then articles, then id); a fresh array. */
  best(limit: number, entityIds: readonly string[]): CoOccurrence[] {
    if (this.top?.limit === limit) return [...this.top.best];
    // One pass with a small sorted list: a popular entity shares articles with thousands of
    // others, and a card shows five. Most lose to the last of the list on their counts alone,
    // before anything is allocated for them.
    const best: CoOccurrence[] = [];
    const { articles, sentences } = this;
    for (let ordinal = 0; ordinal < articles.length; ordinal++) {
      const articleCount = articles[ordinal]!;
      if (articleCount <= 0) continue;
      const sentenceCount = sentences[ordinal]!;
      const last = best.length === limit ? best[limit - 1]! : undefined;
      if (last && (sentenceCount < last.sentences || (sentenceCount === last.sentences && articleCount < last.articles))) continue;
      const candidate: CoOccurrence = { entityId: entityIds[ordinal]!, articles: articleCount, sentences: sentenceCount };
      if (last && compareCoOccurrences(candidate, last) >= 0) continue;
      let at = best.length;
      while (at > 0 && compareCoOccurrences(candidate, best[at - 1]!) < 0) at--;
      best.splice(at, 0, candidate);
      if (best.length > limit) best.pop();
    }
    this.top = { limit, best };
    return [...best];
  }

  private grow(length: number): void {
    const size = Math.max(length, this.articles.length * 2);
    const articles = new Int32Array(size);
    articles.set(this.articles);
    const sentences = new Int32Array(size);
    sentences.set(this.sentences);
    this.articles = articles;
    this.sentences = sentences;
  }
}

/**
 * Working arrays of {@link CoOccurrenceTotals.add}, shared (JavaScript runs one call at a time)
 * so that counting thousands of articles allocates nothing per article.
 */
class Scratch {
  private ownSentences = new Uint8Array(256);
  private seenPass = new Int32Array(256);
  private lastSentence = new Int32Array(256);
  private pass = 0;

  /** All zero, at least `length` long; the caller zeroes what it set. */
  sentences(length: number): Uint8Array {
    if (this.ownSentences.length < length) this.ownSentences = new Uint8Array(Math.max(length, this.ownSentences.length * 2));
    return this.ownSentences;
  }

  perEntity(length: number): { seen: Int32Array; lastCounted: Int32Array } {
    if (this.seenPass.length < length) {
      const size = Math.max(length, this.seenPass.length * 2);
      const seen = new Int32Array(size);
      seen.set(this.seenPass);
      this.seenPass = seen;
      this.lastSentence = new Int32Array(size);
    }
    return { seen: this.seenPass, lastCounted: this.lastSentence };
  }

  /** A new mark for `seen`: entries of earlier passes differ from it. */
  nextPass(): number {
    this.pass = this.pass === 0x7fffffff ? 1 : this.pass + 1;
    if (this.pass === 1) this.seenPass.fill(0);
    return this.pass;
  }
}

const scratch = new Scratch();
