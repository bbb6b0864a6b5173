import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDates, normalizeDate } from '../../../src/core/text/dates';
import { OffsetMap } from '../../../src/core/text/offsets';

const seedsDir = join(__dirname, '..', '..', '..', '..', 'seeds');

/** [text, iso] of each date found. */
function dates(text: string): [string, string][] {
  return findDates(text).map((d) => [d.text, d.iso]);
}

describe('dates', () => {
  describe('findDates', () => {
    const forms: [string, string][] = [
      ['19 Juni 2024', '2024-06-19'],
      ['19 Jun 2024', '2024-06-19'],
      ['19 June 2024', '2024-06-19'],
      ['19 juni 2024', '2024-06-19'],
      ['1 JANUARI 2025', '2025-01-01'],
      ['17 Agustus 1945', '1945-08-17'],
      ['17 Agu 1945', '1945-08-17'],
      ['17 Agt 1945', '1945-08-17'],
      ['17 Ags 1945', '1945-08-17'],
      ['5 Sept 2023', '2023-09-05'],
      ['5 Okt. 2023', '2023-10-05'],
      ['25 Des 2023', '2023-12-25'],
      ['10 Nopember 1945', '1945-11-10'],
      ['1st May 2024', '2024-05-01'],
      ['13/9/2023', '2023-09-13'],
      ['13-9-2023', '2023-09-13'],
      ['03/04/2024', '2024-04-03'],
      ['June 19, 2024', '2024-06-19'],
      ['June 19 2024', '2024-06-19'],
      ['Jun. 19, 2024', '2024-06-19'],
      ['Sept. 3rd, 2023', '2023-09-03'],
      ['2024-06-19', '2024-06-19'],
      ['Juni 2024', '2024-06'],
      ['June 2024', '2024-06'],
      ['Mei 2024', '2024-05'],
      ['Des. 2023', '2023-12'],
    ];
    for (const [text, iso] of forms) {
      it(`reads "${text}" as ${iso}`, () => {
        const sentence = `Pada ${text}, mereka bertemu.`;
        const found = findDates(sentence);
        assert.deepEqual(found, [{ start: 5, end: 5 + text.length, text, iso }]);
      });
    }

    it('includes a leading weekday in the match', () => {
      assert.deepEqual(dates('pada Rabu, 19 Juni 2024, telah'), [['Rabu, 19 Juni 2024', '2024-06-19']]);
      assert.deepEqual(dates('Wednesday, June 19, 2024'), [['Wednesday, June 19, 2024', '2024-06-19']]);
      assert.deepEqual(dates("Jum'at 21 Juni 2024"), [["Jum'at 21 Juni 2024", '2024-06-21']]);
      assert.deepEqual(dates('Wed. 19 Jun 2024'), [['Wed. 19 Jun 2024', '2024-06-19']]);
      assert.deepEqual(dates('Kamis, 20/6/2024'), [['Kamis, 20/6/2024', '2024-06-20']]);
      // A weekday alone, or before something that is no date, is not a date.
      assert.deepEqual(dates('Rabu malam, 19 orang'), []);
    });

    it('rejects impossible dates', () => {
      assert.deepEqual(dates('31/2/2024, 30-2-2024, 29/2/2023, 1/13/2024, 0/5/2024, 32 Juni 2024, 31 April 2024, 2024-02-30, 2024-13-01'), []);
      assert.deepEqual(dates('29/2/2024 dan 29 Februari 2000'), [['29/2/2024', '2024-02-29'], ['29 Februari 2000', '2000-02-29']]);
      assert.deepEqual(dates('29 Feb 1900'), []);
    });

    it('does not take bare years, bare days or numbers for dates', () => {
      assert.deepEqual(dates('Pada 2024, 19 Juni, dan tahun 1945; 12/2024; 1,5 juta; versi 1.2.2024; 19 orang'), []);
    });

    it('respects word boundaries', () => {
      assert.deepEqual(dates('x19 Juni 2024, 19 Juni 20245, Juniper 2024, AJuni 2024, 119 Juni 2024'), []);
      assert.deepEqual(dates('telp 0812-13-9-2023-55, 5/13/9/2023'), []);
    });

    it('prefers the full date to the month it contains', () => {
      assert.deepEqual(dates('Sejak Juni 2024, tepatnya 19 Juni 2024, dan June 20, 2024.'), [
        ['Juni 2024', '2024-06'], ['19 Juni 2024', '2024-06-19'], ['June 20, 2024', '2024-06-20'],
      ]);
    });

    it('reads the date of an ISO timestamp', () => {
      assert.deepEqual(dates('diunggah 2024-06-19T10:30:00Z'), [['2024-06-19', '2024-06-19']]);
    });

    it('gives code point offsets after astral characters', () => {
      const text = '😀 Putin 🇷🇺 tiba 19 Juni 2024 😀 dan pergi 20/6/2024';
      const found = findDates(text);
      assert.deepEqual(found.map((d) => [d.start, d.end, d.iso]), [[16, 28, '2024-06-19'], [41, 50, '2024-06-20']]);
      const map = new OffsetMap(text);
      for (const d of found) assert.equal(map.slice(d.start, d.end), d.text);
    });

    it('finds the dates of the seed articles', () => {
      const first = readFileSync(join(seedsDir, '000_257178997c759933.txt'), 'utf8');
      assert.deepEqual(dates(first), [['Rabu, 19 Juni 2024', '2024-06-19']]);
      const other = readFileSync(join(seedsDir, '004_9c3bde34daf1913c.txt'), 'utf8');
      assert.ok(dates(other).some(([text, iso]) => text === '13/9/2023' && iso === '2023-09-13'));
    });
  });

  describe('normalizeDate', () => {
    it('gives one ISO value for every way of writing a date', () => {
      const same = ['19 Juni 2024', 'June 19, 2024', 'Rabu, 19 Juni 2024', '19/6/2024', '19-06-2024', 'Jun. 19, 2024', '2024-06-19', '  19 Jun 2024 '];
      for (const text of same) assert.equal(normalizeDate(text), '2024-06-19', text);
      assert.equal(normalizeDate('Juni 2024'), '2024-06');
      assert.equal(normalizeDate('June 2024'), normalizeDate('Juni 2024'));
    });

    it('is idempotent', () => {
      assert.equal(normalizeDate('2024-06'), '2024-06');
      assert.equal(normalizeDate(normalizeDate('19 Juni 2024')!), '2024-06-19');
    });

    it('rejects anything that is not only a date', () => {
      for (const text of ['', '2024', 'Juni', '19 Juni', 'pada 19 Juni 2024', '19 Juni 2024 pukul 10', '31/2/2024', '2024-13', 'Rabu']) {
        assert.equal(normalizeDate(text), undefined, text);
      }
    });
  });
});
