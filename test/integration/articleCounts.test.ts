// Issue 9: one "awaiting review" rule, so the Articles view and the status bar give the same
// counts for the same seed article. The expected numbers are hard-coded from seeds/ (every
// item there has a `status`; those with `status: proposed` await review, annotations and facts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, fileIn, waitFor } from './helpers';

const SEEDS: readonly { readonly name: string; readonly annotations: number; readonly awaitingReview: number }[] = [
  { name: '000_257178997c759933.txt', annotations: 51, awaitingReview: 1 },
  { name: '001_8b609553dbf89833.txt', annotations: 36, awaitingReview: 1 },
  { name: '002_ea56a194b635f13d.txt', annotations: 83, awaitingReview: 2 },
  { name: '003_6b496e1cdc48ec07.txt', annotations: 41, awaitingReview: 2 },
  { name: '004_9c3bde34daf1913c.txt', annotations: 56, awaitingReview: 2 },
];

describe('the Articles view and the status bar agree on the seeds (real VS Code)', function () {
  this.timeout(60_000);

  for (const seed of SEEDS) {
    it(`${seed.name}: ${seed.annotations} annotations, ${seed.awaitingReview} awaiting review in both`, async () => {
      const api = await extensionApi();
      const uri = fileIn(seed.name);
      const item = api.articles.getChildren()
        .map((node) => api.articles.getTreeItem(node))
        .find((candidate) => candidate.resourceUri?.toString() === uri.toString());
      assert.ok(item, `${seed.name} is in the Articles view`);
      const description = typeof item.description === 'string' ? item.description : '';
      const tree = /(\d+) annotations?(?:, (\d+) to review)?$/.exec(description);
      assert.ok(tree, `the tree item's description gives the counts: ${description}`);
      assert.deepEqual([Number(tree[1]), Number(tree[2] ?? 0)], [seed.annotations, seed.awaitingReview], 'Articles view');

      await vscode.window.showTextDocument(uri);
      const text = await waitFor('the status bar for the article', () => {
        const shown = api.statusBar.shownText;
        return shown?.startsWith(`$(tag) ${seed.annotations}`) ? shown : undefined;
      });
      const bar = /^\$\(tag\) (\d+)(?: {2}\$\(eye\) (\d+))?/.exec(text);
      assert.ok(bar, `the status bar gives the counts: ${text}`);
      assert.deepEqual([Number(bar[1]), Number(bar[2] ?? 0)], [seed.annotations, seed.awaitingReview], 'status bar');
    });
  }
});
