/**
 * Bulk resolution (`lantern import --bulk`): a whole file's mentions resolved at once, with the decisions
 * the streaming resolver converges to, and the graph written in large transactions.
 *
 * 1. Phase one as streaming has it (`writeMentions`), thousands of mentions per transaction: mentions,
 *    keys, identifiers, name forms and statistics, singleton entities, reported relations.
 * 2. The graph's mentions (existing and new) read once; the new ones' pairs decided in memory on the
 *    final counts (`decideBulk`).
 * 3. The decisions written as MATCHED edges, the generic values that flipped recorded, and the entities
 *    recomputed region by region (`recomputeRegion`, the streaming code), thousands of mentions at once:
 *    entities, tombstones, summaries, identifiers, relations and the review queue come out as streaming
 *    writes them. Mentions decided before the import that hold a value that flipped are decided again
 *    by the streaming resolver, as its cascade would.
 *
 * Idempotent: mentions already written are not written again, and only mentions still pending are
 * decided, so a second run (or a run after a crash) finishes what the first left.
 */
import neo4j from 'neo4j-driver';
import type { PreparedRecord } from '../../matching/prepare';
import type { MentionInput, MentionLink } from '../../src/domain/mention';
import type { Graph } from '../driver';
import { type BulkMention, decideBulk } from './bulkDecide';
import type { CandidateIndex } from './candidateIndex';
import { defaultResolverEngine, mentionRecord, type ResolverEngine } from './engine';
import { markGeneric } from './genericKeys';
import { lockEntitiesOf } from './locks';
import { recordMatchedEdges } from './pairDecisions';
import { recomputeRegion } from './recomputeRegion';
import { DEFAULT_CANDIDATE_CAP, REDO_BATCH, Resolver } from './resolver';
import { GraphTermFrequencies } from './termFrequencies';
import { readMatchRecord, writeMentions } from './writeMentions';

export type BulkPhase = 'writing' | 'reading' | 'deciding' | 'linking' | 'entities' | 'redo';

export interface BulkResolveOptions {
  engine?: ResolverEngine;
  candidateCap?: number;
  actor?: string;
  /** Mentions written per transaction in phase one. */
  writeBatch?: number;
  /** Mentions whose entities are recomputed per transaction. */
  regionBatch?: number;
  onProgress?: (phase: BulkPhase, done: number, total: number) => void;
  /**
   * What is read back for deciding: every mention of the graph, or only the import's neighbourhood
   * (mentions sharing a key with it); by default the neighbourhood when the graph holds more than
   * SCOPED_READ_FACTOR mentions per imported one. Both give the same decisions.
   */
  read?: 'all' | 'neighbourhood';
}

export interface BulkOutcome {
  /** Mentions newly written. */
  written: number;
  /** Mentions decided (new or left pending by an earlier run). */
  decided: number;
  edges: number;
  /** Generic values that changed state. */
  flips: number;
  /** Older mentions decided again because a value they hold flipped. */
  redone: number;
  /** Entities whose members changed or that hold a decided mention: the leads to re-evaluate. */
  changedEntities: string[];
  stats: { candidates: number; comparisons: number; capped: number };
}

const DEFAULT_WRITE_BATCH = 5000;
const DEFAULT_REGION_BATCH = 2500;
const READ_PAGE = 10_000;
const EDGE_BATCH = 5000;
/** Above this many graph mentions per imported one, only the import's neighbourhood is read. */
const SCOPED_READ_FACTOR = 4;
const KEY_BATCH = 5000;

const MENTION_COLUMNS = `m.id AS id, m.record AS record, m.status AS status,
  [(m)-[:RESOLVED_TO]->(e:Entity) | e.id][0] AS entity`;

async function readMentionPage(graph: Graph, after: string): Promise<StoredMention[]> {
  return graph.read(async (tx) => {
    const r = await tx.run<StoredMention>(
      `MATCH (m:Mention) WHERE m.id > $after
       WITH m ORDER BY m.id LIMIT $limit
       RETURN ${MENTION_COLUMNS}`,
      { after, limit: neo4j.int(READ_PAGE) },
    );
    return r.records.map((row) => row.toObject());
  });
}

/**
 * The import's neighbourhood in a large graph: how many mentions hold each key of the imported mentions,
 * and every mention holding one of those keys that is not generic by count (the candidates and the
 * complete holders of every shared value, as the streaming resolver's `candidateSearch` and
 * `valueHolders` see them).
 */
async function readNeighbourhood(
  graph: Graph,
  index: CandidateIndex,
  mentions: readonly MentionInput[],
  prepared: ReadonlyMap<string, PreparedRecord>,
  engine: ResolverEngine,
): Promise<{ counts: Map<string, number>; rows: StoredMention[] }> {
  const keys = new Set<string>();
  for (const m of mentions) for (const key of engine.blockingKeys(prepared.get(m.id)!)) keys.add(key);
  const sorted = [...keys].sort();
  const counts = new Map<string, number>();
  const ids = new Set<string>(mentions.map((m) => m.id));
  for (let i = 0; i < sorted.length; i += KEY_BATCH) {
    for (const [key, holding] of await index.read(sorted.slice(i, i + KEY_BATCH))) {
      counts.set(key, holding.count);
      for (const id of holding.ids) ids.add(id);
    }
  }
  const list = [...ids].sort();
  const rows: StoredMention[] = [];
  for (let i = 0; i < list.length; i += READ_PAGE) {
    rows.push(
      ...(await graph.read(async (tx) => {
        const r = await tx.run<StoredMention>(
          `UNWIND $ids AS id MATCH (m:Mention {id: id}) RETURN ${MENTION_COLUMNS}`,
          { ids: list.slice(i, i + READ_PAGE) },
        );
        return r.records.map((row) => row.toObject());
      })),
    );
  }
  return { counts, rows };
}

/** Slices of the mentions that never split a report (its reported relations need both ends written). */
function chunksByReport(mentions: readonly MentionInput[], size: number): MentionInput[][] {
  const chunks: MentionInput[][] = [];
  let current: MentionInput[] = [];
  mentions.forEach((m, i) => {
    current.push(m);
    const next = mentions[i + 1];
    if (current.length >= size && (!next || next.reportId !== m.reportId)) {
      chunks.push(current);
      current = [];
    }
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A mention as read back for bulk resolution. */
interface StoredMention {
  id: string;
  record: string;
  status: string | null;
  entity: string | null;
}

export async function resolveBulk(
  graph: Graph,
  index: CandidateIndex,
  mentions: readonly MentionInput[],
  links: readonly MentionLink[] = [],
  options: BulkResolveOptions = {},
): Promise<BulkOutcome> {
  const engine = options.engine ?? defaultResolverEngine();
  const actor = options.actor ?? 'resolver';
  const progress = options.onProgress ?? (() => {});
  const prepared = new Map(mentions.map((m) => [m.id, engine.prepare(mentionRecord(m))]));

  // 1. Phase one, in large transactions.
  let written = 0;
  let done = 0;
  progress('writing', 0, mentions.length);
  for (const chunk of chunksByReport(mentions, options.writeBatch ?? DEFAULT_WRITE_BATCH)) {
    const ids = new Set(chunk.map((m) => m.id));
    const own = links.filter((l) => ids.has(l.fromMentionId) || ids.has(l.toMentionId));
    written += (await writeMentions(graph, index, engine, chunk, own, prepared)).created.length;
    done += chunk.length;
    progress('writing', done, mentions.length);
  }

  // 2. The graph's mentions, once (or, for a small import into a large graph, those sharing a key with
  // it); the given ones still pending are decided.
  const given = new Set(mentions.map((m) => m.id));
  const universe: BulkMention[] = [];
  const entityOf = new Map<string, string>();
  const take = (rows: readonly StoredMention[]) => {
    for (const row of rows) {
      const p = prepared.get(row.id) ?? engine.prepare(readMatchRecord(row.record));
      const keys = [...new Set(engine.blockingKeys(p))].sort();
      universe.push({ id: row.id, prepared: p, keys, fresh: given.has(row.id) && row.status !== 'resolved' });
      if (row.entity) entityOf.set(row.id, row.entity);
    }
  };
  progress('reading', 0, mentions.length);
  const total = await graph.read(async (tx) => {
    const r = await tx.run<{ n: number }>('MATCH (m:Mention) RETURN count(m) AS n');
    return Number(r.records[0]?.get('n') ?? 0);
  });
  let keyCounts: Map<string, number> | undefined;
  const scopedRead = options.read ? options.read === 'neighbourhood' : total > SCOPED_READ_FACTOR * mentions.length;
  if (scopedRead) {
    const scoped = await readNeighbourhood(graph, index, mentions, prepared, engine);
    keyCounts = scoped.counts;
    take(scoped.rows);
  } else {
    for (let after = ''; ; ) {
      const page = await readMentionPage(graph, after);
      take(page);
      progress('reading', universe.length, Math.max(total, mentions.length));
      if (page.length < READ_PAGE) break;
      after = page[page.length - 1]!.id;
    }
  }
  const tokens = new Set<string>();
  for (const m of universe) for (const name of engine.nameTokens(m.prepared)) for (const t of name) tokens.add(t);
  const { tf, names, recordedGeneric } = await graph.read(async (tx) => {
    const names = await GraphTermFrequencies.total(tx);
    const tf = await new GraphTermFrequencies(graph).forTokens(tokens, tx, names);
    const r = await tx.run<{ key: string }>('MATCH (k:BlockingKey {generic: true}) RETURN k.key AS key');
    return { tf, names, recordedGeneric: new Set(r.records.map((row) => row.get('key'))) };
  });

  const freshCount = universe.filter((m) => m.fresh).length;
  progress('deciding', 0, freshCount);
  const decided = decideBulk({
    mentions: universe,
    recordedGeneric,
    ...(keyCounts ? { keyCounts } : {}),
    tf,
    engine,
    cap: options.candidateCap ?? DEFAULT_CANDIDATE_CAP,
    actor,
    onProgress: (done, total) => progress('deciding', done, total),
  });

  // 3. Decisions, generic values, entities.
  const now = new Date().toISOString();
  for (let i = 0; i < decided.edges.length; i += EDGE_BATCH) {
    const slice = decided.edges.slice(i, i + EDGE_BATCH);
    await graph.write(async (tx) => {
      await lockEntitiesOf(
        tx,
        slice.flatMap((e) => [e.a, e.b]),
        false,
      );
      await recordMatchedEdges(tx, slice, now);
    });
    progress('linking', Math.min(i + EDGE_BATCH, decided.edges.length), decided.edges.length);
  }
  if (decided.flips.length > 0) await graph.write((tx) => markGeneric(tx, decided.flips));

  progress('deciding', freshCount, freshCount);
  const freshIds = new Set(universe.filter((m) => m.fresh).map((m) => m.id));
  const changed = new Set<string>();
  const regionBatch = options.regionBatch ?? DEFAULT_REGION_BATCH;
  const regions: string[][] = [];
  let region: string[] = [];
  for (const component of decided.components) {
    region.push(...component);
    if (region.length >= regionBatch) {
      regions.push(region);
      region = [];
    }
  }
  if (region.length > 0) regions.push(region);
  let placed = 0;
  for (const members of regions) {
    const touched = members.filter((id) => freshIds.has(id));
    const seeds = [...new Set(members.map((id) => entityOf.get(id)).filter((e): e is string => e !== undefined))];
    const outcome = await graph.write(async (tx) => {
      const result = await recomputeRegion(tx, seeds, {
        thresholds: engine.thresholds,
        now,
        model: engine.model,
        by: actor,
        touched,
      });
      await tx.run(
        'UNWIND $ids AS id MATCH (m:Mention {id: id}) ' +
          "SET m.status = 'resolved', m.resolvedAt = $now, m.namesAt = $names",
        { ids: touched, now, names },
      );
      return result;
    });
    for (const e of outcome.changed) changed.add(e);
    for (const id of touched) {
      const entity = outcome.entityOf.get(id);
      if (entity) changed.add(entity);
    }
    placed += touched.length;
    progress('entities', placed, freshIds.size);
  }

  // Older holders of a value that flipped: the streaming resolver's cascade.
  if (decided.redo.length > 0) {
    const resolver = new Resolver(graph, { index, engine, actor, candidateCap: options.candidateCap });
    for (let i = 0; i < decided.redo.length; i += REDO_BATCH) {
      const again = await resolver.redo(decided.redo.slice(i, i + REDO_BATCH));
      for (const e of again.changedEntities) changed.add(e);
      progress('redo', Math.min(i + REDO_BATCH, decided.redo.length), decided.redo.length);
    }
  }

  return {
    written,
    decided: freshIds.size,
    edges: decided.edges.length,
    flips: decided.flips.length,
    redone: decided.redo.length,
    changedEntities: [...changed].sort(),
    stats: {
      candidates: decided.stats.candidates,
      comparisons: decided.stats.comparisons,
      capped: decided.stats.capped,
    },
  };
}

/** Live entities the mentions of these reports resolve to. */
export async function entitiesOfReports(graph: Graph, reportIds: readonly string[]): Promise<number> {
  return graph.read(async (tx) => {
    const r = await tx.run<{ n: number }>(
      `UNWIND $ids AS id
       MATCH (:Report {id: id})-[:MENTIONS]->(:Mention)-[:RESOLVED_TO]->(e:Entity)
       RETURN count(DISTINCT e) AS n`,
      { ids: [...reportIds] },
    );
    return Number(r.records[0]?.get('n') ?? 0);
  });
}
