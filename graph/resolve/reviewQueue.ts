import type { ManagedTransaction } from 'neo4j-driver';
import type { JudgedPair, OutwardPair, RegionEdge } from './regionEdges';
import type { Writes } from './regionWrites';

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** The strongest pair of mentions between two entities (`from` the smaller id): one review-queue entry. */
export interface ReviewPair {
  from: string;
  to: string;
  a: string;
  b: string;
  score: number;
  explanation: string | null;
}

/** The open review-queue entries of the dirty entities go; openPossibleMatches writes them again. */
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
 * The review queue of the dirty entities: one entry per pair of entities, from the strongest pair of
 * their mentions, among the region's possible pairs and those that leave the region (whose other end
 * keeps its current entity, read here for the dirty members' pairs only). Pairs an analyst has judged
 * are left out.
 */
export async function reviewPairs(
  tx: ManagedTransaction,
  dirty: string[],
  regionPossible: RegionEdge[],
  outward: OutwardPair[],
  judged: JudgedPair[],
  entityOf: Map<string, string>,
): Promise<ReviewPair[]> {
  const dirtySet = new Set(dirty);
  const leaving = outward.filter((pair) => dirtySet.has(entityOf.get(pair.a)!));
  const unplaced = [...new Set(leaving.filter((pair) => pair.entity === null).map((pair) => pair.b))];
  const entityOfFar = new Map<string, string>();
  if (unplaced.length > 0) {
    const rows = await tx.run<{ mention: string; entity: string }>(
      `UNWIND $ids AS id
       MATCH (o:Mention {id: id})-[:RESOLVED_TO]->(oe:Entity)
       RETURN o.id AS mention, oe.id AS entity`,
      { ids: unplaced },
    );
    for (const row of rows.records) entityOfFar.set(row.get('mention'), row.get('entity'));
  }
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
  for (const pair of leaving) {
    const far = pair.entity ?? entityOfFar.get(pair.b);
    if (far !== undefined) consider(pair.a, pair.b, entityOf.get(pair.a)!, far, pair.score, pair.explanation);
  }
  return [...best.values()].sort((p, q) => (p.from + p.to < q.from + q.to ? -1 : 1));
}

/** Writes the review-queue entries; runs after closePossibleMatches. */
export function openPossibleMatches(pairs: ReviewPair[], now: string): Writes {
  return {
    cypher: `CALL () {
       UNWIND $reviewPairs AS row
       MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
       WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL
       MERGE (a)-[p:POSSIBLE_MATCH]->(b)
       SET p.status = coalesce(p.status, 'open'), p.score = row.score, p.explanation = row.explanation,
           p.mentionA = row.a, p.mentionB = row.b,
           p.since = coalesce(p.since, $now)
     }`,
    params: { reviewPairs: pairs, now },
  };
}
