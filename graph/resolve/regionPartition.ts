import { ulid } from 'ulid';
import { constrainedPartition, type LinkKind } from '../../matching/cluster/constrainedPartition';
import { assignEntities } from './assignEntities';
import type { RegionEdge, RegionPairs } from './regionEdges';
import type { LockedRegion } from './regionLock';
import type { EntitySchema, MentionMove } from './regionWrites';
import { sortedIds } from './sortedIds';

export interface PartitionOptions {
  now: string;
  model: string;
  by: string;
  anchors?: ReadonlyMap<string, string>;
  /** Mentions new to the graph or otherwise touched: their entities are refreshed even if unchanged. */
  touched?: readonly string[];
}

/** The decision a mention's RESOLVED_TO records: the kind of link that placed it there (else 'split'). */
const DECISION: Readonly<Record<LinkKind, string>> = { judgement: 'same', identifier: 'identifier', score: 'link' };

/** What recomputing a region changes, ready to be written. */
export interface RegionPlan {
  /** Current entity of each mention in the region. */
  entityOf: Map<string, string>;
  created: EntitySchema[];
  moves: MentionMove[];
  tombstones: Array<{ id: string; mergedInto: string }>;
  /** Live entities of the region, sorted. */
  live: string[];
  /** Entities whose members changed, including new ones and tombstones, sorted. */
  changed: string[];
  /** Live entities whose summaries and review-queue entries are derived again, sorted. */
  dirty: string[];
  /** The schema each dirty entity shows. */
  dirtySchemas: EntitySchema[];
  /** The pairs the review queue is derived from: possible pairs and the links that gave way. */
  reviewEdges: RegionEdge[];
}

/**
 * The entities of a locked region, recomputed from the recorded pair decisions and the analysts'
 * judgements: which mention goes where and by which decision, which entities are new, which become
 * tombstones, and which must be derived again.
 */
export function partitionRegion(
  { members, schemas }: LockedRegion,
  memberIds: string[],
  { links, possible, judged }: RegionPairs,
  options: PartitionOptions,
): RegionPlan {
  const cannotLink = judged
    .filter((j) => j.verdict === 'different' && members.has(j.y))
    .map((j): [string, string] => [j.x, j.y]);
  const { components, rejected } = constrainedPartition({ items: memberIds, links, cannotLink });
  const assignment = assignEntities(components, members, () => `ent_${ulid()}`, options.anchors);

  const entityOf = new Map<string, string>();
  components.forEach((component, i) => {
    for (const mention of component) entityOf.set(mention, assignment.componentIds[i]!);
  });

  // The accepted link that best explains each mention's place in its entity.
  const accepted = links.filter((l) => !rejected.includes(l) && entityOf.get(l.a) === entityOf.get(l.b));
  const bestLink = new Map<string, RegionEdge>();
  for (const link of accepted) {
    for (const end of [link.a, link.b]) {
      const held = bestLink.get(end);
      if (!held || link.score > held.score) bestLink.set(end, link);
    }
  }
  const moves: MentionMove[] = memberIds
    .filter((m) => members.get(m) !== entityOf.get(m))
    .map((m) => {
      const link = bestLink.get(m);
      return {
        mention: m,
        entity: entityOf.get(m)!,
        props: {
          decision: link ? DECISION[link.kind] : 'split',
          score: link ? link.score : null,
          explanation: link?.explanation ?? null,
          at: options.now,
          by: options.by,
          model: options.model,
        },
      };
    });

  const schemaOfMention = (m: string) => schemas.get(m) ?? 'Person';
  const created = assignment.created.map(({ component, id }) => ({
    id,
    schema: majority(components[component]!.map(schemaOfMention)),
  }));
  const live = sortedIds(assignment.componentIds);
  const tombstoneIds = assignment.tombstones.map((t) => t.id);
  const changed = [
    ...moves.flatMap((m) => [m.entity, members.get(m.mention)!]),
    ...created.map((c) => c.id),
    ...tombstoneIds,
  ];
  // Only entities whose members changed, or that hold a touched mention, need their summaries and
  // review-queue entries derived again; the rest of the region is as it was.
  const liveSet = new Set(live);
  const touchedEntities = (options.touched ?? []).map((m) => entityOf.get(m) ?? '');
  const dirty = sortedIds([...changed, ...touchedEntities].filter((id) => liveSet.has(id)));
  const schemaOf = (id: string) => majority(memberIds.filter((m) => entityOf.get(m) === id).map(schemaOfMention));
  return {
    entityOf,
    created,
    moves,
    tombstones: assignment.tombstones,
    live,
    changed: sortedIds(changed),
    dirty,
    dirtySchemas: dirty.map((id) => ({ id, schema: schemaOf(id) })),
    reviewEdges: [...possible, ...rejected.map((l): RegionEdge => ({ ...l, outcome: 'possible' }))],
  };
}

/** The most frequent value; ties go to the one that sorts first. */
function majority<T extends string>(values: T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))[0]![0];
}
