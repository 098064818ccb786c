import type { ManagedTransaction } from 'neo4j-driver';
import type { SubjectSchemaName } from '../../src/domain/ftm';
import { lockEntities } from './locks';
import { sortedIds } from './sortedIds';

/** Beyond this many mentions a region stops pulling in neighbours across rejected links. */
const REGION_EXPANSION_LIMIT = 5000;

/** The members of a locked region: each mention's current entity and its schema. */
export interface LockedRegion {
  members: Map<string, string>;
  schemas: Map<string, SubjectSchemaName>;
}

/**
 * Locks the region's entities in id order (a write on each), following tombstones to their survivors,
 * and widens the region across links that currently join it to other entities. Returns the members of
 * the locked live entities (mention -> entity) and each member's schema.
 */
export async function lockRegion(tx: ManagedTransaction, seeds: Iterable<string>): Promise<LockedRegion> {
  const locked = new Set<string>();
  const live = new Set<string>();
  let pending = sortedIds(seeds);
  let members = new Map<string, string>();
  let schemas = new Map<string, SubjectSchemaName>();
  for (let round = 0; pending.length > 0 && round < 20; round += 1) {
    const result = await lockEntities(tx, pending);
    const next: string[] = [];
    for (const { id, mergedInto } of result) {
      locked.add(id);
      if (mergedInto) {
        if (!locked.has(mergedInto)) next.push(mergedInto);
      } else live.add(id);
    }
    if (next.length > 0) {
      pending = sortedIds(next);
      continue;
    }
    const rows = await tx.run<{ mention: string; entity: string; schema: SubjectSchemaName }>(
      `MATCH (m:Mention)-[:RESOLVED_TO]->(e:Entity) WHERE e.id IN $ids
       RETURN m.id AS mention, e.id AS entity, m.schema AS schema`,
      { ids: [...live] },
    );
    members = new Map(rows.records.map((r) => [r.get('mention'), r.get('entity')]));
    schemas = new Map(rows.records.map((r) => [r.get('mention'), r.get('schema')]));
    if (members.size > REGION_EXPANSION_LIMIT) break;
    // Hinted, as the planner sometimes scans the index of every MATCHED relationship's outcome instead.
    const outside = await tx.run<{ id: string }>(
      `MATCH (m:Mention)-[r:MATCHED {outcome: 'link'}]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
       USING INDEX m:Mention(id)
       WHERE m.id IN $members AND NOT oe.id IN $ids AND coalesce(r.overridden, false) = false
       RETURN DISTINCT oe.id AS id`,
      { members: [...members.keys()], ids: [...live] },
    );
    pending = sortedIds(outside.records.map((r) => r.get('id')).filter((id) => !locked.has(id)));
  }
  return { members, schemas };
}
