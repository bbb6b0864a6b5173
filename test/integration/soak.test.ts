// Soak run in the real VS Code host: random edits, annotation changes and saves on an article
// with hundreds of annotations; the final sidecar on disk is checked against a model of what
// the changes should have left, and nothing may be logged as an error or go unhandled.
// Short here (CI); `npm run soak` runs it long (SOURCE_ANNOTATOR_SOAK_STEPS, default 2000 there).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addAnnotations, removeAnnotation, updateAnnotation } from '../../src/core/annotating/annotationOps';
import { OffsetMap } from '../../src/core/text/offsets';
import { parseSidecar } from '../../src/core/format/sidecar';
import type { Sidecar } from '../../src/core/model/types';
import { extensionApi, readText, SuiteFiles, waitFor, writeText } from './helpers';
import { seededRandom as random } from '../shared/seededRandom';

const files = new SuiteFiles('soak-suite');

const STEPS = Number(process.env.SOURCE_ANNOTATOR_SOAK_STEPS) || 120;
const SEED = Number(process.env.SOURCE_ANNOTATOR_SOAK_SEED) || 20261201;
const ANNOTATIONS = 300;
const LABELS = ['PER', 'ORG', 'LOC', 'DATE', 'EVENT'];
const INSERTS = ['x', ' ', '😀', 'e\u0301', '\n', 'kata ', '👩‍👩‍👧', 'ت'];
const BY = { author: 'soak', created: '2026-12-01T12:00:00Z' };


function articleText(): string {
  const words: string[] = [];
  for (let i = 0; i < ANNOTATIONS + 100; i++) {
    let word = `w${String(i).padStart(4, '0')}`;
    if (i % 7 === 3) word += ' 😀';
    if (i % 11 === 5) word += ' café';
    words.push(word);
    if (i % 12 === 11) words.push('\n');
  }
  return `${words.join(' ')}\n`;
}

describe('soak: random edits, annotation changes and saves (real VS Code)', function () {
  this.timeout(Math.max(180_000, STEPS * 400));
  after(() => files.removeAll());

  it(`keeps the sidecar in step with a model through ${STEPS} random steps (seed ${SEED})`, async () => {
    const api = await extensionApi();
    const next = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const uri = files.uri('soak-article.txt');
    const text = articleText();
    await writeText(uri, text);
    await waitFor('the soak article in the corpus', () => api.store.article(uri.toString()));
    const editor = await vscode.window.showTextDocument(uri);
    const document = editor.document;

    let unhandled = 0;
    const onUnhandled = (): void => {
      unhandled++;
    };
    process.on('unhandledRejection', onUnhandled);
    const errorsBefore = api.loggedErrors();
    try {
      // Hundreds of annotations, one per word.
      const map = new OffsetMap(text);
      const spans = [...text.matchAll(/w\d{4}/g)].slice(0, ANNOTATIONS).map((match) => ({
        start: map.toCodePoint(match.index), end: map.toCodePoint(match.index + match[0].length), label: 'PER',
      }));
      assert.ok(await api.live.change(document, (sidecar, m) => addAnnotations(sidecar, spans, m, BY).sidecar));
      const model = new Map<string, string>(); // id → label: what must be in the file at the end
      for (const item of api.live.get(document)!.sidecar!.annotations) model.set(item.id, item.label);
      assert.equal(model.size, ANNOTATIONS);

      const live = (): Sidecar => api.live.get(document)!.sidecar!;
      const counts = { edits: 0, relabels: 0, deletions: 0, additions: 0, saves: 0 };
      for (let step = 0; step < STEPS; step++) {
        const roll = next();
        if (roll < 0.55) {
          const current = new OffsetMap(document.getText());
          const at = Math.floor(next() * current.codePointLength);
          const remove = next() < 0.4 ? 1 + Math.floor(next() * 4) : 0;
          const end = Math.min(at + remove, current.codePointLength);
          const range = new vscode.Range(document.positionAt(current.toUtf16(at)), document.positionAt(current.toUtf16(end)));
          assert.ok(await editor.edit((edit) => edit.replace(range, remove > 0 && next() < 0.5 ? '' : pick(INSERTS))), `edit ${step}`);
          counts.edits++;
        } else if (roll < 0.7) {
          const target = pick(live().annotations);
          const label = pick(LABELS);
          assert.ok(await api.live.change(document, (sidecar) => updateAnnotation(sidecar, target.id, { label })), `relabel ${step}`);
          model.set(target.id, label);
          counts.relabels++;
        } else if (roll < 0.75) {
          const target = pick(live().annotations);
          assert.ok(await api.live.change(document, (sidecar) => removeAnnotation(sidecar, target.id)), `delete ${step}`);
          model.delete(target.id);
          counts.deletions++;
        } else if (roll < 0.85) {
          const current = api.live.offsetMap(document);
          const start = Math.floor(next() * (current.codePointLength - 4));
          const before = new Set(live().annotations.map((a) => a.id));
          const label = pick(LABELS);
          assert.ok(await api.live.change(document, (sidecar, m) => addAnnotations(sidecar, [{ start, end: start + 3, label }], m, BY).sidecar), `add ${step}`);
          const added = live().annotations.filter((a) => !before.has(a.id));
          assert.equal(added.length, 1, `add ${step}`);
          model.set(added[0]!.id, label);
          counts.additions++;
        } else {
          // VS Code saves only a dirty document (save() is false otherwise).
          if (!document.isDirty) continue;
          assert.ok(await document.save(), `save ${step}`);
          await api.live.settled(document);
          counts.saves++;
        }
      }

      if (document.isDirty) assert.ok(await document.save());
      await api.live.settled(document);
      const sidecarUri = vscode.Uri.parse(`${uri.toString()}.annotations.yaml`);
      const saved = [...document.getText()];
      const onDisk = await waitFor('the final sidecar', async () => {
        const parsed = parseSidecar(sidecarUri.toString(), await readText(sidecarUri));
        const sidecar = parsed.sidecar;
        return sidecar && sidecar.annotations.length === model.size && !api.live.get(document)!.pending ? sidecar : undefined;
      });
      const problems: string[] = [];
      for (const item of onDisk.annotations) {
        if (model.get(item.id) !== item.label) problems.push(`${item.id}: label ${item.label}, expected ${model.get(item.id)}`);
        if (!item.orphaned && item.text !== saved.slice(item.start, item.end).join('')) problems.push(`${item.id}: quotes ${JSON.stringify(item.text)} at [${item.start}, ${item.end})`);
      }
      assert.deepEqual(onDisk.annotations.map((a) => a.id).sort(), [...model.keys()].sort());
      assert.deepEqual(problems, []);
      // The editor shows what is on disk.
      assert.deepEqual(live().annotations.map((a) => `${a.id}:${a.label}:${a.start}:${a.end}`).sort(),
        onDisk.annotations.map((a) => `${a.id}:${a.label}:${a.start}:${a.end}`).sort());
      assert.equal(unhandled, 0, 'unhandled promise rejections in the extension host');
      assert.equal(api.loggedErrors() - errorsBefore, 0, 'errors in the Source Annotator log');
      assert.ok(counts.edits > 0 && counts.saves > 0 && counts.relabels > 0, JSON.stringify(counts));
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
