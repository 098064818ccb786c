import { daysToFreeze, groupFigures, outcomeFigures } from '../../../graph/outcomes/figures';
import type { StoredOutcome } from '../../../graph/outcomes/store';
import { OUTCOME_KINDS, type OutcomeKind } from '../../../src/domain/outcomes';

type Counted = Pick<StoredOutcome, 'leadId' | 'partner' | 'subjectId' | 'outcome' | 'date' | 'firstReportAt'>;

const outcome = (
  leadId: string,
  subjectId: string,
  kind: OutcomeKind,
  date: string,
  firstReportAt: string | null = '2026-01-01T22:30:00.000Z',
  partner = 'bank-a',
): Counted => ({ leadId, subjectId, outcome: kind, date, firstReportAt, partner });

describe('days from the first report to a freeze', () => {
  it('counts whole UTC days from the first report, each frozen subject once per bank, at its first freeze', () => {
    const result = daysToFreeze([
      outcome('l1', 's1', 'account_frozen', '2026-01-11'),
      outcome('l1', 's1', 'account_frozen', '2026-01-31'),
      outcome('l1', 's1', 'account_frozen', '2026-01-21', '2026-01-01T00:00:00.000Z', 'bank-b'),
      outcome('l1', 's2', 'account_frozen', '2026-01-11'),
      outcome('l1', 's3', 'customer_monitored', '2026-01-02'),
    ]);
    expect(result).toEqual({
      count: 3,
      median: 10,
      values: [
        { days: 10, subjects: 2 },
        { days: 20, subjects: 1 },
      ],
    });
  });

  it('takes the mean of the middle two for an even count, and leaves out subjects whose reports are unknown', () => {
    expect(
      daysToFreeze([
        outcome('l1', 's1', 'account_frozen', '2026-01-04'),
        outcome('l1', 's2', 'account_frozen', '2026-01-09'),
        outcome('l1', 's3', 'account_frozen', '2026-01-09', null),
      ]),
    ).toEqual({
      count: 2,
      median: 5.5,
      values: [
        { days: 3, subjects: 1 },
        { days: 8, subjects: 1 },
      ],
    });
    expect(daysToFreeze([])).toEqual({ count: 0, median: null, values: [] });
  });
});

describe('outcome figures', () => {
  const outcomes = [
    outcome('l1', 's1', 'customer_monitored', '2026-01-02'),
    outcome('l1', 's1', 'account_frozen', '2026-01-05'),
    outcome('l2', 's9', 'no_customer', '2026-01-03'),
  ];

  it('lists every kind, counts the leads with at least one outcome, and only the leads asked about', () => {
    const all = outcomeFigures(new Set(['l1', 'l2', 'l3']), outcomes);
    expect(all).toMatchObject({ leadsExported: 3, leadsAnswered: 2, outcomes: 3 });
    expect(Object.keys(all.byKind)).toEqual([...OUTCOME_KINDS]);
    expect(all.byKind).toMatchObject({ customer_monitored: 1, account_frozen: 1, no_customer: 1, report_filed: 0 });
    expect(outcomeFigures(new Set(['l2']), outcomes)).toMatchObject({ leadsAnswered: 1, outcomes: 1 });
  });

  it('puts a lead in every group it belongs to, groups sorted by name', () => {
    const groups = groupFigures(
      new Map([
        [
          'l1',
          [
            { key: 'b', name: 'Beta NGO' },
            { key: 'a', name: 'Alpha NGO' },
          ],
        ],
        ['l2', [{ key: 'a', name: 'Alpha NGO' }]],
        ['l3', []],
      ]),
      outcomes,
    );
    expect(groups.map((g) => [g.key, g.leadsExported, g.leadsAnswered, g.outcomes])).toEqual([
      ['a', 2, 2, 3],
      ['b', 1, 1, 2],
    ]);
  });
});
