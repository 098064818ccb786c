import type { ManagedTransaction } from 'neo4j-driver';
import type { MatchThresholds } from '../../matching/types';
import type { SubjectSchemaName } from '../../src/domain/ftm';
import { type JudgedPair, REGION_PAIRS_CYPHER, type RegionPairs, regionPairs, type StoredEdge } from './regionEdges';
import { sortedIds } from './sortedIds';

/** Beyond this many mentions a region stops pulling in neighbours across rejected links. */
const REGION_EXPANSION_LIMIT = 5000;

/** The members of a locked region: each mention's current entity and its schema, and their pairs. */
export interface LockedRegion {
  members: Map<string, string>;
  schemas: Map<string, SubjectSchemaName>;
  pairs: RegionPairs;
}

interface Round {
  locked: Array<{ id: string; mergedInto: string | null }>;
  members: Array<{ mention: string; entity: string; schema: SubjectSchemaName }>;
  edges: StoredEdge[];
  judged: JudgedPair[];
}

/**
 * One round trip per round: takes the write locks of `$lock` in the order given, then reads the members
 * of the region's live entities (`$region`: those locked before and now, tombstones told apart by
 * `mergedInto`) with their pairs. When the round meets a tombstone whose survivor is not locked yet,
 * what it read is not used: that is rare, and cheaper than a second round trip in every round.
 */
const ROUND_CYPHER = `UNWIND $lock AS id
     MATCH (e:Entity {id: id})
     SET e.lockSeq = coalesce(e.lockSeq, 0) + 1
     WITH collect({id: e.id, mergedInto: e.mergedInto}) AS locked
     CALL () {
       UNWIND $region AS id
       MATCH (m:Mention)-[:RESOLVED_TO]->(e:Entity {id: id})
       WHERE e.mergedInto IS NULL
       RETURN collect({mention: m.id, entity: e.id, schema: m.schema}) AS members
     }
     WITH locked, members, [member IN members | member.mention] AS ids
     ${REGION_PAIRS_CYPHER}
     RETURN locked, members, edges, judged`;

/**
 * Locks the region's entities in id order (a write on each), following tombstones to their survivors,
 * and widens the region across links that currently join it to other entities. Returns the members of
 * the locked live entities (mention -> entity), each member's schema, and the recorded pair decisions
 * and judgements that concern them.
 */
export async function lockRegion(
  tx: ManagedTransaction,
  seeds: Iterable<string>,
  thresholds: MatchThresholds,
): Promise<LockedRegion> {
  const locked = new Set<string>();
  const live = new Set<string>();
  let pending = sortedIds(seeds);
  let read: Round = { locked: [], members: [], edges: [], judged: [] };
  for (let round = 0; pending.length > 0 && round < 20; round += 1) {
    const result = await tx.run<Round>(ROUND_CYPHER, { lock: pending, region: [...live, ...pending] });
    const row = result.records[0]!.toObject();
    const next: string[] = [];
    for (const { id, mergedInto } of row.locked) {
      locked.add(id);
      if (mergedInto) {
        if (!locked.has(mergedInto)) next.push(mergedInto);
      } else live.add(id);
    }
    if (next.length > 0) {
      pending = sortedIds(next);
      continue;
    }
    read = row;
    if (row.members.length > REGION_EXPANSION_LIMIT) break;
    const outside = row.edges.flatMap((e) => (e.entity === null ? [] : [e.entity]));
    pending = sortedIds(outside.filter((id) => !locked.has(id)));
  }
  return {
    members: new Map(read.members.map((m) => [m.mention, m.entity])),
    schemas: new Map(read.members.map((m) => [m.mention, m.schema])),
    pairs: regionPairs(read.edges, read.judged, thresholds),
  };
}
