import type { ManagedTransaction } from 'neo4j-driver';

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
