import type { ManagedTransaction } from 'neo4j-driver';

/**
 * Takes the write locks of the entities these mentions belong to, in id order, before any of the
 * mentions' MATCHED relationships or entity assignments is written: every writer of a mention's
 * relationships holds its entity first, so two resolvers deciding pairs of shared mentions queue on
 * the first entity they share instead of deadlocking on the mentions. Deciding again, the far ends of
 * the decisions about to be forgotten count too.
 */
export async function lockEntitiesOf(
  tx: ManagedTransaction,
  mentionIds: readonly string[],
  withDecided: boolean,
): Promise<void> {
  // One statement: the entities are found, then locked in id order (entity ids are ASCII, so Cypher's
  // order is the one sortedIds gives lockEntities' callers).
  await tx.run(
    `UNWIND $ids AS id
     MATCH (m:Mention {id: id})-[:RESOLVED_TO]->(e:Entity)
     OPTIONAL MATCH (m)-[r:MATCHED]-(:Mention)-[:RESOLVED_TO]->(far:Entity)
     WHERE $withDecided AND r.reason <> 'judgement' AND coalesce(r.overridden, false) = false
     WITH collect(DISTINCT e.id) + collect(DISTINCT far.id) AS found
     UNWIND found AS id
     WITH DISTINCT id
     ORDER BY id
     MATCH (e:Entity {id: id})
     SET e.lockSeq = coalesce(e.lockSeq, 0) + 1`,
    { ids: [...new Set(mentionIds)], withDecided },
  );
}

/**
 * Takes the write lock of each entity, in the order given (callers sort ids, so that concurrent
 * transactions lock shared entities in one order), and reports which are tombstones and where to.
 */
export async function lockEntities(
  tx: ManagedTransaction,
  ids: readonly string[],
): Promise<Array<{ id: string; mergedInto: string | null }>> {
  const result = await tx.run<{ id: string; mergedInto: string | null }>(
    `UNWIND $ids AS id
     MATCH (e:Entity {id: id})
     SET e.lockSeq = coalesce(e.lockSeq, 0) + 1
     RETURN e.id AS id, e.mergedInto AS mergedInto`,
    { ids: [...ids] },
  );
  return result.records.map((row) => row.toObject());
}
