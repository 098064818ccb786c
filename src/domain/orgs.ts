import { z } from 'zod';
import { OrgSlug } from './auth';
import { CountryCodeSchema } from './report';

/** The name screens show for a registered organisation or partner bank. */
export const OrganisationName = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(200, { message: 'must be at most 200 characters' });

/** An organisation is registered once, by an admin, before any key is made for it: a typo then fails loudly. */
export const CreateOrganisationInput = z
  .object({
    slug: OrgSlug,
    name: OrganisationName,
    country: CountryCodeSchema,
  })
  .strict();
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

/** What every registry entry shows: its slug, display name and when it was registered. */
export const RegistryEntry = z.object({
  slug: z.string(),
  name: z.string(),
  createdAt: z.string().nullable(),
});

export const Organisation = RegistryEntry.extend({
  country: z.string().nullable().describe('null for organisations registered before the registry existed'),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationList = z.object({ items: z.array(Organisation) });
export type OrganisationList = z.infer<typeof OrganisationList>;

/** The message a key request for an unknown organisation gets, at the API and on the command line. */
export const unregisteredOrganisation = (slug: string): string =>
  `organisation '${slug}' is not registered; register it with POST /api/v1/orgs or lantern orgs create`;
