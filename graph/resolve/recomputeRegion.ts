import type { ManagedTransaction } from 'neo4j-driver';
import type { MatchThresholds } from '../../matching/types';
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
import { closePossibleMatches, openPossibleMatches, reviewPairs } from './reviewQueue';
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
  const region = await lockRegion(tx, seeds, options.thresholds);
  const memberIds = sortedIds(region.members.keys());
  const { pairs } = region;
  const plan = partitionRegion(region, memberIds, pairs, options);
  // One statement for every write; nothing is written when no entity changed or holds a touched mention.
  if (plan.changed.length + plan.dirty.length > 0) {
    const review = await reviewPairs(tx, plan.dirty, plan.reviewEdges, pairs.outward, pairs.judged, plan.entityOf);
    await runWrites(tx, [
      createEntities(plan.created, options.now),
      moveMentions(plan.moves),
      tombstoneEntities(plan.tombstones, options.now),
      refreshEntities(plan.dirty, options.now),
      fixSchemas(plan.dirtySchemas),
      closePossibleMatches(plan.dirty),
      openPossibleMatches(review, options.now),
    ]);
  }

  return {
    entities: plan.live,
    changed: plan.changed,
    tombstones: plan.tombstones,
    entityOf: plan.entityOf,
  };
}
