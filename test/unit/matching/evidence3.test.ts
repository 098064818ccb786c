/**
 * Model lantern-match-3: English pet forms and the forms of one given name across languages, pet-form
 * endings, birth dates within a month / a year slip / years apart, placeholder dates read as their
 * year, addresses with a typing slip, gender contradictions between agreeing names, occupations, and
 * near dates as corroboration. Examples are invented.
 */

import { MODEL_VERSION, scoreRecords } from '../../../matching';
import { aliasKind, diminutiveKey } from '../../../matching/compare/aliases';
import {
  addressOverlap,
  compareAddresses,
  compareBirthDates,
  compareGender,
  comparePositions,
} from '../../../matching/compare/facts';
import { compareTokens } from '../../../matching/compare/tokens';
import { parseBirthDate } from '../../../matching/normalize/dates';
import { prepareName } from '../../../matching/prepare';
import type { MatchRecord } from '../../../matching/types';

const person = (properties: Record<string, string[]>): MatchRecord => ({ schema: 'Person', properties });
const date = (s: string) => [parseBirthDate(s)!];
const level = (a: string, b: string) => compareBirthDates(date(a), date(b))!.level;
const token = (t: string) => prepareName(t, 'person').tokens[0]!;
const feature = (r: ReturnType<typeof scoreRecords>, name: string) => r.features.find((f) => f.name === name);

describe('model version', () => {
  it('is lantern-match-3 or a later model', () => {
    expect(MODEL_VERSION).toMatch(/^lantern-match-[3-9]/u);
  });
});

describe('English pet forms and cognate given names', () => {
  it('knows pet forms outside the old table', () => {
    expect(aliasKind('ned', 'edward')).toBe('nickname');
    expect(aliasKind('artie', 'arthur')).toBe('nickname');
    expect(aliasKind('peggy', 'margaret')).toBe('nickname');
    expect(aliasKind('reggie', 'reginald')).toBe('nickname');
    expect(aliasKind('hal', 'harold')).toBe('nickname');
  });
  it('knows one given name across languages', () => {
    expect(aliasKind('gwilym', 'william')).toBe('nickname');
    expect(aliasKind('ian', 'john')).toBe('nickname');
    expect(aliasKind('pawel', 'paul')).toBe('nickname');
    expect(aliasKind('yusuf', 'joseph')).toBe('nickname');
  });
  it('does not chain groups: Ted is Edward and Theodore, but Edward is not Theodore', () => {
    expect(aliasKind('ted', 'edward')).toBe('nickname');
    expect(aliasKind('ted', 'theodore')).toBe('nickname');
    expect(aliasKind('edward', 'theodore')).toBeUndefined();
  });
  it('folds -ie and -ey endings onto -y in words of five letters or more only', () => {
    expect(diminutiveKey('eddie')).toBe('eddy');
    expect(diminutiveKey('davey')).toBe('davy');
    expect(diminutiveKey('joey')).toBe('joey');
    expect(aliasKind('willie', 'william')).toBe('nickname');
    expect(aliasKind('joey', 'joy')).toBeUndefined();
  });
  it('reads pet-form endings as one sound when comparing tokens', () => {
    expect(compareTokens(token('corrie'), token('cory'))).toBe('typo');
    expect(compareTokens(token('eddy'), token('eddie'))).not.toBe('near');
  });
  it('a pet form with the family name and a birth date links (Artie / Arthur Pennington)', () => {
    const a = person({ name: ['Artie Pennington'], birthDate: ['1961-04-17'] });
    const b = person({ name: ['Arthur Pennington'], birthDate: ['1961-04-17'] });
    expect(scoreRecords(a, b).score).toBeGreaterThanOrEqual(0.98);
  });
});

describe('birth dates', () => {
  it('dates within a month are near, across a month end too', () => {
    expect(level('1991-04-30', '1991-05-02')).toBe('different_day');
    expect(level('1979-12-28', '1980-01-03')).toBe('different_day');
    expect(level('1980-03-02', '1980-09-14')).toBe('different_month');
  });
  it('a placeholder 1 January says only the year: two years apart is not a one-digit slip', () => {
    expect(level('1871-01-01', '1873-01-01')).toBe('years_apart');
    expect(level('1871-01-01', '1872-01-01')).toBe('within_year');
    expect(level('1871-01-01', '1871-05-14')).toBe('year');
    expect(level('1966-08-14', '1966-08-15')).toBe('typo');
  });
  it('a year one digit off with the day of the year within a month is a year slip', () => {
    expect(level('1986-05-12', '1976-05-15')).toBe('year_slip');
    expect(level('1986-05-12', '1976-11-15')).toBe('years_apart');
  });
  it('dates up to ten years apart weigh less than dates further apart', () => {
    expect(level('1979-03-02', '1985-07-11')).toBe('years_apart');
    expect(level('1950-03-02', '1979-07-11')).toBe('different');
    expect(level('1979', '1980')).toBe('within_year');
    const near = scoreRecords(
      person({ name: ['Kittipong Srisuk'], birthDate: ['1979-03-02'] }),
      person({ name: ['Kittipong Srisuk'], birthDate: ['1985-07-11'] }),
    );
    const far = scoreRecords(
      person({ name: ['Kittipong Srisuk'], birthDate: ['1979-03-02'] }),
      person({ name: ['Kittipong Srisuk'], birthDate: ['1950-07-11'] }),
    );
    expect(feature(near, 'birth_date')!.weight).toBeGreaterThan(feature(far, 'birth_date')!.weight);
    expect(feature(near, 'birth_date')!.weight).toBeLessThan(0);
  });
});

describe('addresses with a typing slip', () => {
  it('counts words one slip apart as one word, numbers only when equal', () => {
    expect(addressOverlap(['12', 'jalan', 'ampang'], ['12', 'jalan', 'ampnag'])).toBe(1);
    expect(addressOverlap(['chiang', 'mai'], ['chaing', 'mai'])).toBe(1);
    expect(addressOverlap(['12', 'jalan', 'ampang'], ['21', 'jalan', 'ampang'])).toBeLessThan(0.7);
    expect(compareAddresses([['kuala', 'lumpur']], [['kuala', 'lumpr']])!.level).toBe('same');
  });
  it('is symmetric', () => {
    const x = ['soi', 'sukhumvit', 'sukhumwit'];
    const y = ['sukhumvit', 'soi', 'bangkok'];
    expect(addressOverlap(x, y)).toBe(addressOverlap(y, x));
  });
});

describe('gender contradictions', () => {
  it('weighs a contradiction lightly when the given names agree too', () => {
    expect(compareGender('male', 'female', true)!.level).toBe('different_names_agree');
    expect(compareGender('male', 'female')!.level).toBe('different');
    const a = person({ name: ['Somchai Rattanakosin'], gender: ['male'], birthDate: ['1975-02-11'] });
    const b = person({ name: ['Somchai Rattanakosin'], gender: ['female'], birthDate: ['1975-02-11'] });
    expect(feature(scoreRecords(a, b), 'gender')!.weight).toBe(-1);
    expect(scoreRecords(a, b).score).toBeGreaterThanOrEqual(0.98);
  });
  it('keeps it strong when only the family name agrees (Mr and Mrs Tan)', () => {
    const a = person({ name: ['Mr Tan'] });
    const b = person({ name: ['Mrs Tan'] });
    expect(feature(scoreRecords(a, b), 'gender')!.weight).toBe(-4);
  });
});

describe('occupations and corroboration', () => {
  it('compares occupations as word sets', () => {
    expect(comparePositions([['painter']], [['portrait', 'painter']])!.level).toBe('same');
    expect(comparePositions([['driver']], [['broker']])).toBeUndefined();
  });
  it('the same occupation and the same address together lift the common-name rule', () => {
    const base = { name: ['Dang Thi Hoa'], address: ['45 Hang Bac, Hoan Kiem, Hanoi'] };
    const one = scoreRecords(person(base), person(base));
    expect(feature(one, 'common_name_rule')).toBeDefined();
    const two = scoreRecords(
      person({ ...base, position: ['seamstress'] }),
      person({ ...base, position: ['seamstress'] }),
    );
    expect(feature(two, 'common_name_rule')).toBeUndefined();
  });
  it('birth dates less than a year apart corroborate together with the same address', () => {
    const a = person({ name: ['Tobias Whitlock'], birthDate: ['1994-03-01'], address: ['Ipoh'] });
    const b = person({ name: ['Tobias Whitlock'], birthDate: ['1994-02-27'], address: ['Ipoh'] });
    expect(feature(scoreRecords(a, b), 'common_name_rule')).toBeUndefined();
  });
});
