import { type CreatePartnerInput, Partner, type UpdatePartnerInput } from '../../src/domain/partners';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';

/**
 * Partners are organisations of their own kind (label `Partner` beside `Organisation`), so that every
 * place that names an organisation names a bank too, while keys and exports can insist on the kind.
 */
const PARTNER_FIELDS =
  'o.slug AS slug, coalesce(o.name, o.slug) AS name, o.contact AS contact, o.webhookUrl AS webhookUrl, ' +
  'o.createdAt AS createdAt';

/**
 * Registers a partner; `created: false` (nothing changes) when the slug is registered already, as a
 * partner or as any other organisation: one slug names one body.
 */
export async function registerPartner(
  graph: Graph,
  input: CreatePartnerInput,
): Promise<{ created: boolean; partner: Partner }> {
  return graph.write(async (tx) => {
    const found = parseFirstRow(
      await tx.run(`MATCH (o:Organisation {slug: $slug}) RETURN ${PARTNER_FIELDS}`, { slug: input.slug }),
      Partner,
    );
    if (found) {
      // A partner the registry's migration made from an older database has no contact yet: this registers it.
      const adopted = parseFirstRow(
        await tx.run(
          `MATCH (o:Partner {slug: $slug}) WHERE o.contact IS NULL
           SET o.name = $name, o.contact = $contact, o.webhookUrl = $webhookUrl,
               o.createdAt = coalesce(o.createdAt, $now)
           RETURN ${PARTNER_FIELDS}`,
          { ...input, webhookUrl: input.webhookUrl ?? null, now: new Date().toISOString() },
        ),
        Partner,
      );
      return adopted ? { created: true, partner: adopted } : { created: false, partner: found };
    }
    // The slug's uniqueness constraint turns a concurrent registration into a retry that finds this one.
    const r = await tx.run(
      `CREATE (o:Organisation:Partner {slug: $slug, name: $name, contact: $contact, webhookUrl: $webhookUrl,
                                       createdAt: $now})
       RETURN ${PARTNER_FIELDS}`,
      { ...input, webhookUrl: input.webhookUrl ?? null, now: new Date().toISOString() },
    );
    const partner = parseFirstRow(r, Partner);
    if (!partner) throw new Error(`registering partner ${input.slug} returned no row`);
    return { created: true, partner };
  });
}

export async function listPartners(graph: Graph): Promise<Partner[]> {
  return graph.read(async (tx) =>
    parseRows(await tx.run(`MATCH (o:Partner) RETURN ${PARTNER_FIELDS} ORDER BY slug`), Partner),
  );
}

export async function getPartner(graph: Graph, slug: string): Promise<Partner | undefined> {
  return graph.read(async (tx) =>
    parseFirstRow(await tx.run(`MATCH (o:Partner {slug: $slug}) RETURN ${PARTNER_FIELDS}`, { slug }), Partner),
  );
}

/** Changes what is given (a `webhookUrl` of null removes it); undefined when no such partner exists. */
export async function updatePartner(
  graph: Graph,
  slug: string,
  changes: UpdatePartnerInput,
): Promise<Partner | undefined> {
  return graph.write(async (tx) =>
    parseFirstRow(
      await tx.run(`MATCH (o:Partner {slug: $slug}) SET o += $changes RETURN ${PARTNER_FIELDS}`, { slug, changes }),
      Partner,
    ),
  );
}
