import { createApiKey } from '../../graph/auth/apiKeys';
import { registerOrganisation } from '../../graph/auth/organisations';
import type { Graph } from '../../graph/driver';
import type { ApiRole, CreatedKey } from '../../src/domain/auth';

/** The display name tests give an organisation they register: recognisably not the slug. */
export const testOrgName = (slug: string): string => `Test organisation ${slug}`;

/** A key of an organisation registered first (again, harmlessly, when another test already did). */
export async function createTestKey(
  graph: Graph,
  input: { role: ApiRole; org: string; createdBy: string; name?: string },
): Promise<CreatedKey> {
  await registerOrganisation(graph, { slug: input.org, name: testOrgName(input.org), country: 'TH' });
  return createApiKey(graph, input);
}
