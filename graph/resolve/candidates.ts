import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { CANDIDATE_SUPPORT, KEY_BUILDERS } from '../../matching/blocking';
import { ADDRESS_KEY_PREFIX, IDENTIFIER_KEY_PREFIX } from '../../matching/blocking/valueKeys';
import type { MatchRecord } from '../../matching/types';
import { readMatchRecord, type StoredRecordRow } from './writeMentions';

export interface Candidate {
  mentionId: string;
  /** The mention's non-generic keys this candidate shares with it. */
  sharedKeys: string[];
  /** Already in the searching mention's entity: nothing to decide, but a holder of its values. */
  sameEntity: boolean;
}

export interface CandidateSearch {
  mentionId: string;
  /** The mention's own record and current entity. */
  record: MatchRecord;
  entityId: string;
  /** True when more candidates existed than the cap allowed. */
  capped: boolean;
  /** Best-supported first. */
  candidates: Candidate[];
  /** The mention's value keys that were generic when last counted (BlockingKey.generic). */
  genericKeys: string[];
}

const VALUE_KEY_PREFIXES = [`${IDENTIFIER_KEY_PREFIX}:`, `${ADDRESS_KEY_PREFIX}:`];

/** How many mentions may hold a key before it is generic, per key builder (the key's prefix). */
export const GENERIC_AT: Readonly<Record<string, number>> = Object.fromEntries(
  KEY_BUILDERS.map((b) => [b.name, b.genericAt]),
);
/** Above how many holders one key of these builders needs a second shared key (`keySupport`). */
export const ALONE_UP_TO: Readonly<Record<string, number>> = Object.fromEntries(
  KEY_BUILDERS.flatMap((b) => (b.aloneUpTo === undefined ? [] : [[b.name, b.aloneUpTo]])),
);

/**
 * Phase two: the candidates of each mention are the mentions whose shared keys give enough support,
 * found through the key nodes (index look-ups, never a scan of all entities), best-supported first,
 * capped: the rule of `keySupport` and `KeyIndex`, so that the graph finds the candidates the blocking
 * benchmarks measure. A key held by too many mentions (a common name's sound, a hotline number) is
 * generic and gives nothing, as Senzing does; one common token's sound or one n-gram band gives half,
 * so that such a key finds a candidate only together with a second one (until 2026-11-23 the graph let
 * any one key suffice: on the bench workload of regional names this rule took the candidates per
 * mention from 128 to 110 and the share that hit the cap from 41% to 28%). How many hold a key is the key
 * node's degree, which Neo4j keeps, so no counter on a shared node has to be written (and locked) with
 * every mention. One query serves a whole batch. Candidates come without their records: a resolver
 * holds most of them prepared already and reads only the others (`readRecords`); and without their
 * entities, which only the few that match need (`recordMatchedEdges` reads those): reading each
 * candidate's entity walked all of its relationships, two thirds of the query's database hits.
 * Mentions already in the searching mention's entity come flagged: there is nothing to decide between
 * them, but they count among the holders of a shared value (GenericValues).
 */
export async function findCandidates(
  tx: ManagedTransaction,
  mentionIds: readonly string[],
  cap: number,
): Promise<CandidateSearch[]> {
  if (mentionIds.length === 0) return [];
  const result = await tx.run<StoredRecordRow & Pick<CandidateSearch, 'entityId' | 'candidates' | 'genericKeys'>>(
    `UNWIND $ids AS id
     MATCH (m:Mention {id: id})-[:RESOLVED_TO]->(me:Entity)
     CALL (m, me) {
       MATCH (m)-[:HAS_KEY]->(k:BlockingKey)
       WITH k, split(k.key, ':')[0] AS builder, COUNT { (k)<-[:HAS_KEY]-() } AS holders
       WHERE holders < coalesce($genericAt[builder], $unlimited)
       WITH k,
            CASE WHEN holders > coalesce($aloneUpTo[builder], $unlimited) THEN $support / 2.0 ELSE $support END AS share
       MATCH (k)<-[:HAS_KEY]-(o:Mention)
       WHERE o <> m
       WITH o, collect(k.key) AS sharedKeys, sum(share) AS support
       WHERE support >= $support
       ORDER BY support DESC, o.id
       LIMIT $limit
       RETURN collect({mentionId: o.id, sharedKeys: sharedKeys,
                       sameEntity: EXISTS { (o)-[:RESOLVED_TO]->(me) }}) AS candidates
     }
     RETURN m.id AS id, m.record AS record, me.id AS entityId, candidates,
            [(m)-[:HAS_KEY]->(g:BlockingKey {generic: true}) | g.key] AS genericKeys`,
    {
      ids: [...mentionIds],
      genericAt: GENERIC_AT,
      aloneUpTo: ALONE_UP_TO,
      support: CANDIDATE_SUPPORT,
      unlimited: neo4j.int(2 ** 31 - 1),
      limit: neo4j.int(cap + 1),
    },
  );
  return result.records.map((row): CandidateSearch => {
    const { id, record, entityId, candidates, genericKeys } = row.toObject();
    return {
      mentionId: id,
      record: readMatchRecord(record),
      entityId,
      capped: candidates.length > cap,
      candidates: candidates
        .slice(0, cap)
        .map((c) => ({ mentionId: c.mentionId, sharedKeys: [...c.sharedKeys].sort(), sameEntity: c.sameEntity })),
      genericKeys: [...genericKeys].sort(),
    };
  });
}

/** The match records of these mentions (records never change once written). */
export async function readRecords(
  tx: ManagedTransaction,
  mentionIds: readonly string[],
): Promise<Map<string, MatchRecord>> {
  if (mentionIds.length === 0) return new Map();
  const result = await tx.run<StoredRecordRow>(
    'UNWIND $ids AS id MATCH (m:Mention {id: id}) RETURN m.id AS id, m.record AS record',
    { ids: [...mentionIds] },
  );
  return new Map(result.records.map((row) => [row.get('id'), readMatchRecord(row.get('record'))]));
}

/**
 * Every holder of the value keys of these mentions (phones, e-mails, accounts, document numbers,
 * addresses) that have at least `fromHolders` and fewer than their builder's generic count of
 * holders: the complete set, whatever the candidate cap left out, so that every holder of a value
 * judges its genericity on the same holders.
 */
export async function readValueHolders(
  tx: ManagedTransaction,
  mentionIds: readonly string[],
  fromHolders: number,
): Promise<Map<string, string[]>> {
  if (mentionIds.length === 0) return new Map();
  const result = await tx.run<{ key: string; holders: string[] }>(
    `UNWIND $ids AS id
     MATCH (:Mention {id: id})-[:HAS_KEY]->(k:BlockingKey)
     WHERE any(prefix IN $prefixes WHERE k.key STARTS WITH prefix)
     WITH DISTINCT k, split(k.key, ':')[0] AS builder
     WITH k, builder, COUNT { (k)<-[:HAS_KEY]-() } AS holders
     WHERE holders >= $from AND holders < coalesce($genericAt[builder], $unlimited)
     MATCH (k)<-[:HAS_KEY]-(h:Mention)
     RETURN k.key AS key, collect(h.id) AS holders`,
    {
      ids: [...mentionIds],
      prefixes: VALUE_KEY_PREFIXES,
      from: neo4j.int(fromHolders),
      genericAt: GENERIC_AT,
      unlimited: neo4j.int(2 ** 31 - 1),
    },
  );
  return new Map(result.records.map((row) => [row.get('key'), [...row.get('holders')].sort()]));
}
