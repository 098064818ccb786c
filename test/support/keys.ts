import { createApiKey } from '../../graph/auth/apiKeys';
import { registerOrganisation } from '../../graph/auth/organisations';
import { registerPartner } from '../../graph/auth/partners';
import type { Graph } from '../../graph/driver';
import type { ApiRole, CreatedKey, KeyHolderInput } from '../../src/domain/auth';

/** The display name tests give an organisation they register: recognisably not the slug. */
export const testOrgName = (slug: string): string => `Test organisation ${slug}`;

/** The compliance address tests give a partner bank they register. */
export const testContact = (slug: string): string => `compliance@${slug}.example`;

/**
 * The person a test key is held by unless the test names one: derived from the key's name (else its
 * role) and organisation, so that two keys a test tells apart are two people, and one asked for again
 * is the same person under the same name.
 */
export function testPerson(input: { role: ApiRole; org: string; name?: string }): KeyHolderInput {
  const who = input.name ?? input.role;
  const local = `${who}.${input.org}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return { name: `${who} (${input.org})`, email: `${local}@people.example` };
}

/** A key of an organisation registered first (again, harmlessly, when another test already did). */
export async function createTestKey(
  graph: Graph,
  input: { role: ApiRole; org: string; createdBy: string; name?: string; person?: KeyHolderInput },
): Promise<CreatedKey> {
  const name = testOrgName(input.org);
  if (input.role === 'partner')
    await registerPartner(graph, { slug: input.org, name, contact: testContact(input.org) });
  else await registerOrganisation(graph, { slug: input.org, name, country: 'TH' });
  return createApiKey(graph, { ...input, person: input.person ?? testPerson(input) });
}
