import { z } from 'zod';
import { wholeEmailProblem } from './validation/email';

export const ROLES = ['caseworker', 'analyst', 'partner', 'admin'] as const;
export const ApiRole = z.enum(ROLES);
export type ApiRole = z.infer<typeof ApiRole>;

export const OrgSlug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
  message: 'must be a slug: 1-64 lower-case letters, digits or dashes, not starting or ending with a dash',
});

/** A label or name as an admin types it, trimmed; `required` is what a missing one is told. */
const Label = (max: number, required?: string) =>
  z
    .string(required === undefined ? undefined : { message: required })
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });

/**
 * One e-mail address is one person, so it is kept trimmed and in lower case: "Pim.S@Hub.example " and
 * "pim.s@hub.example" hold keys as the same person.
 */
const PersonEmail = z
  .string({ message: 'is required: the e-mail address of the person who holds the key' })
  .trim()
  .toLowerCase()
  .superRefine((value, ctx) => {
    const message = wholeEmailProblem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** The person a new key is for: a person may hold several keys; the two-person rule counts people, not keys. */
export const KeyHolderInput = z
  .object(
    {
      name: Label(200, "is required: the person's name as colleagues know it"),
      email: PersonEmail,
    },
    // Only a missing person is told what to send; unknown keys keep their own message.
    {
      error: (issue) =>
        issue.input === undefined ? 'is required: the person who holds the key, as {"name", "email"}' : undefined,
    },
  )
  .strict();
export type KeyHolderInput = z.infer<typeof KeyHolderInput>;

export const CreateKeyInput = z
  .object({
    role: ApiRole,
    org: OrgSlug,
    name: Label(100).optional(),
    person: KeyHolderInput,
  })
  .strict();
export type CreateKeyInput = z.infer<typeof CreateKeyInput>;

/** A person who holds keys, as registered with their first key. */
export const KeyHolder = z.object({
  id: z.string().describe("the person's id (usr_...), what approvals and the audit trail record"),
  name: z.string(),
  email: z.string().describe('lower case; one address is one person'),
});
export type KeyHolder = z.infer<typeof KeyHolder>;

export const CreatedKey = z.object({
  id: z.string(),
  key: z.string(),
  role: ApiRole,
  org: z.string(),
  name: z.string().nullable(),
  person: KeyHolder,
});
export type CreatedKey = z.infer<typeof CreatedKey>;

export const KeySummary = z.object({
  id: z.string(),
  role: ApiRole,
  org: z.string(),
  name: z.string().nullable(),
  person: KeyHolder.nullable().describe(
    'who holds it; null for a key made before keys had people, which counts as a person of its own',
  ),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type KeySummary = z.infer<typeof KeySummary>;

/** Who is calling, as established from their API key. */
export const Principal = z.object({
  keyId: z.string(),
  role: ApiRole,
  org: z.string(),
  person: z
    .string()
    .describe(
      'the id of the person holding the key; a key made before keys had people, and the bootstrap admin key, ' +
        "are each a person of their own, named by the key's id",
    ),
  personName: z.string().nullable().describe("the holder's registered name; null when the key has no person"),
});
export type Principal = z.infer<typeof Principal>;

/** `GET /api/v1/me`'s answer: the key as verified, and its organisation's display name for the console's header. */
export const Me = Principal.extend({
  orgName: z.string().describe("the organisation's registered name (its slug when it is not registered)"),
});
export type Me = z.infer<typeof Me>;
