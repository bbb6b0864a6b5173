// The store path of re-anchoring (CorpusStore.reanchorIfStale): an article that changes on
// disk while loaded is re-anchored with a diff against the text its sidecar was written for,
// like the editor path, so a paragraph deleted while a similar one remains is orphaned
// rather than moved to the similar one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { OffsetMap } from '../../../src/core/text/offsets';
import { sha256OfText } from '../../../src/core/util/sha256';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

const seeds = join(__dirname, '..', '..', '..', '..', 'seeds');
const ARTICLE = readFileSync(join(seeds, '000_257178997c759933.txt'), 'utf8');
const SIDECAR = readFileSync(join(seeds, '000_257178997c759933.txt.annotations.yaml'), 'utf8');
const REGISTRY = readFileSync(join(seeds, 'entities.yaml'), 'utf8');

describe('anchoring in the corpus store', () => {
  const paragraph = ARTICLE.split('\n').find((line) => line.startsWith('akrab. Menurut laporan dari TASS'))! + '\n';
  // The old text also carries a republished copy of that paragraph at the end (not annotated).
  const oldText = `${ARTICLE}\n${paragraph}`;
  const newText = oldText.replace(paragraph, '');
  const paragraphStart = new OffsetMap(oldText).toCodePoint(oldText.indexOf(paragraph));
  const paragraphEnd = paragraphStart + Array.from(paragraph).length;

  it('orphans the annotations of a paragraph deleted on disk while an identical copy remains', async () => {
    const host = new MemoryCorpusHost();
    host.put('entities.yaml', REGISTRY);
    const article = host.put('000.txt', oldText);
    // The seed sidecar describes the seed text, and so the old text (the copy is appended).
    host.put('000.txt.annotations.yaml', SIDECAR.replace('file: 000_257178997c759933.txt', 'file: 000.txt')
      .replace(/sha256: [0-9a-f]{64}/, `sha256: ${sha256OfText(oldText)}`));
    const store = new CorpusStore(host);
    await store.load();
    const stored = store.article(article)!.parsed!.sidecar!;
    const before = [...stored.annotations, ...stored.facts];
    const inParagraph = before.filter((a) => a.start >= paragraphStart && a.end <= paragraphEnd);
    assert.ok(inParagraph.length >= 3, `${inParagraph.length} annotations in the paragraph`);

    host.put('000.txt', newText);
    await store.fileChanged(article);
    const report = await store.reanchorIfStale(article);
    assert.ok(report);
    const placed = store.article(article)!.parsed!.sidecar!;
    const after = [...placed.annotations, ...placed.facts];
    const shift = Array.from(paragraph).length;
    const map = new OffsetMap(newText);
    for (const item of after) {
      const old = before.find((a) => a.id === item.id)!;
      if (inParagraph.includes(old)) {
        assert.equal(item.orphaned, true, `${item.id} "${item.text}" was moved to ${item.start}, into the copy`);
        assert.equal(item.start, old.start, 'an orphan keeps its data');
      } else if (!old.orphaned) {
        assert.equal(item.orphaned, undefined, `${item.id} "${item.text}" orphaned`);
        assert.equal(item.start, old.start < paragraphStart ? old.start : old.start - shift, item.id);
        assert.equal(map.slice(item.start, item.end), item.text);
      }
    }
    assert.equal(report.orphaned, inParagraph.length);
  });
});
