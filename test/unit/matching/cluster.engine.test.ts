/** Resolution with the real matching library: the decisions an analyst relies on. */
import { generateRecords, seededRandom, variantOf } from '../../../fixtures/bench/generate';
import { resolveBatch } from '../../../matching/cluster/batch';
import { defaultEngine } from '../../../matching/cluster/engine';
import type { MatchRecord } from '../../../matching/types';

const person = (name: string, properties: Record<string, string[]> = {}, defaultCountry = 'TH'): MatchRecord => ({
  schema: 'Person',
  defaultCountry,
  properties: { name: [name], ...properties },
});

/** A caseload of other people around the records under test, so that term frequencies are realistic. */
const background = generateRecords(300, 7);

function resolveWithBackground(records: MatchRecord[]) {
  const result = resolveBatch([...records, ...background], defaultEngine);
  return { ...result, labels: result.labels.slice(0, records.length) };
}

describe('resolution with the matching library', () => {
  it('links records that share a phone even when the names differ', () => {
    const { labels } = resolveWithBackground([
      person('Somchai Jaidee', { phone: ['081-234-5678'] }),
      person('Boss Lee', { phone: ['+66 81 234 5678'] }),
    ]);
    expect(labels[1]).toBe(labels[0]);
  });

  it('does not link account numbers that differ in one digit', () => {
    const { labels } = resolveWithBackground([
      { schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-0'] } },
      { schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-1'] } },
    ]);
    expect(labels[1]).not.toBe(labels[0]);
  });

  it('does not merge two records on a common name alone', () => {
    const { labels } = resolveWithBackground([person('Nguyen Van Nam', {}, 'VN'), person('Nguyễn Văn Nam', {}, 'VN')]);
    expect(labels[1]).not.toBe(labels[0]);
  });

  it('records a possible match for an analyst instead of merging', () => {
    const { labels, possibleMatches } = resolveWithBackground([person('Nguyen Van Nam', {}, 'VN'), person('Nguyễn Văn Nam', {}, 'VN')]);
    expect(labels[1]).not.toBe(labels[0]);
    expect(possibleMatches).toContainEqual(expect.objectContaining({ a: 0, b: 1 }));
  });

  it('gives the same partition in three orders of the same records', () => {
    const rng = seededRandom(11);
    const day = () => String(1 + Math.floor(rng() * 28)).padStart(2, '0');
    // Originals with a birth date; their variants repeat it, every third one a phone as well.
    const originals = generateRecords(80, 3).map((r) => ({ ...r, properties: { ...r.properties, birthDate: [`19${70 + (r.id % 30)}-03-${day()}`] } }));
    const variants = originals.map((r, i) => {
      const variant = variantOf(rng, r).record;
      const phone = i % 3 === 0 ? { phone: [`+6681${String(1_000_000 + i).padStart(7, '0')}`] } : {};
      return { ...variant, properties: { ...variant.properties, birthDate: r.properties.birthDate, ...phone } };
    });
    const records = [...originals, ...variants, ...variants.filter((_, i) => i % 3 === 0).map((v) => ({ ...v, properties: { name: ['Ah Kow'], phone: v.properties.phone ?? [] } }))];
    const n = records.length;
    const orders = [records.map((_, i) => i), records.map((_, i) => n - 1 - i), records.map((_, i) => (i * 7) % n)];
    const [first, ...rest] = orders.map((order) => resolveBatch(records, defaultEngine, { order }).labels);
    expect(new Set(first).size).toBeLessThan(n);
    for (const labels of rest) expect(labels).toEqual(first);
  });
});
