// `npm run bench`: speed and memory figures for the paths that must stay fast as corpora grow.
// Figures only; the targets they are read against are in README.md ("Performance").
import { benchCorpusIndex } from './corpusIndex.bench';
import { benchMatcher } from './matcher.bench';
import { benchReanchor } from './reanchor.bench';
import { benchStore } from './store.bench';
import { benchWrites } from './write.bench';

async function main(): Promise<void> {
  console.log(`Source Annotator benchmarks — Node ${process.version}, ${process.platform}/${process.arch}`);
  // The store benchmark last: it leaves the most garbage, which would blur the memory figures.
  benchMatcher();
  console.log('');
  benchCorpusIndex();
  console.log('');
  benchReanchor();
  console.log('');
  await benchWrites();
  console.log('');
  await benchStore();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
