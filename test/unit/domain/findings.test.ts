import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  countFindings,
  FINDING_MEASURES,
  FINDINGS_CSV_COLUMNS,
  type FindingFacts,
  type Findings,
  findingsCsv,
  publicFindings,
} from '../../../src/domain/findings';
import { ROLES } from '../../../src/domain/ftm';
import { OUTCOME_KINDS } from '../../../src/domain/outcomes';
import { isSmall, type Shown } from '../../../src/domain/suppression';
import { TYPOLOGY_IDS } from '../../../src/domain/typologies';
import { splitCount, sum, whatTheObserverCanTell } from '../../support/suppressionAudit';

/* Findings counted from facts, and the public form withheld from them. Invented ids only. */

const AT = '2025-03-01T00:00:00.000Z';

const FACTS: FindingFacts = {
  reports: [
    { month: '2024-01', country: 'TH', roles: ['Exploiter'], n: 30 },
    { month: '2024-03', country: 'KH', roles: ['RecruiterOrIntermediary', 'Exploiter'], n: 4 },
  ],
  entities: [
    { month: '2024-01', country: 'TH', roles: ['Exploiter'], n: 25 },
    { month: '2024-03', country: 'KH', roles: [], n: 2 },
  ],
  leads: [
    {
      id: 'lead_a',
      month: '2024-02',
      country: 'TH',
      typologies: ['funnel_account', 'front_company'],
      roles: ['Exploiter'],
      reportIds: ['r1', 'r2'],
      subjectIds: ['e1', 'e2'],
    },
    {
      id: 'lead_b',
      month: '2024-03',
      country: 'KH',
      typologies: ['funnel_account'],
      roles: [],
      reportIds: ['r2', 'r3'],
      subjectIds: ['e2'],
    },
  ],
  outcomes: [
    { month: '2024-03', kind: 'account_frozen', leadId: 'lead_a', n: 1 },
    { month: '2024-04', kind: 'report_filed', leadId: null, n: 2 },
  ],
};

describe('findings as analysts read them', () => {
  const findings = countFindings(FACTS, AT);

  it('counts each report, entity, lead and outcome once per month, every month between listed', () => {
    expect(findings.totals).toEqual({ reports: 34, entities: 27, leads: 2, outcomes: 3 });
    expect(findings.byMonth).toEqual([
      { key: '2024-01', reports: 30, entities: 25, leads: 0, outcomes: 0 },
      { key: '2024-02', reports: 0, entities: 0, leads: 1, outcomes: 0 },
      { key: '2024-03', reports: 4, entities: 2, leads: 1, outcomes: 1 },
      { key: '2024-04', reports: 0, entities: 0, leads: 0, outcomes: 2 },
    ]);
  });

  it('counts outcomes by the country of their lead, and those without one as of no known country', () => {
    expect(findings.byCountry).toEqual([
      { key: 'KH', reports: 4, entities: 2, leads: 1, outcomes: 0 },
      { key: 'TH', reports: 30, entities: 25, leads: 1, outcomes: 1 },
      { key: 'unknown', reports: 0, entities: 0, leads: 0, outcomes: 2 },
    ]);
  });

  it('counts a report or subject behind two leads of one typology once, and lists every typology', () => {
    expect(findings.byTypology).toEqual([
      { key: 'front_company', reports: 2, entities: 2, leads: 1, outcomes: 1 },
      { key: 'exploitative_employment', reports: 0, entities: 0, leads: 0, outcomes: 0 },
      { key: 'funnel_account', reports: 3, entities: 2, leads: 2, outcomes: 1 },
      { key: 'alternative_payment', reports: 0, entities: 0, leads: 0, outcomes: 0 },
    ]);
  });

  it('counts by every role, and outcomes by kind', () => {
    expect(findings.byRole.map((r) => r.key)).toEqual([...ROLES]);
    expect(findings.byRole.find((r) => r.key === 'Exploiter')).toEqual({
      key: 'Exploiter',
      reports: 34,
      entities: 25,
      leads: 1,
      outcomes: 1,
    });
    expect(findings.outcomesByKind.filter((r) => r.outcomes! > 0)).toEqual([
      { key: 'account_frozen', outcomes: 1 },
      { key: 'report_filed', outcomes: 2 },
    ]);
    expect(findings.outcomesByKind.map((r) => r.key)).toEqual([...OUTCOME_KINDS]);
  });
});

describe('the public form', () => {
  it('withholds small counts, and a second cell where one withheld would be the total minus the rest', () => {
    const shown = publicFindings(countFindings(FACTS, AT));
    expect(shown).toMatchObject({ public: true, suppression: { k: 11 } });
    expect(shown.totals).toEqual({ reports: 34, entities: 27, leads: null, outcomes: null });
    expect(shown.byMonth.map((r) => r.reports)).toEqual([null, 0, null, 0]);
    expect(shown.byCountry.map((r) => r.entities)).toEqual([null, null, 0]);
  });

  it('withholds a measure whole where its month counts could only be all 1s', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    const facts: FindingFacts = {
      ...FACTS,
      reports: months.map((month) => ({ month, country: 'TH', roles: ['Exploiter'], n: 1 })),
    };
    const shown = publicFindings(countFindings(facts, AT));
    expect(shown.withheld).toEqual(['reports']);
    expect(shown.totals.reports).toBeNull();
    expect(shown.byCountry.map((r) => r.reports)).toEqual([null, null, null]);
    expect(shown.byRole.map((r) => r.reports).every((n) => n === null)).toBe(true);
  });

  const month = fc.constantFrom('2024-01', '2024-02', '2024-03', '2024-04');
  const country = fc.constantFrom('TH', 'KH', 'VN');
  const roles = fc.subarray(['Exploiter', 'RecruiterOrIntermediary', 'Transporter']);
  const weighted = fc.record({
    month,
    country,
    roles,
    n: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 40 })),
  });
  const facts: fc.Arbitrary<FindingFacts> = fc
    .record({
      reports: fc.array(weighted, { maxLength: 8 }),
      entities: fc.array(weighted, { maxLength: 8 }),
      leads: fc.array(
        fc.record({
          month,
          country,
          typologies: fc.subarray([...TYPOLOGY_IDS]),
          roles,
          reportIds: fc.subarray(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']),
          subjectIds: fc.subarray(['e1', 'e2', 'e3', 'e4']),
        }),
        { maxLength: 30 },
      ),
      outcomes: fc.array(
        fc.record({
          month,
          kind: fc.constantFrom(...OUTCOME_KINDS),
          leadIndex: fc.integer({ min: -1, max: 29 }),
          n: fc.integer({ min: 1, max: 14 }),
        }),
        { maxLength: 8 },
      ),
    })
    .map((f) => {
      const leads = f.leads.map((l, i) => ({ ...l, id: `lead_${i}` }));
      return {
        ...f,
        leads,
        outcomes: f.outcomes.map(({ leadIndex, ...o }) => ({ ...o, leadId: leads[leadIndex]?.id ?? null })),
      };
    });

  /** Every count of a findings answer, with where it is. */
  const counts = (f: Findings): Array<[string, number | null]> => [
    ...FINDING_MEASURES.map((m): [string, number | null] => [`totals.${m}`, f.totals[m]]),
    ...(['byMonth', 'byCountry', 'byTypology', 'byRole'] as const).flatMap((table) =>
      f[table].flatMap((r) => FINDING_MEASURES.map((m): [string, number | null] => [`${table}.${r.key}.${m}`, r[m]])),
    ),
    ...f.outcomesByKind.map((r): [string, number | null] => [`outcomesByKind.${r.key}`, r.outcomes]),
  ];

  it('has columns that add up to their totals by month, by country and by kind', () => {
    fc.assert(
      fc.property(facts, (input) => {
        const f = countFindings(input, AT);
        for (const m of FINDING_MEASURES) {
          expect(sum(f.byMonth.map((r) => r[m]!))).toBe(f.totals[m]);
          expect(sum(f.byCountry.map((r) => r[m]!))).toBe(f.totals[m]);
        }
        expect(sum(f.outcomesByKind.map((r) => r.outcomes!))).toBe(f.totals.outcomes);
      }),
    );
  });

  it('never shows a count from 1 to 10, and shows every other count as it is', () => {
    fc.assert(
      fc.property(facts, (input) => {
        const raw = countFindings(input, AT);
        const shown = publicFindings(raw);
        const rawCounts = new Map(counts(raw));
        for (const [where, n] of counts(shown)) {
          expect([where, n !== null && isSmall(n)]).toEqual([where, false]);
          if (n !== null) expect([where, n]).toEqual([where, rawCounts.get(where)]);
        }
        expect(counts(shown).map(([where]) => where)).toEqual(counts(raw).map(([where]) => where));
      }),
    );
  });

  it('leaves no withheld count of a column that adds up to its total that could be worked out', () => {
    fc.assert(
      fc.property(facts, (input) => {
        const raw = countFindings(input, AT);
        const shown = publicFindings(raw);
        const columns = FINDING_MEASURES.filter((m) => !shown.withheld.includes(m)).flatMap(
          (m): Array<[number[], Shown[]]> => [
            [raw.byMonth.map((r) => r[m]!), shown.byMonth.map((r) => r[m])],
            [raw.byCountry.map((r) => r[m]!), shown.byCountry.map((r) => r[m])],
          ],
        );
        if (!shown.withheld.includes('outcomes'))
          columns.push([raw.outcomesByKind.map((r) => r.outcomes!), shown.outcomesByKind.map((r) => r.outcomes)]);
        for (const [rawColumn, shownColumn] of columns) {
          const hidden = shownColumn.filter((v) => v === null).length;
          if (splitCount(hidden, sum(rawColumn)) > 20_000) continue;
          for (const values of whatTheObserverCanTell(rawColumn, shownColumn).values())
            expect(values.size).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('holds no id: its keys are months, countries, typologies, roles and outcome kinds', () => {
    fc.assert(
      fc.property(facts, (input) => {
        const text = JSON.stringify(publicFindings(countFindings(input, AT)));
        expect(text).not.toMatch(/lead_|"r\d"|"e\d"/);
      }),
    );
  });
});

describe('findings as CSV', () => {
  it('holds the same counts as the JSON, "suppressed" where withheld and empty where a table counts nothing', () => {
    const shown = publicFindings(countFindings(FACTS, AT));
    const rows = parse(findingsCsv(shown), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([...FINDINGS_CSV_COLUMNS]);
    expect(rows[0]).toEqual({
      table: 'total',
      key: 'all',
      reports: '34',
      entities: '27',
      leads: 'suppressed',
      outcomes: 'suppressed',
    });
    expect(rows.find((r) => r.table === 'month' && r.key === '2024-02')).toEqual({
      table: 'month',
      key: '2024-02',
      reports: '0',
      entities: '0',
      leads: 'suppressed',
      outcomes: '0',
    });
    expect(rows.filter((r) => r.table === 'outcome').map((r) => [r.key, r.reports, r.outcomes])[0]).toEqual([
      'no_customer',
      '',
      '0',
    ]);
    expect(rows).toHaveLength(1 + shown.byMonth.length + shown.byCountry.length + 4 + ROLES.length + 6);
  });
});
