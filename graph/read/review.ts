import neo4j from 'neo4j-driver';
import type { Graph } from '../driver';

export interface ReviewItem {
  entityA: { id: string; schema: string; names: string[]; countries: string[]; reportCount: number; orgCount: number; roles: string[] };
  entityB: { id: string; schema: string; names: string[]; countries: string[]; reportCount: number; orgCount: number; roles: string[] };
  score: number;
  /** Higher first: the score weighted by how much evidence stands behind the two entities. */
  priority: number;
  explanation: unknown;
  since: string;
}

const side = (props: Record<string, unknown>) => ({
  id: props.id as string,
  schema: props.schema as string,
  names: (props.names as string[]) ?? [],
  countries: (props.countries as string[]) ?? [],
  reportCount: Number(props.reportCount ?? 0),
  orgCount: Number(props.orgCount ?? 0),
  roles: (props.roles as string[]) ?? [],
});

/**
 * Open possible matches, most valuable first: a likely match between entities that several reports
 * and organisations speak of, with a perpetrator role, matters more than a coin-flip between two
 * one-report names.
 */
export async function reviewQueue(graph: Graph, options: { limit: number; offset: number }): Promise<{ items: ReviewItem[]; total: number }> {
  return graph.read(async (tx) => {
    const total = await tx.run(
      "MATCH (a:Entity)-[p:POSSIBLE_MATCH {status: 'open'}]->(b:Entity) WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL RETURN count(p) AS n",
    );
    const rows = await tx.run(
      `MATCH (a:Entity)-[p:POSSIBLE_MATCH {status: 'open'}]->(b:Entity)
       WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL
       WITH a, b, p,
            p.score * (1 + log(1 + coalesce(a.reportCount, 0) + coalesce(b.reportCount, 0)))
                    * CASE WHEN size(coalesce(a.roles, []) + coalesce(b.roles, [])) > 0 THEN 1.2 ELSE 1.0 END AS priority
       RETURN a, b, p, priority
       ORDER BY priority DESC, a.id, b.id
       SKIP $offset LIMIT $limit`,
      { offset: neo4j.int(Math.max(0, Math.floor(options.offset))), limit: neo4j.int(Math.max(1, Math.floor(options.limit))) },
    );
    const items = rows.records.map((r) => {
      const p = (r.get('p') as { properties: Record<string, unknown> }).properties;
      let explanation: unknown = null;
      try {
        explanation = typeof p.explanation === 'string' ? JSON.parse(p.explanation) : null;
      } catch {
        explanation = p.explanation;
      }
      return {
        entityA: side((r.get('a') as { properties: Record<string, unknown> }).properties),
        entityB: side((r.get('b') as { properties: Record<string, unknown> }).properties),
        score: Number(p.score),
        priority: Number(r.get('priority')),
        explanation,
        since: p.since as string,
      };
    });
    return { items, total: Number(total.records[0]?.get('n') ?? 0) };
  });
}
