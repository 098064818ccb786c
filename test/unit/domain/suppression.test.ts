import fc from 'fast-check';
import { isSmall, suppressSmall, suppressWithTotal } from '../../../src/domain/suppression';
import { splitCount, sum, whatTheObserverCanTell } from '../../support/suppressionAudit';

/* Small-count suppression, against the observer of test/support/suppressionAudit.ts. */

describe('primary suppression', () => {
  it('withholds every count from 1 to 10 and shows 0 and 11 upwards as they are', () => {
    expect(suppressSmall([0, 1, 5, 10, 11, 250])).toEqual([0, null, null, null, 11, 250]);
  });
});

describe('complementary suppression of cells that add up to a total', () => {
  it('withholds a second cell where one withheld cell would be the total minus the others', () => {
    expect(suppressWithTotal([3, 40, 50])).toEqual([null, null, 50]);
    expect(suppressWithTotal([40, 50, 3])).toEqual([null, 50, null]);
  });

  it('leaves a table alone when nothing in it is small, or when two small cells can be split many ways', () => {
    expect(suppressWithTotal([12, 0, 40])).toEqual([12, 0, 40]);
    expect(suppressWithTotal([4, 7, 60])).toEqual([null, null, 60]);
  });

  it('withholds a third cell when the withheld ones are all 1s or all 10s, which their sum would give away', () => {
    expect(suppressWithTotal([1, 1, 30, 40])).toEqual([null, null, null, 40]);
    expect(suppressWithTotal([50, 10, 10])).toEqual([null, null, null]);
  });

  it('picks the extra cell by its place, so that its size is not told by being picked', () => {
    expect(suppressWithTotal([90, 12, 5])).toEqual([null, 12, null]);
    // Had it picked the smallest cell shown, the observer would know the 20 withheld was no larger than the
    // 20 shown, and so that the small one was 10.
    const counts = [20, 20, 10];
    const shown = suppressWithTotal(counts)!;
    expect(shown).toEqual([null, 20, null]);
    expect([...whatTheObserverCanTell(counts, shown).values()].map((v) => v.size)).toEqual([10, 10]);
  });

  it('shows nothing but withheld cells when the total itself is small', () => {
    expect(suppressWithTotal([0, 3, 4])).toEqual([0, null, null]);
  });

  it('gives up where no cell is left to withhold: eleven 1s would still add up to eleven', () => {
    expect(suppressWithTotal(Array.from({ length: 11 }, () => 1))).toBeUndefined();
    expect(suppressWithTotal([0, 10, 10, 0])).toBeUndefined();
  });

  const tables = fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 11, max: 30 })), {
    minLength: 1,
    maxLength: 5,
  });

  it('never shows a count from 1 to 10, and shows every other count as it is', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const shown = suppressWithTotal(counts);
        fc.pre(shown !== undefined);
        shown!.forEach((v, i) => {
          expect(v === null || !isSmall(v)).toBe(true);
          if (v !== null) expect(v).toBe(counts[i]);
        });
        counts.forEach((n, i) => {
          if (isSmall(n)) expect(shown![i]).toBeNull();
        });
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no withheld count that an observer who knows the rule could work out', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const shown = suppressWithTotal(counts);
        fc.pre(shown !== undefined);
        const hidden = shown!.filter((v) => v === null).length;
        const left = sum(counts) - sum(shown!.map((v) => v ?? 0));
        fc.pre(splitCount(hidden, left) <= 50_000);
        for (const [cell, values] of whatTheObserverCanTell(counts, shown!)) {
          expect([cell, values.has(counts[cell]!)]).toEqual([cell, true]);
          expect([cell, values.size >= 2]).toEqual([cell, true]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
