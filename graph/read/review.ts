import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { ReviewItem } from '../../src/domain/api';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';
import { displayNameOfNames } from './displayName';
import { explanationOf } from './explanation';

/** One side of a possible match, with the defaults an entity written before its counts existed needs. */
const side = (e: string) =>
  `${e} {.id, .schema, names: coalesce(${e}.names, []), countries: coalesce(${e}.countries, []),
   reportCount: coalesce(${e}.reportCount, 0), orgCount: coalesce(${e}.orgCount, 0), roles: coalesce(${e}.roles, [])}`;

const Total = z.object({ n: z.number() });
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
  options: { limit: number; offset: number },
): Promise<{ items: ReviewItem[]; total: number }> {
  return graph.read(async (tx) => {
    const total = await tx.run(
      "MATCH (a:Entity)-[p:POSSIBLE_MATCH {status: 'open'}]->(b:Entity) " +
        'WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL ' +
        'RETURN count(p) AS n',
    );
    const rows = await tx.run(
      `MATCH (a:Entity)-[p:POSSIBLE_MATCH {status: 'open'}]->(b:Entity)
       WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL
       WITH a, b, p,
            p.score * (1 + log(1 + coalesce(a.reportCount, 0) + coalesce(b.reportCount, 0)))
                    * CASE WHEN size(coalesce(a.roles, []) + coalesce(b.roles, [])) > 0 THEN 1.2 ELSE 1.0 END
              AS priority
       RETURN ${side('a')} AS entityA, ${side('b')} AS entityB, p.score AS score, priority,
              p.explanation AS explanation, p.since AS since
       ORDER BY priority DESC, a.id, b.id
       SKIP $offset LIMIT $limit`,
      {
        offset: neo4j.int(Math.max(0, Math.floor(options.offset))),
        limit: neo4j.int(Math.max(1, Math.floor(options.limit))),
      },
    );
    const items = parseRows(rows, StoredItem).map((item) => ({
      ...item,
      entityA: named(item.entityA),
      entityB: named(item.entityB),
      explanation: explanationOf(item.explanation),
    }));
    return { items, total: parseFirstRow(total, Total)?.n ?? 0 };
  });
}
