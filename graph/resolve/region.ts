import type { ManagedTransaction } from 'neo4j-driver';
import { lockEntities } from './locks';
import { ulid } from 'ulid';
import { isGenericKey } from '../../matching/blocking';
import { constrainedPartition, type CandidateLink, type LinkKind } from '../../matching/cluster/constrainedPartition';
import type { MatchThresholds } from '../../matching/types';
import { assignEntities } from './assignEntities';

/** A pair decision to record as a (:Mention)-[:MATCHED]->(:Mention) edge, the smaller id first. */
export interface MatchedEdge {
  a: string;
  b: string;
  outcome: 'link' | 'possible';
  reason: 'identifier' | 'score' | 'judgement' | 'review';
  score: number;
  /** The shared strong identifier's blocking key, for identifier links. */
  via: string | null;
  /** The feature breakdown, as JSON. */
  explanation: string;
  model: string;
  by: string;
}

export interface RegionOutcome {
  /** Live entities of the region after recomputation. */
  entities: string[];
  /** Entities whose members changed, including new ones and tombstones: the leads queue needs them. */
  changed: string[];
  tombstones: Array<{ id: string; mergedInto: string }>;
  /** Current entity of each mention in the region. */
  entityOf: Map<string, string>;
}

/** Beyond this many mentions a region stops pulling in neighbours across rejected links. */
const REGION_EXPANSION_LIMIT = 5000;

const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

/**
 * Writes the decided pairs (a pair already recorded keeps its first decision) and returns the entities
 * their mentions belong to now, read under this transaction: with the searching mentions' own entities
 * they are the region to recompute.
 */
export async function recordMatchedEdges(tx: ManagedTransaction, edges: readonly MatchedEdge[], now: string): Promise<string[]> {
  if (edges.length === 0) return [];
  const rows = edges.map((e) => {
    const [a, b] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
    return { a, b, props: { outcome: e.outcome, reason: e.reason, score: e.score, via: e.via, explanation: e.explanation, model: e.model, by: e.by, at: now } };
  });
  rows.sort((p, q) => (p.a + p.b < q.a + q.b ? -1 : 1));
  const result = await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Mention {id: row.a}), (b:Mention {id: row.b})
     MERGE (a)-[r:MATCHED]->(b)
       ON CREATE SET r += row.props
     WITH a, b
     MATCH (a)-[:RESOLVED_TO]->(ea:Entity), (b)-[:RESOLVED_TO]->(eb:Entity)
     UNWIND [ea.id, eb.id] AS entity
     RETURN DISTINCT entity`,
    { rows },
  );
  return result.records.map((r) => r.get('entity') as string);
}

/** A value key whose generic state changed, with the holders whose pairs must be decided again. */
export interface GenericFlip {
  key: string;
  generic: boolean;
  holders: string[];
}

/** Records the generic state of value keys on their BlockingKey nodes. */
export async function markGeneric(tx: ManagedTransaction, flips: readonly GenericFlip[]): Promise<void> {
  if (flips.length === 0) return;
  await tx.run('UNWIND $flips AS f MATCH (k:BlockingKey {key: f.key}) SET k.generic = f.generic', { flips: flips.map((f) => ({ key: f.key, generic: f.generic })) });
}

/**
 * Removes the automatic pair decisions of these mentions before they are decided again (analysts'
 * judgements and the links an analyst overrode stay). Returns the entities those decisions touched.
 */
export async function forgetDecisions(tx: ManagedTransaction, mentionIds: readonly string[]): Promise<string[]> {
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (m:Mention {id: id})-[r:MATCHED]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
     WHERE r.reason <> 'judgement' AND coalesce(r.overridden, false) = false
     DELETE r
     RETURN DISTINCT oe.id AS entity`,
    { ids: [...mentionIds] },
  );
  return result.records.map((r) => r.get('entity') as string);
}

/**
 * Locks the region's entities in id order (a write on each), following tombstones to their survivors,
 * and widens the region across links that currently join it to other entities. Returns the members of
 * the locked live entities (mention -> entity) and each member's schema.
 */
async function lockRegion(tx: ManagedTransaction, seeds: Iterable<string>): Promise<{ members: Map<string, string>; schemas: Map<string, string> }> {
  const locked = new Set<string>();
  const live = new Set<string>();
  let pending = sorted(seeds);
  let members = new Map<string, string>();
  let schemas = new Map<string, string>();
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
      pending = sorted(next);
      continue;
    }
    const rows = await tx.run(
      `MATCH (m:Mention)-[:RESOLVED_TO]->(e:Entity) WHERE e.id IN $ids RETURN m.id AS mention, e.id AS entity, m.schema AS schema`,
      { ids: [...live] },
    );
    members = new Map(rows.records.map((r) => [r.get('mention') as string, r.get('entity') as string]));
    schemas = new Map(rows.records.map((r) => [r.get('mention') as string, r.get('schema') as string]));
    if (members.size > REGION_EXPANSION_LIMIT) break;
    // Hinted, as the planner sometimes scans the index of every MATCHED relationship's outcome instead.
    const outside = await tx.run(
      `MATCH (m:Mention)-[r:MATCHED {outcome: 'link'}]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
       USING INDEX m:Mention(id)
       WHERE m.id IN $members AND NOT oe.id IN $ids AND coalesce(r.overridden, false) = false
       RETURN DISTINCT oe.id AS id`,
      { members: [...members.keys()], ids: [...live] },
    );
    pending = sorted(outside.records.map((r) => r.get('id') as string).filter((id) => !locked.has(id)));
  }
  return { members, schemas };
}

interface RegionEdge extends CandidateLink {
  outcome: 'link' | 'possible';
  explanation: string | null;
}

interface JudgedPair {
  x: string;
  y: string;
  verdict: string;
}

/**
 * The recorded pair decisions between members, and the pairs of mentions an analyst has judged, by
 * verdict (`different` pairs are cannot-links). One read, as both need only the members.
 */
async function loadPairs(
  tx: ManagedTransaction,
  members: string[],
  thresholds: MatchThresholds,
): Promise<{ links: RegionEdge[]; possible: RegionEdge[]; judged: JudgedPair[] }> {
  const result = await tx.run(
    `CALL () {
       MATCH (a:Mention)-[r:MATCHED]->(b:Mention)
       WHERE a.id IN $members AND b.id IN $members AND coalesce(r.overridden, false) = false
       OPTIONAL MATCH (k:BlockingKey {key: r.via})
       RETURN collect({a: a.id, b: b.id, outcome: r.outcome, reason: r.reason, score: r.score, via: r.via,
                       viaCount: CASE WHEN k IS NULL THEN 0 ELSE COUNT { (k)<-[:HAS_KEY]-() } END,
                       viaGeneric: coalesce(k.generic, false), explanation: r.explanation}) AS edges
     }
     CALL () {
       MATCH (j:Judgement)-[s1:LEFT|RIGHT]->(x:Mention)
       WHERE x.id IN $members AND j.verdict IN ['different', 'unsure']
       MATCH (j)-[s2:LEFT|RIGHT]->(y:Mention)
       WHERE type(s1) <> type(s2)
       RETURN collect(DISTINCT {x: x.id, y: y.id, verdict: j.verdict}) AS judged
     }
     RETURN edges, judged`,
    { members },
  );
  const row = result.records[0]!;
  return { ...classifyEdges(row.get('edges') as StoredEdge[], thresholds), judged: row.get('judged') as JudgedPair[] };
}

interface StoredEdge {
  a: string;
  b: string;
  outcome: string;
  reason: string;
  score: number | null;
  via: string | null;
  viaCount: number;
  /** The value was learned to be generic (held by entities whose names conflict). */
  viaGeneric: boolean;
  explanation: string | null;
}

function classifyEdges(edges: StoredEdge[], thresholds: MatchThresholds): { links: RegionEdge[]; possible: RegionEdge[] } {
  const links: RegionEdge[] = [];
  const possible: RegionEdge[] = [];
  for (const edge of edges) {
    const score = Number(edge.score ?? 0);
    const base = { a: edge.a, b: edge.b, score, explanation: edge.explanation };
    if (edge.outcome !== 'link') {
      possible.push({ ...base, kind: 'score', outcome: 'possible' });
      continue;
    }
    let kind: LinkKind = edge.reason === 'judgement' ? 'judgement' : edge.reason === 'identifier' ? 'identifier' : 'score';
    // An identifier that became generic since the link was made (a hotline, a household's landline)
    // no longer links on its own.
    if (kind === 'identifier' && edge.via && (edge.viaGeneric || isGenericKey(edge.via, Number(edge.viaCount ?? 0)))) {
      if (score < thresholds.autoLink) {
        possible.push({ ...base, kind: 'score', outcome: 'possible' });
        continue;
      }
      kind = 'score';
    }
    links.push({ ...base, kind, outcome: 'link' });
  }
  return { links, possible };
}

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/**
 * Phase three: recompute the entities of a region from the recorded pair decisions and the analysts'
 * judgements, and write the result: mention assignments with the decision that placed them, new
 * entities, tombstones, entity summaries, shared identifiers, reported relations and the review queue.
 */
export async function recomputeRegion(
  tx: ManagedTransaction,
  seeds: Iterable<string>,
  options: {
    thresholds: MatchThresholds;
    now: string;
    model: string;
    by: string;
    anchors?: ReadonlyMap<string, string>;
    /** Mentions new to the graph or otherwise touched: their entities are refreshed even if unchanged. */
    touched?: readonly string[];
  },
): Promise<RegionOutcome> {
  const { members, schemas } = await lockRegion(tx, seeds);
  const memberIds = sorted(members.keys());
  const { links, possible, judged } = await loadPairs(tx, memberIds, options.thresholds);
  const cannotLink = judged.filter((j) => j.verdict === 'different' && members.has(j.y)).map((j) => [j.x, j.y] as const);
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
  const moves = memberIds
    .filter((m) => members.get(m) !== entityOf.get(m))
    .map((m) => {
      const link = bestLink.get(m);
      return {
        mention: m,
        entity: entityOf.get(m)!,
        props: {
          decision: link ? (link.kind === 'judgement' ? 'same' : link.kind === 'identifier' ? 'identifier' : 'link') : 'split',
          score: link ? link.score : null,
          explanation: link?.explanation ?? null,
          at: options.now,
          by: options.by,
          model: options.model,
        },
      };
    });

  const created = assignment.created.map(({ component, id }) => ({ id, schema: majority(components[component]!.map((m) => schemas.get(m) ?? 'Person')) }));
  const live = sorted(assignment.componentIds);
  const tombstoneIds = assignment.tombstones.map((t) => t.id);
  const changed = [...moves.flatMap((m) => [m.entity, members.get(m.mention)!]), ...created.map((c) => c.id), ...tombstoneIds];
  // Only entities whose members changed, or that hold a touched mention, need their summaries and
  // review-queue entries derived again; the rest of the region is as it was.
  const liveSet = new Set(live);
  const dirty = sorted([...changed, ...(options.touched ?? []).map((m) => entityOf.get(m) ?? '')].filter((id) => liveSet.has(id)));
  const schemaOf = (id: string) => majority(memberIds.filter((m) => entityOf.get(m) === id).map((m) => schemas.get(m) ?? 'Person'));
  if (changed.length + dirty.length > 0) {
    await runWrites(tx, [
      createEntities(created, options.now),
      moveMentions(moves),
      tombstoneEntities(assignment.tombstones, options.now),
      refreshEntities(dirty, options.now),
      fixSchemas(dirty.map((id) => ({ id, schema: schemaOf(id) }))),
      closePossibleMatches(dirty),
    ]);
  }
  await rebuildPossibleMatches(tx, dirty, [...possible, ...rejected.map((l) => ({ ...(l as RegionEdge), outcome: 'possible' as const }))], judged, entityOf, options.now);

  return {
    entities: live,
    changed: sorted(changed),
    tombstones: assignment.tombstones,
    entityOf,
  };

  function majority(values: string[]): string {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))[0]![0];
  }
}

/** Writes as unit subqueries (`CALL () { ... }` blocks), with the parameters they name. */
interface Writes {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * Runs writes as one statement, in the order given: each round trip to Neo4j costs more than most of
 * these writes. The subqueries run one after the other, each seeing the writes of those before it; a
 * subquery given an empty list writes nothing.
 */
async function runWrites(tx: ManagedTransaction, writes: Writes[]): Promise<void> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of writes.flatMap((w) => Object.entries(w.params))) {
    if (name in params && params[name] !== value) throw new Error(`Two writes name the parameter $${name} with different values`);
    params[name] = value;
  }
  await tx.run(writes.map((w) => w.cypher).join('\n'), params);
}

function createEntities(created: Array<{ id: string; schema: string }>, now: string): Writes {
  return {
    cypher: `CALL () {
       UNWIND $created AS c
       CREATE (e:Entity {id: c.id, schema: c.schema, createdAt: $now})
       SET e:$(c.schema)
     }`,
    params: { created, now },
  };
}

function moveMentions(moves: Array<{ mention: string; entity: string; props: Record<string, unknown> }>): Writes {
  return {
    cypher: `CALL () {
       UNWIND $moves AS mv
       MATCH (m:Mention {id: mv.mention})-[old:RESOLVED_TO]->()
       DELETE old
       WITH m, mv
       MATCH (e:Entity {id: mv.entity})
       CREATE (m)-[r:RESOLVED_TO]->(e)
       SET r = mv.props
     }`,
    params: { moves },
  };
}

/**
 * Tombstones drop their identifiers, relations and review-queue entries. Older tombstones that pointed
 * at an entity that is now itself a tombstone point on, so that every old id resolves in one step.
 */
function tombstoneEntities(tombstones: Array<{ id: string; mergedInto: string }>, now: string): Writes {
  return {
    cypher: `CALL () {
       UNWIND $tombstones AS t
       MATCH (e:Entity {id: t.id})
       SET e.mergedInto = t.mergedInto, e.mergedAt = $now
       WITH e
       OPTIONAL MATCH (e)-[r:HAS_IDENTIFIER|RELATED|POSSIBLE_MATCH]-()
       DELETE r
     }
     CALL () {
       UNWIND $tombstones AS t
       MATCH (old:Entity {mergedInto: t.id})
       SET old.mergedInto = t.mergedInto
     }`,
    params: { tombstones, now },
  };
}

/**
 * Re-derives what an entity shows from its mentions: names, schema, countries, roles, counts and first
 * and last sighting, the identifiers it holds, and the relations reported between subjects. Identifiers
 * and relations are deleted, then merged again.
 */
function refreshEntities(dirty: string[], now: string): Writes {
  return {
    cypher: `CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})<-[:RESOLVED_TO]-(m:Mention)
       UNWIND CASE WHEN size(m.names) = 0 THEN [null] ELSE m.names END AS name
       WITH e, collect(DISTINCT name) AS names, collect(DISTINCT m.country) AS countries,
            collect(DISTINCT m.role) AS roles, collect(DISTINCT m.reportId) AS reports, collect(DISTINCT m.orgId) AS orgs,
            min(m.reportedAt) AS firstSeen, max(m.reportedAt) AS lastSeen, count(DISTINCT m) AS mentions
       SET e.names = names, e.countries = countries, e.roles = roles, e.reportCount = size(reports),
           e.orgCount = size(orgs), e.firstSeen = firstSeen, e.lastSeen = lastSeen, e.mentionCount = mentions,
           e.updatedAt = $now
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})-[h:HAS_IDENTIFIER]->()
       DELETE h
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})<-[:RESOLVED_TO]-(:Mention)-[:HAS_IDENTIFIER]->(i:Identifier)
       WITH e, i ORDER BY i.key
       MERGE (e)-[:HAS_IDENTIFIER]->(i)
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})-[r:RELATED]-()
       DELETE r
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})<-[:RESOLVED_TO]-(m:Mention)
       MATCH (m)-[rep:REPORTED]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
       WITH CASE WHEN startNode(rep) = m THEN e ELSE oe END AS source,
            CASE WHEN startNode(rep) = m THEN oe ELSE e END AS target, rep.type AS type, rep.reportId AS reportId
       WHERE source <> target
       WITH source, target, type, collect(DISTINCT reportId) AS reportIds
       MERGE (source)-[r:RELATED {type: type}]->(target)
       SET r.reportIds = reportIds
     }`,
    params: { dirty, now },
  };
}

/**
 * An entity shows the schema most of its mentions give (a Company reported once as an Organization
 * stays a Company), label included.
 */
function fixSchemas(rows: Array<{ id: string; schema: string }>): Writes {
  return {
    cypher: `CALL () {
       UNWIND $schemas AS row
       MATCH (e:Entity {id: row.id}) WHERE e.schema <> row.schema
       REMOVE e:Person:Company:Organization:BankAccount:UserAccount:Address
       SET e:$(row.schema), e.schema = row.schema
     }`,
    params: { schemas: rows },
  };
}

/** The open review-queue entries of the dirty entities go; rebuildPossibleMatches derives them again. */
function closePossibleMatches(dirty: string[]): Writes {
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
async function rebuildPossibleMatches(
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
  const outward = await tx.run(
    `MATCH (m:Mention)-[r:MATCHED]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
     WHERE m.id IN $dirtyMembers AND NOT o.id IN $members AND coalesce(r.overridden, false) = false
     RETURN m.id AS a, o.id AS b, oe.id AS entity, r.score AS score, r.explanation AS explanation`,
    { dirtyMembers: [...entityOf].filter(([, e]) => dirtySet.has(e)).map(([m]) => m), members: [...entityOf.keys()] },
  );
  const judgedSet = new Set(judged.map((j) => pairKey(j.x, j.y)));
  const best = new Map<string, { from: string; to: string; a: string; b: string; score: number; explanation: string | null }>();
  const consider = (a: string, b: string, ea: string, eb: string, score: number, explanation: string | null) => {
    if (ea === eb || (!dirtySet.has(ea) && !dirtySet.has(eb)) || judgedSet.has(pairKey(a, b))) return;
    const [from, to] = ea < eb ? [ea, eb] : [eb, ea];
    const key = `${from}|${to}`;
    const held = best.get(key);
    if (!held || score > held.score) best.set(key, { from, to, a, b, score, explanation });
  };
  for (const edge of regionPossible) consider(edge.a, edge.b, entityOf.get(edge.a)!, entityOf.get(edge.b)!, edge.score, edge.explanation);
  for (const row of outward.records) {
    const a = row.get('a') as string;
    consider(a, row.get('b') as string, entityOf.get(a)!, row.get('entity') as string, Number(row.get('score') ?? 0), row.get('explanation') as string | null);
  }
  const rows = [...best.values()].sort((p, q) => (p.from + p.to < q.from + q.to ? -1 : 1));
  await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
     WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL
     MERGE (a)-[p:POSSIBLE_MATCH]->(b)
     SET p.status = coalesce(p.status, 'open'), p.score = row.score, p.explanation = row.explanation, p.mentionA = row.a, p.mentionB = row.b,
         p.since = coalesce(p.since, $now)`,
    { rows, now },
  );
}
