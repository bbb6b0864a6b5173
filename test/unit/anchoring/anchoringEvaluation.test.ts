// Pins the re-anchoring evaluation (issue 8): on the seeded corpus of realistic edits, neither
// the editor path (with the old text) nor the store path (without it) places an annotation
// wrongly, and both get more right than Hypothesis's method. Counts only; timings are in
// `npm run bench`.
import * as assert from 'node:assert/strict';
import {
  affected, evaluationCorpus, HYPOTHESIS, OURS_WITH_OLD_TEXT, OURS_WITHOUT_OLD_TEXT, score, type EvaluationCase, type Method,
} from './anchoringEvaluation';

function wrongPlacements(cases: readonly EvaluationCase[], method: Method): string[] {
  const wrong: string[] = [];
  score(cases, method, (c, i, placed) => wrong.push(`${c.kind} ${c.article} "${c.anchors[i]!.text}"@${c.anchors[i]!.start} -> ${placed?.start}`));
  return wrong;
}

describe('anchoring evaluation: realistic edits of the seed articles', function () {
  this.timeout(120_000); // Hypothesis's method runs approximate searches over every article
  const cases = evaluationCorpus();

  it('builds the same corpus every run (140 edits, 8,764 anchors, 3,326 touched by the edit, 187 gone)', () => {
    assert.equal(cases.length, 140);
    assert.equal(cases.reduce((n, c) => n + c.anchors.length, 0), 8764);
    assert.equal(cases.reduce((n, c) => n + c.anchors.filter((_, i) => affected(c, i)).length, 0), 3326);
    assert.equal(cases.reduce((n, c) => n + c.truth.filter((t) => t === undefined).length, 0), 187);
  });

  it('places nothing wrongly, with or without the old text, and gets more right than Hypothesis', () => {
    assert.deepEqual(wrongPlacements(cases, OURS_WITH_OLD_TEXT), []);
    assert.deepEqual(wrongPlacements(cases, OURS_WITHOUT_OLD_TEXT), []);
    const editor = score(cases, OURS_WITH_OLD_TEXT, undefined, affected);
    const store = score(cases, OURS_WITHOUT_OLD_TEXT, undefined, affected);
    const hypothesis = score(cases, HYPOTHESIS, undefined, affected);
    assert.deepEqual(editor, { correct: 3234, wrong: 0, orphaned: 92 });
    assert.deepEqual(store, { correct: 3189, wrong: 0, orphaned: 137 });
    assert.deepEqual(hypothesis, { correct: 3145, wrong: 181, orphaned: 0 });
    assert.ok(editor.correct >= hypothesis.correct && store.correct >= hypothesis.correct);
  });

  it('places nothing wrongly on corpora from other seeds either', () => {
    for (const seed of [1, 2, 3]) {
      const other = evaluationCorpus(4, seed);
      assert.deepEqual(wrongPlacements(other, OURS_WITH_OLD_TEXT), [], `seed ${seed}, with the old text`);
      assert.deepEqual(wrongPlacements(other, OURS_WITHOUT_OLD_TEXT), [], `seed ${seed}, without`);
    }
  });
});
