// The cost of one change to a large sidecar through the store: read the file, one parse, the
// text splice, the read-back check, the atomic write. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { registerCase } from './harness';
import { CorpusStore } from '../../src/core/corpus/corpusStore';
import { writeSidecar } from '../../src/core/format/sidecarWriter';
import type { Annotation } from '../../src/core/model/types';
import { MemoryCorpusHost } from '../unit/fakes/memoryCorpusHost';

export async function benchWrites(): Promise<void> {
  console.log('\nSidecar writes (one change through CorpusStore.updateSidecar):');
  for (const count of [3_000, 15_000]) {
    const text = 'Presiden Vladimir Putin tiba di Pyongyang. '.repeat(Math.ceil(count / 2));
    const annotations: Annotation[] = Array.from({ length: count }, (_, i) => ({
      id: `a${i}`, label: 'PER', start: i * 43 + 9, end: i * 43 + 23, text: 'Vladimir Putin',
      prefix: 'Presiden ', suffix: ' tiba di Pyongyang.', author: 'bench', created: '2026-11-22T00:00:00Z', status: 'proposed',
    }));
    const host = new MemoryCorpusHost();
    const article = host.put('big.txt', text);
    const yaml = writeSidecar('big.txt.annotations.yaml', { version: 1, source: { file: 'big.txt' }, annotations, facts: [] });
    host.put('big.txt.annotations.yaml', yaml);
    const store = new CorpusStore(host);
    await store.load();
    let started = performance.now();
    await store.updateSidecar(article, (current) => ({ ...current, annotations: current.annotations.map((a) => (a.id === 'a7' ? { ...a, status: 'accepted' as const } : a)) }));
    const statusMs = performance.now() - started;
    started = performance.now();
    await store.updateSidecar(article, (current) => ({ ...current, annotations: [...current.annotations, { id: 'new', label: 'PER', start: 0, end: 8, text: 'Presiden' }] }));
    const addMs = performance.now() - started;
    console.log(`  ${count} annotations (${(yaml.length / 1e6).toFixed(1)} MB): status change ${statusMs.toFixed(0)} ms, one added annotation ${addMs.toFixed(0)} ms`);
  }
}

registerCase({ name: 'sidecar writes through the store (3,000 and 15,000 annotations)', run: () => benchWrites() });
