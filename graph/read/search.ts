import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { rankBySupport } from '../../matching/blocking';
import { explain } from '../../matching/explain';
import type { MatchRecord } from '../../matching/types';
import { MatchedKind, type SearchQuery, SearchResult } from '../../src/domain/search';
import type { Graph } from '../driver';
import { parseRows } from '../records';
import type { CandidateIndex } from '../resolve/candidateIndex';
import type { ResolverEngine } from '../resolve/engine';
import { PreparedCache } from '../resolve/preparedCache';
import { GraphTermFrequencies } from '../resolve/termFrequencies';
import { readMatchRecord } from '../resolve/writeMentions';
import { displayNameOfNames } from './displayName';
import { parseSearch, type SearchProbe } from './searchQuery';

/** A partial form (a masked number's visible digits) says less than the whole value: it ranks below it. */
const PARTIAL_SCORE = 0.5;
/**
 * Mentions scored for a name at most, the best-supported through the blocking keys first. Scoring is
 * most of a name search's time (about 11,000 pairs a second per core): enough candidates for a full
 * page of results (at most 100), not the resolver's larger set.
 */
const NAME_CANDIDATES = 100;
/**
 * Mentions never change once written, so searches share their prepared forms: the names an analyst's
 * searches reach are prepared once per process, not once per search.
 */
const preparedMentions = new PreparedCache(20_000);
/** Holders read for one identifier form at most: a masked tail may end many numbers. */
const IDENTIFIER_HOLDERS = 500;
/** Sentences of a name's explanation shown, strongest first. */
const EXPLANATION_LINES = 4;

/** The entity columns every search query returns, filtered the same way. */
const ENTITY_COLUMNS = `e.id AS entityId, coalesce(e.names, []) AS names, e.schema AS schema,
  coalesce(e.reportCount, 0) AS reports, coalesce(e.orgCount, 0) AS organisations`;
const ENTITY_FILTER = `e.mergedInto IS NULL AND ($schema IS NULL OR e.schema = $schema)
  AND ($country IS NULL OR $country IN coalesce(e.countries, []))`;

const EntityRow = z.object({
  entityId: z.string(),
  names: z.array(z.string()),
  schema: SearchResult.shape.schema,
  reports: z.number().int(),
  organisations: z.number().int(),
});
const IdentifierRow = EntityRow.extend({ kind: MatchedKind, value: z.string(), exact: z.boolean() });
const NameRow = EntityRow.extend({ mentionId: z.string(), mentionName: z.string().nullable(), record: z.string() });

type Filters = { schema: string | null; country: string | null };

/** A result is titled as the entity is everywhere else: by its display name. */
const titled = <R extends z.infer<typeof EntityRow>>({ names, ...row }: R) => ({
  ...row,
  name: displayNameOfNames(row.schema, names),
});

async function identifierHits(tx: ManagedTransaction, probe: SearchProbe, filters: Filters): Promise<SearchResult[]> {
  const { exactKeys, handles, tails, heads } = probe;
  if (exactKeys.length + handles.length + tails.length + heads.length === 0) return [];
  // Each form through its index: keys exactly and by prefix (identifier_key), values by equality and
  // suffix (the text index identifier_value_text).
  const result = await tx.run(
    `CALL () {
       UNWIND $exactKeys AS key MATCH (i:Identifier {key: key}) RETURN i, true AS exact
       UNION
       UNWIND $handles AS handle MATCH (i:Identifier) WHERE i.value = handle AND i.kind = 'username'
       RETURN i, false AS exact
       UNION
       UNWIND $tails AS tail MATCH (i:Identifier) WHERE i.value ENDS WITH tail.digits AND i.kind IN tail.kinds
       RETURN i, false AS exact
       UNION
       UNWIND $heads AS head MATCH (i:Identifier) WHERE i.key STARTS WITH head.keyPrefix
         AND size(i.value) = head.length AND i.kind = head.kind
       RETURN i, false AS exact
     }
     WITH i, exact LIMIT $holders
     MATCH (i)<-[:HAS_IDENTIFIER]-(:Mention)-[:RESOLVED_TO]->(e:Entity)
     WHERE ${ENTITY_FILTER}
     RETURN DISTINCT ${ENTITY_COLUMNS}, i.kind AS kind, i.value AS value, exact`,
    { exactKeys, handles, tails, heads, holders: neo4j.int(IDENTIFIER_HOLDERS), ...filters },
  );
  return parseRows(result, IdentifierRow).map(({ kind, value, exact, ...row }) => ({
    ...titled(row),
    score: exact ? 1 : PARTIAL_SCORE,
    matched: { kind, value, exact },
    explanation: [
      exact
        ? `The ${kind} ${value} is held by this entity, written the same once normalised.`
        : `The ${kind} ${value} fits the visible part of the search only: a weaker hit.`,
    ],
  }));
}

const probeOf = (q: string, country: string | undefined, schema: string): MatchRecord => ({
  schema,
  properties: { name: [q] },
  ...(country ? { defaultCountry: country } : {}),
});

/**
 * The mentions a name reaches through the resolver's own blocking keys and their support rule
 * (`candidateSearch`), best-supported first, from the candidate index.
 */
async function nameCandidates(
  index: CandidateIndex,
  engine: ResolverEngine,
  query: Pick<SearchQuery, 'q' | 'schema' | 'country'>,
): Promise<string[]> {
  const schemas = query.schema ? [query.schema] : ['Person', 'Company'];
  const keys = [
    ...new Set(schemas.flatMap((s) => engine.blockingKeys(engine.prepare(probeOf(query.q, query.country, s))))),
  ];
  if (keys.length === 0) return [];
  const holdings = await index.read(keys);
  return rankBySupport(
    keys,
    (key) => holdings.get(key)?.count ?? 0,
    (key) => holdings.get(key)?.ids,
    NAME_CANDIDATES,
  ).map((c) => c.id);
}

/**
 * A name's candidates (`nameCandidates`), scored against the searched name by the matcher, each
 * against a probe of its own schema; an entity takes its best mention.
 */
async function nameHits(
  graph: Graph,
  tx: ManagedTransaction,
  engine: ResolverEngine,
  candidates: readonly string[],
  query: Pick<SearchQuery, 'q' | 'schema' | 'country'>,
  filters: Filters,
): Promise<SearchResult[]> {
  if (candidates.length === 0) return [];
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (m:Mention {id: id})-[:RESOLVED_TO]->(e:Entity)
     WHERE ${ENTITY_FILTER}
     RETURN ${ENTITY_COLUMNS}, m.id AS mentionId, head(m.names) AS mentionName, m.record AS record`,
    { ids: [...candidates], ...filters },
  );
  const rows = parseRows(result, NameRow).map(({ mentionId, mentionName, record, ...row }) => ({
    entity: titled(row),
    mentionName,
    candidate: preparedMentions.get(mentionId, () => engine.prepare(readMatchRecord(record))),
  }));
  const probes = new Map<string, ReturnType<ResolverEngine['prepare']>>();
  for (const { candidate } of rows)
    if (!probes.has(candidate.schema))
      probes.set(candidate.schema, engine.prepare(probeOf(query.q, query.country, candidate.schema)));
  // The graph's own name frequencies, as the resolver reads them: a name common in the caseload scores
  // here as it would in a decision.
  const tokens = [...probes.values(), ...rows.map((r) => r.candidate)].flatMap((p) => engine.nameTokens(p).flat());
  const tf = await new GraphTermFrequencies(graph).forTokens(tokens, tx);
  const best = new Map<string, SearchResult>();
  for (const { entity, mentionName, candidate } of rows) {
    const probe = probes.get(candidate.schema);
    if (!probe) continue;
    const scored = engine.score(probe, candidate, tf);
    if (scored.conflict === 'names') continue;
    const previous = best.get(entity.entityId);
    if (previous && previous.score >= scored.score) continue;
    best.set(entity.entityId, {
      ...entity,
      score: scored.score,
      matched: { kind: 'name', value: mentionName ?? entity.name, exact: false },
      explanation: explain(scored)
        .slice(0, EXPLANATION_LINES)
        .map((line) => line.sentence),
    });
  }
  return [...best.values()];
}

/**
 * Entities an analyst's q names or identifies, best first: identifiers normalised as the resolver does
 * and looked up exactly (masked and partial forms as weaker hits), names through blocking and scoring.
 * An entity found both ways keeps its better hit.
 */
export async function searchEntities(
  graph: Graph,
  index: CandidateIndex,
  engine: ResolverEngine,
  query: SearchQuery,
): Promise<SearchResult[]> {
  const probe = parseSearch(query.q, query.country);
  const filters: Filters = { schema: query.schema ?? null, country: query.country ?? null };
  const candidates = probe.asName ? await nameCandidates(index, engine, query) : [];
  const hits = await graph.read(async (tx) => [
    ...(await identifierHits(tx, probe, filters)),
    ...(await nameHits(graph, tx, engine, candidates, query, filters)),
  ]);
  const byEntity = new Map<string, SearchResult>();
  for (const hit of hits) {
    const kept = byEntity.get(hit.entityId);
    if (!kept || hit.score > kept.score) byEntity.set(hit.entityId, hit);
  }
  return [...byEntity.values()]
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.entityId.localeCompare(b.entityId))
    .slice(0, query.limit);
}
