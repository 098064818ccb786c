import { z } from 'zod';
import { ReportStatus } from './api';
import { ISO_COUNTRIES, isCountryCode } from './countries';
import { IDENTIFYING_PROPERTIES, LinkType, PROPERTIES_BY_SCHEMA, Role, SubjectSchema } from './ftm';
import { reportedAtProblem } from './validation/dates';
import { propertyValueProblem } from './validation/properties';
import { textProblem, visibleTextProblem } from './validation/text';

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

/**
 * JSON.parse keeps a `__proto__` key as an ordinary property, but zod's record leaves it out of what it
 * returns: without this check the value would vanish silently instead of being refused.
 */
const Properties = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'))
      ctx.addIssue({
        code: 'custom',
        path: ['__proto__'],
        message: 'is not a property of any schema; the properties allowed depend on the schema',
      });
    return value;
  },
  z.record(z.string(), PropertyValues),
);

const SubjectRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or - (a label local to this report)' });

export const ReportSubject = z
  .object({
    ref: SubjectRef,
    schema: SubjectSchema,
    role: Role.optional(),
    properties: Properties,
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

/** Issues on the values of the subjects, which depend on the report's country (phones) and today's date. */
function valueIssues(report: { country: string; subjects: readonly ReportSubject[] }, today: string) {
  const country = isCountryCode(report.country) ? report.country : undefined;
  return report.subjects.flatMap((subject, i) => {
    const allowed = PROPERTIES_BY_SCHEMA[subject.schema];
    return Object.entries(subject.properties)
      .filter(([property]) => allowed.includes(property))
      .flatMap(([property, values]) =>
        values.flatMap((value, j) => {
          // An empty or overlong value has its issue already.
          if (value === '' || value.length > MAX_VALUE_LENGTH) return [];
          const message = propertyValueProblem(property, value, { country, today });
          return message ? [{ path: ['subjects', i, 'properties', property, j], message }] : [];
        }),
      );
  });
}

/** Text rules that a field's own schema cannot express without repeating them (see validation/text.ts). */
export const checkedText = (lines: boolean) => (value: string, ctx: z.RefinementCtx) => {
  const message = textProblem(value, { lines }) ?? (lines ? undefined : visibleTextProblem(value));
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** What a caseworker submits: one case, the subjects the victim named, and how they are linked. */
export const ReportInput = z
  .object({
    caseRef: z
      .string()
      .trim()
      // One issue per bad value: an empty reference is not also reported as invisible.
      .min(1, { message: 'must not be empty', abort: true })
      .max(100, { message: 'must be at most 100 characters' })
      .superRefine(checkedText(false)),
    country: CountryCodeSchema,
    reportedAt: IsoDate.optional(),
    notes: z
      .string()
      .max(10_000, { message: 'must be at most 10000 characters' })
      .superRefine(checkedText(true))
      .optional(),
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
    const today = new Date().toISOString().slice(0, 10);
    // A date not written YYYY-MM-DD has its issue already; a real one must also be plausible.
    const reportedAt =
      report.reportedAt !== undefined && IsoDate.safeParse(report.reportedAt).success
        ? reportedAtProblem(report.reportedAt, today)
        : undefined;
    if (reportedAt) ctx.addIssue({ code: 'custom', path: ['reportedAt'], message: reportedAt });
    for (const issue of valueIssues(report, today)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type ReportInput = z.infer<typeof ReportInput>;

/**
 * An accepted report the way workers read it back: what was submitted (notes apart) and where processing
 * stands. The value rules of ReportInput are not applied again: reports stored before a rule existed must
 * still be readable.
 */
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
