// The annotated seed corpus is the demo and a fixture: it must load with no problem at all.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusStore } from '../../../src/core/corpus/corpusStore';
import { formatDiagnostic } from '../../../src/core/model/diagnostics';
import { OffsetMap } from '../../../src/core/text/offsets';
import { MemoryCorpusHost } from '../fakes/memoryCorpusHost';

const seeds = join(__dirname, '..', '..', '..', '..', 'seeds');

describe('the annotated seed corpus', () => {
  it('validates with no problem and covers the five articles', async () => {
    const host = new MemoryCorpusHost();
    for (const name of readdirSync(seeds)) host.files.set(`mem:///corpus/${name}`, readFileSync(join(seeds, name)));
    const store = new CorpusStore(host);
    await store.load();
    const problems = [...store.diagnostics().values()].flat();
    assert.deepEqual(problems.map(formatDiagnostic), []);
    const articles = store.articleUris();
    assert.equal(articles.length, 5);
    let facts = 0;
    for (const uri of articles) {
      const state = store.article(uri)!;
      const sidecar = state.parsed?.sidecar;
      assert.ok(sidecar, `${uri} has a sidecar`);
      assert.ok(sidecar.annotations.length > 20, `${uri} is annotated`);
      assert.equal(sidecar.source.sha256, state.sha256, `${uri}: the sidecar was checked against this text`);
      const map = new OffsetMap(state.text!);
      for (const item of [...sidecar.annotations, ...sidecar.facts]) assert.equal(map.slice(item.start, item.end), item.text);
      facts += sidecar.facts.length;
    }
    assert.ok(facts >= 15, `${facts} facts`);
    assert.deepEqual(host.writes, [], 'loading writes nothing');
  });
});
