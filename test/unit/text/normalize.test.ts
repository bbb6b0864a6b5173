import * as assert from 'node:assert/strict';
import { normalizedValuesAgree, normalizeValue, quantityOf, valuesAgree } from '../../../src/core/text/normalize';

/** Asserts that every form normalises to the key, and that normalising is idempotent. */
function same(key: string, ...forms: string[]): void {
  for (const form of forms) {
    assert.equal(normalizeValue(form), key, JSON.stringify(form));
    assert.equal(normalizeValue(key), key, `idempotent on ${JSON.stringify(key)}`);
  }
}

describe('normalize', () => {
  describe('normalizeValue', () => {
    it('reads dates in any form normalizeDate knows as ISO', () => {
      same('2024-06-19', '19 Juni 2024', 'June 19, 2024', '2024-06-19', 'Rabu, 19 Juni 2024', '19/6/2024', ' 19 juni 2024. ', '“19 Juni 2024”');
      same('2024-06', 'Juni 2024', 'June 2024', '2024-06');
      assert.equal(normalizeValue('2024'), '2024');
    });

    it('reads numbers with units, in digits or words, Indonesian or English', () => {
      same('24 year', '24 tahun', '24 years', '24 year', 'dua puluh empat tahun', 'twenty-four years', 'Twenty four Years', '24 thn');
      same('3 month', '3 bulan', 'tiga bulan', 'three months');
      same('2 hour', 'dua jam', '2 hours', 'two hours');
      same('30 minute', '30 menit', 'thirty minutes');
      same('5 day', 'lima hari', '5 days');
      same('100 person', '100 orang', 'seratus orang', 'one hundred people', 'hundred persons');
      same('50 percent', '50%', '50 %', '50 persen', '50 percent', 'fifty per cent', 'lima puluh persen');
      same('12 km', '12 kilometer', '12 km', 'dua belas kilometer', 'twelve kilometres');
    });

    it('reads Indonesian and English number words', () => {
      const numbers: [string, string][] = [
        ['nol', '0'], ['satu', '1'], ['sepuluh', '10'], ['sebelas', '11'], ['dua belas', '12'], ['sembilan belas', '19'],
        ['dua puluh', '20'], ['sembilan puluh sembilan', '99'], ['seratus', '100'], ['seratus dua puluh lima', '125'],
        ['dua ratus', '200'], ['seribu', '1000'], ['dua ribu dua puluh empat', '2024'], ['satu juta dua ratus ribu', '1200000'],
        ['zero', '0'], ['seven', '7'], ['thirteen', '13'], ['nineteen', '19'], ['ninety', '90'], ['forty-two', '42'],
        ['one hundred and five', '105'], ['two thousand and twenty four', '2024'], ['three million', '3000000'],
      ];
      for (const [words, digits] of numbers) assert.equal(normalizeValue(words), digits, words);
    });

    it('leaves runs of words that are no single number as separate numbers', () => {
      same('1 2', 'satu dua');
      same('2 1000', 'dua seribu');
      same('1 and 2', 'one and two');
      same('puluh', 'puluh');
    });

    it('reads thousands separators only in groups of exactly three digits', () => {
      same('1000', '1.000', '1,000', '1000', 'seribu', 'one thousand');
      same('1000000', '1.000.000', '1,000,000', '1 juta', 'sejuta', 'one million');
      same('1.5', '1.5', '1,5', '1.50');
      same('1234.5', '1.234,5', '1,234.5');
      same('1.0001', '1.0001', '1,0001');
      same('12.34', '12.34', '12,34');
      same('1500000 person', '1,5 juta orang', '1.5 million people', '1.500.000 orang');
      same('24', '24', '024', '24.', '(24)');
      same('-5', '-5', '−5');
    });

    it('moves currencies after the number', () => {
      same('5000 idr', 'Rp 5.000', 'Rp5.000', '5.000 rupiah', '5,000 IDR');
      same('3000000 usd', 'US$ 3 million', '$3 million', '3 juta dolar', '3,000,000 dollars');
    });

    it('folds case, width, diacritics, spacing and punctuation', () => {
      same('kim jong un', 'Kim Jong Un', '  KIM   jong-un ', 'Kim Jong-Un', '“Kim Jong Un.”');
      same('pyongyang', 'Pyongyang', 'PYONGYANG', 'Ｐｙｏｎｇｙａｎｇ', '"Pyongyang"', '(Pyongyang)');
      same('cafe', 'Café', 'CAFÉ', 'cafe\u0301');
      same('jumat', "Jum'at", 'Jum’at', 'Jumat');
      same('at&t', 'AT&T');
      same('10:30 wib', '10:30 WIB');
      same('', '', '  ', '...');
    });

    it('is idempotent on every key it makes', () => {
      const inputs = ['19 Juni 2024', '1,5 juta orang', 'Rp 5.000', 'Kim Jong-un', 'dua seribu', '50%', 'tiga ratus ribu orang', 'U.S.', 'ke-2', '20-30 orang'];
      for (const input of inputs) {
        const key = normalizeValue(input);
        assert.equal(normalizeValue(key), key, input);
      }
    });

    it('keeps different claims apart', () => {
      assert.notEqual(normalizeValue('24 tahun'), normalizeValue('24 bulan'));
      assert.notEqual(normalizeValue('19 Juni 2024'), normalizeValue('20 Juni 2024'));
      assert.notEqual(normalizeValue('Juni 2024'), normalizeValue('19 Juni 2024'));
      assert.notEqual(normalizeValue('1.5'), normalizeValue('15'));
      assert.notEqual(normalizeValue('Korea Utara'), normalizeValue('Korea Selatan'));
    });
  });

  describe('quantityOf', () => {
    it('splits a number and a known unit', () => {
      assert.deepEqual(quantityOf('24 year'), { number: '24', unit: 'year' });
      assert.deepEqual(quantityOf('24'), { number: '24' });
      assert.deepEqual(quantityOf('-1.5 percent'), { number: '-1.5', unit: 'percent' });
      assert.equal(quantityOf('24 rudal'), undefined);
      assert.equal(quantityOf('2024-06-19'), undefined);
      assert.equal(quantityOf('pyongyang'), undefined);
    });
  });

  describe('valuesAgree', () => {
    it('compares by the normalised key', () => {
      assert.ok(valuesAgree('19 Juni 2024', 'June 19, 2024'));
      assert.ok(valuesAgree('24 tahun', '24 years'));
      assert.ok(valuesAgree('Kim Jong-un', 'kim  jong un'));
      assert.ok(!valuesAgree('24 tahun', '25 tahun'));
      assert.ok(!valuesAgree('Pyongyang', 'Seoul'));
    });

    it('lets a bare number agree with the same number and a unit, but not units with each other', () => {
      assert.ok(valuesAgree('24', '24 tahun'));
      assert.ok(valuesAgree('dua puluh empat tahun', '24'));
      assert.ok(!valuesAgree('24 bulan', '24 tahun'));
      assert.ok(!valuesAgree('24', '25 tahun'));
      assert.ok(normalizedValuesAgree('24 year', '24'));
    });
  });
});
