import fc from 'fast-check';
import { accountNumberProblem, ibanProblem } from '../../../../src/domain/validation/bank';
import { birthDateProblem, reportedAtProblem } from '../../../../src/domain/validation/dates';
import { emailProblem } from '../../../../src/domain/validation/email';
import { phoneProblem } from '../../../../src/domain/validation/phone';

const TODAY = '2026-06-15';

describe('phones, read against the report country', () => {
  it('accepts numbers valid in the country, in any usual writing, and international ones', () => {
    for (const phone of ['081-234-5678', '0812345678', '+66 81 234 5678', '0066812345678', '+84 912 345 678'])
      expect(phoneProblem(phone, 'TH')).toBeUndefined();
    expect(phoneProblem('017-226 9043', 'MY')).toBeUndefined();
  });

  it('accepts masked and last-digit forms as partial', () => {
    for (const phone of ['0812xxxxxx', '+66 81 xxx xxxx', 'xxx-xxx-5678', '081-***-5678', 'ending 5678'])
      expect(phoneProblem(phone, 'TH')).toBeUndefined();
  });

  it('refuses text, impossible numbers and masks with no digit, saying what is allowed', () => {
    for (const phone of ['abc', '12345', '081-234-567', 'xxxxxxxxxx', 'call me xx'])
      expect(phoneProblem(phone, 'TH')).toBe(
        'must be a phone number valid in TH, e.g. +66 81 234 5678, or written internationally with + and its ' +
          'country code, or a masked form with x for unknown digits (e.g. 0812xxxxxx)',
      );
    expect(phoneProblem('081-234-5678', 'KH')).toMatch(/valid in KH, e\.g\. \+855/);
  });
});

describe('e-mail addresses', () => {
  it('accepts real addresses, non-Latin ones and masked ones', () => {
    for (const email of ['somchai.k@example.co.th', 'A+tag@Mail.Example.com', 'สมชาย@ตัวอย่าง.ไทย', 's***@gmail.com'])
      expect(emailProblem(email)).toBeUndefined();
  });

  it('refuses what is not an address', () => {
    for (const email of ['not-an-email', 'a@b', 'a@@b.com', '@example.com', 'a@-x.com', 'a b@example.com', 'a@x.c0'])
      expect(emailProblem(email)).toMatch(/must be an e-mail address such as/);
  });
});

describe('IBANs and account numbers', () => {
  it('accepts IBANs whose checksum holds, in print or electronic form, and masked ones', () => {
    for (const iban of ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'DE89 xxxx xxxx xxxx 3000'])
      expect(ibanProblem(iban)).toBeUndefined();
  });

  it('refuses an IBAN with a wrong check digit and a value that is no IBAN', () => {
    expect(ibanProblem('DE88 3704 0044 0532 0130 00')).toMatch(/check digits or length do not fit DE IBANs/);
    expect(ibanProblem('123-4-56789-0')).toMatch(/goes in accountNumber/);
  });

  it('accepts plain and masked account numbers, refuses an IBAN-shaped one that fails its checksum', () => {
    for (const account of ['123-4-56789-0', '0123456789', 'xxx-x-x6789-0', 'DE89370400440532013000'])
      expect(accountNumberProblem(account)).toBeUndefined();
    expect(accountNumberProblem('DE88370400440532013000')).toMatch(/written like a DE IBAN/);
    expect(accountNumberProblem('none')).toMatch(/digits/);
  });
});

describe('birth dates', () => {
  it('accepts any real date from 1900 to today, and year or month precision', () => {
    const day = fc.date({ min: new Date('1900-01-01'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true });
    fc.assert(fc.property(day, (d) => expect(birthDateProblem(d.toISOString().slice(0, 10), TODAY)).toBeUndefined()));
    for (const date of ['1985', '1985-04', '2026-06', '1992-02-29'])
      expect(birthDateProblem(date, TODAY)).toBeUndefined();
  });

  it('refuses impossible calendar dates and other writings', () => {
    for (const date of ['1990-02-31', '1991-02-29', '1990-13-01', '1990-00-10', '02/03/1979', '1990-2-3', 'soon'])
      expect(birthDateProblem(date, TODAY)).toMatch(/must be a real date written YYYY-MM-DD/);
  });

  it('refuses dates before 1900 or after today', () => {
    for (const date of ['1899-12-31', '0000-01-01', '2026-06-16', '2027', '9999-12-31'])
      expect(birthDateProblem(date, TODAY)).toBe('must be a birth date between 1900 and today (2026-06-15)');
  });
});

describe('the date of a report', () => {
  it('accepts real days from 1970 to tomorrow', () => {
    for (const date of ['1970-01-01', '2024-02-29', TODAY, '2026-06-16'])
      expect(reportedAtProblem(date, TODAY)).toBeUndefined();
  });

  it('refuses year 0, 9999, the far future and impossible days', () => {
    for (const date of ['0000-01-01', '9999-12-31', '2026-06-17', '1969-12-31', '2023-02-29', '2024'])
      expect(reportedAtProblem(date, TODAY)).toMatch(/between 1970-01-01 and 2026-06-16/);
  });
});
