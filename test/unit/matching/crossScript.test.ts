/**
 * Names written in another script against their Latin spelling: the romanisation is read as a
 * transcription (compare/transcription.ts, compare/crossScript.ts). All names are invented.
 */

import { scoreNames } from '../../../matching';
import { compareNames } from '../../../matching/compare/names';
import { prepareName } from '../../../matching/prepare';

const compare = (a: string, b: string) => compareNames(prepareName(a, 'person'), prepareName(b, 'person'));
const agreement = (a: string, b: string): string | undefined => compare(a, b).alignment.pairs[0]?.level;

describe('cross-script names', () => {
  it('joins the syllables of a Chinese transcription into the one word English writes', () => {
    expect(agreement('克拉克松', 'Clarkson')).toBe('transcription');
    expect(agreement('霍普金斯', 'Hopkins')).toBe('transcription');
  });

  it('joins Hangul syllables and discounts the vowel Korean adds after a lone consonant', () => {
    expect(agreement('브래드쇼', 'Bradshaw')).toBe('transcription');
  });

  it('discounts the vowels katakana adds after consonants and reads r as l', () => {
    expect(agreement('クラークソン', 'Clarkson')).toBe('transcription');
    expect(agreement('ウィルキンソン', 'Wilkinson')).toBe('transcription');
  });

  it('compares Hebrew and Arabic by their consonants, the Latin vowels being unwritten', () => {
    expect(agreement('ברגמן', 'Bergman')).toBe('transcription');
    expect(agreement('كارلسون', 'Carlson')).toBe('transcription');
  });

  it('accepts the usual romanisation variants of Cyrillic (ya/ia, -oy/-oi, kh/h)', () => {
    expect(agreement('Яровой', 'Iarovoi')).toBe('transcription');
    expect(agreement('Хабибуллин', 'Habibulin')).toBe('transcription');
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

  it('calls a transcription with every sound unit corresponding the same name, a vowel off a transliteration', () => {
    expect(agreement('Миронов', 'Myronov')).toBe('transcription');
    expect(agreement('Миронов', 'Muronov')).toBe('transliteration');
    expect(agreement('Гусев', 'Gisev')).toBe('transliteration');
  });

  it('keeps a run of syllables that leaves the rest of the word unmatched a transliteration', () => {
    expect(agreement('린드크비스트', 'Lindqvist')).toBe('transcription');
    expect(agreement('린드크비스트', 'Lind')).toBe('transliteration');
    expect(scoreNames('린드크비스트', 'Lind').score).toBeLessThan(0.5);
  });

  it('expects Arabic and Hebrew to write a final vowel, a final he included', () => {
    expect(agreement('ברנרדו', 'Bernardo')).toBe('transcription');
    expect(agreement('ברנרד', 'Bernardo')).toBe('transliteration');
    expect(agreement('سليمان', 'Sulaimano')).toBe('transliteration');
    expect(agreement('שרה', 'Sarah')).toBe('transcription');
    expect(agreement('גולדה', 'Golda')).toBe('transcription');
  });

  it('reads a romanised final kh, sh or th as a letter and a final he as well', () => {
    expect(agreement('מרכה', 'Marka')).toBe('transcription');
    // Hebrew has no th: ט + ה is t and a final vowel, never a consonant that may be left out.
    expect(agreement("ג'ולייטה", 'Julia')).toBeUndefined();
  });

  it('reaches review for a short name written fully in another script, not for a close one', () => {
    expect(scoreNames('שרה', 'Sarah').score).toBeGreaterThanOrEqual(0.5);
    expect(scoreNames('ברנרד', 'Bernardo').score).toBeGreaterThanOrEqual(0.5);
    expect(scoreNames('Гусев', 'Gisev').score).toBeGreaterThanOrEqual(0.5);
  });

  it('explains a transcription in analyst words', () => {
    const sentence = scoreNames('Миронов', 'Myronov').features.find((f) => f.name === 'name_agreement')?.explanation;
    expect(sentence).toContain('the same name written in two scripts');
  });

  it('reaches review for a transcribed name and scores symmetrically', () => {
    expect(scoreNames('クラークソン', 'Clarkson').score).toBeGreaterThanOrEqual(0.5);
    expect(scoreNames('克拉克松', 'Clarkston').score).toBeLessThan(0.5);
    for (const [a, b] of [
      ['克拉克松', 'Clarkson'],
      ['ברגמן', 'Berman'],
      ['Яровой', 'Iarovoi'],
    ] as const) {
      expect(scoreNames(a, b).score).toBe(scoreNames(b, a).score);
    }
  });
});
