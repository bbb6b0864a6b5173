// Live editing through the small document interface, with an in-memory document and corpus:
// spans moving with typed text (UTF-16 edits, code point spans), undo and redo while the
// article is unsaved, the save writing what waited, the disk read again, and the merge on save.
import * as assert from 'node:assert/strict';
import { updateAnnotation } from '../../../src/core/annotating/annotationOps';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { parseSidecar } from '../../../src/core/format/sidecar';
import { LiveSidecars, mergeOnSave } from '../../../src/core/live';
import type { Annotation, Sidecar } from '../../../src/core/model/types';
import { FakeDocument } from '../fakes/fakeDocument';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';
import { ARTICLE, REGISTRY_YAML, SIDECAR_YAML } from '../fixtures';

interface Setup {
  host: MemoryCorpusHost;
  store: CorpusStore;
  live: LiveSidecars;
  document: FakeDocument;
  sidecarUri: string;
}

async function setup(): Promise<Setup> {
  const host = new MemoryCorpusHost();
  host.put('entities.yaml', REGISTRY_YAML);
  const articleUri = host.put('article.txt', ARTICLE);
  host.put('article.txt.annotations.yaml', SIDECAR_YAML);
  const store = new CorpusStore(host);
  await store.load();
  const live = new LiveSidecars({
    stored: (uri) => {
      const state = store.article(uri);
      return state && { sidecar: state.parsed?.sidecar, text: state.text };
    },
    refusal: () => undefined,
    write: (uri, change) => store.updateSidecar(uri, change),
  }, { now: () => '2026-12-01T12:00:00Z', mergeAuthor: () => 'merge' });
  const document = new FakeDocument(articleUri, ARTICLE, host);
  store.onDidChange((change) => {
    for (const uri of change.articles) live.storeChanged(uri, uri === articleUri ? document : undefined);
  });
  return { host, store, live, document, sidecarUri: `${articleUri}.annotations.yaml` };
}

const relabel = (id: string, label: string) => (sidecar: Sidecar) => updateAnnotation(sidecar, id, { label });
const spans = (sidecar: Sidecar | undefined) => sidecar?.annotations.map((a) => `${a.id}:${a.label}:${a.start}-${a.end}`);
const diskSidecar = (s: Setup) => parseSidecar(s.sidecarUri, s.host.text(s.sidecarUri)!).sidecar!;

// ARTICLE: a1 "Vladimir Putin" 15–29, a2 "Pyongyang" 38–47, then 😀 (code point 48, UTF-16 48–49),
// a3 "19 Juni 2024" 55–67 (UTF-16 56–68).
describe('LiveSidecars: live editing through the document interface', () => {
  it('moves spans by code points for UTF-16 edits: a ZWJ emoji, CRLF, a combining mark', async () => {
    const s = await setup();
    // 👩‍👩‍👧 is 5 code points (8 UTF-16 units); with the space, everything moves by 6.
    s.live.textChanged(s.document, [s.document.edit(0, 0, '👩‍👩‍👧 ')]);
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:21-35', 'a2:LOC:44-53', 'a3:DATE:61-73']);
    // A line break right after 😀 (UTF-16 57–58 now): only a3 moves, by 2.
    s.live.textChanged(s.document, [s.document.edit(59, 0, '\r\n')]);
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:21-35', 'a2:LOC:44-53', 'a3:DATE:63-75']);
    // e + U+0301 (two code points) typed between a1 and a2 (UTF-16 offset 12 + 9 + 2 = 38): a2 and a3 move by 2.
    s.live.textChanged(s.document, [s.document.edit(38, 0, 'e\u0301')]);
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:21-35', 'a2:LOC:46-55', 'a3:DATE:65-77']);
    assert.equal(s.live.pending(s.document), true);
    assert.equal(s.live.unsavedChanges(s.document.uri), 'waiting');
    // Nothing was written while the article is unsaved.
    assert.equal(s.host.text(s.sidecarUri), SIDECAR_YAML);
    s.document.save();
    assert.equal(await s.live.saved(s.document), 'written');
    const written = diskSidecar(s);
    const map = [...s.document.getText()];
    assert.deepEqual(written.annotations.map((a) => [a.id, a.start, a.end, map.slice(a.start, a.end).join('')]),
      [['a1', 21, 35, 'Vladimir Putin'], ['a2', 46, 55, 'Pyongyang'], ['a3', 65, 77, '19 Juni 2024']]);
    assert.equal(s.live.pending(s.document), false);
  });

  it('undoes and redoes annotation changes made while the article is unsaved; the save writes the state reached', async () => {
    const s = await setup();
    s.live.textChanged(s.document, [s.document.edit(0, 0, 'Kabar: ')]); // 7 code points
    assert.equal(await s.live.change(s.document, relabel('a2', 'PER')), 'pending');
    assert.equal(await s.live.change(s.document, relabel('a3', 'LOC')), 'pending');
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:22-36', 'a2:PER:45-54', 'a3:LOC:62-74']);
    assert.equal(await s.live.undo(s.document), 'pending');
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:22-36', 'a2:PER:45-54', 'a3:DATE:62-74']);
    assert.equal(await s.live.undo(s.document), 'pending');
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:22-36', 'a2:LOC:45-54', 'a3:DATE:62-74']);
    assert.equal(s.live.canUndo(s.document.uri), false);
    assert.equal(await s.live.undo(s.document), 'none');
    assert.equal(await s.live.redo(s.document), 'pending');
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:22-36', 'a2:PER:45-54', 'a3:DATE:62-74']);
    assert.equal(s.live.canRedo(s.document.uri), true);
    assert.equal(s.host.text(s.sidecarUri), SIDECAR_YAML, 'nothing written before the save');
    s.document.save();
    assert.equal(await s.live.saved(s.document), 'written');
    assert.deepEqual(spans(diskSidecar(s)), ['a1:PER:22-36', 'a2:PER:45-54', 'a3:DATE:62-74']);
  });

  it('writes undo and redo on a saved article at once, and a new change clears the redo history', async () => {
    const s = await setup();
    await s.live.change(s.document, relabel('a1', 'ORG'));
    assert.equal(await s.live.undo(s.document), 'written');
    assert.equal(await s.live.redo(s.document), 'written');
    assert.deepEqual(spans(diskSidecar(s)), ['a1:ORG:15-29', 'a2:LOC:38-47', 'a3:DATE:55-67']);
    assert.equal(await s.live.undo(s.document), 'written');
    assert.equal(s.live.canRedo(s.document.uri), true);
    await s.live.change(s.document, relabel('a2', 'ORG'));
    assert.equal(s.live.canRedo(s.document.uri), false);
    assert.equal(await s.live.redo(s.document), 'none');
    assert.deepEqual(spans(diskSidecar(s)), ['a1:PER:15-29', 'a2:ORG:38-47', 'a3:DATE:55-67']);
  });

  it('takes the state on disk again when typing is undone back to the saved text', async () => {
    const s = await setup();
    s.live.textChanged(s.document, [s.document.edit(0, 0, 'X')]);
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:16-30', 'a2:LOC:39-48', 'a3:DATE:56-68']);
    assert.equal(s.live.pending(s.document), true);
    s.live.textChanged(s.document, [s.document.edit(0, 1, '')], true);
    assert.equal(s.document.isDirty, false);
    assert.equal(s.live.pending(s.document), false);
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:15-29', 'a2:LOC:38-47', 'a3:DATE:55-67']);
  });

  it('writes an annotation change made while unsaved when typing is undone back to the saved text, instead of losing it', async () => {
    const s = await setup();
    s.live.textChanged(s.document, [s.document.edit(0, 0, 'X')]);
    assert.equal(await s.live.change(s.document, relabel('a2', 'PER')), 'pending');
    s.live.textChanged(s.document, [s.document.edit(0, 1, '')], true);
    await s.live.settled(s.document.uri);
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:15-29', 'a2:PER:38-47', 'a3:DATE:55-67']);
    assert.deepEqual(spans(diskSidecar(s)), ['a1:PER:15-29', 'a2:PER:38-47', 'a3:DATE:55-67']);
    assert.equal(s.live.pending(s.document), false);
    assert.match(s.host.text(s.sidecarUri)!, /^# Checked by Alice; ask her before relabelling\.\n/, 'the comment of the file is kept');
  });

  it('follows a sidecar changed on disk when nothing waits, and reads the disk again after the article is closed', async () => {
    const s = await setup();
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:15-29', 'a2:LOC:38-47', 'a3:DATE:55-67']);
    s.host.put('article.txt.annotations.yaml', SIDECAR_YAML.replace('    label: DATE', '    label: EVENT'));
    await s.store.fileChanged(s.sidecarUri);
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:PER:15-29', 'a2:LOC:38-47', 'a3:EVENT:55-67']);
    await s.live.change(s.document, relabel('a1', 'ORG'));
    s.live.closed(s.document.uri);
    assert.equal(s.live.canUndo(s.document.uri), false, 'the history goes with the closed document');
    assert.deepEqual(spans(s.live.sidecar(s.document)), ['a1:ORG:15-29', 'a2:LOC:38-47', 'a3:EVENT:55-67']);
  });
});

describe('mergeOnSave', () => {
  const annotation = (id: string, label: string, start: number, end: number, text: string): Annotation => ({ id, label, start, end, text });
  const sidecar = (annotations: Annotation[], extra: Record<string, unknown> = {}): Sidecar =>
    ({ version: 1, source: { file: 'article.txt' }, annotations, facts: [], ...extra }) as Sidecar;
  const BASE_TEXT = 'Putin tiba di Pyongyang.';
  const SAVED_TEXT = 'Kabar: Putin tiba di Pyongyang.'; // 7 code points more at the start

  it('re-anchors the disk versions to the saved text, then merges them three-way with the editor’s', () => {
    const base = sidecar([annotation('a1', 'PER', 0, 5, 'Putin'), annotation('a2', 'LOC', 14, 23, 'Pyongyang')]);
    // The editor relabelled a1; its offsets are in the saved text.
    const ours = sidecar([annotation('a1', 'ORG', 7, 12, 'Putin'), annotation('a2', 'LOC', 21, 30, 'Pyongyang')]);
    // On disk meanwhile (offsets in the old text): a2 accepted, b1 added; and a key this writer does not know.
    const current = sidecar([
      annotation('b1', 'MISC', 6, 10, 'tiba'), annotation('a1', 'PER', 0, 5, 'Putin'), { ...annotation('a2', 'LOC', 14, 23, 'Pyongyang'), status: 'accepted' },
    ], { 'x-reviewer-notes': 'keep me' });
    const merged = mergeOnSave(base, ours, current, SAVED_TEXT, BASE_TEXT);
    assert.deepEqual(merged.conflicts, []);
    assert.deepEqual(merged.sidecar.annotations.map((a) => [a.id, a.label, a.start, a.end, a.status ?? '']).sort(),
      [['a1', 'ORG', 7, 12, ''], ['a2', 'LOC', 21, 30, 'accepted'], ['b1', 'MISC', 13, 17, '']]);
    assert.equal((merged.sidecar as unknown as Record<string, unknown>)['x-reviewer-notes'], 'keep me');
  });

  it('keeps both versions of an annotation changed on both sides, with the merge author and time', () => {
    const base = sidecar([annotation('a1', 'PER', 0, 5, 'Putin')]);
    const ours = sidecar([annotation('a1', 'ORG', 0, 5, 'Putin')]);
    const current = sidecar([annotation('a1', 'LOC', 0, 5, 'Putin')]);
    const merged = mergeOnSave(base, ours, current, BASE_TEXT, BASE_TEXT, { now: () => '2026-12-01T12:00:00Z', mergeAuthor: () => 'merge' });
    assert.deepEqual(merged.conflicts.map((c) => [c.kind, c.id, c.theirsId]), [['both-changed', 'a1', 'a1-conflict']]);
    assert.deepEqual(merged.sidecar.annotations.map((a) => [a.id, a.label]), [['a1', 'ORG'], ['a1-conflict', 'LOC']]);
    const review = merged.sidecar.annotations[1]!.reviews![0]!;
    assert.deepEqual([review.by, review.at], ['merge', '2026-12-01T12:00:00Z']);
  });
});

