import type { ManagedTransaction } from 'neo4j-driver';
import { isGenericKey, keySupport, rankBySupport } from '../../matching/blocking';
import { isValueKey } from '../../matching/blocking/valueKeys';
import type { MatchRecord } from '../../matching/types';
import type { KeyHolding } from './candidateIndex';
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

/** A mention being decided, as the graph holds it: its record, its entity and that entity's members. */
export interface SearchingMention {
  id: string;
  record: MatchRecord;
  entityId: string;
  members: string[];
  /** The mention's value keys that were generic when last counted (BlockingKey.generic). */
  genericKeys: string[];
}

/** The mentions about to be decided: one read of index seeks, whatever their candidates. */
export async function readSearching(
  tx: ManagedTransaction,
  mentionIds: readonly string[],
): Promise<SearchingMention[]> {
  if (mentionIds.length === 0) return [];
  const result = await tx.run<StoredRecordRow & Omit<SearchingMention, 'record'>>(
    `UNWIND $ids AS id
     MATCH (m:Mention {id: id})-[:RESOLVED_TO]->(me:Entity)
     RETURN m.id AS id, m.record AS record, me.id AS entityId,
            [(me)<-[:RESOLVED_TO]-(x:Mention) | x.id] AS members,
            [(m)-[:HAS_KEY]->(g:BlockingKey {generic: true}) | g.key] AS genericKeys`,
    { ids: [...mentionIds] },
  );
  return result.records.map((row) => {
    const { id, record, entityId, members, genericKeys } = row.toObject();
    return { id, record: readMatchRecord(record), entityId, members, genericKeys: [...genericKeys].sort() };
  });
}

/**
 * Phase two: the candidates of a mention with these keys are the holders whose shared keys give
 * enough support (`rankBySupport`, the rule the blocking benchmarks measure), best-supported first,
 * capped. A key held by too many mentions (a common name's sound, a hotline number) is generic and
 * gives nothing, as Senzing does; one common token's sound or one n-gram band gives half, so that such
 * a key finds a candidate only together with a second one. Mentions already in the searching mention's
 * entity come flagged: there is nothing to decide between them, but they count among the holders of a
 * shared value (GenericValues).
 */
export function candidateSearch(
  mention: SearchingMention,
  keys: readonly string[],
  holdings: ReadonlyMap<string, KeyHolding>,
  cap: number,
): CandidateSearch {
  const held = new Map<string, ReadonlySet<string>>();
  for (const key of keys) {
    const h = holdings.get(key);
    if (h && h.ids.length > 0 && keySupport(key, h.count) > 0) held.set(key, new Set(h.ids));
  }
  const ranked = rankBySupport(
    [...held.keys()],
    (key) => holdings.get(key)?.count ?? 0,
    (key) => holdings.get(key)?.ids,
    cap + 2,
  ).filter((c) => c.id !== mention.id);
  const members = new Set(mention.members);
  return {
    mentionId: mention.id,
    record: mention.record,
    entityId: mention.entityId,
    capped: ranked.length > cap,
    candidates: ranked.slice(0, cap).map((c) => ({
      mentionId: c.id,
      sharedKeys: [...held]
        .filter(([, ids]) => ids.has(c.id))
        .map(([key]) => key)
        .sort(),
      sameEntity: members.has(c.id),
    })),
    genericKeys: mention.genericKeys,
  };
}

/**
 * Every holder of the value keys among these holdings (phones, e-mails, accounts, document numbers,
 * addresses) that have at least `fromHolders` and fewer than their builder's generic count of
 * holders: the complete set, whatever the candidate cap left out, so that every holder of a value
 * judges its genericity on the same holders.
 */
export function valueHolders(holdings: ReadonlyMap<string, KeyHolding>, fromHolders: number): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [key, h] of holdings)
    if (isValueKey(key) && h.ids.length >= fromHolders && !isGenericKey(key, h.count))
      found.set(key, [...h.ids].sort());
  return found;
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
