import { compareTokens } from '../../../matching/compare/tokens';
import { scoreNames } from '../../../matching/index';
import { normalizeName } from '../../../matching/normalize/name';
import { nameSoundKey } from '../../../matching/phonetic/seaKey';
import { prepareName } from '../../../matching/prepare';

const latin = (thai: string): string => normalizeName(thai, 'person').tokens.join(' ');
const token = (text: string) => prepareName(text, 'person').tokens[0]!;
const review = 0.5;

describe('Thai romaniser (RTGS)', () => {
  it('pairs a word-final run of bare consonants from its end: the onset before it is open', () => {
    expect(latin('นคร')).toBe('nakhon');
  });

  it('reads ro han (รร) as a, with the next consonant as its final', () => {
    expect(latin('สุวรรณ')).toBe('suwan');
  });

  it('silences the consonant under the karan and the ร cluster it closes', () => {
    expect(latin('จันทร์เพ็ญ')).toBe('chanphen');
    expect(latin('ปกรณ์')).toBe('pakon');
  });
});

describe('name sound key', () => {
  it('joins official and informal romanisations of one Thai name', () => {
    const same = [
      ['thongbai', 'tongbai'],
      ['kittiphong', 'kittipong'],
      ['phornsawan', 'ponsawan'],
      ['chaiwat', 'jaiwat'],
      ['wichit', 'wichid'],
      ['sombun', 'somboon'],
      ['kaeomani', 'kaewmani'],
      ['supaporn', 'supaphon'],
    ];
    for (const [a, b] of same) expect([a, nameSoundKey(a!)]).toEqual([a, nameSoundKey(b!)]);
  });

  it('keeps apart what Thai distinguishes: -ng and -n, another vowel, a doubled consonant', () => {
    expect(nameSoundKey('kittiphong')).not.toBe(nameSoundKey('kittiphon'));
    expect(nameSoundKey('chaiwat')).not.toBe(nameSoundKey('chaiwit'));
    expect(nameSoundKey('wannipa')).not.toBe(nameSoundKey('wanipa'));
  });
});

describe('a single given name', () => {
  it('reaches review when both spellings are one sound class', () => {
    expect(scoreNames('Thanawat', 'Tanawat').score).toBeGreaterThanOrEqual(review);
    expect(scoreNames('Kittiphong', 'Kittipong').score).toBeGreaterThanOrEqual(review);
  });

  it('stays below review when a letter changes the sound: another vowel, an inserted syllable', () => {
    expect(scoreNames('Chaiwat', 'Chaiwit').score).toBeLessThan(review);
    expect(scoreNames('Kritsada', 'Krisda').score).toBeLessThan(review);
    expect(scoreNames('Suwan', 'Suwanna').score).toBeLessThan(review);
  });

  it('still tolerates a near spelling beside other agreeing parts of the name', () => {
    expect(scoreNames('Thongbai Kittiphong', 'Tongbai Kittiphang').score).toBeGreaterThanOrEqual(review);
  });

  it('in Thai script meets its romanisation', () => {
    expect(scoreNames('ทองใบ', 'Thongbai').score).toBeGreaterThanOrEqual(review);
  });
});

describe('Latvian nominative', () => {
  it('a final -s after a consonant is grammar, not a slip', () => {
    expect(compareTokens(token('Andrejs'), token('Andrey'))).toBe('typo');
  });
});
