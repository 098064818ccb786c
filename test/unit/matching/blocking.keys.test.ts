/** Blocking keys through the library's own normalisation: variants of a name must meet their original. */
import { blockingKeys, isGenericKey } from '../../../matching/blocking';
import type { MatchRecord } from '../../../matching/types';

const person = (name: string, extra: Record<string, string[]> = {}, defaultCountry?: string): MatchRecord => ({
  schema: 'Person',
  properties: { name: [name], ...extra },
  ...(defaultCountry ? { defaultCountry } : {}),
});

const shared = (a: MatchRecord, b: MatchRecord, prefix?: string): string[] => {
  const left = new Set(blockingKeys(a));
  return blockingKeys(b).filter((key) => left.has(key) && (!prefix || key.startsWith(`${prefix}:`)));
};

describe('a variant of a name shares a key with its original', () => {
  it.each([
    ['typo', 'Somchai Jaidee', 'Somchai Jaidea'],
    ['typo in both tokens', 'Kittisak Wongsawat', 'Kitisak Wongsawatt'],
    ['reordered', 'Nguyen Van Nam', 'Nam Nguyen Van'],
    ['without diacritics', 'Nguyễn Văn Nam', 'Nguyen Van Nam'],
    ['re-romanised', 'Somchai Jaidee', 'Somchay Jaidi'],
    ['middle name dropped', 'Tan Ah Kow', 'Tan Kow'],
    ['honorific added', 'Aung Kyaw Min', 'U Aung Kyaw Min'],
    ['legal form changed', 'Golden Star Trading Co., Ltd.', 'Golden Star Trading Company Limited'],
  ])('%s: %s ~ %s', (_kind, a, b) => {
    const schema = /co\.|company/iu.test(a) ? 'Company' : 'Person';
    expect(shared({ schema, properties: { name: [a] } }, { schema, properties: { name: [b] } }).length).toBeGreaterThan(
      0,
    );
  });

  it('through the typo bands, not only the sounds', () => {
    expect(shared(person('Chaiwat Srisuksawat'), person('Chaiwat Srisuksawst'), 'lsh').length).toBeGreaterThan(0);
  });

  it('a phone written nationally and internationally shares the identifier key', () => {
    expect(
      shared(person('A', { phone: ['081-234-5678'] }, 'TH'), person('B', { phone: ['+66 81 234 5678'] })),
    ).toContain('id:phone:+66812345678');
  });

  it('a masked account meets the full number only through a weak key', () => {
    const keys = shared(
      person('A', { accountNumber: ['****7890'] }),
      person('B', { accountNumber: ['123-4-56789-0'] }),
    );
    expect(keys).toEqual(['weak:account:7890']);
  });
});

describe('keys', () => {
  it('are deterministic and carry their builder as prefix', () => {
    const record = person('Tran Thi Lan', { birthDate: ['1990-02-03'], email: ['lan@example.com'] }, 'VN');
    const keys = blockingKeys(record);
    expect(blockingKeys(structuredClone(record))).toEqual(keys);
    for (const key of keys) expect(key).toMatch(/^[a-z]+:/u);
  });

  it('are few per record', () => {
    const keys = blockingKeys(person('Nguyen Van Nam', { birthDate: ['1990-02-03'], phone: ['0912345678'] }, 'VN'));
    expect(keys.length).toBeLessThanOrEqual(30);
  });

  it('do not include partial identifiers as strong keys', () => {
    expect(blockingKeys(person('A', { accountNumber: ['xxx-x-x6789-0'] })).filter((k) => k.startsWith('id:'))).toEqual(
      [],
    );
  });

  it('of a common name turn generic when held by many records, a rare one does not', () => {
    expect(isGenericKey('ph:nguien', 10_000)).toBe(true);
    expect(isGenericKey('st:jaidee somchai', 3)).toBe(false);
  });
});
