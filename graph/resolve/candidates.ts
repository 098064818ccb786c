import neo4j from 'neo4j-driver';
import type { Graph } from '../driver';
import { KEY_BUILDERS } from '../../matching/blocking';
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
  mentionId: string;
  /** The mention's keys that are still specific enough to fetch candidates through. */
  usableKeys: string[];
  /** True when more candidates existed than the cap allowed. */
  capped: boolean;
  candidates: Candidate[];
}

/** How many mentions may hold a key before it is generic, per key builder (the key's prefix). */
const GENERIC_AT: Readonly<Record<string, number>> = Object.fromEntries(KEY_BUILDERS.map((b) => [b.name, b.genericAt]));

/**
 * Phase two: the candidates of each mention are the mentions that share a non-generic blocking key
 * with it, found through the key nodes (index look-ups, never a scan of all entities), best-connected
 * first, capped. A key held by too many mentions (a common name's sound, a hotline number) is generic
 * and skipped, as Senzing does. One query serves a whole batch.
 */
export async function findCandidates(graph: Graph, mentionIds: readonly string[], cap: number): Promise<CandidateSearch[]> {
  if (mentionIds.length === 0) return [];
  return graph.read(async (tx) => {
    const result = await tx.run(
      `UNWIND $ids AS id
       MATCH (m:Mention {id: id})
       CALL (m) {
         MATCH (m)-[:HAS_KEY]->(k:BlockingKey)
         WHERE k.count < coalesce($genericAt[split(k.key, ':')[0]], k.count + 1)
         RETURN collect(k.key) AS usableKeys
       }
       CALL (m, usableKeys) {
         UNWIND usableKeys AS key
         MATCH (:BlockingKey {key: key})<-[:HAS_KEY]-(o:Mention)
         WHERE o <> m
         WITH o, count(*) AS shared
         ORDER BY shared DESC, o.id
         LIMIT $limit
         MATCH (o)-[:RESOLVED_TO]->(e:Entity)
         RETURN collect({mentionId: o.id, entityId: e.id, record: o.record, keys: o.keys, shared: shared}) AS candidates
       }
       RETURN m.id AS id, usableKeys, candidates`,
      { ids: [...mentionIds], genericAt: GENERIC_AT, limit: neo4j.int(cap + 1) },
    );
    return result.records.map((row) => {
      const raw = row.get('candidates') as Array<{ mentionId: string; entityId: string; record: string; keys: string[]; shared: number }>;
      return {
        mentionId: row.get('id') as string,
        usableKeys: (row.get('usableKeys') as string[]).sort(),
        capped: raw.length > cap,
        candidates: raw.slice(0, cap).map((c) => ({ ...c, record: JSON.parse(c.record) as MatchRecord, shared: Number(c.shared) })),
      };
    });
  });
}
