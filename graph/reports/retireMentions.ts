import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { MatchThresholds } from '../../matching/types';
import { parseFirstRow, parseRows } from '../records';
import { lockEntitiesOf } from '../resolve/locks';
import { recomputeRegion } from '../resolve/recomputeRegion';
import { sortedIds } from '../resolve/sortedIds';

export interface RetireOptions {
  thresholds: MatchThresholds;
  model: string;
  by: string;
  now: string;
}

const Affected = z.object({ entities: z.array(z.string()), remaining: z.array(z.string()) });
const Retired = z.object({ id: z.string(), record: z.string() });

/** What taking mentions out changed: the entities, for the leads step, and the records that left. */
export interface Retirement {
  changed: string[];
  /** The retired mentions' stored records, from which the candidate index takes them off their keys. */
  retired: Array<z.infer<typeof Retired>>;
}

/**
 * Takes mentions out of the graph (a withdrawn report, or the older revision of an amended one) and
 * recomputes their entities from the pair decisions that remain: an entity that only they held
 * together falls apart, its summary, identifiers, relations and review queue are derived again. An
 * entity left with no mention at all keeps its node, so that an id already exported still resolves,
 * but shows nothing and shares nothing.
 */
export async function retireMentions(
  tx: ManagedTransaction,
  mentionIds: readonly string[],
  options: RetireOptions,
): Promise<Retirement> {
  const ids = sortedIds(mentionIds);
  if (ids.length === 0) return { changed: [], retired: [] };
  await lockEntitiesOf(tx, ids, false);
  const found = await tx.run(
    `MATCH (m:Mention)-[:RESOLVED_TO]->(e:Entity) WHERE m.id IN $ids
     WITH collect(DISTINCT e.id) AS entities
     OPTIONAL MATCH (rest:Mention)-[:RESOLVED_TO]->(e:Entity) WHERE e.id IN entities AND NOT rest.id IN $ids
     RETURN entities, collect(rest.id) AS remaining`,
    { ids },
  );
  const { entities, remaining } = parseFirstRow(found, Affected) ?? { entities: [], remaining: [] };
  const retired = parseRows(
    await tx.run('MATCH (m:Mention) WHERE m.id IN $ids RETURN m.id AS id, m.record AS record', { ids }),
    Retired,
  );
  await tx.run(
    `CALL () {
       UNWIND $ids AS id
       MATCH (:Mention {id: id})-[:HAS_IDENTIFIER]->(i:Identifier)
       SET i.count = i.count - 1
     }
     CALL () {
       UNWIND $ids AS id
       MATCH (m:Mention {id: id})
       DETACH DELETE m
     }`,
    { ids },
  );
  const region = await recomputeRegion(tx, entities, { ...options, touched: remaining });
  await tx.run(
    `UNWIND $entities AS id
     MATCH (e:Entity {id: id}) WHERE e.mergedInto IS NULL AND NOT EXISTS { (e)<-[:RESOLVED_TO]-(:Mention) }
     CALL (e) {
       MATCH (e)-[r:HAS_IDENTIFIER|RELATED|POSSIBLE_MATCH]-()
       DELETE r
     }
     SET e.names = [], e.countries = [], e.roles = [], e.mentionCount = 0, e.reportCount = 0, e.orgCount = 0,
         e.emptiedAt = $now, e.updatedAt = $now`,
    { entities, now: options.now },
  );
  return { changed: sortedIds([...entities, ...region.changed]), retired };
}
