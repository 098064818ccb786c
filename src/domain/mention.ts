import { z } from 'zod';
import { LinkType, Role, SubjectSchema } from './ftm';

/** One subject of one report, as the ingest worker hands it to the resolver. */
export const MentionInput = z.object({
  id: z.string().regex(/^men_[A-Za-z0-9_-]+$/),
  reportId: z.string().min(1),
  orgId: z.string().min(1),
  ref: z.string().min(1),
  schema: SubjectSchema,
  role: Role.optional(),
  /** Reporting country: the default region of phone numbers. */
  country: z.string().length(2).optional(),
  reportedAt: z.string().optional(),
  properties: z.record(z.string(), z.array(z.string())),
  /** The subjects of the same report this one is reported in relation with, as the report gave them. */
  related: z
    .array(z.object({ schema: SubjectSchema, properties: z.record(z.string(), z.array(z.string())) }))
    .optional(),
});
export type MentionInput = z.infer<typeof MentionInput>;

/** A relation the caseworker reported between two subjects of one report. */
export const MentionLink = z.object({
  type: LinkType,
  fromMentionId: z.string().min(1),
  toMentionId: z.string().min(1),
  reportId: z.string().min(1),
});
export type MentionLink = z.infer<typeof MentionLink>;

/** Mention ids derive from the report and the subject's ref, so re-running ingest never duplicates them. */
export function mentionId(reportId: string, ref: string): string {
  return `men_${reportId}_${ref}`;
}
