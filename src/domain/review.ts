import { z } from 'zod';

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
