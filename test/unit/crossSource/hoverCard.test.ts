import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusIndexer } from '../../../src/core/crossSource/corpusIndexer';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { buildEntityCard, escapeMarkdown, renderEntityCard, renderFactCard } from '../../../src/core/crossSource/hoverCard';
import { parseSidecar } from '../../../src/core/format/sidecar';
import { writeSidecar } from '../../../src/core/format/sidecarWriter';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

const seeds = join(__dirname, '..', '..', '..', '..', 'seeds');
const uri = (name: string) => `mem:///corpus/${name}`;
const S002 = uri('002_ea56a194b635f13d.txt');

async function seededCorpus(): Promise<{ host: MemoryCorpusHost; store: CorpusStore; indexer: CorpusIndexer }> {
  const host = new MemoryCorpusHost();
  for (const name of readdirSync(seeds)) host.files.set(uri(name), readFileSync(join(seeds, name)));
  const store = new CorpusStore(host);
  const indexer = new CorpusIndexer(store);
  await store.load();
  return { host, store, indexer };
}

/** The card as a person reads it: Markdown escapes removed. */
function plain(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

describe('hover cards', () => {
  it('escapes everything Markdown or HTML could act on', () => {
    const hostile = '[click](command:workbench.action.quit) <img src=x onerror=alert(1)> $(zap) **b** https://x.test\nline';
    const escaped = escapeMarkdown(hostile);
    assert.doesNotMatch(escaped, /\]\(command:/);
    assert.doesNotMatch(escaped, /<img/);
    assert.doesNotMatch(escaped, /(^|[^\\])\$\(/);
    assert.doesNotMatch(escaped, /(^|[^\\])\*\*/);
    assert.doesNotMatch(escaped, /https:\/\//);
    assert.ok(!escaped.includes('\n'));
    assert.equal(plain(escaped), hostile.replace('\n', ' '));
  });

  it('shows the other articles with their sentences, agreement and conflicts, for Putin in 002', async () => {
    const { store, indexer } = await seededCorpus();
    const index = indexer.indexFor(S002)!;
    const card = buildEntityCard(index, store.registryFor(S002)!, 'vladimir-putin', S002)!;
    assert.equal(card.articleCount, 5);
    assert.equal(card.otherArticles.length, 4);
    assert.ok(card.otherArticles.every((line) => line.uri !== S002), 'the hovered article is not among the others');
    const text = plain(renderEntityCard(card));
    assert.match(text, /^\*\*Vladimir Putin\*\* · Person \(PER\) · \[Wikidata Q7747\]\(https:\/\/www\.wikidata\.org\/wiki\/Q7747\)/);
    assert.match(text, /Mentioned in 5 articles/);
    for (const line of card.otherArticles) {
      assert.ok(text.includes(line.title.slice(0, 30)), `${line.title} listed`);
      assert.ok(text.includes(`**${line.mention.text}**`), 'the mention is in bold in its sentence');
    }
    assert.match(text, /years-since-last-visit-to-north-korea\*\*: “24” — 3 sources agree/);
    assert.match(renderEntityCard(card), /command:sourceAnnotator\.revealAnnotation\?/);
  });

  it('shows a conflict side by side: Kim Jong Un’s title', async () => {
    const { store, indexer } = await seededCorpus();
    const index = indexer.indexFor(S002)!;
    const card = buildEntityCard(index, store.registryFor(S002)!, 'kim-jong-un', S002)!;
    const text = plain(renderEntityCard(card));
    const line = text.split('\n').find((l) => l.includes('**title**'))!;
    assert.match(line, /sources disagree: “Pemimpin Tertinggi” \(Wikidata, Berita Dunia Terkini, .*\) \*\*vs\*\* .*“Presiden” \(Jangkauan Info\)/);
  });

  it('shows a single article against the reference as a conflict: the invasion date in 002', async () => {
    const { indexer } = await seededCorpus();
    const group = indexer.indexFor(S002)!.factGroup('russian-invasion-of-ukraine', 'start-date')!;
    assert.equal(group.verdict, 'conflict');
    const text = plain(renderFactCard(group, 'Russian invasion of Ukraine', S002));
    assert.match(text, /“2022-02-01” here/);
    assert.match(text, /sources disagree: “2022-02-01” \(NAGAGG NEWS\) \*\*vs\*\* “2022-02-24” \(Wikidata\)/);
  });

  it('keeps a hostile note inert', async () => {
    const { store, indexer } = await seededCorpus();
    const note = { text: '[run](command:workbench.action.quit) <script>alert(1)</script>', author: 'mallory](command:x)' };
    const markdown = renderEntityCard(buildEntityCard(indexer.indexFor(S002)!, store.registryFor(S002)!, 'vladimir-putin', S002, note)!);
    assert.doesNotMatch(markdown, /command:workbench/);
    assert.doesNotMatch(markdown, /\]\(command:x\)/);
    assert.doesNotMatch(markdown, /<script/);
    const commands = [...markdown.matchAll(/\]\(command:([^?)]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(commands)].sort(), ['sourceAnnotator.compareSources', 'sourceAnnotator.revealAnnotation']);
  });

  it('follows a changed sidecar incrementally', async () => {
    const { host, store, indexer } = await seededCorpus();
    const name = '003_6b496e1cdc48ec07.txt.annotations.yaml';
    const before = parseSidecar(uri(name), host.text(uri(name))!).sidecar!;
    const facts = before.facts.map((f) => (f.subject === 'kim-jong-un' && f.property === 'title' ? { ...f, value: 'Pemimpin Tertinggi' } : f));
    host.put(name, writeSidecar(uri(name), { ...before, facts }, host.text(uri(name))));
    await store.fileChanged(uri(name));
    const group = indexer.indexFor(S002)!.factGroup('kim-jong-un', 'title')!;
    const from003 = group.claims.filter((c) => c.source.kind === 'article' && c.source.articleUri.includes('003'));
    assert.deepEqual(from003.map((c) => c.value), ['Pemimpin Tertinggi']);
    assert.ok(group.values.every((cluster) => cluster.normalized !== 'presiden'), 'no one says Presiden any more');
  });
});
