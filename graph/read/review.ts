import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { ReviewItem, ReviewPage } from '../../src/domain/api';
import type { ReviewQuery } from '../../src/domain/review';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';
import { displayNameOfNames } from './displayName';
import { explanationOf } from './explanation';

/** One side of a possible match, with the defaults an entity written before its counts existed needs. */
const side = (e: string) =>
  `${e} {.id, .schema, names: coalesce(${e}.names, []), countries: coalesce(${e}.countries, []),
   reportCount: coalesce(${e}.reportCount, 0), orgCount: coalesce(${e}.orgCount, 0), roles: coalesce(${e}.roles, [])}`;

/** Open pairs between live entities, narrowed by whichever filters are set (an unset one is null and passes). */
const OPEN_PAIRS = `MATCH (a:Entity)-[p:POSSIBLE_MATCH {status: 'open'}]->(b:Entity)
  WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL
    AND ($schema IS NULL OR a.schema = $schema OR b.schema = $schema)
    AND ($country IS NULL OR $country IN coalesce(a.countries, []) OR $country IN coalesce(b.countries, []))
    AND ($minScore IS NULL OR p.score >= $minScore)
    AND ($maxScore IS NULL OR p.score < $maxScore OR ($maxScore >= 1 AND p.score <= 1))
    AND ($org IS NULL OR EXISTS { (a)<-[:RESOLVED_TO]-(:Mention {orgId: $org}) }
                      OR EXISTS { (b)<-[:RESOLVED_TO]-(:Mention {orgId: $org}) })`;

const Total = z.object({ n: z.number() });
const Choices = ReviewPage.shape.choices;
const StoredSide = ReviewItem.shape.entityA.omit({ displayName: true });
const StoredItem = ReviewItem.extend({ entityA: StoredSide, entityB: StoredSide });
const named = (side: z.infer<typeof StoredSide>) => ({
  ...side,
  displayName: displayNameOfNames(side.schema, side.names),
});

/**
 * Open possible matches, most valuable first: a likely match between entities that several reports
 * and organisations speak of, with a perpetrator role, matters more than a coin-flip between two
 * one-report names.
 */
export async function reviewQueue(
  graph: Graph,
  options: Pick<ReviewQuery, 'limit' | 'offset'> & Partial<ReviewQuery>,
): Promise<Omit<ReviewPage, 'limit' | 'offset'>> {
  const filters = {
    schema: options.schema ?? null,
    country: options.country ?? null,
    org: options.org ?? null,
    minScore: options.minScore ?? null,
    maxScore: options.maxScore ?? null,
  };
  return graph.read(async (tx) => {
    const total = await tx.run(`${OPEN_PAIRS} RETURN count(p) AS n`, filters);
    const rows = await tx.run(
      `${OPEN_PAIRS}
       WITH a, b, p,
            p.score * (1 + log(1 + coalesce(a.reportCount, 0) + coalesce(b.reportCount, 0)))
                    * CASE WHEN size(coalesce(a.roles, []) + coalesce(b.roles, [])) > 0 THEN 1.2 ELSE 1.0 END
              AS priority
       RETURN ${side('a')} AS entityA, ${side('b')} AS entityB, p.score AS score, priority,
              p.explanation AS explanation, p.since AS since
       ORDER BY priority DESC, a.id, b.id
       SKIP $offset LIMIT $limit`,
      {
        ...filters,
        offset: neo4j.int(Math.max(0, Math.floor(options.offset))),
        limit: neo4j.int(Math.max(1, Math.floor(options.limit))),
      },
    );
    // What the filters can be set to: the kinds, countries and organisations of the whole open queue.
    const choices = await tx.run(
      `MATCH (a:Entity)-[:POSSIBLE_MATCH {status: 'open'}]->(b:Entity)
       WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL
       UNWIND [a, b] AS e
       WITH DISTINCT e
       OPTIONAL MATCH (e)<-[:RESOLVED_TO]-(m:Mention)
       OPTIONAL MATCH (o:Organisation {slug: m.orgId})
       WITH collect(DISTINCT e.schema) AS schemas, collect(DISTINCT m.country) AS countries,
            collect(DISTINCT CASE WHEN m IS NULL THEN null ELSE {slug: m.orgId, name: coalesce(o.name, m.orgId)} END)
              AS orgs
       RETURN schemas, countries, orgs`,
    );
    const items = parseRows(rows, StoredItem).map((item) => ({
      ...item,
      entityA: named(item.entityA),
      entityB: named(item.entityB),
      explanation: explanationOf(item.explanation),
    }));
    const found = parseFirstRow(choices, Choices) ?? { schemas: [], countries: [], orgs: [] };
    const sorted = (values: string[]) => [...values].sort();
    return {
      items,
      total: parseFirstRow(total, Total)?.n ?? 0,
      choices: {
        schemas: sorted(found.schemas),
        countries: sorted(found.countries),
        orgs: [...found.orgs].sort((x, y) => x.name.localeCompare(y.name) || x.slug.localeCompare(y.slug)),
      },
    };
  });
}
