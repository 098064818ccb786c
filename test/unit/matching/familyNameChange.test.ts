/**
 * Model lantern-match-4: a family name replaced outright (on marriage) weighs as a possible change of
 * family name when the given name, a full birth date and the address or an identifier agree. Every
 * example is invented.
 */
import { DEFAULT_THRESHOLDS, explain, MODEL_VERSION, scoreRecords } from '../../../matching';
import type { MatchRecord } from '../../../matching/types';

const person = (properties: Record<string, string[]>): MatchRecord => ({ schema: 'Person', properties });
const feature = (r: ReturnType<typeof scoreRecords>, name: string) => r.features.find((f) => f.name === name);
const { autoLink } = DEFAULT_THRESHOLDS;

describe('model version', () => {
  it('is lantern-match-5', () => {
    expect(MODEL_VERSION).toBe('lantern-match-5 (2026-12-01)');
  });
});

describe('family name changed (marriage)', () => {
  // A Thai woman recorded under her own family name, later under her husband's.
  const before = person({
    name: ['Wilaiporn Srisawat'],
    firstName: ['Wilaiporn'],
    lastName: ['Srisawat'],
    birthDate: ['1994-08-17'],
    address: ['88/12 Moo 4 Tambon Nong Prue Bang Lamung Chonburi 20150'],
  });
  const married = person({
    name: ['Wilaiporn Thongkham'],
    firstName: ['Wilaiporn'],
    lastName: ['Thongkham'],
    birthDate: ['1994-08-17'],
    address: ['88/12 Moo 4 Tambon Nong Prue Bang Lamung Chonburi 20150'],
  });

  it('links a married name with the same given name, birth date and address, and says why', () => {
    const r = scoreRecords(before, married);
    expect(r.score).toBeGreaterThanOrEqual(autoLink);
    const conflict = feature(r, 'name_conflict')!;
    expect(conflict.weight).toBe(-4);
    expect(conflict.explanation).toMatch(/possible change of family name/u);
    expect(conflict.explanation).toMatch(/srisawat/u);
    expect(explain(r).some((e) => /marriage/u.test(e.sentence))).toBe(true);
  });

  it('is symmetric', () => {
    expect(scoreRecords(married, before).score).toBe(scoreRecords(before, married).score);
  });

  it('works on a full name alone (the last token taken as the family name) with an ID one slip off', () => {
    const a = person({ name: ['Margaret Ellingworth'], birthDate: ['1971-03-22'], idNumber: ['5093187'] });
    const b = person({ name: ['Margaret Pemberley'], birthDate: ['1971-03-22'], idNumber: ['5093178'] });
    const r = scoreRecords(a, b);
    expect(feature(r, 'name_conflict')!.weight).toBe(-4);
    expect(feature(r, 'name_conflict')!.explanation).toMatch(/an identifier/u);
  });

  it('keeps different people with the same given name and birth date but nothing else apart', () => {
    const a = person({
      name: ['Wilaiporn Srisawat'],
      firstName: ['Wilaiporn'],
      lastName: ['Srisawat'],
      birthDate: ['1994-08-17'],
      address: ['14 Soi Ari Phaya Thai Bangkok 10400'],
    });
    const b = person({
      name: ['Wilaiporn Thongkham'],
      firstName: ['Wilaiporn'],
      lastName: ['Thongkham'],
      birthDate: ['1994-08-17'],
      address: ['3 Moo 7 Hang Dong Chiang Mai 50230'],
    });
    const r = scoreRecords(a, b);
    expect(feature(r, 'name_conflict')!.weight).toBe(-12);
    expect(r.score).toBeLessThan(DEFAULT_THRESHOLDS.review);
    const noAddress = scoreRecords(
      person({ name: ['Wilaiporn Srisawat'], birthDate: ['1994-08-17'] }),
      person({ name: ['Wilaiporn Thongkham'], birthDate: ['1994-08-17'] }),
    );
    expect(feature(noAddress, 'name_conflict')!.weight).toBe(-12);
  });

  it('needs a full birth date that is not the placeholder 1 January', () => {
    const address = ['21 Harcourt Lane Yarrow Bend 4417'];
    const yearOnly = scoreRecords(
      person({ name: ['Annabel Quist'], birthDate: ['1980'], address }),
      person({ name: ['Annabel Forrester'], birthDate: ['1980'], address }),
    );
    expect(feature(yearOnly, 'name_conflict')!.weight).toBe(-12);
    const placeholder = scoreRecords(
      person({ name: ['Annabel Quist'], birthDate: ['1980-01-01'], address }),
      person({ name: ['Annabel Forrester'], birthDate: ['1980-01-01'], address }),
    );
    expect(feature(placeholder, 'name_conflict')!.weight).toBe(-12);
  });

  it('does not apply when the given names differ (the family name agrees: siblings)', () => {
    const address = ['21 Harcourt Lane Yarrow Bend 4417'];
    const r = scoreRecords(
      person({
        name: ['Annabel Quist'],
        firstName: ['Annabel'],
        lastName: ['Quist'],
        birthDate: ['1980-06-14'],
        address,
      }),
      person({
        name: ['Rosalind Quist'],
        firstName: ['Rosalind'],
        lastName: ['Quist'],
        birthDate: ['1980-06-14'],
        address,
      }),
    );
    expect(feature(r, 'name_conflict')!.weight).toBe(-12);
  });

  it('does not apply to a conflict in the given name position of a stated name', () => {
    const address = ['21 Harcourt Lane Yarrow Bend 4417'];
    const r = scoreRecords(
      person({
        name: ['Annabel Rose Quist'],
        firstName: ['Annabel Rose'],
        lastName: ['Quist'],
        birthDate: ['1980-06-14'],
        address,
      }),
      person({
        name: ['Annabel Clare Quist'],
        firstName: ['Annabel Clare'],
        lastName: ['Quist'],
        birthDate: ['1980-06-14'],
        address,
      }),
    );
    expect(feature(r, 'name_conflict')!.weight).toBe(-12);
  });

  it('keeps it off for a common given name with only a similar address', () => {
    const r = scoreRecords(
      person({ name: ['John Ashdown'], birthDate: ['1962-09-03'], address: ['12 Mill Road Eastleigh Hampshire'] }),
      person({ name: ['John Corbyn'], birthDate: ['1962-09-03'], address: ['40 Mill Road Eastleigh Kent'] }),
    );
    expect(feature(r, 'name_conflict')!.weight).toBe(-12);
  });
});
