import type { ManagedTransaction } from 'neo4j-driver';
import type { JudgedPair, RegionEdge } from './regionEdges';
import type { Writes } from './regionWrites';

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** A recorded pair from a dirty member (`a`) to a mention outside the region, with that mention's entity. */
interface OutwardPair {
  a: string;
  b: string;
  entity: string;
  score: number | null;
  explanation: string | null;
}

/** The strongest pair of mentions between two entities (`from` the smaller id): one review-queue entry. */
interface ReviewPair {
  from: string;
  to: string;
  a: string;
  b: string;
  score: number;
  explanation: string | null;
}

/** The open review-queue entries of the dirty entities go; rebuildPossibleMatches derives them again. */
export function closePossibleMatches(dirty: string[]): Writes {
  return {
    // The hint keeps the planner on the entity: left alone it seeks the open-status relationship index
    // and filters every open review entry in the graph by entity (23,000 rows per batch at 10k entities,
    // growing with the review queue).
    cypher: `CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})-[p:POSSIBLE_MATCH {status: 'open'}]-()
       USING INDEX e:Entity(id)
       DELETE p
     }`,
    params: { dirty },
  };
}

/**
 * The review queue: one open POSSIBLE_MATCH per pair of entities, from the strongest pair of their
 * mentions. Runs after closePossibleMatches.
 */
export async function rebuildPossibleMatches(
  tx: ManagedTransaction,
  dirty: string[],
  regionPossible: RegionEdge[],
  judged: JudgedPair[],
  entityOf: Map<string, string>,
  now: string,
): Promise<void> {
  if (dirty.length === 0) return;
  const dirtySet = new Set(dirty);
  // Possible pairs that leave the region: their other end keeps its current entity.
  const outward = await tx.run<OutwardPair>(
    `MATCH (m:Mention)-[r:MATCHED]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
     WHERE m.id IN $dirtyMembers AND NOT o.id IN $members AND coalesce(r.overridden, false) = false
     RETURN m.id AS a, o.id AS b, oe.id AS entity, r.score AS score, r.explanation AS explanation`,
    { dirtyMembers: [...entityOf].filter(([, e]) => dirtySet.has(e)).map(([m]) => m), members: [...entityOf.keys()] },
  );
  const judgedSet = new Set(judged.map((j) => pairKey(j.x, j.y)));
  const best = new Map<string, ReviewPair>();
  const consider = (a: string, b: string, ea: string, eb: string, score: number, explanation: string | null) => {
    if (ea === eb || (!dirtySet.has(ea) && !dirtySet.has(eb)) || judgedSet.has(pairKey(a, b))) return;
    const [from, to] = ea < eb ? [ea, eb] : [eb, ea];
    const key = `${from}|${to}`;
    const held = best.get(key);
    if (!held || score > held.score) best.set(key, { from, to, a, b, score, explanation });
  };
  for (const edge of regionPossible) {
    consider(edge.a, edge.b, entityOf.get(edge.a)!, entityOf.get(edge.b)!, edge.score, edge.explanation);
  }
  for (const row of outward.records) {
    const a = row.get('a');
    const score = Number(row.get('score') ?? 0);
    consider(a, row.get('b'), entityOf.get(a)!, row.get('entity'), score, row.get('explanation'));
  }
  const rows = [...best.values()].sort((p, q) => (p.from + p.to < q.from + q.to ? -1 : 1));
  await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
     WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL
     MERGE (a)-[p:POSSIBLE_MATCH]->(b)
     SET p.status = coalesce(p.status, 'open'), p.score = row.score, p.explanation = row.explanation,
         p.mentionA = row.a, p.mentionB = row.b,
         p.since = coalesce(p.since, $now)`,
    { rows, now },
  );
}
