import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codePointEdit, quoteAt, reanchor, Reanchorer, reanchorSidecar, shiftSpan, shiftSpans,
  type ReanchorResult, type Span, type SpanEdit,
} from '../../../src/core/anchoring';
import { OffsetMap } from '../../../src/core/text/offsets';
import type { Anchor, Annotation, Fact, Sidecar } from '../../../src/core/model/types';
import { anchorAt, offsetOf, replaceOnce } from './anchorFixtures';

function seed(name: string): string {
  return readFileSync(join(__dirname, '..', '..', '..', '..', 'seeds', name), 'utf8');
}

/** A Kompas-style report on Putin's visit to Pyongyang (15 lines, one paragraph per line). */
const ARTICLE = seed('000_257178997c759933.txt');




function assertPlaced(result: ReanchorResult, kind: ReanchorResult['kind'], newText: string, start: number, text: string): void {
  assert.equal(result.kind, kind, `kind (reason: ${result.reason})`);
  assert.equal(result.start, start, 'start');
  assert.equal(result.end, start + Array.from(text).length, 'end');
  assert.equal(result.text, text, 'text');
  assert.equal(new OffsetMap(newText).slice(result.start!, result.end!), text, 'the new text holds the quote there');
  assert.ok(result.confidence > 0 && result.confidence <= 1, `confidence ${result.confidence}`);
}

/** Both with and without the old text: the result must not depend on having it. */
function reanchorBothWays(anchor: Anchor, oldText: string, newText: string): ReanchorResult[] {
  return [reanchor(anchor, newText, { oldText }), reanchor(anchor, newText)];
}

describe('anchoring: quoteAt', () => {
  it('quotes a span with 32 code points of context on each side', () => {
    const start = offsetOf(ARTICLE, 'Kim Jong Un', 'Korea Utara ');
    const quote = quoteAt(ARTICLE, start, start + 11);
    assert.deepEqual(quote, {
      text: 'Kim Jong Un',
      prefix: 'ika Putin serta Pemimpin Tertinggi Korea Utara '.slice(-32),
      suffix: ' saling bertukar kado serta menghabiskan'.slice(0, 32),
    });
    assert.equal(Array.from(quote.prefix).length, 32);
  });

  it('takes what there is at the edges of the text', () => {
    const text = 'Putin tiba di Pyongyang.';
    assert.deepEqual(quoteAt(text, 0, 5), { text: 'Putin', prefix: '', suffix: ' tiba di Pyongyang.' });
    assert.deepEqual(quoteAt(text, 14, 24), { text: 'Pyongyang.', prefix: 'Putin tiba di ', suffix: '' });
    assert.deepEqual(quoteAt(text, 0, 24), { text, prefix: '', suffix: '' });
    assert.deepEqual(quoteAt('', 0, 0), { text: '', prefix: '', suffix: '' });
  });

  it('counts code points, not UTF-16 units, around emoji', () => {
    // 🇷🇺 is two code points (four UTF-16 units); 😀 and 🤝 one each (two units).
    const text = '🇷🇺🤝 Presiden Rusia 😀 Vladimir Putin 😀 tiba di Pyongyang 🇰🇵 hari ini bersama Kim Jong Un';
    const start = Array.from(text).indexOf('V');
    const quote = quoteAt(text, start, start + 14);
    assert.equal(quote.text, 'Vladimir Putin');
    assert.equal(quote.prefix, '🇷🇺🤝 Presiden Rusia 😀 ');
    const suffix = ' 😀 tiba di Pyongyang 🇰🇵 hari ini';
    assert.equal(Array.from(suffix).length, 32);
    assert.equal(quote.suffix, suffix);
    assert.ok(quote.suffix.length > 32, 'more UTF-16 units than code points');
    // A span may be an emoji; context never splits one.
    const flag = Array.from(text).indexOf('\u{1F1F0}');
    assert.equal(quoteAt(text, flag, flag + 2).text, '🇰🇵');
  });

  it('accepts a prepared OffsetMap and gives the same result', () => {
    const map = new OffsetMap(ARTICLE);
    const start = offsetOf(ARTICLE, 'Roger Baker');
    assert.deepEqual(quoteAt(map, start, start + 11), quoteAt(ARTICLE, start, start + 11));
  });

  it('refuses spans outside the text', () => {
    assert.throws(() => quoteAt('Putin', -1, 2), RangeError);
    assert.throws(() => quoteAt('Putin', 3, 2), RangeError);
    assert.throws(() => quoteAt('Putin', 0, 6), RangeError);
    assert.throws(() => quoteAt('😀', 0, 2), RangeError, 'one code point, two UTF-16 units');
    assert.throws(() => quoteAt('Putin', 0.5, 2), RangeError);
  });
});

describe('anchoring: shiftSpan (live editing)', () => {
  // "Putin" in "Presiden Vladimir Putin tiba": span [18, 23).
  const span: Span = { start: 18, end: 23 };
  const edit = (start: number, end: number, insertedLength: number): SpanEdit => ({ start, end, insertedLength });

  it('moves the span for an edit entirely before it', () => {
    assert.deepEqual(shiftSpan(span, edit(3, 3, 4)), { start: 22, end: 27 }, 'insertion');
    assert.deepEqual(shiftSpan(span, edit(0, 9, 0)), { start: 9, end: 14 }, 'deletion');
    assert.deepEqual(shiftSpan(span, edit(0, 8, 2)), { start: 12, end: 17 }, 'replacement');
    assert.deepEqual(shiftSpan(span, edit(9, 18, 0)), { start: 9, end: 14 }, 'deletion ending at the start');
  });

  it('leaves the span for an edit entirely after it', () => {
    assert.deepEqual(shiftSpan(span, edit(24, 28, 9)), span);
    assert.deepEqual(shiftSpan(span, edit(23, 28, 0)), span, 'deletion starting at the end');
  });

  it('moves, but does not extend, the span for an insertion exactly at its start', () => {
    assert.deepEqual(shiftSpan(span, edit(18, 18, 3)), { start: 21, end: 26 });
  });

  it('does not extend the span for an insertion exactly at its end', () => {
    assert.deepEqual(shiftSpan(span, edit(23, 23, 3)), span);
  });

  it('stretches or shrinks the span for an edit inside it', () => {
    assert.deepEqual(shiftSpan(span, edit(20, 20, 2)), { start: 18, end: 25 }, 'insertion');
    assert.deepEqual(shiftSpan(span, edit(19, 21, 0)), { start: 18, end: 21 }, 'deletion');
    assert.deepEqual(shiftSpan(span, edit(18, 20, 1)), { start: 18, end: 22 }, 'replacing its first characters');
    assert.deepEqual(shiftSpan(span, edit(21, 23, 4)), { start: 18, end: 25 }, 'replacing its last characters');
  });

  it('keeps the surviving part when an edit overlaps the start', () => {
    // Deletes "r P" of "Vladimir Putin" and types "-": the span is what is left of "Putin".
    assert.deepEqual(shiftSpan(span, edit(16, 19, 1)), { start: 17, end: 21 });
    assert.deepEqual(shiftSpan(span, edit(10, 20, 0)), { start: 10, end: 13 });
  });

  it('keeps the surviving part when an edit overlaps the end', () => {
    assert.deepEqual(shiftSpan(span, edit(21, 26, 7)), { start: 18, end: 21 });
    assert.deepEqual(shiftSpan(span, edit(19, 30, 0)), { start: 18, end: 19 });
  });

  it('returns undefined (orphan, never delete) when the whole span is deleted or replaced', () => {
    assert.equal(shiftSpan(span, edit(18, 23, 0)), undefined, 'exactly the span, deleted');
    assert.equal(shiftSpan(span, edit(18, 23, 5)), undefined, 'exactly the span, retyped');
    assert.equal(shiftSpan(span, edit(10, 30, 0)), undefined, 'a wider deletion');
    assert.equal(shiftSpan(span, edit(17, 23, 12)), undefined, 'a wider replacement');
  });

  it('treats an empty span as a point', () => {
    const point = { start: 5, end: 5 };
    assert.deepEqual(shiftSpan(point, edit(5, 5, 2)), { start: 7, end: 7 });
    assert.deepEqual(shiftSpan(point, edit(5, 8, 0)), point);
    assert.equal(shiftSpan(point, edit(4, 6, 0)), undefined);
  });

  it('agrees with the text for random edits outside the span', () => {
    const text = Array.from('Presiden Vladimir Putin tiba di Pyongyang 🇰🇵 pada Rabu 😀 malam.');
    let state = 7;
    const random = (n: number) => { state = (state * 48271) % 2147483647; return state % n; };
    for (let round = 0; round < 500; round++) {
      const start = random(text.length);
      const end = start + 1 + random(text.length - start);
      const editStart = random(text.length + 1);
      const editEnd = editStart + random(text.length + 1 - editStart);
      const inserted = Array.from('🤝 sambut'.slice(0, random(8)));
      const after = [...text.slice(0, editStart), ...inserted, ...text.slice(editEnd)];
      const shifted = shiftSpan({ start, end }, { start: editStart, end: editEnd, insertedLength: inserted.length });
      const touches = editStart < end && editEnd > start || (editStart === editEnd && editStart > start && editStart < end);
      if (!touches) {
        assert.ok(shifted, `round ${round}`);
        assert.equal(after.slice(shifted.start, shifted.end).join(''), text.slice(start, end).join(''), `round ${round}`);
      } else if (editStart <= start && editEnd >= end) {
        assert.equal(shifted, undefined, `round ${round}`);
      }
    }
  });
});

describe('anchoring: shiftSpans (several changes in one event)', () => {
  const text = 'Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu.';
  const putin: Span = { start: 24, end: 29 };

  /** Applies edits that are all relative to `original`, from the highest offset down. */
  function apply(original: string, edits: readonly { start: number; end: number; text: string }[]): string {
    let result = Array.from(original);
    for (const e of [...edits].sort((a, b) => b.start - a.start)) {
      result = [...result.slice(0, e.start), ...Array.from(e.text), ...result.slice(e.end)];
    }
    return result.join('');
  }
  const asEdits = (edits: readonly { start: number; end: number; text: string }[]) =>
    edits.map((e) => ({ start: e.start, end: e.end, insertedLength: Array.from(e.text).length }));

  it('applies the changes as all relative to the text before the event, in any given order', () => {
    // A multi-cursor edit: one change before the span, one inside, one after.
    const changes = [
      { start: 0, end: 8, text: 'Pemimpin' }, // same length, before
      { start: 15, end: 15, text: '🇷🇺 ' }, // insertion before "Vladimir": +2 code points
      { start: 26, end: 26, text: 'ú' }, // insertion inside "Putin"
      { start: 38, end: 47, text: 'Korea Utara' }, // after
    ];
    const after = apply(text, changes);
    for (const order of [changes, [...changes].reverse(), [changes[2]!, changes[0]!, changes[3]!, changes[1]!]]) {
      const shifted = shiftSpans(putin, asEdits(order));
      assert.ok(shifted);
      assert.equal(Array.from(after).slice(shifted.start, shifted.end).join(''), 'Puútin');
    }
  });

  it('orphans when one of the changes, or two together, delete the whole span', () => {
    assert.equal(shiftSpans(putin, asEdits([{ start: 0, end: 3, text: '' }, { start: 24, end: 29, text: 'Xi' }])), undefined);
    // Two adjacent deletions that each remove part of it.
    assert.equal(shiftSpans(putin, asEdits([{ start: 24, end: 26, text: '' }, { start: 26, end: 29, text: '' }])), undefined);
  });

  it('converts VS Code content changes (UTF-16) to code point edits against the text before the event', () => {
    const before = '😀 Presiden Vladimir Putin tiba';
    const map = new OffsetMap(before);
    // VS Code: rangeOffset 3 (after "😀 ", which is 3 UTF-16 units), rangeLength 8, text "Pemimpin 🇷🇺".
    const change = codePointEdit(map, 3, 8, 'Pemimpin 🇷🇺');
    assert.deepEqual(change, { start: 2, end: 10, insertedLength: 11 });
    const putinStart = Array.from(before).indexOf('P', 5);
    assert.deepEqual(shiftSpans({ start: putinStart, end: putinStart + 5 }, [change]), { start: putinStart + 3, end: putinStart + 8 });
  });
});

describe('anchoring: reanchor', () => {
  const putin = anchorAt(ARTICLE, 'Vladimir Putin', 'Presiden Rusia ');
  const kim = anchorAt(ARTICLE, 'Kim Jong Un', 'Tertinggi Korea Utara ');
  const tassPutin = anchorAt(ARTICLE, 'Putin', 'TASS, ');
  const cooperation = anchorAt(ARTICLE, 'kerjasama dalam teknologi militer');
  const relation = anchorAt(ARTICLE, 'hubungan pribadi', 'menandakan ');

  it('reports an untouched span as unchanged', () => {
    const [withOld, without] = reanchorBothWays(tassPutin, ARTICLE, ARTICLE + '\nSumber tambahan: TASS');
    for (const result of [withOld!, without!]) {
      assertPlaced(result, 'unchanged', ARTICLE, tassPutin.start, 'Putin');
      assert.equal(result.confidence, 1);
    }
  });

  it('follows an insertion before the span', () => {
    const inserted = 'PEMBARUAN 20 Juni: artikel ini diperbarui dengan keterangan Kremlin.\n';
    const changed = inserted + ARTICLE;
    for (const anchor of [putin, kim, tassPutin, cooperation]) {
      for (const result of reanchorBothWays(anchor, ARTICLE, changed)) {
        assertPlaced(result, 'moved', changed, anchor.start + inserted.length, anchor.text);
      }
    }
  });

  it('follows a deletion before the span', () => {
    const changed = replaceOnce(ARTICLE, 'Berita Dunia Terkini – ', '');
    for (const result of reanchorBothWays(kim, ARTICLE, changed)) {
      assertPlaced(result, 'moved', changed, kim.start - 23, 'Kim Jong Un');
    }
  });

  it('ignores an edit in another paragraph after the span, and follows one before it', () => {
    const changed = replaceOnce(ARTICLE, 'Roger Baker, seorang peneliti', 'Roger Baker, peneliti senior');
    for (const result of reanchorBothWays(tassPutin, ARTICLE, changed)) {
      assertPlaced(result, 'unchanged', changed, tassPutin.start, 'Putin');
    }
    const earlier = replaceOnce(ARTICLE, 'Suasana Berbeda di Pyongyang', 'Suasana yang Sangat Berbeda di Pyongyang');
    for (const result of reanchorBothWays(cooperation, ARTICLE, earlier)) {
      assertPlaced(result, 'moved', earlier, cooperation.start + 12, cooperation.text);
    }
  });

  it('finds the span in a paragraph moved to the end, by its context among other occurrences', () => {
    const lines = ARTICLE.split('\n');
    const paragraph = lines.findIndex((line) => line.startsWith('akrab. Menurut laporan dari TASS'));
    const moved = [...lines.slice(0, paragraph), ...lines.slice(paragraph + 1), lines[paragraph]!].join('\n');
    const expected = offsetOf(moved, 'Putin', 'TASS, ');
    assert.ok(moved.split('Putin').length > 10, '"Putin" occurs many times');
    for (const result of reanchorBothWays(tassPutin, ARTICLE, moved)) {
      assertPlaced(result, 'moved', moved, expected, 'Putin');
    }
    for (const result of reanchorBothWays(cooperation, ARTICLE, moved)) {
      assertPlaced(result, 'moved', moved, offsetOf(moved, cooperation.text), cooperation.text);
    }
  });

  it('keeps the copy at the old position when the sentence is duplicated later', () => {
    // The whole context of "hubungan pribadi" lies inside its sentence, so both copies look the same.
    const sentence = 'Kedua pemimpin tampak santai serta bahagia, menandakan hubungan pribadi kuat meskipun ada tekanan geopolitik.';
    const changed = replaceOnce(ARTICLE, 'Analisis dari Para Ahli\n', `Analisis dari Para Ahli\n${sentence}\n`);
    assert.equal(changed.split(sentence).length, 3);
    for (const result of reanchorBothWays(relation, ARTICLE, changed)) {
      assertPlaced(result, 'unchanged', changed, relation.start, 'hubungan pribadi');
    }
  });

  it('chooses the original, not the copy, when the duplicate is inserted before it (the diff decides)', () => {
    const sentence = 'Kedua pemimpin tampak santai serta bahagia, menandakan hubungan pribadi kuat meskipun ada tekanan geopolitik.';
    const changed = replaceOnce(ARTICLE, 'Suasana Berbeda di Pyongyang\n', `${sentence}\nSuasana Berbeda di Pyongyang\n`);
    const original = relation.start + Array.from(sentence).length + 1;
    const copy = offsetOf(changed, 'hubungan pribadi', 'bersama.\nKedua pemimpin tampak santai serta bahagia, menandakan ');
    const context = (start: number) => { const q = quoteAt(changed, start, start + 16); return [q.prefix, q.text, q.suffix]; };
    assert.deepEqual(context(copy), context(original), 'the copy looks exactly like the original');
    assertPlaced(reanchor(relation, changed, { oldText: ARTICLE }), 'moved', changed, original, 'hubungan pribadi');
    // Without the old text nothing tells the copies apart: orphan rather than guess.
    const blind = reanchor(relation, changed);
    assert.equal(blind.kind, 'orphaned');
    assert.match(blind.reason ?? '', /2 places match about equally well/);
  });

  it('orphans between two identical candidates with identical context, unless one is at the old position', () => {
    const sentence = 'Kremlin menyebut Vladimir Putin akan menandatangani perjanjian kemitraan strategis komprehensif dengan Pyongyang.';
    const oldText = `Jakarta – ${sentence}\nKunjungan berlangsung dua hari.`;
    const anchor = anchorAt(oldText, 'Vladimir Putin');
    assert.equal(anchor.prefix, 'Jakarta – Kremlin menyebut ');
    assert.equal(anchor.suffix, ' akan menandatangani perjanjian ');
    // A new first paragraph repeats the opening: the same quote with the same context, twice.
    const copy = 'Jakarta – Kremlin menyebut Vladimir Putin akan menandatangani perjanjian kerja sama militer.';
    const twoCopies = `Moskow – ${copy}\n${oldText}`;
    const blind = reanchor(anchor, twoCopies);
    assert.equal(blind.kind, 'orphaned');
    assert.match(blind.reason ?? '', /2 places match about equally well/);
    // With the old text the diff says which copy is the old one.
    const original = offsetOf(twoCopies, 'Vladimir Putin', `\nJakarta – Kremlin menyebut `);
    assertPlaced(reanchor(anchor, twoCopies, { oldText }), 'moved', twoCopies, original, 'Vladimir Putin');
    // Copies again, but one stays exactly where the span was: it is kept.
    const atOldPosition = `Jakarta – ${sentence}\n${copy}\nKunjungan berlangsung dua hari.`;
    assertPlaced(reanchor(anchor, atOldPosition), 'unchanged', atOldPosition, anchor.start, 'Vladimir Putin');
  });

  it('with the old text, keeps a span whose neighbourhood was edited although a repeated passage has its old context', () => {
    const sentence = 'Putin dan Kim Jong Un mengadakan pertemuan pribadi selama dua jam di Pyongyang.';
    const oldText = `Menurut laporan dari TASS, ${sentence}\nSebelumnya diberitakan: Menurut laporan dari TASS, ${sentence}`;
    const anchor = anchorAt(oldText, 'Kim Jong Un', 'Pyongyang.\nSebelumnya diberitakan: Menurut laporan dari TASS, Putin dan ');
    const changed = replaceOnce(oldText, 'Sebelumnya diberitakan: Menurut laporan dari TASS,', 'Sebelumnya diberitakan: Menurut kantor berita Rusia,');
    // The diff followed the quote's own text; the other copy, which still has the old context,
    // is text that was already there, not this span moved.
    const result = reanchor(anchor, changed, { oldText });
    assertPlaced(result, 'moved', changed, anchor.start + 2, 'Kim Jong Un');
    // The unchanged stretch reaches only 10 code points before the quote: its context is checked.
    assert.ok(result.confidence >= 0.6, `confidence ${result.confidence}`);
  });

  it('re-anchors approximately when a word inside the quote changed', () => {
    const changed = replaceOnce(ARTICLE, 'Korea Utara Kim Jong Un saling', 'Korea Utara Kim Jong-un saling');
    assert.ok(changed.includes('Kim Jong Un mengadakan'), 'other exact occurrences remain, with other context');
    for (const result of reanchorBothWays(kim, ARTICLE, changed)) {
      assertPlaced(result, 'fuzzy', changed, kim.start, 'Kim Jong-un');
      assert.ok(result.confidence >= 0.85 * 0.75 && result.confidence < 1, `confidence ${result.confidence}`);
    }
    const respelled = replaceOnce(ARTICLE, 'hingga kerjasama dalam', 'hingga kerja sama dalam');
    for (const result of reanchorBothWays(cooperation, ARTICLE, respelled)) {
      assertPlaced(result, 'fuzzy', respelled, cooperation.start, 'kerja sama dalam teknologi militer');
    }
  });

  it('orphans the spans of a rewritten sentence instead of moving them to another occurrence', () => {
    const changed = replaceOnce(ARTICLE,
      'Acara tersebut menjadi sorotan internasional ketika Putin serta Pemimpin Tertinggi Korea Utara Kim Jong Un saling bertukar kado serta menghabiskan waktu bersama.',
      'Dunia internasional menyoroti pertemuan itu, ketika kedua pemimpin saling memberi hadiah dan berbincang lama.');
    const exchange = anchorAt(ARTICLE, 'saling bertukar kado serta menghabiskan waktu bersama');
    for (const anchor of [exchange, kim]) {
      for (const result of reanchorBothWays(anchor, ARTICLE, changed)) {
        assert.equal(result.kind, 'orphaned', `${anchor.text}: ${JSON.stringify(result)}`);
        assert.equal(result.confidence, 0);
        assert.equal(result.start, undefined);
        assert.ok(result.reason);
      }
    }
  });

  it('counts CR of CRLF line endings and follows a conversion to CRLF', () => {
    const crlf = ARTICLE.replace(/\n/g, '\r\n');
    for (const anchor of [putin, tassPutin, cooperation, relation]) {
      // putin is on the first line; the others move by one code point per line break before them.
      const lineBreaksBefore = ARTICLE.slice(0, new OffsetMap(ARTICLE).toUtf16(anchor.start)).split('\n').length - 1;
      for (const result of reanchorBothWays(anchor, ARTICLE, crlf)) {
        assertPlaced(result, lineBreaksBefore ? 'moved' : 'unchanged', crlf, anchor.start + lineBreaksBefore, anchor.text);
      }
    }
    // An anchor made on CRLF text, whose context holds a CRLF, after an insertion before it.
    const heading = anchorAt(crlf, 'Suasana Berbeda', 'bersama.\r\n');
    assert.ok(heading.prefix!.endsWith('bersama.\r\n'));
    const changed = 'Catatan redaksi.\r\n' + crlf;
    for (const result of reanchorBothWays(heading, crlf, changed)) {
      assertPlaced(result, 'moved', changed, heading.start + 18, 'Suasana Berbeda');
    }
  });

  it('moves by code points when emoji are inserted before the span', () => {
    const changed = '🇷🇺🤝🇰🇵 ' + ARTICLE;
    for (const anchor of [putin, tassPutin]) {
      for (const result of reanchorBothWays(anchor, ARTICLE, changed)) {
        assertPlaced(result, 'moved', changed, anchor.start + 6, anchor.text);
      }
    }
  });

  it('places a hand-written anchor without context only where it was, or where the diff followed it', () => {
    const changed = 'Catatan redaksi.\n' + ARTICLE;
    const baker = { start: offsetOf(ARTICLE, 'Roger Baker'), end: offsetOf(ARTICLE, 'Roger Baker') + 11, text: 'Roger Baker' };
    // Unique in the text, but nothing says this is the same mention rather than another one
    // left after the annotated one was deleted: only the diff can say it moved.
    assert.equal(reanchor(baker, changed).kind, 'orphaned');
    assertPlaced(reanchor(baker, changed, { oldText: ARTICLE }), 'moved', changed, baker.start + 17, 'Roger Baker');
    assertPlaced(reanchor(baker, ARTICLE + '\nCatatan redaksi.'), 'unchanged', ARTICLE, baker.start, 'Roger Baker');
    const bare = { start: tassPutin.start, end: tassPutin.end, text: 'Putin' };
    assert.equal(reanchor(bare, changed).kind, 'orphaned', 'one of many "Putin" with nothing to tell them apart');
    assertPlaced(reanchor(bare, changed, { oldText: ARTICLE }), 'moved', changed, bare.start + 17, 'Putin');
  });

  it('orphans an anchor with no quote', () => {
    assert.equal(reanchor({ start: 3, end: 3, text: '' }, ARTICLE).kind, 'orphaned');
  });

  it('re-anchors many anchors against one text with a Reanchorer', () => {
    const changed = 'Catatan redaksi.\n' + ARTICLE;
    const reanchorer = new Reanchorer(changed, ARTICLE);
    for (const anchor of [putin, kim, tassPutin, cooperation, relation]) {
      assertPlaced(reanchorer.reanchor(anchor), 'moved', changed, anchor.start + 17, anchor.text);
    }
  });
});

describe('anchoring: reanchor at scale', () => {
  // Every occurrence of some names in all seed articles, then edits all over the text. Each
  // anchor must land where shiftSpans says it went, or be orphaned: never somewhere else.
  const names = ['Putin', 'Kim Jong Un', 'Korea Utara', 'Pyongyang', 'Rusia', 'kedua negara', 'hubungan bilateral'];
  const original = ['000_257178997c759933.txt', '001_8b609553dbf89833.txt', '002_ea56a194b635f13d.txt',
    '003_6b496e1cdc48ec07.txt', '004_9c3bde34daf1913c.txt'].map(seed).join('\n\n');
  const map = new OffsetMap(original);
  const anchors: Anchor[] = [];
  for (const name of names) {
    for (let at = original.indexOf(name); at >= 0; at = original.indexOf(name, at + 1)) {
      const start = map.toCodePoint(at);
      anchors.push({ start, end: start + name.length, ...quoteAt(map, start, start + name.length) });
    }
  }
  // Edits relative to the original: a new lead paragraph, a rewritten sentence, a sentence
  // deleted, a word inserted; applied to the text from the highest offset down.
  const at = (needle: string) => map.toCodePoint(original.indexOf(needle));
  const edits = [
    { start: 0, end: 0, text: 'Diperbarui: Kremlin merilis foto resmi kunjungan Presiden Rusia ke Korea Utara.\n\n' },
    { start: at('Momen paling mengesankan'), end: at('Momen paling mengesankan') + 24, text: 'Momen yang paling diingat' },
    { start: at('Setelah bertukar sapa'), end: at('Setelah bertukar sapa') + 'Setelah bertukar sapa, kedua pemimpin berangkat dari bandara dengan kendaraan yang sama, tambahnya.'.length, text: '' },
    { start: at('Rusia dan Korea Utara berusaha'), end: at('Rusia dan Korea Utara berusaha'), text: 'Kini ' },
    { start: at('Presiden Rusia Vladimir Putin (kanan) '), end: at('Presiden Rusia Vladimir Putin (kanan) ') + 38, text: '' },
  ];
  let changed = Array.from(original);
  for (const e of [...edits].sort((a, b) => b.start - a.start)) changed = [...changed.slice(0, e.start), ...Array.from(e.text), ...changed.slice(e.end)];
  const newText = changed.join('');
  const spanEdits = edits.map((e) => ({ start: e.start, end: e.end, insertedLength: Array.from(e.text).length }));

  for (const withOldText of [true, false]) {
    it(`lands ${anchors.length} anchors where the edits put them, or orphans them (${withOldText ? 'with' : 'without'} the old text)`, () => {
      assert.ok(anchors.length > 150);
      const reanchorer = new Reanchorer(newText, withOldText ? original : undefined);
      let deleted = 0;
      let lost = 0;
      for (const anchor of anchors) {
        const expected = shiftSpans(anchor, spanEdits);
        const result = reanchorer.reanchor(anchor);
        if (!expected) deleted++;
        if (result.kind === 'orphaned') {
          if (expected) lost++;
          continue;
        }
        assert.ok(expected, `${anchor.text}@${anchor.start} was deleted but placed at ${result.start}`);
        assert.deepEqual([result.start, result.end], [expected.start, expected.end], `${anchor.text}@${anchor.start}: ${result.kind}`);
      }
      assert.equal(deleted, 2, '"Rusia" and "Putin" of the deleted phrase');
      assert.ok(lost <= (withOldText ? 0 : anchors.length / 20), `${lost} orphaned though still in the text`);
    });
  }
});

describe('anchoring: reanchorSidecar', () => {
  const annotation = (id: string, label: string, anchor: Anchor, extra: Partial<Annotation> = {}): Annotation => ({
    id, label, ...anchor, author: 'alice', created: '2026-11-21T10:00:00Z', status: 'accepted', ...extra,
  });
  const baker = anchorAt(ARTICLE, 'Roger Baker');
  const art = anchorAt(ARTICLE, 'karya seni berharga');
  const sidecar: Sidecar = {
    version: 1,
    source: { file: '000_257178997c759933.txt', sha256: 'a'.repeat(64), title: 'Kunjungan Putin ke Korea Utara' },
    annotations: [
      annotation('a1', 'PER', anchorAt(ARTICLE, 'Vladimir Putin', 'Presiden Rusia ')),
      annotation('a2', 'LOC', anchorAt(ARTICLE, 'Pyongyang', 'Suasana Berbeda di ')),
      annotation('a3', 'PER', anchorAt(ARTICLE, 'Kim Jong Un', 'Tertinggi Korea Utara '), { entity: 'kim-jong-un' }),
      annotation('a4', 'ORG', anchorAt(ARTICLE, 'TASS')),
      annotation('a5', 'PER', { ...art, text: art.text }, { note: 'the gifts' }),
      // Orphaned by an earlier change: stale offsets, but its quote and context are good.
      annotation('a6', 'PER', { ...baker, start: 7, end: 18, orphaned: true }),
    ],
    facts: [{
      id: 'f1', subject: 'vladimir-putin', property: 'gift', value: 'Aurus Senat',
      ...anchorAt(ARTICLE, 'limusin Aurus Senat buatan Rusia'), author: 'bob', status: 'proposed',
    } satisfies Fact],
  };
  const changed = [
    ['Korea Utara Kim Jong Un saling', 'Korea Utara Kim Jong-un saling'],
    ['akrab. Menurut laporan', 'akrab. Kedua pemimpin tertawa lepas. Menurut laporan'],
    ['Sebagai balasannya, Kim memberikan Putin sejumlah karya seni berharga, menambah koleksi pribadinya dengan sentuhan budaya Korea Utara.',
      'Kim membalasnya dengan lukisan dan patung.'],
  ].reduce((text, [from, to]) => replaceOnce(text, from!, to!), ARTICLE);
  const shift = 'Kedua pemimpin tertawa lepas. '.length;

  for (const withOldText of [true, false]) {
    it(`updates placed items, marks the others orphaned and reports counts (${withOldText ? 'with' : 'without'} the old text)`, () => {
      const { sidecar: next, report } = reanchorSidecar(sidecar, changed, withOldText ? ARTICLE : undefined);
      // Without the old text, a4 ("TASS", with a sentence inserted right before it, inside its
      // stored prefix) has only half its context left away from its old offsets: orphaned.
      assert.deepEqual(
        { unchanged: report.unchanged, moved: report.moved, fuzzy: report.fuzzy, orphaned: report.orphaned },
        withOldText ? { unchanged: 2, moved: 3, fuzzy: 1, orphaned: 1 } : { unchanged: 2, moved: 2, fuzzy: 1, orphaned: 2 });
      assert.deepEqual(report.details.map((d) => [d.id, d.kind]),
        [['a1', 'unchanged'], ['a2', 'unchanged'], ['a3', 'fuzzy'], ['a4', withOldText ? 'moved' : 'orphaned'], ['a5', 'orphaned'], ['a6', 'moved'], ['f1', 'moved']]);
      assert.ok(report.details.find((d) => d.id === 'a5')!.reason);

      const byId = new Map<string, Annotation | Fact>([...next.annotations, ...next.facts].map((item) => [item.id, item]));
      const newMap = new OffsetMap(changed);
      for (const item of [...next.annotations, ...next.facts]) {
        if (item.orphaned) continue;
        assert.equal(newMap.slice(item.start, item.end), item.text, item.id);
        assert.deepEqual({ prefix: item.prefix, suffix: item.suffix },
          { prefix: quoteAt(newMap, item.start, item.end).prefix, suffix: quoteAt(newMap, item.start, item.end).suffix }, item.id);
      }
      // Unchanged items are the very same objects.
      assert.equal(byId.get('a1'), sidecar.annotations[0]);
      assert.equal(byId.get('a2'), sidecar.annotations[1]);
      // Fuzzy: the new quote; everything else about the annotation is kept.
      const a3 = sidecar.annotations[2]!;
      assert.equal(quoteAt(changed, a3.start, a3.end).text, 'Kim Jong-un');
      assert.deepEqual(byId.get('a3'), { ...a3, ...quoteAt(changed, a3.start, a3.end) });
      if (withOldText) assert.equal(byId.get('a4')!.start, sidecar.annotations[3]!.start + shift);
      else assert.deepEqual(byId.get('a4'), { ...sidecar.annotations[3], orphaned: true });
      // Orphaned: all its data kept, only the flag added.
      assert.deepEqual(byId.get('a5'), { ...sidecar.annotations[4], orphaned: true });
      // Placed again: the flag is gone and the offsets are current.
      const a6 = byId.get('a6')!;
      assert.equal('orphaned' in a6, false);
      assert.equal(a6.start, offsetOf(changed, 'Roger Baker'));
      assert.equal((byId.get('f1') as Fact).value, 'Aurus Senat');
      assert.equal(byId.get('f1')!.start, sidecar.facts[0]!.start + shift);
      // The caller updates the hash.
      assert.equal(next.source, sidecar.source);
      assert.equal(sidecar.annotations[5]!.orphaned, true, 'the input is not mutated');
    });
  }

  it('keeps an item that stays orphaned exactly as it was', () => {
    const orphan = { ...sidecar.annotations[4]!, orphaned: true };
    const { sidecar: next, report } = reanchorSidecar({ ...sidecar, annotations: [orphan], facts: [] }, changed, ARTICLE);
    assert.equal(next.annotations[0], orphan);
    assert.equal(report.orphaned, 1);
  });

  it('refreshes the stale context of an unchanged item', () => {
    const edited = replaceOnce(ARTICLE, 'Kunjungan Presiden Rusia Vladimir', 'Kunjungan Presiden Vladimir');
    const item = annotation('p', 'PER', anchorAt(ARTICLE, 'Putin ke Korea Utara pada Rabu'));
    const at = offsetOf(edited, 'Putin ke Korea Utara pada Rabu');
    const moved = { ...item, start: at, end: at + 30 };
    const { sidecar: next, report } = reanchorSidecar({ ...sidecar, annotations: [moved], facts: [] }, edited);
    assert.equal(report.unchanged, 1);
    assert.deepEqual(next.annotations[0], { ...moved, ...quoteAt(edited, at, at + 30) });
  });
});
