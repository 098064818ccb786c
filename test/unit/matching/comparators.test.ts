import { aliasKind } from '../../../matching/compare/aliases';
import {
  compareBirthDates,
  compareCountries,
  compareGender,
  compareLegalForms,
  compareNumbers,
} from '../../../matching/compare/facts';
import { compareIdentifiers } from '../../../matching/compare/identifiers';
import { compareNames, nameSimilarity } from '../../../matching/compare/names';
import {
  jaroWinklerSimilarity,
  levenshteinRatio,
  mongeElkan,
  tokenSetOverlap,
  typingDistance,
} from '../../../matching/compare/strings';
import { compareTokens, initialMatch, phoneticMatch } from '../../../matching/compare/tokens';
import { normalizeIdentifiers } from '../../../matching/identifiers';
import { normalizeCountry } from '../../../matching/normalize/countries';
import { parseBirthDate } from '../../../matching/normalize/dates';
import { normalizeName } from '../../../matching/normalize/name';
import { consonantSkeleton, seaKey } from '../../../matching/phonetic';
import { prepareName } from '../../../matching/prepare';
import type { BirthDate } from '../../../matching/prepared';

const token = (text: string) => prepareName(text, 'person').tokens[0]!;
const level = (a: string, b: string) => compareTokens(token(a), token(b));
const dates = (...raw: string[]): BirthDate[] => raw.map((r) => parseBirthDate(r)!);
const forms = (raw: string) => normalizeName(raw, 'organization').legalForms;

describe('string comparators', () => {
  it('Jaro-Winkler rewards a shared beginning and is 1 for equal strings', () => {
    expect(jaroWinklerSimilarity('somchai', 'somchai')).toBe(1);
    expect(jaroWinklerSimilarity('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinklerSimilarity('somchai', 'wanchai')).toBeLessThan(jaroWinklerSimilarity('somchai', 'somchay'));
  });

  it('Levenshtein ratio is one minus the edit distance over the longer length', () => {
    expect(levenshteinRatio('nguyen', 'nguyen')).toBe(1);
    expect(levenshteinRatio('nguyen', 'nguen')).toBeCloseTo(5 / 6);
    expect(levenshteinRatio('', '')).toBe(1);
  });

  it('counts a swap of adjacent letters as one typing error', () => {
    expect(typingDistance('marcon', 'macron')).toBe(1);
    expect(typingDistance('phan', 'pham')).toBe(1);
  });

  it('Monge-Elkan is symmetric and ignores token order', () => {
    const a = ['tran', 'van', 'hung'];
    const b = ['hung', 'tran'];
    expect(mongeElkan(a, b, jaroWinklerSimilarity)).toBeCloseTo(mongeElkan(b, a, jaroWinklerSimilarity));
    expect(mongeElkan(['lim', 'boon', 'keat'], ['keat', 'lim', 'boon'], jaroWinklerSimilarity)).toBe(1);
  });

  it('token-set overlap is the Jaccard share of shared tokens', () => {
    expect(tokenSetOverlap(['golden', 'lotus'], ['golden', 'lotus', 'trading'])).toBeCloseTo(2 / 3);
  });
});

describe('phonetic keys', () => {
  it('the SEA key joins romanisation variants of the region', () => {
    const same = [
      ['somchai', 'somchay'],
      ['jaidee', 'chaidi'],
      ['tran', 'chan'],
      ['saeng', 'sen'],
      ['phuong', 'puong'],
      ['thida', 'tida'],
      ['khor', 'koh'],
      ['lee', 'ri'],
      ['minh', 'min'],
      ['kyaw', 'chaw'],
      ['hoang', 'huang'],
      ['wong', 'vong'],
      ['jinping', 'chinping'],
      ['srisuk', 'srisook'],
    ];
    for (const [a, b] of same) expect([a, seaKey(a!)]).toEqual([a, seaKey(b!)]);
    expect(seaKey('somchai')).not.toBe(seaKey('somsak'));
  });

  it('tokens sound alike by SEA key, or by Double Metaphone when their vowels agree', () => {
    expect(phoneticMatch(token('Somchai'), token('Somchay'))).toBe(true);
    expect(phoneticMatch(token('Scholz'), token('Schulze'))).toBe(true);
    expect(phoneticMatch(token('Tom'), token('Tim'))).toBe(false);
    expect(phoneticMatch(token('Boonmee'), token('Boonma'))).toBe(false);
    // Alan / Allen are spellings of one name in the alias table since lantern-match-3.
    expect(level('Alan', 'Allen')).toBe('alias');
  });

  it('the consonant skeleton lets an Arabic-script name meet its vowelled forms', () => {
    expect(consonantSkeleton('mhmd')).toBe(consonantSkeleton('mohammed'));
    expect(level('محمد', 'Muhammad')).toBe('transliteration');
  });
});

describe('token ladder', () => {
  it('names each kind of agreement', () => {
    expect(level('Jaidee', 'Jaidee')).toBe('exact');
    expect(level('William', 'Bill')).toBe('alias');
    expect(level('Tan', 'Chen')).toBe('alias');
    expect(level('Somchai', 'Somchay')).toBe('phonetic');
    expect(level('Srisukasem', 'Srisukasen')).toBe('typo');
    expect(level('Hung', 'Dung')).toBe('near');
    expect(level('Suwan', 'Suwannaphum')).toBe('prefix');
    expect(level('S', 'Somchai')).toBe('initial');
    expect(level('Boonmee', 'Boonma')).toBe('near');
    expect(level('Somchai', 'Wanchai')).toBe('different');
  });

  it('an initial agrees only with a name starting with its letter', () => {
    expect(initialMatch(token('S'), token('Somchai'))).toBe(true);
    expect(initialMatch(token('N'), token('Somchai'))).toBe(false);
  });

  it('a patronymic is not a shortened given name', () => {
    expect(level('Oleksandr', 'Oleksandrovych')).not.toBe('prefix');
  });

  it('nickname and family-name variant tables are data, not rules', () => {
    expect(aliasKind('mohd', 'muhammad')).toBe('nickname');
    expect(aliasKind('tan', 'tran')).toBe('family-name variant');
    expect(aliasKind('lee', 'ri')).toBe('family-name variant');
    expect(aliasKind('somchai', 'somsak')).toBeUndefined();
  });
});

describe('name comparison', () => {
  const compare = (a: string, b: string, kind: 'person' | 'organization' = 'person') =>
    compareNames(prepareName(a, kind), prepareName(b, kind));

  it('aligns tokens regardless of order and reports a family-name-first swap', () => {
    const c = compare('Tran Van Hung', 'Van Hung Tran');
    expect(c.alignment.pairs).toHaveLength(3);
    expect(c.order).toBe('swapped');
  });

  it('reports a reordering around bin as a kinship reordering', () => {
    expect(compare('Salleh bin Yusof Rahman', 'Yusof bin Salleh Rahman').order).toBe('reordered_kinship');
  });

  it('separates missing tokens (a subset) from conflicting ones', () => {
    const subset = compare('Nguyen Hung', 'Nguyen Van Hung');
    expect(subset.alignment.missingB).toHaveLength(1);
    expect(subset.alignment.conflicts).toHaveLength(0);
    const conflict = compare('Nguyen Van Hung', 'Nguyen Van Dung');
    expect(conflict.alignment.conflicts).toHaveLength(1);
  });

  it('joins a word written as one with its parts written apart', () => {
    const c = compare('Somchaijaidee', 'Somchai Jaidee');
    expect(c.alignment.pairs[0]!.b).toHaveLength(2);
    expect(c.alignment.conflicts).toHaveLength(0);
  });

  it('matches an acronym with the words it abbreviates', () => {
    const c = compare('MKT', 'Mekong Kanchana Trading', 'organization');
    expect(c.alignment.pairs[0]!.level).toBe('acronym');
  });

  it('finds the best overall assignment, not the first good pair', () => {
    const c = compare('Michele Nichaela', 'Michaela Michelle');
    expect(c.alignment.conflicts).toHaveLength(0);
  });

  it('compares names in Chinese characters or Hangul character by character', () => {
    expect(compare('陈志明', '陈志民').alignment.conflicts).toHaveLength(1);
    expect(compare('김정민', '김종민').alignment.conflicts).toHaveLength(1);
  });

  it('Monge-Elkan name similarity is 1 for the same tokens in another order', () => {
    expect(nameSimilarity(compare('Lim Boon Keat', 'Boon Keat Lim'))).toBe(1);
  });
});

describe('facts around the name', () => {
  it('legal forms agree, are compatible, or conflict', () => {
    expect(compareLegalForms(forms('X Co Ltd'), forms('X Sdn Bhd'))!.level).toBe('same');
    expect(compareLegalForms(forms('X Ltd'), forms('X LLC'))!.level).toBe('compatible');
    expect(compareLegalForms(forms('X AG'), forms('X GmbH'))!.level).toBe('conflict');
    expect(compareLegalForms(forms('X Corp'), forms('X JSC'))!.level).toBe('compatible');
    expect(compareLegalForms(forms('X'), forms('X Ltd'))).toBeUndefined();
  });

  it('numbers in names agree, are one-sided, or differ', () => {
    expect(compareNumbers(['1'], ['1'])!.level).toBe('same');
    expect(compareNumbers(['1'], [])!.level).toBe('one_sided');
    expect(compareNumbers(['1'], ['2'])!.level).toBe('different');
    expect(compareNumbers([], [])).toBeUndefined();
  });

  it('birth dates: full, partial, swapped, mistyped, different', () => {
    expect(compareBirthDates(dates('1979-03-02'), dates('02/03/1979'))!.level).toBe('exact');
    expect(compareBirthDates(dates('1979-03-02'), dates('1979-02-03'))!.level).toBe('swapped');
    expect(compareBirthDates(dates('1979-03-02'), dates('1979'))!.level).toBe('year');
    expect(compareBirthDates(dates('1979-03-02'), dates('1979-03'))!.level).toBe('month');
    expect(compareBirthDates(dates('1979-03-02'), dates('1978-03-02'))!.level).toBe('typo');
    expect(compareBirthDates(dates('1979-03-02'), dates('1979-03-25'))!.level).toBe('different_day');
    expect(compareBirthDates(dates('1979-03-02'), dates('1981-07-11'))!.level).toBe('years_apart');
    expect(compareBirthDates(dates('1979-03-02'), dates('1959-07-11'))!.level).toBe('different');
    expect(compareBirthDates(dates('1979-03-02'), [])).toBeUndefined();
    expect(compareBirthDates(dates('1979-01-01'), dates('1979-01-01'))!.level).toBe('year');
  });

  it('parses the date formats caseworkers type and rejects impossible dates', () => {
    expect(parseBirthDate('2.3.1979')!.text).toBe('1979-03-02');
    expect(parseBirthDate('19790302')!.text).toBe('1979-03-02');
    expect(parseBirthDate('03/25/1980')!.text).toBe('1980-03-25');
    // An impossible field is dropped with those after it: the year (and month) typed before it still count.
    expect(parseBirthDate('1979-13-40')!.text).toBe('1979');
    expect(parseBirthDate('1828-02-42')!.text).toBe('1828-02');
    expect(parseBirthDate('unknown')).toBeUndefined();
  });

  it('countries from codes, names and demonyms', () => {
    expect(normalizeCountry('Viet Nam')).toBe('VN');
    expect(normalizeCountry('burmese')).toBe('MM');
    expect(normalizeCountry('kh')).toBe('KH');
    expect(compareCountries(['TH'], ['TH', 'MM'])!.level).toBe('same');
    expect(compareCountries(['TH'], ['KH'])!.level).toBe('different');
  });

  it('gender agrees or conflicts', () => {
    expect(compareGender('male', 'male')!.level).toBe('same');
    expect(compareGender('male', 'female')!.level).toBe('different');
    expect(compareGender(undefined, 'female')).toBeUndefined();
  });
});

describe('identifiers', () => {
  const ids = (properties: Record<string, string[]>, schema = 'Person') =>
    normalizeIdentifiers({ schema, properties, defaultCountry: 'TH' });

  it('a shared strong identifier is a strong match', () => {
    const result = compareIdentifiers(ids({ phone: ['081 234 5678'] }), ids({ phone: ['+66812345678'] }), 'person');
    expect(result!.level).toBe('strong_match');
  });

  it('a masked number that fits the other is a partial match', () => {
    const result = compareIdentifiers(
      ids({ accountNumber: ['XXXX-XX-7890'] }),
      ids({ accountNumber: ['123-4-567890'] }),
      'account',
    );
    expect(result!.level).toBe('partial_match');
  });

  it('different account numbers define different accounts; different phones of a person do not', () => {
    expect(
      compareIdentifiers(ids({ accountNumber: ['1234567890'] }), ids({ accountNumber: ['1234567891'] }), 'account')!
        .level,
    ).toBe('defining_conflict');
    expect(compareIdentifiers(ids({ phone: ['0812345678'] }), ids({ phone: ['0899999999'] }), 'person')!.level).toBe(
      'conflict',
    );
  });
});
