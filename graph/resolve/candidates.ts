import neo4j from 'neo4j-driver';
import type { Graph } from '../driver';
import { isGenericKey } from '../../matching/blocking';
import type { MatchRecord } from '../../matching/types';

export interface Candidate {
  mentionId: string;
  entityId: string;
  record: MatchRecord;
  keys: string[];
  /** Non-generic keys shared with the mention being resolved. */
  shared: number;
}

export interface CandidateSearch {
  /** The mention's keys that are still specific enough to fetch candidates through. */
  usableKeys: string[];
  genericKeys: string[];
  candidates: Candidate[];
  /** True when more candidates existed than the cap allowed. */
  capped: boolean;
}

/**
 * Phase two: candidates are the mentions that share a non-generic blocking key with this one, found
 * through the key nodes (index look-ups, never a scan of all entities), best-connected first, capped.
 * A key held by too many mentions (a common name's sound, a hotline number) is generic and skipped.
 */
export async function findCandidates(graph: Graph, mentionId: string, cap: number): Promise<CandidateSearch> {
  return graph.read(async (tx) => {
    const keyRows = await tx.run('MATCH (:Mention {id: $id})-[:HAS_KEY]->(k:BlockingKey) RETURN k.key AS key, k.count AS count', { id: mentionId });
    const usableKeys: string[] = [];
    const genericKeys: string[] = [];
    for (const row of keyRows.records) {
      const key = row.get('key') as string;
      (isGenericKey(key, Number(row.get('count'))) ? genericKeys : usableKeys).push(key);
    }
    if (usableKeys.length === 0) return { usableKeys, genericKeys, candidates: [], capped: false };
    const result = await tx.run(
      `UNWIND $keys AS key
       MATCH (:BlockingKey {key: key})<-[:HAS_KEY]-(o:Mention)
       WHERE o.id <> $id
       WITH o, count(*) AS shared
       ORDER BY shared DESC, o.id
       LIMIT $limit
       MATCH (o)-[:RESOLVED_TO]->(e:Entity)
       RETURN o.id AS mentionId, e.id AS entityId, o.record AS record, o.keys AS keys, shared`,
      { keys: usableKeys.sort(), id: mentionId, limit: neo4j.int(cap + 1) },
    );
    const candidates = result.records.map((r) => ({
      mentionId: r.get('mentionId') as string,
      entityId: r.get('entityId') as string,
      record: JSON.parse(r.get('record') as string) as MatchRecord,
      keys: r.get('keys') as string[],
      shared: Number(r.get('shared')),
    }));
    const capped = candidates.length > cap;
    return { usableKeys, genericKeys, candidates: candidates.slice(0, cap), capped };
  });
}
