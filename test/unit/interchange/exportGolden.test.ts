// Issue 12: the CoNLL and spaCy exports of a generated corpus, pinned by hash. The hashes were
// taken from the exporters before they were optimised, so any change of a byte in the output
// (or of a count in the summary) fails here.
import * as assert from 'node:assert/strict';
import { exportArticles, type ExportArticle } from '../../../src/core/interchange';
import type { Annotation } from '../../../src/core/model/types';
import { sha256Hex } from '../../../src/core/util/sha256';

/** Deterministic pseudo-random numbers (mulberry32), so the corpus is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Words with emoji (a skin tone, ZWJ sequences, a variation selector), decomposed and
// precomposed marks, an astral letter, CJK, punctuation; separators with CRLF and tabs.
const WORDS = ['Putin', 'bertemu', 'Tô', 'Lâm', 'Ha\u0300', 'No\u0302\u0323i', '👍🏽', '👩‍💻', '❤️', '𝐉ong', '北京', '習近平', '東京都',
  'ke-2', '2024', '“kata”', '(Kim)', 'Jong-un', 'Việt', 'Nam', 'e\u0301te\u0301', 'dan', 'di', '—', '...', 'U.S.', '50%'];
const SEPARATORS = [' ', ' ', ' ', ' ', '. ', ', ', '.\r\n', '\r\n\r\n', '\n', '\t', '。', '! '];
const LABELS = ['PER', 'LOC', 'ORG', 'EVENT', 'MISC'];
const AUTHORS = ['alice', 'bob', 'carol'];

function generatedArticles(count: number): ExportArticle[] {
  const next = random(20261201);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const articles: ExportArticle[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const words = 20 + Math.floor(next() * 200);
    for (let w = 0; w < words; w++) text += pick(WORDS) + pick(SEPARATORS);
    const points = Array.from(text);
    const annotations: Annotation[] = [];
    const spans = Math.floor(next() * 30);
    for (let s = 0; s < spans; s++) {
      // Mostly short spans, some long ones that nest or overlap others, a few empty and
      // some repeated by another annotator (collapsed on export).
      const start = Math.floor(next() * points.length);
      const length = next() < 0.1 ? Math.floor(next() * 60) : Math.floor(next() * 12);
      const end = Math.min(points.length, start + length);
      const label = pick(LABELS);
      const copies = next() < 0.2 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        annotations.push({
          id: `a${n}-${s}-${c}`, start, end, label, text: points.slice(start, end).join(''),
          author: pick(AUTHORS), status: 'accepted', ...(next() < 0.5 ? { entity: `e-${label}-${s % 7}` } : {}),
        });
      }
    }
    const path = `gen/${String(n).padStart(4, '0')}.txt`;
    articles.push({
      path, text, title: `Article ${n}`, sha256: sha256Hex(new TextEncoder().encode(text)),
      sidecar: { version: 1, source: { file: path, sha256: '' }, annotations, facts: [] },
    });
  }
  return articles;
}

/** Collapsed, overlapping, empty, and facts not written. */
const CONLL_COUNTS = [692, 820, 402, 0];
const CONLL_EXPORTED = 2803;
const SPACY_COUNTS = [692, 820, 402];

describe('CoNLL and spaCy export of a generated corpus (pinned output, issue 12)', () => {
  const articles = generatedArticles(300);

  it('is generated as meant: every annotation reaches the exporters', () => {
    assert.equal(articles.reduce((n, a) => n + a.sidecar.annotations.length, 0), 4717);
  });

  it('writes the same CoNLL bytes and summary as before the optimisation', () => {
    const output = exportArticles(articles, 'conll', { status: 'all' });
    assert.equal(output.files.length, 1);
    assert.equal(sha256Hex(new TextEncoder().encode(output.files[0]!.content)), 'f9706e30c587e705198212a33af7a4d2c88b3476fa76b14bb1b202bbf3f22e4b');
    assert.deepEqual(output.summary.notes.map((note) => note.count), CONLL_COUNTS);
    assert.equal(output.summary.annotations, CONLL_EXPORTED);
  });

  it('writes the same spaCy bytes and summary as before the optimisation', () => {
    const output = exportArticles(articles, 'spacy', { status: 'all' });
    assert.equal(sha256Hex(new TextEncoder().encode(output.files[0]!.content)), '3d7c54ee2fe783fa0565517c051983dc7ca236f0b3c4538380dddbdf7c018b8f');
    assert.deepEqual(output.summary.notes.map((note) => note.count), SPACY_COUNTS);
  });
});
