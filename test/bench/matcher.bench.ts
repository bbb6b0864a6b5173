// Scan throughput of EntityMatcher with the registry's 30,000 aliases over the corpus text,
// side by side with Aho-Corasick packages from npm and a RegExp alternation of all aliases.
// The others match the aliases exactly as written (no case folding, no word boundaries, no
// case rules), so they do less work per character than ours; the ratio shows what that costs.
import { AhoCorasick as MonyoneAhoCorasick } from '@monyone/aho-corasick';
import BrunoAhoCorasick from 'ahocorasick';
import ModernAhoCorasick from 'modern-ahocorasick';
import { EntityMatcher } from '../../src/core/annotating/matcher';
import { registerCase, timeRuns } from './harness';

const SCAN_BYTES = 8 * 1024 * 1024;

function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

registerCase({
  name: 'matcher: scan throughput and the alternatives',
  async run(context) {
    const corpus = context.corpus();
    const pieces: string[] = [];
    // The corpus writes article i in script i % 3 (test/bench/corpus.ts): the scan of each
    // script's share is reported too, to see where the time goes.
    const byScript: string[][] = [[], [], []];
    let bytes = 0;
    for (const uri of corpus.articleUris) {
      const text = corpus.host.text(uri)!;
      byScript[pieces.length % 3]!.push(text);
      pieces.push(text);
      bytes += Buffer.byteLength(text) + 1;
      if (bytes >= SCAN_BYTES) break;
    }
    const text = pieces.join('\n');
    const megabytes = Buffer.byteLength(text) / (1024 * 1024);
    const aliases = [...new Set(corpus.entities.flatMap((e) => [e.name, ...e.aliases]))];

    let built = 0;
    const build = await timeRuns(3, () => { built = EntityMatcher.fromEntities(corpus.entities).aliasCount; });
    context.report(`matcher build, ${built} aliases`, 'ms', build);
    const matcher = EntityMatcher.fromEntities(corpus.entities);
    matcher.find(text.slice(0, 200_000));
    let found = 0;
    const ours = await timeRuns(5, () => { found = matcher.find(text).length; });
    const throughput = (ms: readonly number[]) => ms.map((t) => megabytes / (t / 1000));
    context.report(`matcher scan, ${built} aliases (${megabytes.toFixed(1)} MB, ${found} matches)`, 'MB/s', throughput(ours), { op: '>=', value: 60, of: 'median' });
    for (const [i, script] of ['Latin (diacritics, combining marks, emoji)', 'Arabic', 'CJK'].entries()) {
      const part = byScript[i]!.join('\n');
      const partMegabytes = Buffer.byteLength(part) / (1024 * 1024);
      const samples = await timeRuns(3, () => matcher.find(part));
      context.report(`matcher scan of the ${script} articles (${partMegabytes.toFixed(1)} MB)`, 'MB/s', samples.map((t) => partMegabytes / (t / 1000)));
    }

    // [name, build, how much of the text it scans]: a RegExp tries the alternatives one after
    // the other at every position, and modern-ahocorasick (grapheme mode) slows down more than
    // linearly on this text (50 KB: 0.6 s), so those two get 64 KB, the others 1 MB.
    const others: [string, () => (text: string) => unknown, number][] = [
      ['modern-ahocorasick', () => { const m = new ModernAhoCorasick(aliases); return (t) => m.search(t).length; }, 64 * 1024],
      ['@monyone/aho-corasick', () => { const m = new MonyoneAhoCorasick(aliases); return (t) => m.matchInText(t).length; }, 1024 * 1024],
      ['ahocorasick', () => { const m = new BrunoAhoCorasick(aliases); return (t) => m.search(t).length; }, 1024 * 1024],
      ['RegExp alternation of all aliases', () => {
        const pattern = new RegExp([...aliases].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
        return (t) => { let n = 0; for (const _ of t.matchAll(pattern)) n++; return n; };
      }, 64 * 1024],
    ];
    // The others scan the start of the text only: some are slow enough that 8 MB would cost minutes.
    const ourSpeed = megabytes / (median(ours) / 1000);
    for (const [name, make, length] of others) {
      const slice = text.slice(0, length);
      const sliceMegabytes = Buffer.byteLength(slice) / (1024 * 1024);
      try {
        console.log(`  ${name}: building and scanning ${(sliceMegabytes * 1024).toFixed(0)} KB…`);
        const buildStarted = performance.now();
        const scan = make();
        const buildMs = performance.now() - buildStarted;
        scan(slice.slice(0, 10_000));
        const samples = await timeRuns(3, () => scan(slice));
        const speeds = samples.map((ms) => sliceMegabytes / (ms / 1000));
        context.report(`${name}: scan of ${(sliceMegabytes * 1024).toFixed(0)} KB (build ${buildMs.toFixed(0)} ms)`, 'MB/s', speeds);
        context.report(`ratio: our scan speed / ${name}`, '×', [ourSpeed / median(speeds)]);
      } catch (error) {
        console.log(`  ${name}: could not run (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  },
});
