import { SnapshotFrequencies } from '../../../graph/resolve/termFrequencies';
import { DEFAULT_THRESHOLDS } from '../../../matching/config';
import { scoreRecords } from '../../../matching/score';
import type { MatchRecord } from '../../../matching/types';

// Invented namesakes: one name, different birth dates, addresses and ID numbers.
const first: MatchRecord = {
  schema: 'Person',
  properties: {
    name: ['Brendon Hollisworth'],
    birthDate: ['1961-03-14'],
    idNumber: ['4410927'],
    address: ['12 quarry lane eastvale'],
  },
};
const second: MatchRecord = {
  schema: 'Person',
  properties: {
    name: ['Brendon Hollisworth'],
    birthDate: ['1967-08-02'],
    idNumber: ['8803516'],
    address: ['5 harbour road westmere'],
  },
};

const counted = (counts: Record<string, number>, names: number) =>
  new SnapshotFrequencies(new Map(Object.entries(counts)), names);

describe('term frequencies counted in the graph', () => {
  it('give shares over the number of names counted, and nothing for a token never seen', () => {
    const tf = counted({ brendon: 60 }, 2000);
    expect(tf.nameCount).toBe(2000);
    expect(tf.tokenShare('brendon')).toBeCloseTo(0.03);
    expect(tf.tokenShare('hollisworth')).toBeUndefined();
  });

  it('hold namesakes under autoLink once the caseload shows their name is common', () => {
    expect(scoreRecords(first, second).score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.autoLink);
    expect(scoreRecords(first, second, { tf: counted({ brendon: 60, hollisworth: 60 }, 2000) }).score).toBeLessThan(
      DEFAULT_THRESHOLDS.autoLink,
    );
  });

  it('let a name that is rare in the caseload keep its prior', () => {
    expect(
      scoreRecords(first, second, { tf: counted({ brendon: 1, hollisworth: 1 }, 2000) }).score,
    ).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.autoLink);
  });
});
