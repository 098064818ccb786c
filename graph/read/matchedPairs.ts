import { z } from 'zod';
import type { Graph } from '../driver';
import { parseRows } from '../records';

const MatchedPair = z.object({
  a: z.string(),
  b: z.string(),
  outcome: z.string(),
  reason: z.string(),
  score: z.number(),
});
export type MatchedPair = z.infer<typeof MatchedPair>;

/** Every pair decision (MATCHED edge) between two mentions of the organisation, by mention ids. */
export async function matchedPairs(graph: Graph, org: string): Promise<MatchedPair[]> {
  const r = await graph.read((tx) =>
    tx.run(
      `MATCH (a:Mention {orgId: $org})-[r:MATCHED]->(b:Mention {orgId: $org})
       RETURN a.id AS a, b.id AS b, r.outcome AS outcome, r.reason AS reason, r.score AS score`,
      { org },
    ),
  );
  return parseRows(r, MatchedPair);
}
