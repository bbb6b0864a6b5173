// The cross-source card shown when hovering a mention: who or what it is, which other articles
// mention it (each with the sentence, linking to the mention), what the sources say about it
// (agreement and conflicts), and what it is mentioned with. Built and rendered to Markdown
// here, without VS Code, so it is unit-tested. Everything that comes from corpus files is
// escaped: a sidecar or registry can never inject a link, a command or HTML into the card.
import type { CorpusIndex } from './corpusIndex';
import type { Mention } from './articleEntry';
import type { ClaimSource, FactGroup, ValueCluster } from './factGroups';
import type { RegistryIndex } from '../format';
import { oneLine, truncate, truncateStart } from '../text';
import { basename } from '../util';
import type { Entity } from '../model';

/** The commands the card links to; the extension enables exactly these in the hover. */
export const CARD_COMMANDS = {
  reveal: 'sourceAnnotator.revealAnnotation',
  compare: 'sourceAnnotator.compareSources',
} as const;

export interface CardLimits {
  readonly articles: number;
  readonly facts: number;
  readonly coOccurring: number;
  /** Code points of sentence shown around a mention. */
  readonly sentenceLength: number;
}

export const DEFAULT_LIMITS: CardLimits = { articles: 4, facts: 6, coOccurring: 5, sentenceLength: 160 };

export interface ArticleLine {
  readonly uri: string;
  readonly title: string;
  readonly outlet?: string;
  readonly mentionCount: number;
  /** The first mention, whose sentence is quoted and which the link reveals. */
  readonly mention: Mention;
}

export interface EntityCard {
  readonly entity: Entity;
  readonly labelName: string;
  readonly articleCount: number;
  readonly mentionCount: number;
  /** Other articles (not the one hovered), capped. */
  readonly otherArticles: readonly ArticleLine[];
  readonly moreArticles: number;
  readonly facts: readonly FactGroup[];
  readonly moreFacts: number;
  readonly coOccurring: readonly { readonly name: string; readonly articles: number; readonly sentences: number }[];
  /** The hovered annotation's note and author, if any. */
  readonly note?: { readonly text: string; readonly author?: string };
}

export function buildEntityCard(
  index: CorpusIndex, registry: RegistryIndex, entityId: string, currentArticleUri: string,
  note?: EntityCard['note'], limits: CardLimits = DEFAULT_LIMITS,
): EntityCard | undefined {
  const entity = registry.entities.get(entityId);
  if (!entity) return undefined;
  // Only the articles shown are looked at: a popular entity is in thousands. The list is the
  // index's own (sorted, kept current), so reading it allocates nothing.
  const articles = index.articlesMentioning(entityId);
  const otherCount = articles.length - (index.mentions(currentArticleUri, entityId) ? 1 : 0);
  const others: ArticleLine[] = [];
  for (const uri of articles) {
    if (others.length === limits.articles) break;
    if (uri === currentArticleUri) continue;
    const mentions = index.mentionsIn(uri, entityId);
    const info = index.article(uri);
    others.push({
      uri, title: info?.title ?? basename(uri), ...(info?.outlet ? { outlet: info.outlet } : {}),
      mentionCount: mentions.length, mention: mentions[0]!,
    });
  }
  const facts = index.factGroupsFor(entityId);
  return {
    entity,
    labelName: registry.labels.get(entity.label)?.name ?? entity.label,
    articleCount: articles.length,
    mentionCount: index.mentionCount(entityId),
    otherArticles: others,
    moreArticles: Math.max(0, otherCount - limits.articles),
    facts: facts.slice(0, limits.facts),
    moreFacts: Math.max(0, facts.length - limits.facts),
    coOccurring: index.coOccurring(entityId, limits.coOccurring).map((c) => ({
      name: registry.entities.get(c.entityId)?.name ?? c.entityId, articles: c.articles, sentences: c.sentences,
    })),
    ...(note ? { note } : {}),
  };
}

// ---- rendering ---------------------------------------------------------------------------------

/**
 * Escapes text for Markdown so it renders literally: no emphasis, no links, no HTML. Every
 * character Markdown or HTML could read as syntax is escaped or turned into an entity.
 */
export function escapeMarkdown(text: string): string {
  return text
    // Line breaks would end list items and start new blocks.
    .replace(/\s*[\r\n]+\s*/g, ' ')
    // CommonMark lets any ASCII punctuation be backslash-escaped: escaping all of it leaves no
    // emphasis, link, autolink ("https:", "command:"), theme icon ("$(…)") or HTML to read.
    .replace(/[!-/:-@[-`{-~]/g, (c) => (c === '<' ? '&lt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A `command:` link target with JSON arguments, as VS Code's Markdown expects it. */
export function commandUri(command: string, args: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Only plain http(s) links from corpus files, percent-encoded so they cannot break out. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s<>"'`]+$/i.test(url)) return undefined;
  const bracketsEscaped = (text: string) => text.replace(/[()[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  try {
    return bracketsEscaped(encodeURI(decodeURI(url)));
  } catch {
    // A malformed %-escape (`%E0%A4%A`) must not lose the card: keep the well-formed escapes,
    // encode a stray `%` and everything else.
    try {
      return bracketsEscaped(url.replace(/%[0-9a-f]{2}|[^%]+|%/gi, (part) => (part.startsWith('%') ? (part.length === 3 ? part : '%25') : encodeURI(part))));
    } catch {
      return undefined;
    }
  }
}

function sourceName(source: ClaimSource): string {
  if (source.kind === 'reference') return source.name;
  return source.outlet ?? truncate(oneLine(source.title), 40);
}

/** The sentence around a mention, shortened around it, the mention in bold; all escaped. */
function quotedSentence(mention: Mention, length: number): string {
  const sentence = [...mention.sentence.text];
  const from = Math.max(0, mention.start - mention.sentence.start);
  const to = Math.min(sentence.length, mention.end - mention.sentence.start);
  let left = sentence.slice(0, from).join('');
  let right = sentence.slice(to).join('');
  const [leftLength, rightLength] = [from, sentence.length - to];
  const budget = Math.max(0, length - (to - from));
  if (leftLength + rightLength > budget) {
    const half = Math.floor(budget / 2);
    const leftKeep = Math.min(leftLength, Math.max(half, budget - rightLength));
    const rightKeep = Math.min(rightLength, budget - leftKeep);
    // The one truncator, from each side; the ellipsis comes on top of what is kept.
    if (leftKeep < leftLength) left = truncateStart(left, leftKeep + 1);
    if (rightKeep < rightLength) right = truncate(right, rightKeep + 1);
  }
  const middle = sentence.slice(from, to).join('');
  return `“${escapeMarkdown(left)}**${escapeMarkdown(middle)}**${escapeMarkdown(right)}”`;
}

function sourceList(cluster: ValueCluster): string {
  const names = [...new Set(cluster.claims.map((claim) => sourceName(claim.source)))];
  return names.map(escapeMarkdown).join(', ');
}

/** One line per fact group: agreement, conflict side by side, or a single source. */
export function renderFactLine(group: FactGroup): string {
  const property = `**${escapeMarkdown(group.property)}**`;
  const value = (cluster: ValueCluster) => `“${escapeMarkdown(cluster.display)}”`;
  const [first] = group.values;
  if (!first) return `- ${property}`;
  if (group.verdict === 'conflict') {
    const sides = group.values.map((cluster) => `${value(cluster)} (${sourceList(cluster)})`).join(' **vs** ');
    return `- $(warning) ${property} — sources disagree: ${sides}`;
  }
  if (group.multiValued) {
    const listed = group.values.map((cluster) => `${value(cluster)}${cluster.sourceCount > 1 ? ` (${cluster.sourceCount} sources)` : ''}`).join(', ');
    return `- $(list-unordered) ${property}: ${listed} — ${group.sourceCount === 1 ? `${sourceList(first)} only` : `${group.sourceCount} sources`}`;
  }
  if (group.verdict === 'agree') {
    return `- $(check) ${property}: ${value(first)} — ${first.sourceCount} sources agree (${sourceList(first)})`;
  }
  return `- $(circle-small) ${property}: ${value(first)} — ${sourceList(first)} only`;
}

export function renderEntityCard(card: EntityCard, limits: CardLimits = DEFAULT_LIMITS): string {
  const lines: string[] = [];
  const { entity } = card;
  const wikidata = entity.wikidata && /^Q\d+$/.test(entity.wikidata)
    ? ` · [Wikidata ${entity.wikidata}](https://www.wikidata.org/wiki/${entity.wikidata})` : '';
  lines.push(`**${escapeMarkdown(entity.name)}** · ${escapeMarkdown(card.labelName)} (${escapeMarkdown(entity.label)})${wikidata}`);
  if (entity.description) lines.push('', escapeMarkdown(entity.description));
  if (card.note) {
    lines.push('', `$(note) *Note${card.note.author ? ` by ${escapeMarkdown(card.note.author)}` : ''}:* ${escapeMarkdown(card.note.text)}`);
  }
  const compareUri = commandUri(CARD_COMMANDS.compare, [{ entity: entity.id }]);
  // What the sources say comes first: agreement and conflicts are what a fact-checker hovers for.
  if (card.facts.length > 0) {
    lines.push('', '---', '', '**What the sources say**', '');
    for (const group of card.facts) lines.push(renderFactLine(group));
    if (card.moreFacts > 0) lines.push(`- … and ${card.moreFacts} more: [show all](${compareUri})`);
  }

  lines.push('', '---', '');
  const others = card.otherArticles.length + card.moreArticles;
  lines.push(`**Mentioned in ${card.articleCount} article${card.articleCount === 1 ? '' : 's'}** (${card.mentionCount} mention${card.mentionCount === 1 ? '' : 's'}; ${others === 0 ? 'no other article' : `${others} other article${others === 1 ? '' : 's'}`})`);
  if (card.otherArticles.length > 0) {
    lines.push('');
    for (const line of card.otherArticles) {
      const link = commandUri(CARD_COMMANDS.reveal, [{ articleUri: line.uri, itemId: line.mention.annotationId }]);
      const outlet = line.outlet ? ` · ${escapeMarkdown(line.outlet)}` : '';
      const count = line.mentionCount > 1 ? ` · ${line.mentionCount}×` : '';
      lines.push(`- [${escapeMarkdown(truncate(oneLine(line.title), 70))}](${link})${outlet}${count}  `);
      lines.push(`  ${quotedSentence(line.mention, limits.sentenceLength)}`);
    }
    if (card.moreArticles > 0) lines.push(`- … and ${card.moreArticles} more: [show all](${compareUri})`);
  }

  if (card.coOccurring.length > 0) {
    lines.push('', `**Often mentioned with** ${card.coOccurring.map((c) => `${escapeMarkdown(c.name)} (${c.articles})`).join(' · ')}`);
  }
  lines.push('', `[Compare sources](${compareUri})`);
  return lines.join('\n');
}

/** The card for the evidence of a fact: what this article says and what the others say. */
export function renderFactCard(group: FactGroup, subjectName: string, articleUri: string): string {
  const own = group.claims.find((claim) => claim.source.kind === 'article' && claim.source.articleUri === articleUri);
  const lines = [
    `**Fact** · ${escapeMarkdown(subjectName)} · **${escapeMarkdown(group.property)}**${own ? `: “${escapeMarkdown(own.value)}” here` : ''}`,
    '',
    renderFactLine(group),
  ];
  const url = group.claims.map((claim) => (claim.source.kind === 'reference' ? safeUrl(claim.source.url) : undefined)).find(Boolean);
  if (url) lines.push('', `[Reference](${url})`);
  lines.push('', `[Compare sources](${commandUri(CARD_COMMANDS.compare, [{ subject: group.subject, property: group.property }])})`);
  return lines.join('\n');
}
