import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { ROLES } from './ftm';
import { OUTCOME_KINDS, OutcomeKind } from './outcomes';
import { K_ANONYMITY, type Shown, suppressWithTotal, withholdSmall } from './suppression';
import { TYPOLOGY_IDS, TypologyId } from './typologies';

/*
 * Findings: what the hub's work has found, as counts of reports, entities, leads and the outcomes banks
 * record, by month, by country, by typology and by role. Analysts read the counts as they are; the
 * public form is the one the hub may publish: aggregates only, small counts withheld (suppression.ts).
 * Everything here is pure: the graph supplies the facts (graph/read/findings.ts), this file counts them.
 */

export const FINDING_MEASURES = ['reports', 'entities', 'leads', 'outcomes'] as const;
export const FindingMeasure = z.enum(FINDING_MEASURES);
export type FindingMeasure = z.infer<typeof FindingMeasure>;

/** The key of a thing counted whose month or country is not known (an outcome not linked to a lead). */
export const UNKNOWN = 'unknown';

const Count = z.number().int().min(0);
const Weight = { n: z.number().int().min(1) };
const Month = z.string().describe('YYYY-MM');

/*
 * The facts counted, as the graph reads them. Reports, entities and outcomes come grouped with how many
 * share the same values (n); leads one by one, because a report or an entity behind two leads of one
 * typology counts once. Ids never leave this file's functions: the answers hold counts only.
 */
export const ReportFact = z.object({
  month: Month.describe('the month the victim reported (received, when no date was given)'),
  country: z.string().describe("the report's country"),
  roles: z.array(z.string()).describe('the roles of its subjects'),
  ...Weight,
});
export const EntityFact = z.object({
  month: Month.describe('the month of the earliest report that names it'),
  country: z.string().describe('the country of that report'),
  roles: z.array(z.string()),
  ...Weight,
});
export const LeadFact = z.object({
  id: z.string(),
  month: Month.describe('the month the lead was raised'),
  country: z.string().describe('the country of the earliest report behind it'),
  typologies: z.array(TypologyId),
  roles: z.array(z.string()).describe('the roles of its subjects'),
  reportIds: z.array(z.string()),
  subjectIds: z.array(z.string()),
});
export const OutcomeFact = z.object({
  month: Month.describe('the month of the outcome (its date)'),
  kind: OutcomeKind,
  leadId: z.string().nullable(),
  ...Weight,
});
export const FindingFacts = z.object({
  reports: z.array(ReportFact),
  entities: z.array(EntityFact),
  leads: z.array(LeadFact),
  outcomes: z.array(OutcomeFact),
});
export type FindingFacts = z.infer<typeof FindingFacts>;

const ShownCount = Count.nullable().describe(
  'null where withheld (public form only): a count from 1 to 10, or one withheld so that no withheld count can be ' +
    'worked out from the others and the total',
);

const Measures = z.object({ reports: ShownCount, entities: ShownCount, leads: ShownCount, outcomes: ShownCount });
export type FindingMeasures = z.infer<typeof Measures>;
const Row = Measures.extend({ key: z.string() });
export type FindingsRow = z.infer<typeof Row>;

export const FINDINGS_RULE =
  `counts from 1 to ${K_ANONYMITY - 1} are withheld (k = ${K_ANONYMITY}); in a table whose counts add up to the ` +
  'total shown (months, countries, outcome kinds), further counts are withheld, by their place in the table, until ' +
  'no withheld count can be worked out from the total and the others; a measure that cannot be protected so is ' +
  'withheld whole';

export const Findings = z.object({
  public: z.boolean().describe('true: the form the hub may publish, with small counts withheld'),
  at: z.string().describe('when these counts were read'),
  suppression: z
    .object({ k: z.literal(K_ANONYMITY), rule: z.literal(FINDINGS_RULE) })
    .nullable()
    .describe('how counts are withheld in the public form; null in the analysts’ form, which withholds nothing'),
  withheld: z.array(FindingMeasure).describe('measures withheld whole in the public form'),
  totals: Measures,
  byMonth: z
    .array(Row)
    .describe(
      'every month from the first to the last; reports by the month reported, entities by the month first ' +
        'reported, leads by the month raised, outcomes by their date; each counted once, so a column adds up to ' +
        'its total',
    ),
  byCountry: z
    .array(Row)
    .describe(
      "by the report's country: an entity by that of the earliest report naming it, a lead by that of the earliest " +
        'report behind it, an outcome by its lead’s; each counted once',
    ),
  byTypology: z
    .array(Row)
    .describe(
      'by typology of FinCEN FIN-2020-A008: leads showing it, the reports behind them, their subjects, the outcomes ' +
        'about them; a lead may show two, so columns do not add up',
    ),
  byRole: z
    .array(Row)
    .describe(
      'by the roles of subjects: reports naming one, entities reported with it, leads with a subject of it, ' +
        'outcomes about those leads; columns do not add up',
    ),
  outcomesByKind: z.array(z.object({ key: OutcomeKind, outcomes: ShownCount })),
});
export type Findings = z.infer<typeof Findings>;

export const FindingsQuery = z.object({
  public: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: the form the hub may publish'),
});

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const total = (facts: ReadonlyArray<{ n: number }>) => facts.reduce((sum, f) => sum + f.n, 0);

/** The months from the first to the last, none left out, so that a chart's gaps read as zero. */
function monthsBetween(months: Iterable<string>): string[] {
  const out = new Set(months);
  const dated = [...out].filter((m) => /^\d{4}-\d{2}$/.test(m)).sort(byText);
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  if (dated.length > 0)
    for (let i = index(dated[0]!); i <= index(dated[dated.length - 1]!); i += 1)
      out.add(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return [...out].sort(byText);
}

/**
 * Counts the facts into the analysts' form: every count as it is. `at` is when the facts were read.
 */
export function countFindings(facts: FindingFacts, at: string): Findings {
  const leadById = new Map(facts.leads.map((l) => [l.id, l]));
  const leadOf = (o: { leadId: string | null }) => (o.leadId === null ? undefined : leadById.get(o.leadId));
  const outcomeCountry = (o: { leadId: string | null }) => leadOf(o)?.country ?? UNKNOWN;

  const rows = (keys: readonly string[], count: (key: string) => FindingMeasures): FindingsRow[] =>
    keys.map((key) => ({ key, ...count(key) }));
  const sumWhere = <F extends { n: number }>(list: readonly F[], keep: (f: F) => boolean) => total(list.filter(keep));
  const distinct = (lists: ReadonlyArray<readonly string[]>) => new Set(lists.flat()).size;

  const months = monthsBetween([
    ...facts.reports.map((f) => f.month),
    ...facts.entities.map((f) => f.month),
    ...facts.leads.map((f) => f.month),
    ...facts.outcomes.map((f) => f.month),
  ]);
  const countries = [
    ...new Set([
      ...facts.reports.map((f) => f.country),
      ...facts.entities.map((f) => f.country),
      ...facts.leads.map((f) => f.country),
      ...facts.outcomes.map(outcomeCountry),
    ]),
  ].sort((a, b) => Number(a === UNKNOWN) - Number(b === UNKNOWN) || byText(a, b));

  return {
    public: false,
    at,
    suppression: null,
    withheld: [],
    totals: {
      reports: total(facts.reports),
      entities: total(facts.entities),
      leads: facts.leads.length,
      outcomes: total(facts.outcomes),
    },
    byMonth: rows(months, (month) => ({
      reports: sumWhere(facts.reports, (f) => f.month === month),
      entities: sumWhere(facts.entities, (f) => f.month === month),
      leads: facts.leads.filter((l) => l.month === month).length,
      outcomes: sumWhere(facts.outcomes, (f) => f.month === month),
    })),
    byCountry: rows(countries, (country) => ({
      reports: sumWhere(facts.reports, (f) => f.country === country),
      entities: sumWhere(facts.entities, (f) => f.country === country),
      leads: facts.leads.filter((l) => l.country === country).length,
      outcomes: sumWhere(facts.outcomes, (f) => outcomeCountry(f) === country),
    })),
    byTypology: rows(TYPOLOGY_IDS, (typology) => {
      const leads = facts.leads.filter((l) => l.typologies.some((t) => t === typology));
      return {
        reports: distinct(leads.map((l) => l.reportIds)),
        entities: distinct(leads.map((l) => l.subjectIds)),
        leads: leads.length,
        outcomes: sumWhere(facts.outcomes, (f) => leadOf(f)?.typologies.some((t) => t === typology) ?? false),
      };
    }),
    byRole: rows(ROLES, (role) => ({
      reports: sumWhere(facts.reports, (f) => f.roles.includes(role)),
      entities: sumWhere(facts.entities, (f) => f.roles.includes(role)),
      leads: facts.leads.filter((l) => l.roles.includes(role)).length,
      outcomes: sumWhere(facts.outcomes, (f) => leadOf(f)?.roles.includes(role) ?? false),
    })),
    outcomesByKind: OUTCOME_KINDS.map((kind) => ({
      key: kind,
      outcomes: sumWhere(facts.outcomes, (f) => f.kind === kind),
    })),
  };
}

/** One value per measure, in the order of FINDING_MEASURES. */
const perMeasure = <T>(value: (measure: FindingMeasure) => T): Record<FindingMeasure, T> => ({
  reports: value('reports'),
  entities: value('entities'),
  leads: value('leads'),
  outcomes: value('outcomes'),
});

/**
 * The form the hub may publish, from the analysts' form: primary suppression everywhere, complementary
 * suppression in the tables whose columns add up to their totals, and a measure withheld whole where
 * one of those columns cannot be protected. A count it shows is the count as it is.
 */
export function publicFindings(findings: Findings): Findings {
  const column = (rows: readonly FindingMeasures[], measure: FindingMeasure) => rows.map((r) => r[measure] ?? 0);
  const months = perMeasure((m) => suppressWithTotal(column(findings.byMonth, m)));
  const countries = perMeasure((m) => suppressWithTotal(column(findings.byCountry, m)));
  const kinds = suppressWithTotal(findings.outcomesByKind.map((r) => r.outcomes ?? 0));
  const withheld = FINDING_MEASURES.filter((m) => !months[m] || !countries[m] || (m === 'outcomes' && !kinds));
  const shown = (measure: FindingMeasure, value: Shown) => (withheld.includes(measure) ? null : value);
  const partitioned = (rows: readonly FindingsRow[], columns: Record<FindingMeasure, Shown[] | undefined>) =>
    rows.map((r, i) => ({ key: r.key, ...perMeasure((m) => shown(m, columns[m]?.[i] ?? null)) }));
  const overlapping = (rows: readonly FindingsRow[]) =>
    rows.map((r) => ({ key: r.key, ...perMeasure((m) => shown(m, withholdSmall(r[m] ?? 0))) }));
  return {
    public: true,
    at: findings.at,
    suppression: { k: K_ANONYMITY, rule: FINDINGS_RULE },
    withheld,
    totals: perMeasure((m) => shown(m, withholdSmall(findings.totals[m] ?? 0))),
    byMonth: partitioned(findings.byMonth, months),
    byCountry: partitioned(findings.byCountry, countries),
    byTypology: overlapping(findings.byTypology),
    byRole: overlapping(findings.byRole),
    outcomesByKind: findings.outcomesByKind.map((r, i) => ({
      key: r.key,
      outcomes: shown('outcomes', kinds?.[i] ?? null),
    })),
  };
}

/** Where a cell is withheld, the CSV says so in words; a measure a table does not count is left empty. */
export const WITHHELD_CELL = 'suppressed';
export const FINDINGS_CSV_COLUMNS = ['table', 'key', ...FINDING_MEASURES] as const;

const cell = (value: Shown | undefined) => (value === undefined ? '' : value === null ? WITHHELD_CELL : String(value));

/** Every table of the findings as rows of one CSV: `table` names it (total, month, country, ...). */
export function findingsCsv(findings: Findings): string {
  const line = (table: string, row: Partial<FindingMeasures> & { key: string }) => [
    table,
    row.key,
    ...FINDING_MEASURES.map((m) => cell(row[m])),
  ];
  return stringify(
    [
      line('total', { key: 'all', ...findings.totals }),
      ...findings.byMonth.map((r) => line('month', r)),
      ...findings.byCountry.map((r) => line('country', r)),
      ...findings.byTypology.map((r) => line('typology', r)),
      ...findings.byRole.map((r) => line('role', r)),
      ...findings.outcomesByKind.map((r) => line('outcome', r)),
    ],
    { header: true, columns: [...FINDINGS_CSV_COLUMNS] },
  );
}
