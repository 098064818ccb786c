import { z } from 'zod';
import { ReportStatus } from './api';
import { LinkType, Role, SubjectSchema } from './ftm';

/*
 * What a caseworker is shown of their own organisation's reports. These shapes are strict and name no
 * entity: a caseworker who saw the entity of each subject could tell, when two of their subjects land
 * in one entity, that another organisation tied them together (invariant 5). An answer carrying any
 * key not declared here fails to parse instead of reaching the caseworker.
 */

/** Where one subject stands, in a caseworker's words. */
export const SubjectProgress = z
  .enum(['received', 'being matched', 'matched', 'waiting for an analyst', 'failed', 'withdrawn'])
  .describe(
    "'matched' means matching is done; it says nothing about what, if anything, the subject was matched with. " +
      "'waiting for an analyst' means a person must decide on a possible match before it is settled.",
  );
export type SubjectProgress = z.infer<typeof SubjectProgress>;

const CaseworkerSubject = z.strictObject({
  ref: z.string(),
  schema: SubjectSchema,
  role: Role.optional(),
  properties: z.record(z.string(), z.array(z.string())),
  status: SubjectProgress,
});

const CaseworkerLink = z.strictObject({ type: LinkType, from: z.string(), to: z.string() });

const CaseworkerReportHeading = z.strictObject({
  id: z.string(),
  caseRef: z.string().nullable().describe("the organisation's case reference; null for reports stored before it was"),
  status: ReportStatus,
  error: z.string().optional().describe('why processing failed, when it did'),
  country: z.string(),
  reportedAt: z.string().nullable(),
  receivedAt: z.string(),
  revision: z.number().int().min(1).describe('1 as submitted, one more with each amendment'),
  withdrawnAt: z.string().nullable(),
});

export const CaseworkerReportView = CaseworkerReportHeading.extend({
  notes: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  subjects: z.array(CaseworkerSubject),
  links: z.array(CaseworkerLink),
}).describe('A report as its own organisation submitted it, with where each subject stands; no entity ids.');
export type CaseworkerReportView = z.infer<typeof CaseworkerReportView>;

export const CaseworkerReportItem = CaseworkerReportHeading.extend({ subjectCount: z.number().int().min(0) });
export type CaseworkerReportItem = z.infer<typeof CaseworkerReportItem>;

export const CaseworkerReportPage = z.strictObject({
  items: z.array(CaseworkerReportItem),
  total: z.number().int().min(0),
  limit: z.number().int().min(0),
  offset: z.number().int().min(0),
});

export const WithdrawInput = z
  .strictObject({
    reason: z.string().trim().max(1000, { message: 'must be at most 1000 characters' }).optional(),
  })
  .describe('Why the report is withdrawn (kept with the report for its organisation; never exported).');
export type WithdrawInput = z.infer<typeof WithdrawInput>;

export const WithdrawOutcome = z.object({
  id: z.string(),
  status: z.literal('withdrawn'),
  withdrawnAt: z.string(),
});

export const RevisionAccepted = z.object({
  id: z.string(),
  status: z.literal('received'),
  revision: z.number().int().min(1),
});
