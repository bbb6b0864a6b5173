// Work in the 1 MB article with 20,000 annotations: one keystroke (the core steps the live
// editing path runs per change) and suggestions after a typing pause with 30,000 aliases. (One
// annotation change written to its sidecar: write.bench.ts.)
import { codePointEdit } from '../../src/core/anchoring';
import { findDates } from '../../src/core/text/dates';
import { shiftSidecar } from '../../src/core/anchoring/liveSidecar';
import { EntityMatcher } from '../../src/core/annotating/matcher';
import { OffsetMap } from '../../src/core/text/offsets';
import { withoutAnnotated } from '../../src/core/annotating/suggestionFilter';
import type { Sidecar } from '../../src/core/model/types';
import { registerCase, timeRuns } from './harness';

registerCase({
  name: 'editing the 1 MB article (20,000 annotations)',
  async run(context) {
    const corpus = context.corpus();
    const big = corpus.big;

    // A keystroke as src/extension/liveArticles.ts handles it today: the change converted to
    // code points, every span shifted, the offset map built again from the new text. (Getting
    // the text from VS Code and drawing decorations are not in this figure.)
    let text = big.text;
    let sidecar: Sidecar = big.sidecar;
    let map = new OffsetMap(text);
    const keystroke = await timeRuns(300, () => {
      const at = Math.floor(text.length / 2);
      const edit = codePointEdit(map, at, 0, 'x');
      sidecar = shiftSidecar(sidecar, [edit]);
      map = new OffsetMap(text);
    }, () => { const at = Math.floor(text.length / 2); text = `${text.slice(0, at)}x${text.slice(at)}`; });
    context.report('one keystroke in the 1 MB article: shift annotations, rebuild the offset map', 'ms', keystroke, { op: '<=', value: 4, of: 'p99' },
      'core steps of liveArticles; decorations not included');

    // Suggestions after a pause: the matcher over the whole text, dates, then what is not
    // annotated yet (src/extension/suggestions.ts `compute`).
    const matcher = EntityMatcher.fromEntities(corpus.entities);
    const suggestions = await timeRuns(10, () => {
      const found: { start: number; end: number }[] = [];
      for (const match of matcher.find(big.text)) for (const _ of match.candidates) found.push({ start: match.start, end: match.end });
      for (const date of findDates(big.text)) found.push({ start: date.start, end: date.end });
      return withoutAnnotated(found, big.sidecar.annotations).sort((a, b) => a.start - b.start || b.end - a.end);
    });
    context.report(`suggestions after a typing pause in the 1 MB article, ${matcher.aliasCount} aliases`, 'ms', suggestions, { op: '<=', value: 50, of: 'median' });
  },
});
