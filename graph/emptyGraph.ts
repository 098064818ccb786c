import { z } from 'zod';
import type { Graph } from './driver';
import { parseFirstRow } from './records';

const Deleted = z.object({ n: z.number() });

/**
 * Empties a throwaway graph (a benchmark's) with its schema bookkeeping kept, so that constraints and
 * indexes stay; deleted in slices, so that no transaction has to hold the whole graph.
 */
export async function emptyGraph(graph: Graph): Promise<void> {
  for (;;) {
    const deleted = await graph.write(async (tx) => {
      const r = await tx.run(
        'MATCH (n) WHERE NOT n:SchemaMigration WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n',
      );
      return parseFirstRow(r, Deleted)?.n ?? 0;
    });
    if (deleted === 0) return;
  }
}
