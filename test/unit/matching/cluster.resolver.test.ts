/**
 * The resolver's decision mechanics with a stand-in scorer, so that these tests prove the resolver's
 * own properties (sequence neutrality, identifier links, review queue) whatever the score model is.
 */
import fc from 'fast-check';
import { type MatchingEngine, resolveBatch } from '../../../matching/cluster/batch';
import { decide } from '../../../matching/cluster/decide';
import { blockingRecall, pairwiseMetrics } from '../../../matching/cluster/evaluate';
import { CountingTermFrequencies } from '../../../matching/cluster/termFrequencies';
import type { MatchRecord, MatchResult } from '../../../matching/types';

interface Toy {
  tokens: string[];
  keys: string[];
}

/** Token Jaccard as the score: symmetric, which the resolver requires. */
function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const inter = b.filter((t) => sa.has(t)).length;
  return inter / (sa.size + new Set(b).size - inter || 1);
}

const result = (score: number): MatchResult => ({
  score,
  features: [],
  strongIdentifierMatch: false,
  strongIdentifierConflict: false,
  conflict: null,
  model: 'toy',
});

const toyEngine: MatchingEngine<Toy> = {
  prepare: (record) => {
    const tokens = (record.properties.name ?? []).flatMap((n) => n.toLowerCase().split(/\s+/u));
    return {
      tokens,
      keys: [...tokens.map((t) => `ph:${t}`), ...(record.properties.phone ?? []).map((p) => `id:phone:${p}`)],
    };
  },
  blockingKeys: (p) => p.keys,
  nameTokens: (p) => [p.tokens],
  score: (a, b) => result(jaccard(a.tokens, b.tokens)),
  kindOf: () => 'person',
  thresholds: { review: 0.4, autoLink: 0.6 },
};

const rec = (name: string, phone?: string): MatchRecord => ({
  schema: 'Person',
  properties: { name: [name], ...(phone ? { phone: [phone] } : {}) },
});

/** Chains on purpose: a~b and b~c link while a and c alone would not, the case where order could matter. */
const RECORDS: MatchRecord[] = [
  rec('anan boonmee chaiwat'),
  rec('anan boonmee chaiwat decha'),
  rec('boonmee chaiwat decha'),
  rec('boonmee chaiwat decha malee'),
  rec('somsak jaidee'),
  rec('somsak jaidee wong'),
  rec('nguyen van nam', '+66812345678'),
  rec('tran thi lan', '+66812345678'),
  rec('kanya srisuk'),
  rec('kanya srisuk udom narong'),
  rec('pranee wongsawat'),
];

describe('incremental resolution', () => {
  it('gives the same partition in three different orders', () => {
    const n = RECORDS.length;
    const orders = [RECORDS.map((_, i) => i), RECORDS.map((_, i) => n - 1 - i), RECORDS.map((_, i) => (i * 5) % n)];
    const [first, ...rest] = orders.map((order) => resolveBatch(RECORDS, toyEngine, { order }).labels);
    for (const labels of rest) expect(labels).toEqual(first);
  });

  it('gives the same partition in any order (property)', () => {
    const reference = resolveBatch(RECORDS, toyEngine).labels;
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          RECORDS.map((_, i) => i),
          { minLength: RECORDS.length },
        ),
        (order) => {
          expect(resolveBatch(RECORDS, toyEngine, { order }).labels).toEqual(reference);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('links a chain of pairs that each reach autoLink into one entity', () => {
    const { labels } = resolveBatch(RECORDS, toyEngine);
    expect(new Set(labels.slice(0, 4)).size).toBe(1);
  });

  it('links records that share a strong identifier even when their names differ', () => {
    const { labels } = resolveBatch(RECORDS, toyEngine);
    expect(labels[7]).toBe(labels[6]);
  });

  it('does not link on a strong identifier that has turned generic', () => {
    const hotline = Array.from({ length: 60 }, (_, i) => rec(`person${i} family${i}`, '+6621234567'));
    const { labels } = resolveBatch(hotline, toyEngine);
    expect(new Set(labels).size).toBe(hotline.length);
  });

  it('records a possible match between review and autoLink without merging', () => {
    const { labels, possibleMatches } = resolveBatch(RECORDS, toyEngine);
    // kanya srisuk vs kanya srisuk udom narong: Jaccard 0.5, between review 0.4 and autoLink 0.6.
    expect(labels[8]).not.toBe(labels[9]);
    expect(possibleMatches).toContainEqual({ a: 8, b: 9, score: 0.5 });
  });
});

describe('pair decisions', () => {
  const thresholds = { review: 0.5, autoLink: 0.9 };
  it.each([
    [{ result: result(0.95), sharesSpecificStrongIdentifier: false, judgement: 'different' as const }, 'none'],
    [{ result: result(0.1), sharesSpecificStrongIdentifier: false, judgement: 'same' as const }, 'link'],
    [{ result: result(0.1), sharesSpecificStrongIdentifier: true }, 'link'],
    [{ result: result(0.9), sharesSpecificStrongIdentifier: false }, 'link'],
    [{ result: result(0.6), sharesSpecificStrongIdentifier: false }, 'possible'],
    [{ result: result(0.2), sharesSpecificStrongIdentifier: false }, 'none'],
  ])('%j -> %s', (evidence, outcome) => {
    expect(decide(evidence, thresholds).outcome).toBe(outcome);
  });
});

describe('pairwise metrics', () => {
  it('counts pairs from the contingency table', () => {
    const m = pairwiseMetrics(['a', 'a', 'a', 'b'], ['x', 'x', 'y', 'y']);
    expect(m).toMatchObject({ truePairs: 3, predictedPairs: 2, correctPairs: 1, precision: 0.5 });
    expect(m.recall).toBeCloseTo(1 / 3);
  });
});

describe('blocking recall', () => {
  it('counts the true pairs whose shared keys give enough support', () => {
    const keys = [['st:a', 'ph:x'], ['st:a'], ['ph:x'], ['st:b']];
    const support = (key: string) => (key.startsWith('ph:') ? 0.5 : 1);
    expect(blockingRecall(['t', 't', 't', 'u'], keys, support, 1)).toEqual({
      truePairs: 3,
      coveredPairs: 1,
      recall: 1 / 3,
    });
  });
});

describe('counted term frequencies', () => {
  it('give the share of names holding a token, a token repeated in one name counted once', () => {
    const tf = new CountingTermFrequencies();
    tf.addName(['htoo', 'htoo', 'aung']);
    tf.addName(['aung', 'min']);
    expect(tf.tokenShare('htoo')).toBe(0.5);
    expect(tf.tokenShare('aung')).toBe(1);
    expect(tf.tokenShare('unseen')).toBeUndefined();
  });
});
