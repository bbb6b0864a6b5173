import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addAnnotations, updateAnnotation } from '../../../src/core/annotating/annotationOps';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { LiveSidecars, type LiveDocument, type LiveFailure, type LiveMerge, type TextChange } from '../../../src/core/live';
import { OffsetMap } from '../../../src/core/text/offsets';
import { parseSidecar } from '../../../src/core/format/sidecar';
import { NotWritableError, WriteRefusedError } from '../../../src/core/format/sidecarWriter';
import type { Sidecar } from '../../../src/core/model/types';
import { FaultyCorpusHost, type WriteFault } from '../fakes/faultyCorpusHost';
import { ARTICLE, REGISTRY_YAML, SIDECAR_YAML } from '../fixtures';

/** An open document: the text in the editor, which differs from the file until saved. */
class FakeDocument implements LiveDocument {
  version = 1;
  isDirty = false;
  constructor(readonly uri: string, private text: string, private readonly host: FaultyCorpusHost) {}
  getText(): string {
    return this.text;
  }
  /** Replaces UTF-16 [offset, offset+length) like a keystroke, and returns VS Code's change event entry. */
  edit(offset: number, length: number, inserted: string): TextChange {
    this.text = this.text.slice(0, offset) + inserted + this.text.slice(offset + length);
    this.version++;
    this.isDirty = true;
    return { rangeOffset: offset, rangeLength: length, text: inserted };
  }
  /** Writes the text to the file, as VS Code does before firing onDidSave. */
  save(): void {
    this.host.files.set(this.uri, new TextEncoder().encode(this.text));
    this.isDirty = false;
  }
}

interface Setup {
  host: FaultyCorpusHost;
  store: CorpusStore;
  live: LiveSidecars;
  document: FakeDocument;
  sidecarUri: string;
  failures: LiveFailure[];
  merges: LiveMerge[];
  trust: { trusted: boolean };
}

async function setup(article = ARTICLE, sidecarYaml: string | null = SIDECAR_YAML): Promise<Setup> {
  const host = new FaultyCorpusHost();
  host.put('entities.yaml', REGISTRY_YAML);
  const articleUri = host.put('article.txt', article);
  const sidecarUri = `${articleUri}.annotations.yaml`;
  if (sidecarYaml !== null) host.put('article.txt.annotations.yaml', sidecarYaml);
  const store = new CorpusStore(host);
  await store.load();
  const trust = { trusted: true };
  const live = new LiveSidecars({
    stored: (uri) => {
      const state = store.article(uri);
      return state && { sidecar: state.parsed?.sidecar, text: state.text };
    },
    refusal: (uri) => {
      const reason = store.notWritableReason(uri);
      if (reason) return new NotWritableError(`${uri}.annotations.yaml`, reason);
      return trust.trusted ? undefined : new WriteRefusedError(`${uri}.annotations.yaml`, 'untrusted-workspace', 'it is in Restricted Mode');
    },
    write: (uri, change) => store.updateSidecar(uri, change),
  }, { now: () => '2026-12-01T12:00:00Z', mergeAuthor: () => 'merge' });
  store.onDidChange((change) => {
    for (const uri of change.articles) live.storeChanged(uri, uri === articleUri ? document : undefined);
  });
  const document = new FakeDocument(articleUri, article, host);
  const failures: LiveFailure[] = [];
  const merges: LiveMerge[] = [];
  live.onDidFail((failure) => failures.push(failure));
  live.onDidMerge((merge) => merges.push(merge));
  return { host, store, live, document, sidecarUri, failures, merges, trust };
}

const relabel = (id: string, label: string) => (sidecar: Sidecar) => updateAnnotation(sidecar, id, { label });
const labels = (sidecar: Sidecar | undefined) => sidecar?.annotations.map((a) => `${a.id}:${a.label}`);
const onDisk = (s: Setup) => s.host.text(s.sidecarUri);
const diskSidecar = (s: Setup) => parseSidecar(s.sidecarUri, onDisk(s)!).sidecar!;

describe('LiveSidecars: state and disk agree', () => {
  it('writes a change on a saved article at once, and undoes it through the file', async () => {
    const s = await setup();
    assert.equal(await s.live.change(s.document, relabel('a2', 'PER')), 'written');
    assert.deepEqual(labels(diskSidecar(s)), ['a1:PER', 'a2:PER', 'a3:DATE']);
    assert.equal(await s.live.undo(s.document), 'written');
    assert.deepEqual(labels(diskSidecar(s)), ['a1:PER', 'a2:LOC', 'a3:DATE']);
    assert.equal(s.live.canRedo(s.document.uri), true);
  });

  for (const fault of ['killed-mid-write', 'disk-full', 'rename-fails', 'read-only'] as WriteFault[]) {
    it(`rolls a change back when its write fails (${fault}); the file is intact and the next change is written`, async () => {
      const s = await setup();
      const before = onDisk(s);
      const shownBefore = s.live.sidecar(s.document);
      s.host.failNext(fault);
      assert.equal(await s.live.change(s.document, relabel('a2', 'PER')), 'failed');
      assert.equal(onDisk(s), before, 'the sidecar on disk changed');
      assert.deepEqual(labels(s.store.article(s.document.uri)!.parsed!.sidecar), ['a1:PER', 'a2:LOC', 'a3:DATE'], 'the store believes the failed write');
      assert.deepEqual(s.live.sidecar(s.document), shownBefore, 'the editor shows a change that is not on disk');
      assert.equal(s.live.canUndo(s.document.uri), false, 'the failed change sits on the undo stack');
      assert.equal(s.failures.length, 1);
      assert.equal(s.failures[0]!.operation, 'change');
      assert.equal(s.failures[0]!.refused, false);
      // The cause is gone: the next change goes through.
      assert.equal(await s.live.change(s.document, relabel('a3', 'LOC')), 'written');
      assert.deepEqual(labels(diskSidecar(s)), ['a1:PER', 'a2:LOC', 'a3:LOC']);
      assert.deepEqual(labels(s.live.sidecar(s.document)), ['a1:PER', 'a2:LOC', 'a3:LOC']);
    });
  }

  it('keeps the undo and redo history as it was when an undo cannot be written', async () => {
    const s = await setup();
    await s.live.change(s.document, relabel('a2', 'PER'));
    s.host.failNext('disk-full');
    assert.equal(await s.live.undo(s.document), 'failed');
    assert.deepEqual(labels(s.live.sidecar(s.document)), ['a1:PER', 'a2:PER', 'a3:DATE']);
    assert.equal(s.live.canUndo(s.document.uri), true);
    assert.equal(s.live.canRedo(s.document.uri), false);
    assert.equal(await s.live.undo(s.document), 'written');
    assert.deepEqual(labels(diskSidecar(s)), ['a1:PER', 'a2:LOC', 'a3:DATE']);
  });

  it('rolls back a change refused because the file on disk stopped parsing, and leaves those bytes alone', async () => {
    const s = await setup();
    const broken = 'version: 1\nannotations: [unclosed\n';
    s.host.put('article.txt.annotations.yaml', broken);
    assert.equal(await s.live.change(s.document, relabel('a2', 'PER')), 'refused');
    assert.equal(onDisk(s), broken);
    assert.ok(s.failures[0]!.error instanceof NotWritableError);
    assert.equal(s.failures[0]!.refused, true);
    assert.equal(s.live.canUndo(s.document.uri), false);
  });

  it('refuses a change in Restricted Mode with a typed refusal, before any write', async () => {
    const s = await setup();
    s.trust.trusted = false;
    const writes = s.host.writes.length;
    assert.equal(await s.live.change(s.document, relabel('a2', 'PER')), 'refused');
    assert.equal(s.host.writes.length, writes);
    const error = s.failures[0]!.error;
    assert.ok(error instanceof WriteRefusedError && error.kind === 'untrusted-workspace');
    assert.deepEqual(labels(s.live.sidecar(s.document)), ['a1:PER', 'a2:LOC', 'a3:DATE']);
  });

  it('replays text typed while a failing write was under way onto the rolled-back state', async () => {
    const s = await setup();
    s.host.failNext('disk-full');
    const release = s.host.hold();
    const changing = s.live.change(s.document, relabel('a2', 'PER'));
    await new Promise((resolve) => setImmediate(resolve));
    // Five code points typed at the start while the write waits: every span moves by 5.
    s.live.textChanged(s.document, [s.document.edit(0, 0, 'Baru ')]);
    release();
    assert.equal(await changing, 'failed');
    const shown = s.live.sidecar(s.document)!;
    assert.deepEqual(shown.annotations.map((a) => [a.id, a.label, a.start, a.end]), [['a1', 'PER', 20, 34], ['a2', 'LOC', 43, 52], ['a3', 'DATE', 60, 72]]);
    assert.equal(s.live.pending(s.document), true);
  });

  it('keeps changes waiting when the save cannot write them, and writes them on the next save', async () => {
    const s = await setup();
    s.live.textChanged(s.document, [s.document.edit(0, 0, '😀 ')]);
    assert.equal(await s.live.change(s.document, relabel('a2', 'ORG')), 'pending');
    const before = onDisk(s);
    s.document.save();
    s.host.failNext('killed-mid-write');
    assert.equal(await s.live.saved(s.document), 'failed');
    assert.equal(onDisk(s), before);
    assert.equal(s.live.pending(s.document), true);
    assert.equal(s.failures[0]!.operation, 'save');
    assert.equal(await s.live.retry(s.document), 'written');
    const written = diskSidecar(s);
    assert.deepEqual(written.annotations.map((a) => [a.id, a.label, a.start, a.end, a.text]),
      [['a1', 'PER', 17, 31, 'Vladimir Putin'], ['a2', 'ORG', 40, 49, 'Pyongyang'], ['a3', 'DATE', 57, 69, '19 Juni 2024']]);
    assert.equal(s.live.pending(s.document), false);
  });

  it('holds the article while changes wait for the save or are being written, so re-anchoring on disk waits', async () => {
    const s = await setup();
    assert.equal(s.live.unsavedChanges(s.document.uri), undefined);
    s.live.textChanged(s.document, [s.document.edit(0, 0, 'Kabar: ')]);
    await s.live.change(s.document, relabel('a1', 'ORG'));
    assert.equal(s.live.unsavedChanges(s.document.uri), 'waiting');
    s.document.save();
    const saving = s.live.saved(s.document);
    assert.ok(s.live.unsavedChanges(s.document.uri) !== undefined, 'while the save writes');
    assert.equal(await saving, 'written');
    assert.equal(s.live.unsavedChanges(s.document.uri), undefined);
  });

  it('merges a sidecar rewritten on disk while changes wait: both survive, a true conflict is recorded', async () => {
    const s = await setup();
    s.live.textChanged(s.document, [s.document.edit(0, 0, 'Kabar: ')]); // 7 code points
    await s.live.change(s.document, relabel('a1', 'ORG'));
    await s.live.change(s.document, relabel('a3', 'LOC'));
    // Meanwhile a pull rewrites the sidecar (offsets in the text on disk, without "Kabar: ").
    const pulled = SIDECAR_YAML
      .replace('status: proposed', 'status: accepted') // a2 accepted there
      .replace('    label: DATE', '    label: PER')      // a3 relabelled both ways: a conflict
      .replace('facts:', `  - id: b9\n    label: LOC\n    start: 0\n    end: 8\n    text: Presiden\nfacts:`);
    s.host.put('article.txt.annotations.yaml', pulled);
    await s.store.fileChanged(s.sidecarUri);
    assert.equal(s.live.pending(s.document), true);
    s.document.save();
    assert.equal(await s.live.saved(s.document), 'written');
    const merged = diskSidecar(s);
    assert.deepEqual(merged.annotations.map((a) => [a.id, a.label, a.start, a.status ?? '']), [
      ['b9', 'LOC', 7, ''],
      ['a1', 'ORG', 22, 'accepted'],
      ['a2', 'LOC', 45, 'accepted'],
      ['a3', 'LOC', 62, ''],
      ['a3-conflict', 'PER', 62, ''],
    ]);
    assert.equal(merged.annotations.find((a) => a.id === 'a3-conflict')!.reviews![0]!.comment,
      'Merge conflict: another version of a3, kept beside it; keep one and delete the other.');
    assert.deepEqual(s.merges.map((m) => m.conflicts.map((c) => `${c.kind}:${c.id}`)), [['both-changed:a3']]);
  });

  // ---- property: spans follow their text -----------------------------------------------------

  const PIECES = ['a', 'b', ' ', 'é', 'e\u0301', '😀', '👩‍👩‍👧', '\r\n', '\n', 'ت', '\u200f'];
  const arbitraryText = fc.array(fc.constantFrom(...PIECES), { minLength: 20, maxLength: 60 }).map((pieces) => pieces.join(''));
  const arbitraryInsert = fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((pieces) => pieces.join(''));
  /** An edit in code points, as fractions of the text length (so it fits whatever the text is then). */
  const arbitraryEdit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 6 }), arbitraryInsert);

  it('keeps every live span on the characters it covered, or orphans it, under random edits (property)', async function () {
    this.timeout(60_000); // 150 runs, each with a store and a save: seconds on a busy machine
    await fc.assert(fc.asyncProperty(
      arbitraryText,
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 8 }),
      fc.array(arbitraryEdit, { minLength: 1, maxLength: 25 }),
      async (text, spanPicks, edits) => {
        const s = await setup(text, null);
        const length = [...text].length;
        const spans = spanPicks.map(([at, size]) => {
          const start = Math.min(Math.floor(at * length), length - 1);
          return { start, end: Math.min(start + size, length) };
        });
        await s.live.change(s.document, (sidecar, map) => addAnnotations(sidecar, spans.map((span) => ({ ...span, label: 'PER' })), map, { author: 'prop', created: '2026-12-01T12:00:00Z' }).sidecar);
        const created = s.live.sidecar(s.document)!.annotations;
        // The model: every original code point has an identity; inserted ones have none.
        let identities: (number | undefined)[] = [...text].map((_, i) => i);
        for (const [at, size, inserted] of edits) {
          const current = new OffsetMap(s.document.getText());
          const start = Math.floor(at * current.codePointLength);
          const end = Math.min(start + size, current.codePointLength);
          const utf16Start = current.toUtf16(start);
          s.live.textChanged(s.document, [s.document.edit(utf16Start, current.toUtf16(end) - utf16Start, inserted)]);
          identities = [...identities.slice(0, start), ...[...inserted].map(() => undefined), ...identities.slice(end)];
        }
        for (const item of s.live.sidecar(s.document)!.annotations) {
          if (item.orphaned) continue;
          const original = created.find((a) => a.id === item.id)!;
          const survivors = identities.filter((id): id is number => id !== undefined && id >= original.start && id < original.end);
          const covered = identities.slice(item.start, item.end).filter((id): id is number => id !== undefined);
          assert.deepEqual(covered, survivors, `${item.id} [${original.start}, ${original.end}) now [${item.start}, ${item.end})`);
          // A replacement inside a span becomes part of it (shiftSpan's rule: retyping a letter of a
          // name keeps the annotation), so piecewise replacements can leave a span holding only new
          // text; but a span never survives empty: deleting what is left of it orphans it.
          assert.ok(survivors.length > 0 || item.end > item.start, `${item.id} kept an empty place although all its text was deleted`);
        }
        // Saved: every placed item quotes exactly the saved text at its offsets.
        s.document.save();
        assert.equal(await s.live.saved(s.document), 'written');
        const saved = [...s.document.getText()];
        for (const item of diskSidecar(s).annotations) {
          if (!item.orphaned) assert.equal(item.text, saved.slice(item.start, item.end).join(''));
        }
      },
    ), { numRuns: 150 });
  });
});

describe('LiveSidecars: a keystroke costs the edit, not the article', () => {
  it('moves spans on typing without reading the text, and makes the offset map when asked', async () => {
    const s = await setup();
    s.live.sidecar(s.document); // the state exists (it reads the text once to start)
    let reads = 0;
    const getText = s.document.getText.bind(s.document);
    s.document.getText = () => { reads++; return getText(); };
    // At the start: three keystrokes, one of them an emoji (f1 is 15-47, a1 15-29).
    for (const inserted of ['x', '🎉', 'y']) s.live.textChanged(s.document, [s.document.edit(0, 0, inserted)]);
    assert.equal(reads, 0, 'a keystroke read the whole text');
    assert.deepEqual(s.live.sidecar(s.document)!.annotations.map((a) => `${a.id}:${a.start}-${a.end}`), ['a1:18-32', 'a2:41-50', 'a3:58-70']);
    assert.deepEqual(s.live.itemsIn(s.document, 45, 60).map((p) => p.item.id), ['f1', 'a2', 'a3']);
    const map = s.live.offsetMap(s.document);
    assert.equal(reads, 1);
    assert.equal(map.toUtf16(53), 55); // after 🎉 and 😀: two units more than code points
    assert.equal(s.live.offsetMap(s.document), map, 'made again for the same version');
  });

  it('keeps the code point edits since a version, and says when it does not know them all', async () => {
    const s = await setup();
    s.live.sidecar(s.document); // the article is open: its state exists
    const start = s.document.version;
    s.live.textChanged(s.document, [s.document.edit(0, 0, '🎉')]);
    s.live.textChanged(s.document, [s.document.edit(50, 2, '')]); // the 😀: UTF-16 50-51 after the 🎉, code point 49
    assert.deepEqual(s.live.editsSince(s.document, start), [[{ start: 0, end: 0, insertedLength: 1 }], [{ start: 49, end: 50, insertedLength: 0 }]]);
    assert.deepEqual(s.live.editsSince(s.document, start + 1), [[{ start: 49, end: 50, insertedLength: 0 }]]);
    s.document.edit(0, 0, 'x'); // a change nobody reported
    assert.equal(s.live.editsSince(s.document, start), undefined);
  });

  it('tells a move from a reshape: typing before a name keeps the shape, typing inside it does not', async () => {
    const s = await setup();
    const shape = s.live.shapeVersion(s.document);
    s.live.textChanged(s.document, [s.document.edit(0, 0, 'x')]);
    assert.equal(s.live.shapeVersion(s.document), shape);
    s.live.textChanged(s.document, [s.document.edit(20, 0, 'x')]); // inside “Vladimir Putin”, now 16-30
    assert.equal(s.live.shapeVersion(s.document) > shape, true);
    assert.deepEqual(s.live.sidecar(s.document)!.annotations[0]!.end, 31);
  });
});
