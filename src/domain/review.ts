import { z } from 'zod';
import { Pagination } from './api';
import { OrgSlug } from './auth';
import { SubjectSchema } from './ftm';
import { CountryCodeSchema } from './report';

const EntityId = z
  .string()
  .regex(/^ent_[A-Za-z0-9_-]{1,100}$/, { message: "must be an entity id (starts with 'ent_')" });
const Reason = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(2000, { message: 'must be at most 2000 characters' });

export const JudgementInput = z
  .object({
    entityA: EntityId,
    entityB: EntityId,
    verdict: z.enum(['same', 'different', 'unsure'], { message: "must be one of 'same', 'different', 'unsure'" }),
    reason: Reason.optional(),
  })
  .strict()
  .refine((j) => j.entityA !== j.entityB, { path: ['entityB'], message: 'must differ from entityA' });
export type JudgementInput = z.infer<typeof JudgementInput>;

export const SplitInput = z
  .object({
    mentionIds: z
      .array(z.string().regex(/^men_[A-Za-z0-9_-]{1,300}$/, { message: "must be a mention id (starts with 'men_')" }))
      .min(1, { message: 'must name at least one mention' })
      .max(1000),
    reason: Reason.optional(),
  })
  .strict();
export type SplitInput = z.infer<typeof SplitInput>;

export const NeighbourhoodQuery = z.object({
  depth: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(3, { message: 'must be at most 3' })
    .default(2),
});

const Score = z.coerce
  .number({ message: 'must be a number' })
  .min(0, { message: 'must be at least 0' })
  .max(1, { message: 'must be at most 1' });

/** The review queue narrowed to what one analyst works on: a kind, a country, a partner's reports, a score band. */
export const ReviewQuery = Pagination.extend({
  schema: SubjectSchema.optional().describe('pairs whose entities are of this kind'),
  country: CountryCodeSchema.optional().describe('pairs where either entity was reported in this country'),
  org: OrgSlug.optional().describe("pairs where either entity rests on this organisation's reports"),
  minScore: Score.optional().describe('pairs scored at least this'),
  maxScore: Score.optional().describe('pairs scored below this (1 includes a perfect score)'),
}).refine((q) => q.minScore === undefined || q.maxScore === undefined || q.minScore < q.maxScore, {
  path: ['maxScore'],
  message: 'must be greater than minScore',
});
export type ReviewQuery = z.infer<typeof ReviewQuery>;
