import type { ManagedTransaction } from 'neo4j-driver';

/** A pair decision to record as a (:Mention)-[:MATCHED]->(:Mention) edge, the smaller id first. */
export interface MatchedEdge {
  a: string;
  b: string;
  outcome: 'link' | 'possible';
  reason: 'identifier' | 'score' | 'judgement' | 'review';
  score: number;
  /** The shared strong identifier's blocking key, for identifier links. */
  via: string | null;
  /** The feature breakdown, as JSON. */
  explanation: string;
  model: string;
  by: string;
}

/**
 * Writes the decided pairs (a pair already recorded keeps its first decision) and returns the entities
 * their mentions belong to now, read under this transaction: with the searching mentions' own entities
 * they are the region to recompute.
 */
export async function recordMatchedEdges(
  tx: ManagedTransaction,
  edges: readonly MatchedEdge[],
  now: string,
): Promise<string[]> {
  if (edges.length === 0) return [];
  const rows = edges.map((e) => {
    const [a, b] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
    const { outcome, reason, score, via, explanation, model, by } = e;
    return { a, b, props: { outcome, reason, score, via, explanation, model, by, at: now } };
  });
  rows.sort((p, q) => (p.a + p.b < q.a + q.b ? -1 : 1));
  const result = await tx.run<{ entity: string }>(
    `UNWIND $rows AS row
     MATCH (a:Mention {id: row.a}), (b:Mention {id: row.b})
     MERGE (a)-[r:MATCHED]->(b)
       ON CREATE SET r += row.props
     WITH collect(a) + collect(b) AS ends
     UNWIND ends AS end
     WITH DISTINCT end
     MATCH (end)-[:RESOLVED_TO]->(e:Entity)
     RETURN DISTINCT e.id AS entity`,
    { rows },
  );
  return result.records.map((r) => r.get('entity'));
}

/**
 * Removes the automatic pair decisions of these mentions before they are decided again (analysts'
 * judgements and the links an analyst overrode stay). Returns the entities those decisions touched.
 */
export async function forgetDecisions(tx: ManagedTransaction, mentionIds: readonly string[]): Promise<string[]> {
  const result = await tx.run<{ entity: string }>(
    `UNWIND $ids AS id
     MATCH (m:Mention {id: id})-[r:MATCHED]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
     WHERE r.reason <> 'judgement' AND coalesce(r.overridden, false) = false
     DELETE r
     RETURN DISTINCT oe.id AS entity`,
    { ids: [...mentionIds] },
  );
  return result.records.map((r) => r.get('entity'));
}
