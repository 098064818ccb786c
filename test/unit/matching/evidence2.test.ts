/**
 * Model lantern-match-2: historical dates, titles of nobility, e-mails and ID numbers a typing slip
 * apart, birth dates less than a year apart, corroboration by two weak agreements, and partial names.
 */

import { scoreNames, scoreRecords } from '../../../matching';
import { compareBirthDates } from '../../../matching/compare/facts';
import { compareIdentifiers, nearEmails } from '../../../matching/compare/identifiers';
import { normalizeIdentifiers } from '../../../matching/identifiers';
import { parseBirthDate } from '../../../matching/normalize/dates';
import { normalizeName } from '../../../matching/normalize/name';
import type { MatchRecord } from '../../../matching/types';

const person = (properties: Record<string, string[]>): MatchRecord => ({ schema: 'Person', properties });
const ids = (properties: Record<string, string[]>) => normalizeIdentifiers(person(properties));
const date = (s: string) => [parseBirthDate(s)!];

describe('birth dates of any century', () => {
  it('reads dates from the year 1000 on', () => {
    expect(parseBirthDate('1630-08-01')).toMatchObject({ year: 1630, month: 8, day: 1 });
    expect(parseBirthDate('1355')).toMatchObject({ year: 1355 });
    expect(parseBirthDate('0999-01-02')).toBeUndefined();
  });
  it(
    'calls dates less than a year apart within_year, ' +
      'further apart years_apart (lantern-match-3), beyond ten years different',
    () => {
      expect(compareBirthDates(date('1992-10-02'), date('1993-09-03'))!.level).toBe('within_year');
      expect(compareBirthDates(date('1992-10-02'), date('1995-04-03'))!.level).toBe('years_apart');
      expect(compareBirthDates(date('1972-10-02'), date('1994-09-03'))!.level).toBe('different');
    },
  );
});

describe('titles of nobility and ordinals', () => {
  it('drops an ordinal with the rank it introduces, and ranks that are never names', () => {
    expect(normalizeName('tom 1st baron clifford of chudleigh', 'person').text).toBe('tom clifford of chudleigh');
    expect(normalizeName('george leveson-gower, 2nd earl granville', 'person').text).not.toMatch(/earl|2nd|ist/u);
    expect(normalizeName('Count Leo Tolstoy', 'person').text).toBe('leo tolstoy');
  });
  it('keeps Earl and Duke as given names when no ordinal introduces them', () => {
    expect(normalizeName('Earl Warren', 'person').text).toBe('earl warren');
  });
});

describe('identifiers a typing slip apart', () => {
  it('finds e-mails with the same mailbox or within two edits', () => {
    expect(nearEmails('roberta25@smith.net', 'robert255@smith.net')).toBe(true);
    expect(nearEmails('maisie.e96@bakre.com', 'maisie.e96@baker.com')).toBe(true);
    expect(nearEmails('a.smith@example.com', 'j.smith@example.com')).toBe(false);
    expect(nearEmails('bo@x.com', 'bob@y.com')).toBe(false);
  });
  it("is supporting evidence, never a strong match, and only for a person's ID numbers", () => {
    const email = compareIdentifiers(
      ids({ email: ['roberta25@smith.net'] }),
      ids({ email: ['robert255@smith.net'] }),
      'person',
    );
    expect(email!.level).toBe('near_match');
    const id = compareIdentifiers(ids({ idNumber: ['1762210'] }), ids({ idNumber: ['1762120'] }), 'person');
    expect(id!.level).toBe('near_match');
    const account = (n: string): MatchRecord => ({ schema: 'BankAccount', properties: { accountNumber: [n] } });
    const accounts = compareIdentifiers(
      normalizeIdentifiers(account('1234567890')),
      normalizeIdentifiers(account('1234567891')),
      'account',
    );
    expect(accounts!.level).toBe('defining_conflict');
  });
});

describe('corroboration and partial names', () => {
  it('a family name alone against a full name does not reach autoLink on the name alone', () => {
    expect(scoreNames('leveson-gower', 'george leveson-gower').score).toBeLessThan(0.98);
  });
  it(
    'Nguyen Van Nam typed identically stays under autoLink ' + 'with one weak agreement (a birth year, or an address)',
    () => {
      const extras: Record<string, string[]>[] = [{ birthDate: ['1985'] }, { address: ['12 Le Loi, Hanoi'] }, {}];
      for (const extra of extras) {
        const r = person({ name: ['Nguyen Van Nam'], ...extra });
        expect(scoreRecords(r, r).score).toBeLessThan(0.98);
      }
    },
  );
  it('a typo in the name, a one-digit date slip and the same address together link', () => {
    const a = person({ name: ['Theodore Marshall'], birthDate: ['1982-07-23'], address: ['Birmingham'] });
    const b = person({ name: ['Theodore Marshal'], birthDate: ['1982-07-28'], address: ['Birmingham'] });
    expect(scoreRecords(a, b).score).toBeGreaterThanOrEqual(0.98);
  });
});
