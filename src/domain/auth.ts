import { z } from 'zod';

export const ROLES = ['caseworker', 'analyst', 'partner', 'admin'] as const;
export const ApiRole = z.enum(ROLES);
export type ApiRole = z.infer<typeof ApiRole>;

export const OrgSlug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
  message: 'must be a slug: 1-64 lower-case letters, digits or dashes, not starting or ending with a dash',
});

export const CreateKeyInput = z
  .object({
    role: ApiRole,
    org: OrgSlug,
    name: z
      .string()
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(100, { message: 'must be at most 100 characters' })
      .optional(),
  })
  .strict();
export type CreateKeyInput = z.infer<typeof CreateKeyInput>;

export const CreatedKey = z.object({
  id: z.string(),
  key: z.string(),
  role: ApiRole,
  org: z.string(),
  name: z.string().nullable(),
});
export type CreatedKey = z.infer<typeof CreatedKey>;

export const KeySummary = z.object({
  id: z.string(),
  role: ApiRole,
  org: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type KeySummary = z.infer<typeof KeySummary>;

/** Who is calling, as established from their API key. */
export interface Principal {
  keyId: string;
  role: ApiRole;
  org: string;
}

/** What `GET /api/v1/me` tells a caller about its own key: enough for a client to offer what the role may do. */
export const WhoAmI = z.object({ keyId: z.string(), role: ApiRole, org: z.string() });
export type WhoAmI = z.infer<typeof WhoAmI>;

/** `GET /api/v1/me`'s answer: the key as verified, and its organisation's display name for the console's header. */
export const Me = WhoAmI.extend({
  orgName: z.string().describe("the organisation's registered name (its slug when it is not registered)"),
});
export type Me = z.infer<typeof Me>;
