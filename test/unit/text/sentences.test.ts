import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sentenceAt, sentenceIndexAt, sentencesOverlapping, sentenceSpans } from '../../../src/core/text/sentences';

const seedsDir = join(__dirname, '..', '..', '..', '..', 'seeds');

function seed(name: string): string {
  return readFileSync(join(seedsDir, name), 'utf8');
}

/** The sentences as text; offsets are code points, so slice by code points. */
function sentences(text: string): string[] {
  const chars = Array.from(text);
  return sentenceSpans(text).map((span) => chars.slice(span.start, span.end).join(''));
}

describe('sentences', () => {
  describe('sentenceSpans on the seeds', () => {
    it('splits a paragraph of seed 002 into its sentences', () => {
      const text = seed('002_ea56a194b635f13d.txt');
      const all = sentences(text);
      assert.equal(all[0], 'Kim Jong Un Sambut Putin dengan Karpet Merah: Pertemuan Bersejarah di Pyongyang');
      assert.deepEqual(all.slice(1, 5), [
        'NAGAGG NEWS, 19 Juni 2024 – Kim Jong Un menyambut kedatangan Presiden Rusia Vladimir Putin dengan gelaran karpet merah di Pyongyang, Korea Utara.',
        'Kedatangan Putin ini menandai kunjungan pertamanya ke Korea Utara dalam 24 tahun terakhir.',
        'Kunjungan ini menjadi momen penting dalam memperkuat hubungan bilateral antara kedua negara yang selama ini dikenal sebagai sekutu dekat, terutama dalam menghadapi tekanan dan sanksi internasional.',
        'Stasiun televisi Korea Utara menayangkan kedatangan Putin yang disambut dengan kemeriahan serta simbol-simbol persahabatan antara kedua negara, seperti potret Putin, bendera Rusia, dan Korea Utara yang menghiasi jalanan ibu kota.',
      ]);
      assert.equal(all.at(-1), 'Tinggalkan Komentar');
      assert.equal(all.length, 30);
    });

    it('keeps reference markers with their sentence and source lines whole (seed 003)', () => {
      const all = sentences(seed('003_6b496e1cdc48ec07.txt'));
      assert.ok(all.includes('Ingin menunjukkan bahwa Rusia tetap berpengaruh meskipun diisolasi internasional karena sanksi atas konflik di Ukraina.[1]'));
      assert.ok(all.includes('Sementara Kim Jong Un melihat kunjungan ini sebagai kemenangan diplomatis yang memperkuat legitimasinya di mata dunia.'));
      assert.ok(all.includes('“Baca juga: Perjalanan Sulit Ernando Ari Di Timnas“ [3]'));
      assert.ok(all.includes('[4] https://www.bbc.com/indonesia/articles/c6pp1ll915eo.amp'));
    });

    it('treats every line as ending a sentence, even mid-sentence (seed 000 is hard-wrapped)', () => {
      const all = sentences(seed('000_257178997c759933.txt'));
      assert.equal(all[2], 'Suasana Berbeda di Pyongyang');
      assert.ok(all.includes('Berbeda dengan kunjungannya ke Beijing beberapa bulan sebelumnya, kunjungan Putin ke Pyongyang menawarkan atmosfer yang lebih ceria hingga'));
      assert.ok(all.includes('akrab.'));
      assert.equal(all.at(-1), 'Sumber : Youtube');
    });

    it('keeps dates and quotes inside sentences (seed 004)', () => {
      const all = sentences(seed('004_9c3bde34daf1913c.txt'));
      assert.ok(all[0]!.endsWith('Rusia (13/9/2023).'));
      assert.ok(all.includes('Kedatangan Presiden Rusia diundang oleh pemimpin Korea Utara Kim Jong Un, yang “secara pribadi bertemu Vladimir Putin di bandara di Pyongyang,” kata Kremlin dalam sebuah pernyataan.'));
    });

    it('covers every seed with trimmed, ordered, non-overlapping spans', () => {
      for (const name of ['000_257178997c759933.txt', '001_8b609553dbf89833.txt', '002_ea56a194b635f13d.txt', '003_6b496e1cdc48ec07.txt', '004_9c3bde34daf1913c.txt']) {
        const text = seed(name);
        const chars = Array.from(text);
        const spans = sentenceSpans(text);
        let previousEnd = 0;
        for (const span of spans) {
          assert.ok(span.start >= previousEnd && span.end > span.start, `${name}: ${JSON.stringify(span)}`);
          assert.match(chars[span.start]!, /\S/);
          assert.match(chars[span.end - 1]!, /\S/);
          // Between sentences there is only white space.
          assert.match(chars.slice(previousEnd, span.start).join(''), /^\s*$/);
          previousEnd = span.end;
        }
        assert.match(chars.slice(previousEnd).join(''), /^\s*$/);
      }
    });
  });

  describe('sentenceSpans on tricky text', () => {
    const cases: [string, string, string[]][] = [
      ['titles', 'Dr. Budi tiba kemarin. Prof. Ani dan dr. Tirta datang.', ['Dr. Budi tiba kemarin.', 'Prof. Ani dan dr. Tirta datang.']],
      ['addresses', 'Kantor di Jl. Sudirman No. 5 Jakarta. Mereka datang.', ['Kantor di Jl. Sudirman No. 5 Jakarta.', 'Mereka datang.']],
      ['"no." ending a sentence', 'Jawabannya no. Lalu ia pergi.', ['Jawabannya no.', 'Lalu ia pergi.']],
      ['dotted abbreviations', 'Pasukan U.S. Army tiba, a.l. Rusia dan Cina, e.g. Beijing. Lalu pulang.', ['Pasukan U.S. Army tiba, a.l. Rusia dan Cina, e.g. Beijing.', 'Lalu pulang.']],
      ['dll. and dsb.', 'Ada buah, sayur, dll. Semua murah, dsb. Harga turun.', ['Ada buah, sayur, dll. Semua murah, dsb. Harga turun.']],
      ['initials', 'Menurut J. Robert Oppenheimer dan Kim J. Un, tidak. Benar.', ['Menurut J. Robert Oppenheimer dan Kim J. Un, tidak.', 'Benar.']],
      ['an initial opening a sentence', 'J. Smith datang. Ia pergi.', ['J. Smith datang.', 'Ia pergi.']],
      ['decimals and thousands', 'Harga naik 2.5 persen, atau 1.000 rupiah. Inflasi 3,1 persen.', ['Harga naik 2.5 persen, atau 1.000 rupiah.', 'Inflasi 3,1 persen.']],
      ['a URL', 'Lihat https://www.bbc.com/indonesia/a.amp?x=1. Berita lain di news.detik.com. Selesai.', ['Lihat https://www.bbc.com/indonesia/a.amp?x=1.', 'Berita lain di news.detik.com.', 'Selesai.']],
      ['! ? and runs of them', 'Apa? Ya! Benar?! Tentu.', ['Apa?', 'Ya!', 'Benar?!', 'Tentu.']],
      ['ellipsis', 'Dia ragu… Lalu pergi... Kemudian kembali... dan diam.', ['Dia ragu…', 'Lalu pergi...', 'Kemudian kembali... dan diam.']],
      ['closing quotes', '“Kami siap,” katanya. “Kami datang.” Lalu pergi. "Ya." Dia setuju.', ['“Kami siap,” katanya.', '“Kami datang.”', 'Lalu pergi.', '"Ya."', 'Dia setuju.']],
      ['a quote continuing in lowercase', '“Kami datang.” kata dia. Selesai.', ['“Kami datang.” kata dia.', 'Selesai.']],
      ['brackets', 'Ia tiba (pukul 10.30 WIB.) Lalu rapat. (Foto: KCNA) Selesai.', ['Ia tiba (pukul 10.30 WIB.)', 'Lalu rapat.', '(Foto: KCNA) Selesai.']],
      ['reference markers', 'Di Ukraina.[1] Sementara itu. [2] Lalu.[3][4] Akhir.', ['Di Ukraina.[1]', 'Sementara itu. [2]', 'Lalu.[3][4]', 'Akhir.']],
      ['a digit after the period', 'Tahun lalu 2023. 2024 lebih baik.', ['Tahun lalu 2023.', '2024 lebih baik.']],
      ['a list number', '1. Pertama adalah ini. 2. Kedua itu.', ['1. Pertama adalah ini.', '2. Kedua itu.']],
      ['a lowercase continuation', 'Ia tiba pukul 10. dan pergi.', ['Ia tiba pukul 10. dan pergi.']],
      ['no space after the period', 'Ia tiba.Lalu pergi.', ['Ia tiba.Lalu pergi.']],
    ];
    for (const [name, text, expected] of cases) {
      it(name, () => assert.deepEqual(sentences(text), expected));
    }

    it('ends a sentence at every kind of line break and keeps CR in the offsets', () => {
      const text = 'Judul\r\nKalimat satu. Kalimat dua\nAkhir\rlagi\u2028x';
      assert.deepEqual(sentences(text), ['Judul', 'Kalimat satu.', 'Kalimat dua', 'Akhir', 'lagi', 'x']);
      assert.deepEqual(sentenceSpans(text).slice(0, 2), [{ start: 0, end: 5 }, { start: 7, end: 20 }]);
    });

    it('counts code points, not UTF-16 units', () => {
      const text = '😀 Halo 😀. Dunia.';
      assert.deepEqual(sentenceSpans(text), [{ start: 0, end: 9 }, { start: 10, end: 16 }]);
    });

    it('returns nothing for empty or blank text', () => {
      assert.deepEqual(sentenceSpans(''), []);
      assert.deepEqual(sentenceSpans('  \n\t\r\n  '), []);
    });

    it('handles long and degenerate input in one pass', () => {
      const many = 'Satu kalimat pendek di sini. '.repeat(50_000);
      assert.equal(sentenceSpans(many).length, 50_000);
      assert.equal(sentenceSpans('a.'.repeat(200_000)).length, 1);
      assert.equal(sentenceSpans('A. '.repeat(100_000)).length, 1);
      assert.equal(sentenceSpans(' '.repeat(100_000) + 'x. Y').length, 2);
    });
  });

  describe('lookups', () => {
    const spans = sentenceSpans('Satu dua. Tiga empat.\n\nLima.');
    // [0,9) [10,21) [23,28)

    it('sentenceAt finds the sentence containing an offset', () => {
      assert.deepEqual(spans, [{ start: 0, end: 9 }, { start: 10, end: 21 }, { start: 23, end: 28 }]);
      assert.deepEqual(sentenceAt(spans, 0), spans[0]);
      assert.deepEqual(sentenceAt(spans, 8), spans[0]);
      assert.deepEqual(sentenceAt(spans, 10), spans[1]);
      assert.deepEqual(sentenceAt(spans, 27), spans[2]);
      assert.equal(sentenceAt(spans, 9), undefined);
      assert.equal(sentenceAt(spans, 22), undefined);
      assert.equal(sentenceAt(spans, 28), undefined);
      assert.equal(sentenceAt(spans, -1), undefined);
      assert.equal(sentenceAt([], 0), undefined);
      assert.equal(sentenceIndexAt(spans, 15), 1);
      assert.equal(sentenceIndexAt(spans, 22), -1);
    });

    it('sentencesOverlapping gives the sentences a range touches', () => {
      assert.deepEqual(sentencesOverlapping(spans, 5, 15), { first: 0, last: 1 });
      assert.deepEqual(sentencesOverlapping(spans, 10, 14), { first: 1, last: 1 });
      assert.deepEqual(sentencesOverlapping(spans, 12, 12), { first: 1, last: 1 });
      assert.deepEqual(sentencesOverlapping(spans, 0, 28), { first: 0, last: 2 });
      assert.equal(sentencesOverlapping(spans, 21, 23), undefined);
      assert.equal(sentencesOverlapping(spans, 40, 45), undefined);
    });
  });
});
