import { z } from 'zod';
import { type CreateOrganisationInput, Organisation } from '../../src/domain/orgs';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';

const Registered = Organisation.extend({ fresh: z.boolean() });

/**
 * Registers an organisation; `created: false` when the slug is already registered (nothing changes).
 * A node that earlier versions made on first use holds no country: registering its slug gives it its
 * real name and country instead of refusing, so an old database can be brought into the registry.
 */
export async function registerOrganisation(
  graph: Graph,
  input: CreateOrganisationInput,
): Promise<{ created: boolean; organisation: Organisation }> {
  return graph.write(async (tx) => {
    const r = await tx.run(
      `MERGE (o:Organisation {slug: $slug})
       WITH o, o.country IS NULL AND NOT o:Partner AS fresh
       FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
         SET o.name = $name, o.country = $country, o.createdAt = coalesce(o.createdAt, $now))
       RETURN fresh, o.slug AS slug, o.name AS name, o.country AS country, o.createdAt AS createdAt`,
      { ...input, now: new Date().toISOString() },
    );
    const row = parseFirstRow(r, Registered);
    if (!row) throw new Error(`MERGE of organisation ${input.slug} returned no row`);
    const { fresh, ...organisation } = row;
    return { created: fresh, organisation };
  });
}

export async function listOrganisations(graph: Graph): Promise<Organisation[]> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (o:Organisation) WHERE NOT o:Partner
       RETURN o.slug AS slug, coalesce(o.name, o.slug) AS name, o.country AS country, o.createdAt AS createdAt
       ORDER BY slug`,
    );
    return parseRows(r, Organisation);
  });
}

/** Display names by slug, for answers that show organisations; an unknown slug is shown as itself. */
export async function organisationNames(graph: Graph, slugs: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(slugs)];
  if (unique.length === 0) return new Map();
  const rows = await graph.read(async (tx) =>
    parseRows(
      await tx.run(
        'MATCH (o:Organisation) WHERE o.slug IN $slugs RETURN o.slug AS slug, coalesce(o.name, o.slug) AS name',
        { slugs: unique },
      ),
      Organisation.pick({ slug: true, name: true }),
    ),
  );
  const names = new Map(unique.map((s) => [s, s]));
  for (const row of rows) names.set(row.slug, row.name);
  return names;
}
