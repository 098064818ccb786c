import { isValueKey } from '../../matching/blocking/valueKeys';
import { nameForm } from '../../matching/cluster/termFrequencies';
import type { Identifier } from '../../matching/identifiers/types';
import type { PreparedRecord } from '../../matching/prepare';
import type { MatchRecord } from '../../matching/types';
import type { MentionInput, MentionLink } from '../../src/domain/mention';
import type { Graph } from '../driver';
import type { CandidateIndex } from './candidateIndex';
import { mentionRecord, type ResolverEngine, singletonEntityId } from './engine';

/** The count of names is spread over shards so that concurrent writers do not queue on one node. */
const NAME_STAT_SHARDS = 64;

function shardOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i += 1) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % NAME_STAT_SHARDS;
}

export const identifierKey = (i: Identifier): string => `${i.kind}:${i.service ? `${i.service}/` : ''}${i.value}`;

/** Display names of a mention, as the caseworker typed them, for analysts. */
export function displayNames(m: Pick<MentionInput, 'properties'>): string[] {
  const p = m.properties;
  const names = [...(p.name ?? []), ...(p.alias ?? [])];
  const person = [(p.firstName ?? []).join(' '), (p.lastName ?? []).join(' ')].filter(Boolean).join(' ');
  if (person) names.push(person);
  for (const prop of ['accountNumber', 'iban', 'username', 'full', 'street']) names.push(...(p[prop] ?? []));
  return [...new Set(names)];
}

/**
 * A mention's match record, stored in JSON text by `writeMentions` below. Read back on the resolver's
 * hot path, it is trusted the way it was written rather than validated again.
 */
export function readMatchRecord(stored: string): MatchRecord {
  const record: MatchRecord = JSON.parse(stored);
  return record;
}

/** The row of `RETURN m.id AS id, m.record AS record`: a mention and its stored match record. */
export type StoredRecordRow = Pick<MentionInput, 'id'> & { record: string };

const byKey =
  <T>(key: (t: T) => string) =>
  (p: T, q: T) =>
    key(p) < key(q) ? -1 : key(p) > key(q) ? 1 : 0;

/**
 * Phase one of resolution: mentions, their value keys, identifiers and name tokens are written and
 * committed, and the mentions filed in the candidate index, before any candidate is read, so that two
 * look-alike mentions resolved at the same moment by different workers always see each other (the
 * later of the two filings is visible to the other's read). Each mention starts as its own entity.
 * Idempotent: mentions already written are left alone. Shared nodes (keys, identifiers, tokens) are
 * written in sorted order so concurrent writers lock them in one order.
 */
export async function writeMentions(
  graph: Graph,
  index: CandidateIndex,
  engine: ResolverEngine,
  mentions: readonly MentionInput[],
  links: readonly MentionLink[] = [],
  prepared: ReadonlyMap<string, PreparedRecord> = new Map(),
): Promise<{ created: string[] }> {
  if (mentions.length === 0) return { created: [] };
  const now = new Date().toISOString();
  const rows = mentions.map((mention) => {
    const record = mentionRecord(mention);
    const p = prepared.get(mention.id) ?? engine.prepare(record);
    const nameTokens = engine.nameTokens(p);
    return {
      mention,
      keys: [...new Set(engine.blockingKeys(p))].sort(),
      identifiers: [
        ...new Map(
          p.identifiers
            .filter((i) => i.strength === 'strong')
            .map((i) => [identifierKey(i), { key: identifierKey(i), kind: i.kind, value: i.value }]),
        ).values(),
      ],
      forms: nameTokens.filter((t) => t.length > 0).map((t) => ({ key: nameForm(t), tokens: [...new Set(t)].sort() })),
      props: {
        id: mention.id,
        reportId: mention.reportId,
        orgId: mention.orgId,
        ref: mention.ref,
        schema: mention.schema,
        role: mention.role ?? null,
        country: mention.country ?? null,
        reportedAt: mention.reportedAt ?? null,
        record: JSON.stringify(record),
        names: displayNames(mention),
        status: 'pending',
        createdAt: now,
      },
    };
  });
  const created = await graph.write(async (tx) => {
    const existing = await tx.run<Pick<MentionInput, 'id'>>(
      'UNWIND $ids AS id MATCH (m:Mention {id: id}) RETURN m.id AS id',
      { ids: rows.map((r) => r.mention.id) },
    );
    const skip = new Set(existing.records.map((r) => r.get('id')));
    const fresh = rows.filter((r) => !skip.has(r.mention.id));
    if (fresh.length === 0) return [];
    const forms = [...new Map(fresh.flatMap((r) => r.forms).map((f) => [f.key, f])).values()].sort(byKey((f) => f.key));
    const freshIds = new Set(fresh.map((r) => r.mention.id));
    // One statement, as each round trip to Neo4j costs more than most of these writes. Its unit
    // subqueries run in order, each seeing the writes of those before it (mentions exist before their
    // keys attach), and an empty list simply writes nothing.
    await tx.run(
      `CALL () {
         UNWIND $mentions AS row
         CREATE (m:Mention)
         SET m = row.props
         WITH m, row
         OPTIONAL MATCH (r:Report {id: row.props.reportId})
         FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | MERGE (r)-[:MENTIONS]->(m))
       }
       CALL () {
         UNWIND $keys AS pair
         MERGE (k:BlockingKey {key: pair.key})
         WITH k, pair
         MATCH (m:Mention {id: pair.mention})
         CREATE (m)-[:HAS_KEY]->(k)
       }
       CALL () {
         UNWIND $identifiers AS pair
         MERGE (i:Identifier {key: pair.key})
           ON CREATE SET i.kind = pair.kind, i.value = pair.value, i.count = 0
         WITH i, pair
         MATCH (m:Mention {id: pair.mention})
         MERGE (m)-[:HAS_IDENTIFIER]->(i)
         SET i.count = i.count + 1
       }
       CALL () {
         UNWIND $forms AS form
         MERGE (f:NameForm {key: form.key})
           ON CREATE SET f.fresh = true
         WITH f, form WHERE f.fresh = true
         REMOVE f.fresh
         WITH collect(form.tokens) AS added
         MERGE (s:NameStats {shard: $shard})
           ON CREATE SET s.names = 0
         SET s.names = s.names + size(added)
         WITH added
         UNWIND added AS tokens
         UNWIND tokens AS token
         WITH token, count(*) AS c
         ORDER BY token
         MERGE (n:NameToken {token: token})
           ON CREATE SET n.count = 0
         SET n.count = n.count + c
       }
       CALL () {
         UNWIND $entities AS row
         MATCH (m:Mention {id: row.id})
         CREATE (e:Entity {id: row.entityId, schema: row.schema, createdAt: $now, names: row.names, mentionCount: 1})
         SET e:$(row.schema)
         CREATE (m)-[:RESOLVED_TO {decision: 'new', at: $now, by: 'resolver', model: $model}]->(e)
       }
       CALL () {
         UNWIND $links AS link
         MATCH (a:Mention {id: link.fromMentionId}), (b:Mention {id: link.toMentionId})
         MERGE (a)-[r:REPORTED {type: link.type, reportId: link.reportId}]->(b)
       }`,
      {
        mentions: fresh.map((r) => ({ props: r.props })),
        keys: fresh
          .flatMap((r) => r.keys.filter(isValueKey).map((key) => ({ key, mention: r.mention.id })))
          .sort(byKey((p) => p.key)),
        identifiers: fresh
          .flatMap((r) => r.identifiers.map((i) => ({ ...i, mention: r.mention.id })))
          .sort(byKey((p) => p.key)),
        // Rarity is counted over distinct names: a name form counts its tokens once, the first time
        // any mention writes it, so that a company reported fifty times does not make its name common.
        forms,
        // The whole batch is counted on one shard, picked by its first mention: two concurrent batches
        // rarely pick the same one, where counting each mention on its own shard made every batch lock
        // nearly all of them, so that concurrent writers queued behind each other.
        shard: shardOf(fresh[0]!.mention.id),
        entities: fresh.map((r) => ({
          id: r.mention.id,
          entityId: singletonEntityId(r.mention.id),
          schema: r.mention.schema,
          names: r.props.names,
        })),
        now,
        model: engine.model,
        links: links.filter((l) => freshIds.has(l.fromMentionId) || freshIds.has(l.toMentionId)),
      },
    );
    return fresh;
  });
  // Filed in the candidate index once committed, so that a rebuild reading the graph meanwhile cannot
  // miss them; `Resolver.decide` files them again (idempotent) should this process stop in between.
  await index.add(created.map((r) => ({ id: r.mention.id, keys: r.keys })));
  return { created: created.map((r) => r.mention.id) };
}
