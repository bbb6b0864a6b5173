// Export throughput (issue 12): JSONL, CoNLL and brat over the generated corpus's articles,
// as MB of article text (UTF-8) exported per second, from the loaded store's data to the
// files' text (writing them to disk is the caller's and not counted).
import { CorpusStore } from '../../src/core/corpus/corpusStore';
import { articlesForExport, exportArticles, type ExportFormat } from '../../src/core/interchange';
import { registerCase, timeRuns } from './harness';

const TARGETS: readonly [ExportFormat, number][] = [['jsonl', 50], ['conll', 15], ['brat', 30]];
const encoder = new TextEncoder();

registerCase({
  name: 'export: JSONL, CoNLL and brat throughput',
  async run(context) {
    const corpus = context.corpus();
    const store = new CorpusStore(corpus.host);
    await store.load();
    const root = corpus.host.roots()[0]!;
    // Every annotation of the generated corpus counts, whatever its status.
    const { articles } = articlesForExport(store, root);
    const megabytes = articles.reduce((sum, article) => sum + encoder.encode(article.text).length, 0) / 1e6;
    console.log(`  ${articles.length} articles, ${megabytes.toFixed(1)} MB of text`);
    for (const [format, target] of TARGETS) {
      let files = 0;
      const times = await timeRuns(3, () => { files = exportArticles(articles, format, { status: 'all' }).files.length; });
      context.report(`export ${format} (${files} files)`, 'MB/s', times.map((ms) => megabytes / (ms / 1000)), { op: '>=', value: target, of: 'median' },
        'MB of article text per second, from parsed sidecars to file text');
    }
  },
});
