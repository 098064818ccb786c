import type { ManagedTransaction } from 'neo4j-driver';
import type { MatchThresholds } from '../../matching/types';
import { loadPairs } from './regionEdges';
import { lockRegion } from './regionLock';
import { type PartitionOptions, partitionRegion } from './regionPartition';
import {
  createEntities,
  fixSchemas,
  moveMentions,
  refreshEntities,
  runWrites,
  tombstoneEntities,
} from './regionWrites';
import { closePossibleMatches, rebuildPossibleMatches } from './reviewQueue';
import { sortedIds } from './sortedIds';

export interface RegionOutcome {
  /** Live entities of the region after recomputation. */
  entities: string[];
  /** Entities whose members changed, including new ones and tombstones: the leads queue needs them. */
  changed: string[];
  tombstones: Array<{ id: string; mergedInto: string }>;
  /** Current entity of each mention in the region. */
  entityOf: Map<string, string>;
}

/**
 * Phase three: recompute the entities of a region from the recorded pair decisions and the analysts'
 * judgements, and write the result: mention assignments with the decision that placed them, new
 * entities, tombstones, entity summaries, shared identifiers, reported relations and the review queue.
 */
export async function recomputeRegion(
  tx: ManagedTransaction,
  seeds: Iterable<string>,
  options: PartitionOptions & { thresholds: MatchThresholds },
): Promise<RegionOutcome> {
  const region = await lockRegion(tx, seeds);
  const memberIds = sortedIds(region.members.keys());
  const pairs = await loadPairs(tx, memberIds, options.thresholds);
  const plan = partitionRegion(region, memberIds, pairs, options);
  if (plan.changed.length + plan.dirty.length > 0) {
    await runWrites(tx, [
      createEntities(plan.created, options.now),
      moveMentions(plan.moves),
      tombstoneEntities(plan.tombstones, options.now),
      refreshEntities(plan.dirty, options.now),
      fixSchemas(plan.dirtySchemas),
      closePossibleMatches(plan.dirty),
    ]);
  }
  await rebuildPossibleMatches(tx, plan.dirty, plan.reviewEdges, pairs.judged, plan.entityOf, options.now);

  return {
    entities: plan.live,
    changed: plan.changed,
    tombstones: plan.tombstones,
    entityOf: plan.entityOf,
  };
}
