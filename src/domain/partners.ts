import { z } from 'zod';
import { OrgSlug } from './auth';
import { OrganisationName, RegistryEntry } from './orgs';
import { emailProblem } from './validation/email';

/** Hosts a webhook may be reached over plain HTTP: this machine only, where nothing crosses a network. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const WebhookUrl = z
  .string()
  .trim()
  .max(2000, { message: 'must be at most 2000 characters' })
  .refine(
    (raw) => {
      try {
        const url = new URL(raw);
        if (url.username || url.password) return false;
        return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
      } catch {
        return false;
      }
    },
    { message: 'must be an https:// URL without credentials (http:// only for localhost or 127.0.0.1)' },
  );

const Contact = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((value, ctx) => {
    const problem =
      emailProblem(value) ?? (/[*•]/u.test(value) ? 'must be a whole address, not a masked one' : undefined);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A partner bank is registered once, by an admin, before a key is made for it or an export addressed to
 * it: a mistyped slug then fails loudly instead of producing a signed bundle for nobody.
 */
export const CreatePartnerInput = z
  .object({
    slug: OrgSlug,
    name: OrganisationName,
    /** The compliance team's address: where the hub's analysts write about a bundle. */
    contact: Contact,
    webhookUrl: WebhookUrl.optional().describe('where signed change notices are POSTed; none when absent'),
  })
  .strict();
export type CreatePartnerInput = z.infer<typeof CreatePartnerInput>;

/** A bank's details change (a new compliance address, a new receiver); its slug never does. */
export const UpdatePartnerInput = z
  .object({
    name: OrganisationName.optional(),
    contact: Contact.optional(),
    webhookUrl: WebhookUrl.nullable().optional().describe('null stops webhook notices'),
  })
  .strict()
  .refine((x) => Object.keys(x).length > 0, { message: 'must change at least one of name, contact, webhookUrl' });
export type UpdatePartnerInput = z.infer<typeof UpdatePartnerInput>;

export const Partner = RegistryEntry.extend({
  contact: z.string().nullable().describe('null for partners that held keys or exports before the registry'),
  webhookUrl: z.string().nullable(),
});
export type Partner = z.infer<typeof Partner>;

export const PartnerSlugParam = z.object({ slug: OrgSlug });

export const PartnerList = z.object({ items: z.array(Partner) });
export type PartnerList = z.infer<typeof PartnerList>;

/** The message a key or an export for an unknown partner gets, at the API and on the command line. */
export const unregisteredPartner = (slug: string): string =>
  `'${slug}' is not a registered partner; register it with POST /api/v1/partners or lantern partners create`;
