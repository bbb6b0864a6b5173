// Pins the re-anchoring evaluation (issue 8): on the seeded corpus of realistic edits, the
// editor path (with the old text) places no annotation wrongly and gets at least as many
// right as Hypothesis's method. Counts only; timings are in `npm run bench`.
import * as assert from 'node:assert/strict';
import { evaluationCorpus, HYPOTHESIS, OURS_WITH_OLD_TEXT, OURS_WITHOUT_OLD_TEXT, score } from './anchoringEvaluation';

describe('anchoring evaluation: realistic edits of the seed articles', function () {
  this.timeout(60_000); // Hypothesis's method runs approximate searches over every article
  const cases = evaluationCorpus();

  it('builds the same corpus every run (140 edits, 8,764 anchors, 187 of them gone)', () => {
    assert.equal(cases.length, 140);
    assert.equal(cases.reduce((n, c) => n + c.anchors.length, 0), 8764);
    assert.equal(cases.reduce((n, c) => n + c.truth.filter((t) => t === undefined).length, 0), 187);
  });

  it('with the old text (the editor): 0 wrong, and more correct than Hypothesis', () => {
    const wrong: string[] = [];
    const ours = score(cases, OURS_WITH_OLD_TEXT, (c, i, placed) => wrong.push(`${c.kind} ${c.article} "${c.anchors[i]!.text}" -> ${placed?.start}`));
    assert.deepEqual(wrong, []);
    assert.deepEqual(ours, { correct: 8675, wrong: 0, orphaned: 89 });
    const hypothesis = score(cases, HYPOTHESIS);
    assert.deepEqual(hypothesis, { correct: 8583, wrong: 181, orphaned: 0 });
    assert.ok(ours.correct >= hypothesis.correct);
  });

  it('without the old text (the store): wrong only where a similar passage is identical around the mention', () => {
    const wrongKinds = new Set<string>();
    const ours = score(cases, OURS_WITHOUT_OLD_TEXT, (c) => wrongKinds.add(c.kind));
    assert.deepEqual(ours, { correct: 8493, wrong: 13, orphaned: 258 });
    assert.deepEqual([...wrongKinds], ['deleted, similar passage remains']);
  });
});
