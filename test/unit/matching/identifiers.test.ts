import fc from 'fast-check';
import { type Identifier, identifierKey, normalizeIdentifiers, partialAgrees } from '../../../matching/identifiers';
import type { MatchRecord } from '../../../matching/types';

const person = (properties: Record<string, string[]>, defaultCountry?: string): MatchRecord => ({
  schema: 'Person',
  properties,
  ...(defaultCountry ? { defaultCountry } : {}),
});
const ids = (properties: Record<string, string[]>, defaultCountry?: string): Identifier[] =>
  normalizeIdentifiers(person(properties, defaultCountry));
const one = (properties: Record<string, string[]>, defaultCountry?: string): Identifier | undefined =>
  ids(properties, defaultCountry)[0];

describe('phones become E.164 with the report country as default region', () => {
  it.each([
    ['TH', '081-234-5678', '+66812345678'],
    ['TH', '+66 81 234 5678', '+66812345678'],
    ['TH', '0066 81 234 5678', '+66812345678'],
    ['VN', '0912 345 678', '+84912345678'],
    ['KH', '012 345 678', '+85512345678'],
    ['MY', '012-345 6789', '+60123456789'],
    ['ID', '0812-3456-7890', '+6281234567890'],
    ['SG', '9123 4567', '+6591234567'],
  ])('%s %s -> %s', (country, raw, e164) => {
    expect(one({ phone: [raw] }, country)).toEqual({ kind: 'phone', value: e164, strength: 'strong' });
  });

  it('writes the same number typed nationally and internationally once', () => {
    expect(ids({ phone: ['081-234-5678', '+66 81 234 5678'] }, 'TH')).toHaveLength(1);
  });

  it('keeps an invalid number as its digits, partial only', () => {
    expect(one({ phone: ['12-345'] }, 'TH')).toEqual({ kind: 'phone', value: '12345', strength: 'partial' });
  });

  it('reads the same national digits differently in different regions', () => {
    expect(one({ phone: ['012 345 678'] }, 'KH')?.value).not.toBe(one({ phone: ['012 345 678'] }, 'MY')?.value);
  });
});

describe('bank identifiers', () => {
  it('validates and compacts IBANs', () => {
    expect(one({ iban: ['gb82 west 1234 5698 7654 32'] })).toEqual({
      kind: 'iban',
      value: 'GB82WEST12345698765432',
      strength: 'strong',
    });
  });

  it('keeps an IBAN with a wrong checksum as partial evidence only', () => {
    expect(one({ iban: ['GB82 WEST 1234 5698 7654 33'] })?.strength).toBe('partial');
  });

  it('recognises a valid IBAN typed into the account field', () => {
    expect(one({ accountNumber: ['GB82 WEST 1234 5698 7654 32'] })?.kind).toBe('iban');
  });

  it('reduces account numbers to digits and compares them exactly', () => {
    const a = one({ accountNumber: ['123-4-56789-0'] });
    const b = one({ accountNumber: ['1234567891'] });
    expect(a).toEqual({ kind: 'account', value: '1234567890', strength: 'strong' });
    expect(identifierKey(a as Identifier)).not.toBe(identifierKey(b as Identifier));
  });

  it('keeps a BIC upper-cased, folds the XXX head-office branch, and never makes it strong', () => {
    expect(one({ bic: ['bkkbthbkxxx'] })).toEqual({ kind: 'bic', value: 'BKKBTHBK', strength: 'partial' });
  });
});

describe('e-mails and handles', () => {
  it('lower-cases and trims e-mails without provider tricks', () => {
    expect(one({ email: ['  Somchai.J@Gmail.COM '] })).toEqual({
      kind: 'email',
      value: 'somchai.j@gmail.com',
      strength: 'strong',
    });
  });

  it.each([
    ['@SomChai88', 'Telegram'],
    ['somchai88', 'tg'],
    ['https://t.me/SomChai88', undefined],
    ['t.me/somchai88', undefined],
    ['telegram.me/@somchai88', undefined],
  ])('folds the telegram handle %s (service %s)', (username, service) => {
    const record: MatchRecord = {
      schema: 'UserAccount',
      properties: { username: [username], ...(service ? { service: [service] } : {}) },
    };
    expect(normalizeIdentifiers(record)).toEqual([
      { kind: 'username', value: 'somchai88', strength: 'strong', service: 'telegram' },
    ]);
  });

  it('treats a handle with no service as partial: the same handle elsewhere may be someone else', () => {
    expect(normalizeIdentifiers({ schema: 'UserAccount', properties: { username: ['@boss88'] } })[0]?.strength).toBe(
      'partial',
    );
  });

  it('reads a WhatsApp link as the phone it is', () => {
    const found = normalizeIdentifiers({
      schema: 'UserAccount',
      properties: { username: ['https://wa.me/66812345678'] },
    });
    expect(found).toContainEqual({ kind: 'phone', value: '+66812345678', strength: 'strong' });
  });
});

describe('registration and ID numbers', () => {
  it('folds spaces, dashes and dots', () => {
    const a = normalizeIdentifiers({ schema: 'Company', properties: { registrationNumber: ['0105-561 234.567'] } });
    expect(a).toEqual([{ kind: 'registration', value: '0105561234567', strength: 'strong' }]);
    expect(one({ idNumber: ['1-2345-67890-12-3'] })?.value).toBe('1234567890123');
  });
});

describe('partial identifiers are supporting evidence, never strong', () => {
  it.each([
    ['accountNumber', 'xxx-x-x6789-0', '67890'],
    ['accountNumber', '****5678', '5678'],
    ['accountNumber', 'ending 5678', '5678'],
    ['accountNumber', 'last four 5678', '5678'],
    ['phone', '081-xxx-5678', '5678'],
  ])('%s %s keeps its tail %s', (property, raw, tail) => {
    expect(ids({ [property]: [raw] }, 'TH')).toEqual([expect.objectContaining({ value: tail, strength: 'partial' })]);
  });

  it('agrees with the full number by suffix only', () => {
    const tail = one({ accountNumber: ['****7890'] }) as Identifier;
    expect(partialAgrees(tail, one({ accountNumber: ['123-4-56789-0'] }) as Identifier)).toBe(true);
    expect(partialAgrees(tail, one({ accountNumber: ['123-4-56789-1'] }) as Identifier)).toBe(false);
  });

  it('never yields a strong identifier from any masked value', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{0,6}$/),
        fc.stringMatching(/^[0-9]{3,6}$/),
        fc.constantFrom('xxxx', '****', 'ending ', 'last four '),
        (head, tail, mask) => {
          const found = ids({ accountNumber: [`${head}${mask}${tail}`], phone: [`${mask}${tail}`] }, 'TH');
          return found.every((id) => id.strength === 'partial');
        },
      ),
    );
  });
});

it('is pure: the same record gives the same identifiers in the same order', () => {
  const record = person({ phone: ['081-234-5678'], email: ['a@b.co'], accountNumber: ['1234567890'] }, 'TH');
  expect(normalizeIdentifiers(record)).toEqual(normalizeIdentifiers(structuredClone(record)));
});
