import { z } from 'zod';
import { ReportStatus } from './api';
import { ISO_COUNTRIES, isCountryCode } from './countries';
import { IDENTIFYING_PROPERTIES, LinkType, PROPERTIES_BY_SCHEMA, Role, SubjectSchema } from './ftm';

export const MAX_SUBJECTS = 200;
export const MAX_VALUES_PER_PROPERTY = 20;
export const MAX_VALUE_LENGTH = 500;

export const CountryCodeSchema = z.string().refine(isCountryCode, {
  message:
    `must be an ISO 3166-1 alpha-2 country code in upper case, e.g. TH, KH, VN, MY (${ISO_COUNTRIES.length} ` +
    `codes allowed)`,
});

const IsoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });

const PropertyValue = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(MAX_VALUE_LENGTH, { message: `must be at most ${MAX_VALUE_LENGTH} characters` });

const PropertyValues = z
  .array(PropertyValue, { message: 'must be an array of strings' })
  .min(1, { message: 'must hold at least one value' })
  .max(MAX_VALUES_PER_PROPERTY, { message: `must hold at most ${MAX_VALUES_PER_PROPERTY} values` });

const SubjectRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or - (a label local to this report)' });

export const ReportSubject = z
  .object({
    ref: SubjectRef,
    schema: SubjectSchema,
    role: Role.optional(),
    properties: z.record(z.string(), PropertyValues),
  })
  .strict()
  .superRefine((subject, ctx) => {
    const allowed = PROPERTIES_BY_SCHEMA[subject.schema];
    for (const prop of Object.keys(subject.properties)) {
      if (!allowed.includes(prop)) {
        ctx.addIssue({
          code: 'custom',
          path: ['properties', prop],
          message: `is not a ${subject.schema} property; allowed: ${allowed.join(', ')}`,
        });
      }
    }
    const identifying = IDENTIFYING_PROPERTIES[subject.schema];
    if (!identifying.some((p) => (subject.properties[p]?.length ?? 0) > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties'],
        message: `a ${subject.schema} needs at least one of: ${identifying.join(', ')}`,
      });
    }
  });
export type ReportSubject = z.infer<typeof ReportSubject>;

export const ReportLink = z.object({ type: LinkType, from: SubjectRef, to: SubjectRef }).strict();
export type ReportLink = z.infer<typeof ReportLink>;

/** What a caseworker submits: one case, the subjects the victim named, and how they are linked. */
export const ReportInput = z
  .object({
    caseRef: z
      .string()
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(100, { message: 'must be at most 100 characters' }),
    country: CountryCodeSchema,
    reportedAt: IsoDate.optional(),
    notes: z.string().max(10_000, { message: 'must be at most 10000 characters' }).optional(),
    subjects: z
      .array(ReportSubject)
      .min(1, { message: 'must hold at least one subject' })
      .max(MAX_SUBJECTS, { message: `must hold at most ${MAX_SUBJECTS} subjects` }),
    links: z.array(ReportLink).max(1000, { message: 'must hold at most 1000 links' }).default([]),
  })
  .strict()
  .superRefine((report, ctx) => {
    const seen = new Set<string>();
    report.subjects.forEach((s, i) => {
      if (seen.has(s.ref))
        ctx.addIssue({
          code: 'custom',
          path: ['subjects', i, 'ref'],
          message: `duplicate ref '${s.ref}'; each subject needs its own`,
        });
      seen.add(s.ref);
    });
    report.links.forEach((link, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!seen.has(link[end])) {
          ctx.addIssue({
            code: 'custom',
            path: ['links', i, end],
            message: `'${link[end]}' is not the ref of a subject in this report`,
          });
        }
      }
      if (link.from === link.to)
        ctx.addIssue({ code: 'custom', path: ['links', i, 'to'], message: 'a link needs two different subjects' });
    });
  });
export type ReportInput = z.infer<typeof ReportInput>;

/** An accepted report the way workers read it back: what was submitted (notes apart) and where processing stands. */
export const StoredReport = z.object({
  id: z.string(),
  orgId: z.string(),
  country: z.string(),
  reportedAt: z.string().nullable(),
  receivedAt: z.string(),
  status: ReportStatus,
  error: z.string().nullable(),
  revision: z.number().int().min(1).describe('1 as submitted, one more with each amendment'),
  subjects: z.array(ReportSubject),
  links: z.array(ReportLink),
});
export type StoredReport = z.infer<typeof StoredReport>;
