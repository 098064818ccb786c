/** Resolution with the real matching library: the decisions an analyst relies on. */
import { generateRecords, type Random, seededRandom, variantOf } from '../../../fixtures/bench/generate';
import { resolveBatch } from '../../../matching/cluster/batch';
import { defaultEngine } from '../../../matching/cluster/engine';
import type { MatchRecord } from '../../../matching/types';

const person = (name: string, properties: Record<string, string[]> = {}, defaultCountry = 'TH'): MatchRecord => ({
  schema: 'Person',
  defaultCountry,
  properties: { name: [name], ...properties },
});

/** Fisher-Yates with a seeded generator: a reproducible arbitrary order. */
function shuffled<T>(items: readonly T[], rng: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A caseload of other people around the records under test, so that term frequencies are realistic. */
const background = generateRecords(150, 7);

function resolveWithBackground(records: MatchRecord[]) {
  const result = resolveBatch([...records, ...background], defaultEngine);
  return { ...result, labels: result.labels.slice(0, records.length) };
}

describe('resolution with the matching library', () => {
  it('links records whose names do not conflict when they share a phone', () => {
    const { labels } = resolveWithBackground([
      person('Somchai Jaidee', { phone: ['081-234-5678'] }),
      person('Jaidee Somchay', { phone: ['+66 81 234 5678'] }),
    ]);
    expect(labels[1]).toBe(labels[0]);
  });

  it('keeps records whose names conflict apart although they share a phone (the phone connects them)', () => {
    const { labels } = resolveWithBackground([
      person('Somchai Jaidee', { phone: ['081-234-5678'] }),
      person('Boss Lee', { phone: ['+66 81 234 5678'] }),
    ]);
    expect(labels[1]).not.toBe(labels[0]);
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
    const { labels, possibleMatches } = resolveWithBackground([
      person('Nguyen Van Nam', {}, 'VN'),
      person('Nguyễn Văn Nam', {}, 'VN'),
    ]);
    expect(labels[1]).not.toBe(labels[0]);
    expect(possibleMatches).toContainEqual(expect.objectContaining({ a: 0, b: 1 }));
  });

  it('gives the same partition in three orders of the same records', () => {
    const rng = seededRandom(11);
    const day = () => String(1 + Math.floor(rng() * 28)).padStart(2, '0');
    const withProps = (r: MatchRecord, extra: Record<string, string[]>): MatchRecord => ({
      ...r,
      properties: { ...r.properties, ...extra },
    });
    // Originals with a birth date; their variants repeat it, every third one with a phone that a
    // third record, under another name, shares.
    const originals = generateRecords(50, 3).map((r) =>
      withProps(r, { birthDate: [`19${70 + (r.id % 30)}-03-${day()}`] }),
    );
    const phoneOf = (i: number) => `+6681${String(1_000_000 + i).padStart(7, '0')}`;
    const variants = originals.map((r, i) =>
      withProps(variantOf(rng, r).record, {
        birthDate: r.properties.birthDate ?? [],
        ...(i % 3 === 0 ? { phone: [phoneOf(i)] } : {}),
      }),
    );
    const aliases = originals.flatMap((_, i) => (i % 3 === 0 ? [person('Ah Kow', { phone: [phoneOf(i)] })] : []));
    const records = [...originals, ...variants, ...aliases];
    const inOrder = records.map((_, i) => i);
    const orders = [inOrder, [...inOrder].reverse(), shuffled(inOrder, seededRandom(5))];
    const [first, ...rest] = orders.map((order) => resolveBatch(records, defaultEngine, { order }).labels);
    expect(new Set(first).size).toBeLessThan(records.length);
    for (const labels of rest) expect(labels).toEqual(first);
  });
});
