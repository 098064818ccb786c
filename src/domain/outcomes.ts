import { z } from 'zod';
import { checkedText } from './report';
import { pastDayProblem } from './validation/dates';

/*
 * What a partner bank did with a subject it was sent: the hub's only way to learn which leads, rules
 * and organisations' reports lead anywhere. The kinds and what each means: docs/leads.md "Outcomes".
 */

export const OUTCOME_KINDS = [
  'no_customer',
  'customer_monitored',
  'account_frozen',
  'account_closed',
  'report_filed',
  'referred_to_police',
] as const;
export const OutcomeKind = z.enum(OUTCOME_KINDS, { message: `must be one of: ${OUTCOME_KINDS.join(', ')}` });
export type OutcomeKind = z.infer<typeof OutcomeKind>;

/** The kind whose delay the outcomes page measures: how long money stayed within reach after the first report. */
export const FREEZE: OutcomeKind = 'account_frozen';

export const MAX_OUTCOME_NOTE = 2000;

const Day = z.string().describe('YYYY-MM-DD');
const today = () => new Date().toISOString().slice(0, 10);

/**
 * `POST /api/v1/exports/:id/outcomes`. What only the export can tell (is it one of its subjects, is the day
 * after its creation) is checked next, by `outcomeIssuesFor`.
 */
export const OutcomeInput = z
  .object({
    subjectId: z.string({ message: 'must be a string' }).regex(/^[A-Za-z0-9_-]{1,200}$/, {
      message: 'must be the ftm_id of a subject of this export (its id in entities.ftm.jsonl and leads.csv)',
    }),
    outcome: OutcomeKind,
    date: Day.superRefine((date, ctx) => {
      const message = pastDayProblem(date, today());
      if (message) ctx.addIssue({ code: 'custom', message });
    }).describe('the day the bank acted, YYYY-MM-DD: not in the future, not before the export was created'),
    note: z
      .string({ message: 'must be a string' })
      .trim()
      .min(1, { message: 'must not be empty; leave it out instead', abort: true })
      .max(MAX_OUTCOME_NOTE, { message: `must be at most ${MAX_OUTCOME_NOTE} characters` })
      .superRefine(checkedText(true))
      .optional()
      .describe("the bank's own words for the hub's analysts; never part of any bundle"),
  })
  .strict();
export type OutcomeInput = z.infer<typeof OutcomeInput>;

/** At most this many subject ids are listed in the 400 for a subjectId the export does not hold. */
const LISTED_SUBJECTS = 20;

/**
 * The issues only the export can tell: the subject must be one of its subjects (withdrawn ones too: the
 * bank may have acted before the withdrawal) and the day not before the export was created. Pure.
 */
export function outcomeIssuesFor(
  input: OutcomeInput,
  x: { createdAt: string; subjectIds: readonly string[] },
): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (!x.subjectIds.includes(input.subjectId)) {
    const listed = x.subjectIds.slice(0, LISTED_SUBJECTS).join(', ');
    const more = x.subjectIds.length > LISTED_SUBJECTS ? ` and ${x.subjectIds.length - LISTED_SUBJECTS} more` : '';
    issues.push({
      path: 'subjectId',
      message: `is not a subject of this export; allowed: the ftm_id of one of its subjects (${listed}${more})`,
    });
  }
  const early = pastDayProblem(input.date, today(), { day: x.createdAt.slice(0, 10), what: 'the export was created' });
  if (early) issues.push({ path: 'date', message: early });
  return issues;
}

/** One outcome as recorded: for analysts, and for the partner that sent it. */
export const Outcome = z.object({
  id: z.string(),
  exportId: z.string(),
  leadId: z.string(),
  subjectId: z.string().describe('the ftm_id of the subject in the bundle'),
  outcome: OutcomeKind,
  date: Day,
  note: z.string().nullable(),
  partner: z.string().describe('the organisation of the bank that reported it'),
  recordedAt: z.string(),
  recordedBy: z.string().describe("the partner's API key id"),
  subjectWithdrawn: z
    .boolean()
    .describe('the subject had been withdrawn from the bundle when the outcome was recorded: a case for redress'),
});
export type Outcome = z.infer<typeof Outcome>;

export const RecordedOutcome = z.object({
  alreadyRecorded: z
    .boolean()
    .describe('true when this very outcome (subject, kind, date and note) was recorded before: nothing was added'),
  outcome: Outcome,
});
export type RecordedOutcome = z.infer<typeof RecordedOutcome>;

/** A subject of an export as the bank knows it from its bundle: what it can report an outcome on. */
export const ExportSubject = z.object({
  subjectId: z.string(),
  leadId: z.string(),
  schema: z.string().describe('its FollowTheMoney schema'),
  name: z.string().describe('the name column of leads.csv'),
  withdrawn: z.boolean().describe('withdrawn from the bundle since; an outcome may still be reported'),
});
export type ExportSubject = z.infer<typeof ExportSubject>;

export const ExportOutcomes = z.object({
  exportId: z.string(),
  subjects: z.array(ExportSubject),
  outcomes: z.array(Outcome).describe('oldest first'),
});
export type ExportOutcomes = z.infer<typeof ExportOutcomes>;

const Count = z.number().int().min(0);

export const DaysToFreeze = z
  .object({
    count: Count.describe('frozen subjects whose first report is known (each subject once per partner)'),
    median: z.number().nullable().describe('null when none'),
    values: z.array(z.object({ days: z.number().int(), subjects: Count })).describe('each value, shortest first'),
  })
  .describe(
    "days from the first report behind a subject (the earliest receivedAt of its reports) to the bank's " +
      'first account_frozen for it',
  );
export type DaysToFreeze = z.infer<typeof DaysToFreeze>;

export const OutcomeFigures = z.object({
  leadsExported: Count,
  leadsAnswered: Count.describe('exported leads with at least one outcome'),
  outcomes: Count,
  byKind: z.record(OutcomeKind, Count).describe('outcomes of each kind, every kind listed'),
  daysToFreeze: DaysToFreeze,
});
export type OutcomeFigures = z.infer<typeof OutcomeFigures>;

export const OutcomeGroup = OutcomeFigures.extend({ key: z.string(), name: z.string() });
export type OutcomeGroup = z.infer<typeof OutcomeGroup>;

export const OutcomeBreakdown = z.object({
  dimension: z.string().describe("what the leads are grouped by, e.g. 'rule', 'organisation'"),
  title: z.string(),
  groups: z.array(OutcomeGroup).describe('a lead counts in every group it belongs to'),
});
export type OutcomeBreakdown = z.infer<typeof OutcomeBreakdown>;

export const OutcomeStats = OutcomeFigures.extend({
  breakdowns: z.array(OutcomeBreakdown),
  at: z.string().describe('when these figures were read'),
});
export type OutcomeStats = z.infer<typeof OutcomeStats>;
