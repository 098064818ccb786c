import type { ManagedTransaction } from 'neo4j-driver';
import { builderOf, isGenericKey } from '../../matching/blocking/generic';
import { IDENTIFIER_KEY_PREFIX } from '../../matching/blocking/valueKeys';
import type { LeadRules } from '../../src/domain/leads';
import { lockEntities } from '../resolve/locks';
import { readMatchRecord } from '../resolve/writeMentions';
import type { EvidenceIdentifier, EvidenceMention, NeighbourhoodEvidence } from './rules';

/*
 * The rows below never leave graph/ and the resolver wrote every one of them, so they are typed by
 * the evidence's own declarations (rules.ts) rather than parsed again on each evaluation.
 */
type Tie = NeighbourhoodEvidence['ties'][number];
type Relation = NeighbourhoodEvidence['relations'][number];

/**
 * Identifier nodes are strong blocking keys under another name (`id:` + the Identifier's key): the same
 * count makes them generic, and so does the resolver's `generic: true` on that BlockingKey, set when
 * the value's holders' names conflict in enough groups (matching/cluster/genericValues.ts).
 */
const IDENTIFIER_BLOCKING_PREFIX = `${IDENTIFIER_KEY_PREFIX}:`;
const identifierBlockingKey = (key: string) => `${IDENTIFIER_BLOCKING_PREFIX}${key}`;
const GENERIC_IDENTIFIER_AT = builderOf(identifierBlockingKey('x'))?.genericAt ?? 50;

/** Generic by count, or learned generic by the resolver: it says nothing about identity either way. */
const isGenericIdentifier = (blockingKey: string, count: number, learned: boolean) =>
  learned || isGenericKey(blockingKey, count);

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

/**
 * Locks the live entities reachable from the seeds through counted relations and shared specific
 * identifiers, widening round by round (tombstones lead to their survivors). Holding the locks while
 * leads are read and written keeps two evaluations of one network, or an evaluation and a
 * resolution, from interleaving; a deadlock between them is retried by the driver. Stops early, with
 * `complete: false`, when the network grows past the rules' limit.
 */
export async function lockNetwork(
  tx: ManagedTransaction,
  seeds: Iterable<string>,
  rules: LeadRules,
): Promise<{ entityIds: string[]; complete: boolean }> {
  const locked = new Set<string>();
  const live = new Set<string>();
  let pending = sorted(seeds);
  while (pending.length > 0) {
    if (live.size > rules.maxNetworkEntities) return { entityIds: sorted(live), complete: false };
    const rows = await lockEntities(tx, pending);
    const next: string[] = [];
    const fresh: string[] = [];
    for (const { id, mergedInto } of rows) {
      locked.add(id);
      if (mergedInto) next.push(mergedInto);
      else if (!live.has(id)) {
        live.add(id);
        fresh.push(id);
      }
    }
    const neighbours = await tx.run<{ other: string }>(
      `UNWIND $ids AS id
       MATCH (e:Entity {id: id})
       CALL (e) {
         MATCH (e)-[r:RELATED]-(o:Entity) WHERE r.type IN $types RETURN o.id AS other
         UNION
         MATCH (e)-[:HAS_IDENTIFIER]->(i:Identifier)<-[:HAS_IDENTIFIER]-(o:Entity)
         WHERE o <> e AND i.count < $genericAt
           AND NOT EXISTS { MATCH (k:BlockingKey {key: $idPrefix + i.key}) WHERE k.generic = true }
         RETURN o.id AS other
       }
       RETURN DISTINCT other`,
      {
        ids: fresh,
        types: rules.networkLinkTypes,
        genericAt: GENERIC_IDENTIFIER_AT,
        idPrefix: IDENTIFIER_BLOCKING_PREFIX,
      },
    );
    next.push(...neighbours.records.map((r) => r.get('other')));
    pending = sorted(next.filter((id) => !locked.has(id)));
  }
  return { entityIds: sorted(live), complete: true };
}

/**
 * Everything the lead rules weigh about these entities: their mentions with the report each came from
 * (its case-reference hash only as a key for independence), the identifiers they hold, the decisions
 * that tie their mentions, the analysts' `different` judgements and the relations between them.
 * Nothing here reads notes.
 */
export async function readEvidence(
  tx: ManagedTransaction,
  entityIds: readonly string[],
): Promise<NeighbourhoodEvidence> {
  const ids = sorted(entityIds);
  const entities = await tx.run<NeighbourhoodEvidence['entities'][number]>(
    'UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.schema AS schema ORDER BY id',
    { ids },
  );
  const mentionRows = await tx.run<Omit<EvidenceMention, 'record'> & { record: string }>(
    `MATCH (m:Mention)-[:RESOLVED_TO]->(e:Entity) WHERE e.id IN $ids
     OPTIONAL MATCH (r:Report {id: m.reportId})
     RETURN m.id AS id, e.id AS entityId, m.reportId AS reportId,
            coalesce(r.caseRefHash, 'report:' + m.reportId) AS caseKey,
            m.orgId AS org, coalesce(m.country, r.country) AS country, m.schema AS schema, m.role AS role,
            m.reportedAt AS reportedAt,
            coalesce(m.names, []) AS names, m.record AS record
     ORDER BY id`,
    { ids },
  );
  const mentions = mentionRows.records.map((r): EvidenceMention => {
    const { record, ...mention } = r.toObject();
    return { ...mention, record: readMatchRecord(record) };
  });
  const mentionIds = mentions.map((m) => m.id);
  type IdentifierRow = Omit<EvidenceIdentifier, 'generic'> & { count: number | null; learnedGeneric: boolean };
  const identifiers = await tx.run<IdentifierRow>(
    `MATCH (m:Mention)-[:HAS_IDENTIFIER]->(i:Identifier) WHERE m.id IN $mentionIds
     WITH i, collect(m.id) AS mentionIds
     OPTIONAL MATCH (k:BlockingKey {key: $idPrefix + i.key})
     RETURN i.key AS key, i.kind AS kind, i.value AS value, i.count AS count,
            coalesce(k.generic, false) AS learnedGeneric, mentionIds
     ORDER BY key`,
    { mentionIds, idPrefix: IDENTIFIER_BLOCKING_PREFIX },
  );
  // Hinted: left alone, the planner sometimes scans the index of every MATCHED relationship's outcome.
  type TieRow = Omit<Tie, 'by'> & { reason: string; via: string | null; viaCount: number; viaGeneric: boolean };
  const ties = await tx.run<TieRow>(
    `MATCH (a:Mention)-[r:MATCHED {outcome: 'link'}]->(b:Mention)
     USING INDEX a:Mention(id)
     WHERE a.id IN $mentionIds AND b.id IN $mentionIds AND coalesce(r.overridden, false) = false
     MATCH (a)-[:RESOLVED_TO]->(e:Entity)<-[:RESOLVED_TO]-(b)
     OPTIONAL MATCH (k:BlockingKey {key: r.via})
     RETURN a.id AS a, b.id AS b, r.reason AS reason, r.via AS via,
            CASE WHEN k IS NULL THEN 0 ELSE COUNT { (k)<-[:HAS_KEY]-() } END AS viaCount,
            coalesce(k.generic, false) AS viaGeneric ORDER BY a, b`,
    { mentionIds },
  );
  const different = await tx.run<NeighbourhoodEvidence['different'][number]>(
    `MATCH (x:Mention)<-[:LEFT]-(j:Judgement {verdict: 'different'})-[:RIGHT]->(y:Mention)
     WHERE x.id IN $mentionIds AND y.id IN $mentionIds
     RETURN DISTINCT x.id AS a, y.id AS b ORDER BY a, b`,
    { mentionIds },
  );
  const relations = await tx.run<Pick<Relation, 'type'> & { source: string; target: string }>(
    `MATCH (a:Entity)-[r:RELATED]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids
     RETURN r.type AS type, a.id AS source, b.id AS target ORDER BY source, target, type`,
    { ids },
  );
  return {
    entities: entities.records.map((r) => r.toObject()),
    mentions,
    identifiers: identifiers.records.map((r) => {
      const { count, learnedGeneric, mentionIds, ...identifier } = r.toObject();
      const key = identifierBlockingKey(identifier.key);
      const generic = isGenericIdentifier(key, Number(count ?? 0), learnedGeneric === true);
      return { ...identifier, generic, mentionIds: mentionIds.sort() };
    }),
    // Identifier links are covered by the identifiers themselves, unless the identifier has become
    // generic since, by count or learned (a hotline): then, like the resolver, only the score that came
    // with it counts.
    ties: ties.records.flatMap((r): Tie[] => {
      const { a, b, reason, via, viaCount, viaGeneric } = r.toObject();
      const lapsed =
        reason === 'identifier' && via !== null && isGenericIdentifier(via, Number(viaCount ?? 0), viaGeneric === true);
      if (reason === 'identifier' && !lapsed) return [];
      return [{ a, b, by: reason === 'judgement' ? 'judgement' : 'score' }];
    }),
    different: different.records.map((r) => r.toObject()),
    relations: relations.records.map(
      (r): Relation => ({ type: r.get('type'), from: r.get('source'), to: r.get('target') }),
    ),
  };
}
