// Issue 11: reviewing teammates' work in a real VS Code, on a fixture where two authors (rani
// and budi) annotated the same article. Each test works on its own fresh copy of the fixture.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { parseSidecar } from '../../src/core/format/sidecar';
import { Commands } from '../../src/extension/constants';
import type { ReviewNode } from '../../src/extension/review/reviewView';
import { extensionApi, readText, SuiteFiles, waitFor, writeText } from './helpers';

const files = new SuiteFiles('review-suite');

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'review');
let copies = 0;

/** A fresh copy of the two-author fixture in its own folder of the workspace. */
async function freshArticle(): Promise<vscode.Uri> {
  const api = await extensionApi();
  const folder = `fixture-${++copies}`;
  const article = files.uri(`${folder}/two-authors.txt`);
  await writeText(files.uri(`${folder}/two-authors.txt.annotations.yaml`), readFileSync(join(FIXTURE, 'two-authors.txt.annotations.yaml'), 'utf8'));
  await writeText(article, readFileSync(join(FIXTURE, 'two-authors.txt'), 'utf8'));
  await waitFor('the fixture in the corpus', () => (api.store.article(article.toString())?.parsed?.sidecar?.annotations.length === 7 ? true : undefined));
  return article;
}

async function sidecarOnDisk(article: vscode.Uri) {
  const text = await readText(vscode.Uri.parse(`${article.toString()}.annotations.yaml`));
  const parsed = parseSidecar('sidecar', text);
  assert.equal(parsed.notWritable, undefined, JSON.stringify(parsed.diagnostics));
  return { text, sidecar: parsed.sidecar! };
}

/** The Review view's node for one item, walking the tree as the workbench does. */
async function itemNode(article: vscode.Uri, id: string): Promise<ReviewNode & { kind: 'item' }> {
  const api = await extensionApi();
  const view = api.review.view;
  view.refresh();
  const [queue] = view.getChildren();
  const articleNode = view.getChildren(queue).find((n) => n.kind === 'article' && n.article.article === article.toString());
  assert.ok(articleNode, 'the article is in the Review view');
  for (const author of view.getChildren(articleNode)) {
    const found = view.getChildren(author).find((n) => n.kind === 'item' && n.entry.item.id === id);
    if (found) return found as ReviewNode & { kind: 'item' };
  }
  assert.fail(`item ${id} is not in the Review view`);
}

describe("reviewing teammates' work (real VS Code)", function () {
  this.timeout(60_000);
  after(() => files.removeAll());

  it("lists the other authors' proposed items, by article and author, with the pending count", async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    const view = api.review.view;
    view.refresh();
    const entry = view.queue().find((a) => a.article === article.toString());
    assert.ok(entry, 'the article awaits review');
    assert.deepEqual(entry.authors.map((a) => [a.author, a.items.map((i) => i.item.id)]), [['budi', ['b1', 'b2', 'b3', 'b4']], ['rani', ['r2', 'r3']]]);
    const [queue] = view.getChildren();
    const articleNode = view.getChildren(queue).find((n) => n.kind === 'article' && n.article.article === article.toString())!;
    assert.equal(view.getTreeItem(articleNode).description, '6 to review');
    const authorItems = view.getChildren(articleNode).map((n) => view.getTreeItem(n));
    assert.deepEqual(authorItems.map((i) => [i.label, i.description]), [['budi', '4'], ['rani', '2']]);
    assert.ok((view.view.badge?.value ?? 0) >= 6, `badge ${view.view.badge?.value}`);
    // The Articles view counts the same items (one rule for "awaiting review").
    const summary = api.articles.visibleArticles().find((a) => a.uri === article.toString());
    assert.equal(summary?.awaitingReview, 6);
  });

  it('accepting an item appends a review, sets the status on disk, keeps the comments, and updates the queue', async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    const reviewer = await api.review.layers.reviewer();
    await vscode.commands.executeCommand(Commands.reviewAccept, await itemNode(article, 'b1'));
    const { text, sidecar } = await waitFor('b1 accepted on disk', async () => {
      const disk = await sidecarOnDisk(article);
      return disk.sidecar.annotations.find((a) => a.id === 'b1')?.status === 'accepted' ? disk : undefined;
    });
    const b1 = sidecar.annotations.find((a) => a.id === 'b1')!;
    assert.equal(b1.reviews?.length, 1);
    assert.equal(b1.reviews![0]!.by, reviewer);
    assert.equal(b1.reviews![0]!.verdict, 'accepted');
    assert.match(b1.reviews![0]!.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(text.startsWith('# Test fixture (issue 11)'), 'the comment a person wrote stays');
    assert.deepEqual(sidecar.annotations.filter((a) => a.id !== 'b1').map((a) => a.reviews), [undefined, undefined, undefined, undefined, undefined, undefined]);
    await waitFor('the queue without b1', () => {
      api.review.view.refresh();
      const ids = api.review.view.queue().find((a) => a.article === article.toString())?.authors.flatMap((g) => g.items.map((i) => i.item.id));
      return ids && !ids.includes('b1') && ids.length === 5 ? true : undefined;
    });
  });

  it('rejects with one command and moves on; bulk accepts one author', async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    await vscode.commands.executeCommand(Commands.reviewReject, await itemNode(article, 'b3'));
    await waitFor('b3 rejected', async () => ((await sidecarOnDisk(article)).sidecar.annotations.find((a) => a.id === 'b3')?.status === 'rejected' ? true : undefined));
    const view = api.review.view;
    view.refresh();
    const [queue] = view.getChildren();
    const articleNode = view.getChildren(queue).find((n) => n.kind === 'article' && n.article.article === article.toString())!;
    const rani = view.getChildren(articleNode).find((n) => n.kind === 'author' && n.author === 'rani')!;
    await vscode.commands.executeCommand(Commands.reviewAcceptAll, rani);
    const { sidecar } = await waitFor('rani accepted', async () => {
      const disk = await sidecarOnDisk(article);
      return disk.sidecar.annotations.filter((a) => a.author === 'rani').every((a) => a.status === 'accepted') ? disk : undefined;
    });
    // The writer keeps items in text order; compare by id.
    assert.deepEqual(Object.fromEntries(sidecar.annotations.map((a) => [a.id, a.status])), {
      r1: 'accepted', b1: 'proposed', r2: 'accepted', b2: 'proposed', r3: 'accepted', b3: 'rejected', b4: 'proposed',
    });
    assert.equal(sidecar.annotations.find((a) => a.id === 'r1')!.reviews, undefined, 'an already accepted item is left alone');
  });

  it('creates a comment thread, persists it in the sidecar, and restores it after a restart', async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    await vscode.commands.executeCommand(Commands.reviewDiscuss, { articleUri: article.toString(), itemId: 'r3', text: 'Kim Jong Un or only <b>Kim</b>?' });
    const { sidecar } = await waitFor('the comment on disk', async () => {
      const disk = await sidecarOnDisk(article);
      return disk.sidecar.annotations.find((a) => a.id === 'r3')?.reviews?.length ? disk : undefined;
    });
    const review = sidecar.annotations.find((a) => a.id === 'r3')!.reviews![0]!;
    assert.equal(review.verdict, 'comment');
    assert.equal(review.comment, 'Kim Jong Un or only <b>Kim</b>?');
    assert.equal(sidecar.annotations.find((a) => a.id === 'r3')!.status, 'proposed', 'a comment is no verdict');
    await vscode.commands.executeCommand(Commands.reviewReply, { articleUri: article.toString(), itemId: 'r3', text: 'The full name.' });
    await waitFor('the reply on disk', async () => ((await sidecarOnDisk(article)).sidecar.annotations.find((a) => a.id === 'r3')?.reviews?.length === 2 ? true : undefined));

    const check = async (when: string) => {
      const thread = await waitFor(`the thread ${when}`, () => api.review.comments.threadsOf(article.toString()).find((t) => t.id === 'r3' && t.comments.length === 2));
      // appendText escapes markup and spaces (&nbsp;): compare the text it stands for.
      const bodies = thread.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value).replace(/&nbsp;/g, ' '));
      // The markup in the comment is shown as text (escaped), never rendered.
      assert.ok(!bodies[0]!.includes('<b>'), bodies[0]);
      assert.ok(bodies[0]!.includes('Kim Jong Un or only'), bodies[0]);
      assert.equal(thread.comments[1]!.author.name, review.by);
      assert.equal(thread.resolved, false);
      // The span is after a flag emoji (two code points, four UTF-16 units): line 1, "Kim Jong Un".
      const document = await vscode.workspace.openTextDocument(article);
      assert.equal(document.getText(thread.range), 'Kim Jong Un');
    };
    await check('before the restart');
    api.review.comments.restart();
    assert.equal(api.review.comments.threadsOf(article.toString()).length, 0, 'a restart starts with no threads');
    await check('rebuilt from the sidecar');
  });

  it('lists a disagreement, resolves it, and records who decided, when and why', async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    api.review.view.refresh();
    const found = api.review.view.disagreements().filter((d) => d.uri === article.toString());
    assert.deepEqual(found.map((d) => [d.disagreement.kind, d.disagreement.items.map((i) => i.id)]), [
      ['label', ['b2', 'r2']], ['boundary', ['b3', 'r3']], ['missing', ['b4']],
    ]);
    // Marked on the span in the editor.
    const editor = await vscode.window.showTextDocument(article);
    assert.deepEqual(api.review.marks.marked(editor).map((d) => editor.document.getText(new vscode.Range(
      editor.document.positionAt(api.live.offsetMap(editor.document).toUtf16(d.start)), editor.document.positionAt(api.live.offsetMap(editor.document).toUtf16(d.end)),
    ))), ['Pyongyang', 'Kim Jong Un', 'bandara Sunan']);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const reviewer = await api.review.layers.reviewer();
    await vscode.commands.executeCommand(Commands.reviewResolve, { uri: article.toString(), versions: ['b2', 'r2'], keep: 'r2', reason: 'Pyongyang is a city here' });
    const { sidecar } = await waitFor('the resolution on disk', async () => {
      const disk = await sidecarOnDisk(article);
      return disk.sidecar.annotations.find((a) => a.id === 'b2')?.status === 'rejected' ? disk : undefined;
    });
    const r2 = sidecar.annotations.find((a) => a.id === 'r2')!;
    const b2 = sidecar.annotations.find((a) => a.id === 'b2')!;
    assert.equal(r2.status, 'accepted');
    for (const [item, verdict] of [[r2, 'accepted'], [b2, 'rejected']] as const) {
      assert.equal(item.reviews?.length, 1);
      assert.equal(item.reviews![0]!.by, reviewer);
      assert.equal(item.reviews![0]!.verdict, verdict);
      assert.equal(item.reviews![0]!.comment, 'Resolved: Pyongyang is a city here');
      assert.match(item.reviews![0]!.at, /^\d{4}-\d\d-\d\dT/);
    }
    await waitFor('the disagreement gone from the view', () => {
      api.review.view.refresh();
      const left = api.review.view.disagreements().filter((d) => d.uri === article.toString()).map((d) => d.disagreement.kind);
      // The kept version stands alone now, but it is settled: not listed as "missing".
      return left.join() === 'boundary,missing' ? true : undefined;
    });
  });

  it('resolves a disagreement with a new version by the person deciding', async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    await vscode.commands.executeCommand(Commands.reviewResolve, { uri: article.toString(), versions: ['b3', 'r3'], newLabel: 'PER', reason: 'full name, no title' });
    const { sidecar } = await waitFor('the new version', async () => {
      const disk = await sidecarOnDisk(article);
      return disk.sidecar.annotations.length === 8 ? disk : undefined;
    });
    const added = sidecar.annotations.find((a) => !['r1', 'b1', 'r2', 'b2', 'r3', 'b3', 'b4'].includes(a.id))!;
    assert.deepEqual([added.label, added.text, added.status, added.author], ['PER', 'Kim Jong Un', 'accepted', await api.review.layers.reviewer()]);
    assert.deepEqual(sidecar.annotations.filter((a) => a.id === 'b3' || a.id === 'r3').map((a) => a.status), ['rejected', 'rejected']);
    // The decision is no new annotator: it does not make disagreements with everyone else.
    api.review.view.refresh();
    assert.deepEqual(api.review.view.disagreements().filter((d) => d.uri === article.toString()).map((d) => d.disagreement.kind), ['label', 'missing']);
  });

  it("shows one author's layer in the editor and the author in the hover", async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    const editor = await vscode.window.showTextDocument(article);
    try {
      await api.review.layers.setFilter({ kind: 'author', author: 'budi' });
      await waitFor("only budi's four annotations highlighted", () => ([...api.highlighter.decoratedRanges(editor).values()].flat().length === 4 ? true : undefined));
      await api.review.layers.setFilter({ kind: 'all' });
      await waitFor('all seven highlighted', () => ([...api.highlighter.decoratedRanges(editor).values()].flat().length === 7 ? true : undefined));
      const offset = editor.document.getText().indexOf('Sunan');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', article, editor.document.positionAt(offset));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n').replace(/&nbsp;/g, ' ');
      assert.match(text, /LOC by budi · proposed/);
    } finally {
      await api.review.layers.setFilter({ kind: 'all' });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it("blind mode hides others' annotations of an article until I mark mine done", async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    const config = vscode.workspace.getConfiguration('sourceAnnotator');
    const editor = await vscode.window.showTextDocument(article);
    try {
      await config.update('review.blindMode', true, vscode.ConfigurationTarget.Workspace);
      await waitFor('no highlights of others', () => ([...api.highlighter.decoratedRanges(editor).values()].flat().length === 0 ? true : undefined));
      api.review.view.refresh();
      assert.equal(api.review.view.queue().some((a) => a.article === article.toString()), false, 'not in the queue either');
      await vscode.commands.executeCommand(Commands.reviewMarkDone, article);
      await waitFor('everyone shown again', () => ([...api.highlighter.decoratedRanges(editor).values()].flat().length === 7 ? true : undefined));
      api.review.view.refresh();
      assert.ok(api.review.view.queue().some((a) => a.article === article.toString()));
    } finally {
      await config.update('review.blindMode', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('reviews a branch: lists only the items added or changed since a git ref', async function () {
    const api = await extensionApi();
    const git = vscode.extensions.getExtension('vscode.git');
    if (!git || spawnSync('git', ['--version']).status !== 0) {
      console.log('      skipped: no git extension or no git here');
      this.skip();
    }
    const article = await freshArticle();
    // A repository of the fixture's folder only, so the rest of the workspace is left alone.
    const folder = dirname(article.fsPath);
    const runGit = (...args: string[]) => {
      const run = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: folder, encoding: 'utf8' });
      assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
    };
    runGit('init', '-q', '-b', 'base');
    runGit('add', '.');
    runGit('commit', '-q', '-m', 'two authors');
    // On the "pull request": budi adds one annotation.
    const text = readFileSync(article.fsPath, 'utf8');
    const start = [...text.slice(0, text.indexOf('Rabu'))].length;
    await api.store.updateSidecar(article.toString(), (sidecar) => ({
      ...sidecar,
      annotations: [...sidecar.annotations, { id: 'b5', label: 'DATE', start, end: start + 4, text: 'Rabu', author: 'budi', created: '2026-11-30T12:00:00Z', status: 'proposed' }],
    }));
    await vscode.commands.executeCommand('git.openRepository', folder);
    await waitFor('the git extension knows the repository', async () => {
      const api = (git!.isActive ? git!.exports : await git!.activate()) as { getAPI(v: 1): { repositories: { rootUri: vscode.Uri }[] } };
      return api.getAPI(1).repositories.some((r) => r.rootUri.fsPath === folder) ? true : undefined;
    });
    try {
      await vscode.commands.executeCommand(Commands.reviewBranch, 'base');
      const listed = api.review.view.queue().find((a) => a.article === article.toString())?.authors.flatMap((g) => g.items.map((i) => i.item.id));
      assert.deepEqual(listed, ['b5']);
      const [section] = api.review.view.getChildren();
      assert.equal(api.review.view.getTreeItem(section!).label, 'Changed since base');
    } finally {
      await vscode.commands.executeCommand(Commands.reviewStopBranch);
    }
  });

  it('reports agreement in a webview with a nonce CSP, the pair table and links to disagreements', async () => {
    const api = await extensionApi();
    const article = await freshArticle();
    await vscode.commands.executeCommand(Commands.reviewAgreement);
    const html = await waitFor('the report', () => api.review.agreement.html);
    const report = api.review.agreement.report!;
    const pair = report.pairs.find((p) => p.a === 'budi' && p.b === 'rani');
    assert.ok(pair?.documents.includes(article.toString()));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-/);
    assert.match(html, /<th>budi<\/th>/);
    assert.match(html, /exact F1/);
    assert.ok(html.includes(`data-uri="${article.toString()}"`), 'links to the disagreements');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
