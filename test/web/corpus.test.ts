// The core scenarios of issue 7 in the web-worker extension host (VS Code for the Web): the corpus
// opens, hover cards and Compare Sources, annotating, suggestions and facts written through
// workspace.fs, and a broken sidecar refused with its line. Files are read back through vscode.workspace.fs only:
// there is no Node `fs` here.
import { assert } from 'chai';
import * as vscode from 'vscode';
import { OffsetMap } from '../../src/core/text/offsets';
import { sha256Hex } from '../../src/core/util/sha256';
import { parseSidecar } from '../../src/core/format/sidecar';
import { extensionApi, fileIn, readText, waitFor, writeText } from './helpers';

const SEEDS = ['000_257178997c759933.txt', '001_8b609553dbf89833.txt', '002_ea56a194b635f13d.txt', '003_6b496e1cdc48ec07.txt', '004_9c3bde34daf1913c.txt'];
const S002 = '002_ea56a194b635f13d.txt';

function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Source Annotator');
}

/** Writes a new article and waits until the corpus knows it. */
async function newArticle(name: string, text: string): Promise<vscode.Uri> {
  const api = await extensionApi();
  const uri = fileIn(name);
  await writeText(uri, text);
  await waitFor(`${name} in the corpus`, () => api.store.article(uri.toString()));
  return uri;
}

function select(editor: vscode.TextEditor, needle: string): void {
  const index = editor.document.getText().indexOf(needle);
  assert.isAtLeast(index, 0, `${needle} in the article`);
  editor.selection = new vscode.Selection(editor.document.positionAt(index), editor.document.positionAt(index + needle.length));
}

/** The sidecar of `article` as it is on disk, read through workspace.fs and parsed. */
async function sidecarOnDisk(article: vscode.Uri) {
  const uri = vscode.Uri.parse(`${article.toString()}.annotations.yaml`);
  const parsed = parseSidecar(uri.toString(), await readText(uri));
  assert.deepEqual(parsed.diagnostics, []);
  return parsed.sidecar!;
}

/** Our hover at the first `needle`, as a person reads it (Markdown escapes removed). */
async function hoverText(uri: vscode.Uri, needle: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const index = document.getText().indexOf(needle);
  assert.isAtLeast(index, 0, `${needle} in ${uri.path}`);
  const hovers = await waitFor(`a hover on ${needle}`, async () => {
    const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(index + 1));
    const ours = found.filter((h) => h.contents.some((c) => c instanceof vscode.MarkdownString && c.value.includes('Mentioned in')));
    return ours.length > 0 ? ours : undefined;
  });
  return hovers.flatMap((h) => h.contents)
    .map((c) => (c instanceof vscode.MarkdownString ? c.value : ''))
    .join('\n\n').replace(/\\(.)/g, '$1');
}

describe('VS Code for the Web: the corpus in the web worker', function () {
  this.timeout(60_000);

  it('opens the corpus: the store and the Articles view list the five seeds, without a problem', async () => {
    const api = await extensionApi();
    const names = api.store.articleUris().map((uri) => uri.slice(uri.lastIndexOf('/') + 1));
    for (const name of SEEDS) assert.include(names, name);
    await waitFor('the registry', () => api.store.registryFor(fileIn(SEEDS[0]!).toString()));
    const inTree = api.articles.getChildren().map((node) => api.articles.getTreeItem(node).resourceUri?.toString());
    for (const name of SEEDS) assert.include(inTree, fileIn(name).toString(), `${name} in the Articles view`);
    const item001 = api.articles.getChildren().map((node) => api.articles.getTreeItem(node)).find((i) => i.resourceUri?.path.endsWith('/001_8b609553dbf89833.txt'));
    assert.strictEqual(item001?.label, 'Putin Pertemuan Bersejarah di Pyongyang');
    for (const name of SEEDS) assert.deepEqual(diagnosticsOf(fileIn(`${name}.annotations.yaml`)), [], name);
  });

  it('shows a hover card that lists the other sources with their sentences', async () => {
    const api = await extensionApi();
    await waitFor('the seed index', () => (api.indexer.indexFor(fileIn(S002).toString())?.mentionCount('vladimir-putin') ? true : undefined));
    const text = await hoverText(fileIn(S002), 'Vladimir Putin');
    assert.match(text, /\*\*Vladimir Putin\*\* · Person \(PER\)/);
    assert.isAtLeast(Number(/Mentioned in (\d+) articles/.exec(text)?.[1]), 5);
    assert.include(text, 'Putin Pertemuan Bersejarah di Pyongyang', 'the title of 001');
    const others = text.split('\n').filter((line) => line.startsWith('- ['));
    assert.lengthOf(others, 4, `four other articles: ${others.join(' | ')}`);
    assert.match(text, /years-since-last-visit-to-north-korea\*\*: “24” — 3 sources agree/);
  });

  it('opens Compare Sources for an entity', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('sourceAnnotator.compareSources', { entity: 'vladimir-putin' });
    const html = await waitFor('the Compare Sources page', () => api.compareSources.html);
    assert.include(html, 'Vladimir Putin');
    assert.include(html, 'years-since-last-visit-to-north-korea');
  });

  it('annotates a selection after emoji and writes the sidecar through workspace.fs, with code point offsets', async () => {
    const api = await extensionApi();
    const article = await newArticle('web-emoji.txt', '\uFEFF👋🏽 Halo!\r\n🇷🇺 Presiden Vladimir Putin tiba di Pyongyang.\r\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Vladimir Putin');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'vladimir-putin' });

    const sidecar = await waitFor('the sidecar on disk', () => sidecarOnDisk(article));
    const annotation = sidecar.annotations[0]!;
    // BOM not counted; 👋🏽 and 🇷🇺 are two code points each (four UTF-16 units); CRLF is two.
    assert.strictEqual(annotation.start, 22);
    assert.strictEqual(annotation.end, 36);
    assert.strictEqual(annotation.text, 'Vladimir Putin');
    assert.strictEqual(annotation.entity, 'vladimir-putin');
    assert.strictEqual(annotation.status, 'proposed');
    // No git extension and no OS user in a web worker: the author falls back to anonymous.
    assert.strictEqual(annotation.author, 'anonymous');
    assert.strictEqual(sidecar.source.sha256, sha256Hex(await vscode.workspace.fs.readFile(article)));
    const leftovers = (await vscode.workspace.fs.readDirectory(fileIn('.'))).filter(([name]) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'the atomic write left no temporary file');

    const ranges = await waitFor('a highlight', () => {
      const found = [...api.highlighter.decoratedRanges(editor).values()].flat();
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(editor.document.getText(ranges[0]), 'Vladimir Putin');
  });

  it('adds a fact with the selection as evidence', async () => {
    const article = await newArticle('web-fact.txt', 'Putin terakhir berkunjung 24 tahun lalu.\n');
    const editor = await vscode.window.showTextDocument(article);
    select(editor, '24 tahun');
    await vscode.commands.executeCommand('sourceAnnotator.addFact', { subject: 'vladimir-putin', property: 'years-since-last-visit-to-north-korea', value: '24' });
    const sidecar = await waitFor('the fact on disk', async () => {
      const onDisk = await sidecarOnDisk(article);
      return onDisk.facts.length > 0 ? onDisk : undefined;
    });
    const fact = sidecar.facts[0]!;
    assert.deepEqual([fact.subject, fact.property, fact.value], ['vladimir-putin', 'years-since-last-visit-to-north-korea', '24']);
    assert.deepEqual([fact.start, fact.end, fact.text], [26, 34, '24 tahun']);
    const map = new OffsetMap(editor.document.getText());
    assert.strictEqual(map.slice(fact.start, fact.end), '24 tahun');
  });

  it('suggests unannotated mentions and dates, annotates one by its quick fix, and undoes it', async () => {
    const api = await extensionApi();
    const article = await newArticle('web-suggest.txt', 'Putin tiba. Kim menyambut Putin pada 19 Juni 2024.\n');
    const editor = await vscode.window.showTextDocument(article);
    const suggestions = await waitFor('suggestions', () => {
      const found = api.suggestions.suggestionsFor(editor.document);
      return found.length > 0 ? found : undefined;
    });
    assert.isTrue(suggestions.some((s) => s.entityId === 'vladimir-putin' && s.text === 'Putin' && s.start === 0), 'Putin at 0');
    assert.isTrue(suggestions.some((s) => s.label === 'DATE' && s.text === '19 Juni 2024' && s.iso === '2024-06-19'), 'the date');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', article, new vscode.Range(0, 1, 0, 1));
    const fix = actions.find((a) => a.title === 'Annotate “Putin” as Vladimir Putin (PER)');
    assert.ok(fix?.command, `quick fix offered: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const annotated = await waitFor('the annotation on disk', async () => {
      const onDisk = await sidecarOnDisk(article);
      return onDisk.annotations.length === 1 ? onDisk.annotations[0] : undefined;
    });
    assert.deepEqual([annotated.start, annotated.end, annotated.entity], [0, 5, 'vladimir-putin']);

    await vscode.commands.executeCommand('sourceAnnotator.undoAnnotationChange');
    assert.lengthOf((await sidecarOnDisk(article)).annotations, 0);
    assert.strictEqual(editor.document.getText(), 'Putin tiba. Kim menyambut Putin pada 19 Juni 2024.\n', 'the text is untouched');
  });

  it('refuses to change a broken sidecar and names its line', async () => {
    const api = await extensionApi();
    const article = await newArticle('web-broken.txt', 'Vladimir Putin tiba di Pyongyang.\n');
    const sidecarUri = fileIn('web-broken.txt.annotations.yaml');
    const broken = [
      'version: 1',
      'source:',
      '  file: web-broken.txt',
      'annotations:',
      '  - id: a1',
      '    label: PER',
      '    start: 0',
      '    end: 14',
      '    text: [Vladimir Putin', // line 9: an unclosed flow sequence
      '    status: proposed',
      '',
    ].join('\n');
    await writeText(sidecarUri, broken);
    const problem = await waitFor('a YAML diagnostic', () => diagnosticsOf(sidecarUri).find((d) => d.code === 'yaml-syntax'));
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
    const reason = await waitFor('the refusal', () => api.store.notWritableReason(article.toString()));
    assert.match(reason, /not valid YAML at line (9|10), column \d+/);

    const editor = await vscode.window.showTextDocument(article);
    select(editor, 'Vladimir Putin');
    await vscode.commands.executeCommand('sourceAnnotator.annotateSelection', { label: 'PER', entity: 'vladimir-putin' });
    assert.strictEqual(await readText(sidecarUri), broken, 'byte for byte unchanged');
    assert.isUndefined(await api.sidecars.update(article, (sidecar) => ({ ...sidecar, annotations: [] })), 'the change was refused');
    assert.strictEqual(await readText(sidecarUri), broken, 'still unchanged');
  });
});
