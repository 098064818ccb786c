/**
 * Names written in another script against their Latin spelling: the romanisation is read as a
 * transcription (compare/transcription.ts, compare/crossScript.ts). All names are invented.
 */
import { compareNames } from '../../../matching/compare/names';
import { scoreNames } from '../../../matching';
import { prepareName } from '../../../matching/prepare';

const compare = (a: string, b: string) => compareNames(prepareName(a, 'person'), prepareName(b, 'person'));
const agreement = (a: string, b: string): string | undefined => compare(a, b).alignment.pairs[0]?.level;

describe('cross-script names', () => {
  it('joins the syllables of a Chinese transcription into the one word English writes', () => {
    expect(agreement('克拉克松', 'Clarkson')).toBe('transliteration');
    expect(agreement('霍普金斯', 'Hopkins')).toBe('transliteration');
  });

  it('joins Hangul syllables and discounts the vowel Korean adds after a lone consonant', () => {
    expect(agreement('브래드쇼', 'Bradshaw')).toBe('transliteration');
  });

  it('discounts the vowels katakana adds after consonants and reads r as l', () => {
    expect(agreement('クラークソン', 'Clarkson')).toBe('transliteration');
    expect(agreement('ウィルキンソン', 'Wilkinson')).toBe('transliteration');
  });

  it('compares Hebrew and Arabic by their consonants, the Latin vowels being unwritten', () => {
    expect(agreement('ברגמן', 'Bergman')).toBe('transliteration');
    expect(agreement('كارلسون', 'Carlson')).toBe('transliteration');
  });

  it('accepts the usual romanisation variants of Cyrillic (ya/ia, -oy/-oi, kh/h)', () => {
    expect(agreement('Яровой', 'Iarovoi')).toBe('transliteration');
    expect(agreement('Хабибуллин', 'Habibulin')).toBe('transliteration');
  });

  it('rejects the most similar other name when one consonant differs', () => {
    expect(agreement('克拉克松', 'Clarkston')).toBeUndefined();
    expect(agreement('ברגמן', 'Berman')).toBeUndefined();
    expect(agreement('كارلسون', 'Carlton')).toBeUndefined();
    expect(agreement('브래드쇼', 'Bradford')).toBeUndefined();
    expect(agreement('ウィルキンソン', 'Wilkerson')).toBeUndefined();
    expect(agreement('Хабибуллин', 'Habibullah')).toBeUndefined();
  });

  it('does not take a one-letter difference of a computed romanisation for a typing slip', () => {
    expect(agreement('Коваль', 'Kovac')).toBeUndefined();
    expect(compare('Коваль', 'Kovac').alignment.conflicts[0]?.level).toBe('near');
  });

  it('reaches review for a transcribed name and scores symmetrically', () => {
    expect(scoreNames('クラークソン', 'Clarkson').score).toBeGreaterThanOrEqual(0.5);
    expect(scoreNames('克拉克松', 'Clarkston').score).toBeLessThan(0.5);
    for (const [a, b] of [['克拉克松', 'Clarkson'], ['ברגמן', 'Berman'], ['Яровой', 'Iarovoi']] as const) {
      expect(scoreNames(a, b).score).toBe(scoreNames(b, a).score);
    }
  });
});
