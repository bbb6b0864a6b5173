// Issue 4: cross-source hover cards on the annotated seed corpus, through the real hover API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OffsetMap } from '../../src/core/text/offsets';
import { extensionApi, fileIn, SuiteFiles, waitFor, writeText } from './helpers';

const files = new SuiteFiles('hover-suite');

const S002 = '002_ea56a194b635f13d.txt';

/** The hover Markdown of a position, as a person reads it (escapes removed), and the raw parts. */
async function hoverAt(uri: vscode.Uri, needle: string, occurrence = 0): Promise<{ text: string; parts: vscode.MarkdownString[] }> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const text = document.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} in ${uri.path}`);
  const position = document.positionAt(index + 1);
  const hovers = await waitFor(`a hover on ${needle}`, async () => {
    const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const ours = found.filter((h) => h.contents.some((c) => c instanceof vscode.MarkdownString && /Mentioned in|\*\*Fact\*\*/.test(c.value)));
    return ours.length > 0 ? ours : undefined;
  });
  const parts = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
  return { text: parts.map((p) => p.value).join('\n\n').replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&amp;/g, '&'), parts };
}

describe('cross-source hover cards (real VS Code)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await extensionApi();
    await waitFor('the seed index', () => api.indexer.indexFor(fileIn(S002).toString())?.mentionCount('vladimir-putin') ? true : undefined);
  });
  // Every suite removes what it added, and so does every case here: the cards below count the
  // five seeds only.
  afterEach(() => files.removeAll());

  it('lists the other sources with their sentences and an agreed fact with its source count', async () => {
    const { text } = await hoverAt(fileIn(S002), 'Vladimir Putin');
    assert.match(text, /\*\*Vladimir Putin\*\* · Person \(PER\)/);
    assert.match(text, /Mentioned in 5 articles/);
    // The other four articles, each with a sentence quoting the mention in bold.
    assert.ok(text.includes('Putin Pertemuan Bersejarah di Pyongyang'), 'the title of 001');
    const items = text.split('\n').filter((line) => line.startsWith('- ['));
    assert.equal(items.length, 4, `four other articles: ${items.join(' | ')}`);
    const quotes = text.split('\n').filter((line) => /^ {2}“.*\*\*(Vladimir )?Putin\*\*.*”$/.test(line));
    assert.equal(quotes.length, 4, 'each with the sentence that mentions Putin');
    assert.match(text, /years-since-last-visit-to-north-korea\*\*: “24” — 3 sources agree \(NAGAGG NEWS, Jangkauan Info, ANTARA\)/);
  });

  it('shows a conflicting fact with both values', async () => {
    const { text } = await hoverAt(fileIn(S002), 'Kim Jong Un');
    const line = text.split('\n').find((l) => l.includes('**title**'));
    assert.ok(line, text);
    assert.match(line, /sources disagree: “Pemimpin Tertinggi” \(.+\) \*\*vs\*\* .*“Presiden” \(Jangkauan Info\)/);
  });

  it('shows what the sources say when hovering the evidence of a fact', async () => {
    const { text } = await hoverAt(fileIn(S002), '1 Februari 2022');
    assert.match(text, /\*\*Fact\*\* · Russian invasion of Ukraine · \*\*start-date\*\*: “2022-02-01” here/);
    assert.match(text, /“2022-02-01” \(NAGAGG NEWS\) \*\*vs\*\* “2022-02-24” \(Wikidata\)/);
  });

  it('shows the card on a suggested (not yet annotated) mention too', async () => {
    const api = await extensionApi();
    const article = files.uri('suggested.txt');
    await writeText(article, 'Menteri Luar Negeri Sergey Lavrov juga hadir.\n');
    await waitFor('suggested.txt in the corpus', () => api.store.article(article.toString()));
    const { text } = await hoverAt(article, 'Sergey Lavrov');
    assert.match(text, /Suggested mention \(not annotated yet\)/);
    assert.match(text, /\*\*Sergey Lavrov\*\* · Person \(PER\)/);
    assert.match(text, /NAGAGG NEWS/, 'the article that mentions him');
  });

  it('links each other article to its mention', async () => {
    const { parts } = await hoverAt(fileIn(S002), 'Vladimir Putin');
    const link = /\]\((command:sourceAnnotator\.revealAnnotation\?[^)]+)\)/.exec(parts[0]!.value)?.[1];
    assert.ok(link, 'a reveal link');
    const args = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))) as [{ articleUri: string; itemId: string }];
    assert.deepEqual(Object.keys(args[0]).sort(), ['articleUri', 'itemId'], 'the link passes an ItemRef');
    await vscode.commands.executeCommand('sourceAnnotator.revealAnnotation', ...args);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), args[0].articleUri);
    assert.match(editor.document.getText(editor.selection), /Putin/);
  });

  it('never lets a sidecar inject a command link or HTML into a hover', async () => {
    const api = await extensionApi();
    const text = 'Kabar: Vladimir Putin tiba di Pyongyang.\n';
    const article = files.uri('hostile.txt');
    await writeText(article, text);
    await waitFor('hostile.txt in the corpus', () => api.store.article(article.toString()));
    const map = new OffsetMap(text);
    const start = map.toCodePoint(text.indexOf('Vladimir Putin'));
    await api.sidecars.update(article, (sidecar) => ({
      ...sidecar,
      source: { ...sidecar.source, title: '<img src=x onerror=alert(1)>[title](command:workbench.action.quit)' },
      annotations: [{
        id: 'h1', label: 'PER', start, end: start + 14, text: 'Vladimir Putin', entity: 'vladimir-putin', status: 'accepted', author: 'mallory',
        note: 'Click [here](command:workbench.action.files.delete) or <a href="command:workbench.action.quit">here</a> <script>alert(1)</script>',
      }],
    }));
    const { parts } = await hoverAt(article, 'Vladimir Putin');
    for (const part of parts) {
      assert.doesNotMatch(part.value, /\]\(command:workbench/, 'no command link from the note');
      assert.doesNotMatch(part.value, /<a |<script|<img/i, 'no raw HTML');
      assert.ok(!part.supportHtml, 'HTML rendering is off');
      const trusted = part.isTrusted;
      assert.ok(typeof trusted === 'object' && trusted !== null, 'trust is limited to a list of commands');
      assert.deepEqual([...(trusted as { enabledCommands: readonly string[] }).enabledCommands].sort(), ['sourceAnnotator.compareSources', 'sourceAnnotator.revealAnnotation']);
    }
    // The note is shown, as text.
    assert.match(parts.map((p) => p.value).join(''), /Click \\\[here\\\]\\\(command\\:workbench/);
    // Other views that show the title keep it inert too.
    await vscode.commands.executeCommand('sourceAnnotator.compareSources', { entity: 'vladimir-putin' });
    const html = await waitFor('the Compare Sources page', () => (api.compareSources.html?.includes('hostile') ? api.compareSources.html : undefined));
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'), 'the title is shown as text');
    assert.doesNotMatch(html, /<img/);
  });

  it('opens Compare Sources with a table of sources and values', async () => {
    const api = await extensionApi();
    await vscode.window.showTextDocument(fileIn(S002));
    await vscode.commands.executeCommand('sourceAnnotator.compareSources', { entity: 'kim-jong-un' });
    const html = await waitFor('the Compare Sources page', () => api.compareSources.html);
    assert.match(html, /<h1>Kim Jong Un<\/h1>/);
    assert.match(html, /<th>title<\/th>/);
    assert.match(html, /Pemimpin Tertinggi/);
    assert.match(html, /different values/);
  });
});
