import type { ManagedTransaction } from 'neo4j-driver';

/**
 * Takes the write lock of these mentions in id order, before any of their MATCHED relationships is
 * written or deleted: a relationship's write locks both its ends, and two resolvers deciding pairs
 * of shared mentions in different orders would otherwise deadlock. Includes the far ends of the
 * mentions' current automatic decisions when they are about to be forgotten (redo).
 */
export async function lockMentions(tx: ManagedTransaction, ids: readonly string[], withDecided: boolean): Promise<void> {
  let all = [...new Set(ids)];
  if (withDecided) {
    const far = await tx.run(
      `UNWIND $ids AS id MATCH (:Mention {id: id})-[r:MATCHED]-(o:Mention)
       WHERE r.reason <> 'judgement' AND coalesce(r.overridden, false) = false
       RETURN DISTINCT o.id AS id`,
      { ids: all },
    );
    all = [...new Set([...all, ...far.records.map((r) => r.get('id') as string)])];
  }
  await tx.run('UNWIND $ids AS id MATCH (m:Mention {id: id}) SET m.lockSeq = coalesce(m.lockSeq, 0) + 1', { ids: all.sort() });
}

/**
 * Takes the write lock of each entity, in the order given (callers sort ids, so that concurrent
 * transactions lock shared entities in one order), and reports which are tombstones and where to.
 */
export async function lockEntities(tx: ManagedTransaction, ids: readonly string[]): Promise<Array<{ id: string; mergedInto: string | null }>> {
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Entity {id: id})
     SET e.lockSeq = coalesce(e.lockSeq, 0) + 1
     RETURN e.id AS id, e.mergedInto AS mergedInto`,
    { ids: [...ids] },
  );
  return result.records.map((row) => ({ id: row.get('id') as string, mergedInto: (row.get('mergedInto') as string | null) ?? null }));
}
