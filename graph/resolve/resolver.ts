import neo4j from 'neo4j-driver';
import { decide } from '../../matching/cluster/decide';
import {
  GENERIC_AT_HOLDER_GROUPS,
  GenericValueSet,
  genericAmong,
  valueKind,
} from '../../matching/cluster/genericValues';
import type { PreparedRecord } from '../../matching/prepare';
import type { GenericValues, MatchRecord, MatchResult, TermFrequencies } from '../../matching/types';
import type { MentionInput, MentionLink } from '../../src/domain/mention';
import type { Graph } from '../driver';
import type { CandidateIndex, KeyHolding } from './candidateIndex';
import {
  type Candidate,
  type CandidateSearch,
  candidateSearch,
  readRecords,
  readSearching,
  valueHolders,
} from './candidates';
import { defaultResolverEngine, mentionRecord, type ResolverEngine } from './engine';
import { type GenericFlip, markGeneric } from './genericKeys';
import { lockEntitiesOf } from './locks';
import { forgetDecisions, type MatchedEdge, recordMatchedEdges } from './pairDecisions';
import { PreparedCache } from './preparedCache';
import { recomputeRegion } from './recomputeRegion';
import { GraphTermFrequencies, MIN_NAMES_FOR_GRAPH_FREQUENCIES } from './termFrequencies';
import { writeMentions } from './writeMentions';

export interface ResolverOptions {
  /** Where candidates are found: the graph's mentions by blocking key (see CandidateIndex). */
  index: CandidateIndex;
  engine?: ResolverEngine;
  /** Most candidate mentions scored per mention. */
  candidateCap?: number;
  /** Recorded as `by` on automatic decisions. */
  actor?: string;
}

export interface MentionOutcome {
  mentionId: string;
  entityId: string;
  decision: 'new' | 'linked' | 'possible';
  candidates: number;
  comparisons: number;
  capped: boolean;
}

export interface BatchOutcome {
  mentions: MentionOutcome[];
  /** Entities whose clusters changed: the leads worker re-evaluates these. */
  changedEntities: string[];
}

export const DEFAULT_CANDIDATE_CAP = 200;

/** A value with fewer holders than the smallest generic threshold cannot be generic. */
export const MIN_GROUPS_FOR_GENERIC = Math.min(...Object.values(GENERIC_AT_HOLDER_GROUPS));

/** Mentions decided again together. */
export const REDO_BATCH = 100;

/** Pairs whose name conflict a resolver remembers (holders of one value are compared again and again). */
const CONFLICT_MEMORY = 200_000;

/** The feature breakdown stored with every decision, so that it can be explained later without re-scoring. */
export function explanationJson(result: MatchResult): string {
  return JSON.stringify({
    score: result.score,
    model: result.model,
    features: result.features.map((f) => ({
      name: f.name,
      value: f.value,
      weight: Number(f.weight.toFixed(4)),
      explanation: f.explanation,
    })),
  });
}

/**
 * The recorded decision of one scored pair, or undefined when it is no match: what the streaming and
 * the bulk resolver both write as a MATCHED edge.
 */
export function decidedEdge(
  a: string,
  b: string,
  result: MatchResult,
  sharedStrong: string | undefined,
  thresholds: ResolverEngine['thresholds'],
  by: string,
): MatchedEdge | undefined {
  const decision = decide({ result, sharesSpecificStrongIdentifier: sharedStrong !== undefined }, thresholds);
  if (decision.outcome === 'none') return undefined;
  return {
    a,
    b,
    outcome: decision.outcome,
    reason: decision.reason === 'identifier' ? 'identifier' : decision.reason === 'score' ? 'score' : 'review',
    score: result.score,
    via: decision.reason === 'identifier' ? (sharedStrong ?? null) : null,
    explanation: explanationJson(result),
    model: result.model,
    by,
  };
}

/** What one mention's resolution found, for the resolver's statistics. */
interface ArrivalStats {
  candidates: number;
  comparisons: number;
  capped: boolean;
  best: 'new' | 'linked' | 'possible';
}

/**
 * The resolver: writes mentions, finds their candidates through blocking keys, scores and decides each
 * pair on its own evidence, and recomputes the affected entities. Safe to run in many processes at once
 * and to run twice on the same mentions.
 */
export class Resolver {
  readonly engine: ResolverEngine;
  private readonly cap: number;
  private readonly actor: string;
  private readonly cache = new PreparedCache();
  private readonly frequencies: GraphTermFrequencies;
  private readonly conflicts = new Map<string, boolean>();
  private readonly index: CandidateIndex;

  constructor(
    private readonly graph: Graph,
    options: ResolverOptions,
  ) {
    this.index = options.index;
    this.engine = options.engine ?? defaultResolverEngine();
    this.cap = options.candidateCap ?? DEFAULT_CANDIDATE_CAP;
    this.actor = options.actor ?? 'resolver';
    this.frequencies = new GraphTermFrequencies(graph);
  }

  private prepared(id: string, record: MatchRecord) {
    return this.cache.get(id, () => this.engine.prepare(record));
  }

  /** Writes and resolves a batch of mentions (one report's subjects, or a slice of a data set). */
  async resolve(mentions: readonly MentionInput[], links: readonly MentionLink[] = []): Promise<BatchOutcome> {
    const preparedById = new Map(mentions.map((m) => [m.id, this.prepared(m.id, mentionRecord(m))]));
    await writeMentions(this.graph, this.index, this.engine, mentions, links, preparedById);
    return this.resolveWritten(mentions.map((m) => m.id));
  }

  /** Resolves mentions already written (phase one done), for instance after a crash between phases. */
  async resolveWritten(mentionIds: readonly string[]): Promise<BatchOutcome> {
    return this.decide(mentionIds, false);
  }

  /**
   * Decides these mentions' pairs again from scratch (Senzing's "redo"): the counts or the generic
   * values they were decided with have moved. Their automatic pair decisions are replaced by what the
   * graph says now (analysts' judgements stay), and their entities recomputed, so that the final
   * partition is what any order of arrival would have given.
   */
  async redo(mentionIds: readonly string[]): Promise<BatchOutcome> {
    return this.decide(mentionIds, true);
  }

  /**
   * Mentions decided on a caseload less than half the size of today's (migration 6 dates the older
   * ones at 0): their term frequencies may have moved enough to change a decision. Each mention is
   * decided again at most once per doubling of the caseload.
   */
  async redoStale(limit = 500): Promise<{ mentions: number; changedEntities: string[] }> {
    const ids = await this.graph.read(async (tx) => {
      const total = await GraphTermFrequencies.total(tx);
      if (total < MIN_NAMES_FOR_GRAPH_FREQUENCIES) return [];
      const r = await tx.run<Pick<MentionInput, 'id'>>(
        'MATCH (m:Mention) WHERE m.namesAt < $half RETURN m.id AS id ORDER BY m.id LIMIT $limit',
        { half: total / 2, limit: neo4j.int(limit) },
      );
      return r.records.map((row) => row.get('id'));
    });
    const changed = new Set<string>();
    for (let i = 0; i < ids.length; i += REDO_BATCH)
      for (const e of (await this.redo(ids.slice(i, i + REDO_BATCH))).changedEntities) changed.add(e);
    return { mentions: ids.length, changedEntities: [...changed].sort() };
  }

  /** Every mention decided again, in batches (`lantern redo`, evaluations, neutrality checks). */
  async redoAll(onProgress?: (done: number, total: number) => void): Promise<number> {
    const ids = await this.graph.read(async (tx) => {
      const r = await tx.run<Pick<MentionInput, 'id'>>('MATCH (m:Mention) RETURN m.id AS id ORDER BY id');
      return r.records.map((row) => row.get('id'));
    });
    for (let i = 0; i < ids.length; i += REDO_BATCH) {
      await this.redo(ids.slice(i, i + REDO_BATCH));
      onProgress?.(Math.min(i + REDO_BATCH, ids.length), ids.length);
    }
    return ids.length;
  }

  /**
   * @param cascade whether a value that flips generic sends its holders to be decided again. The
   * holders' own pass does not cascade further: their view of the value is the one that flipped it.
   */
  private async decide(mentionIds: readonly string[], redo: boolean, cascade = true): Promise<BatchOutcome> {
    const ids = [...new Set(mentionIds)].sort();
    if (ids.length === 0) return { mentions: [], changedEntities: [] };
    const searching = await this.graph.read((tx) => readSearching(tx, ids));
    const prepared = new Map<string, PreparedRecord>();
    const indexed = searching.map((m) => {
      const p = this.prepared(m.id, m.record);
      prepared.set(m.id, p);
      return { id: m.id, keys: this.engine.blockingKeys(p) };
    });
    // One round trip to the candidate index files the mentions (again, should phase one have stopped
    // short of it) and answers every holder of their keys below the generic count.
    const holdings = await this.index.addAndRead(indexed);
    const searches = new Map(
      searching.map((m, i) => [m.id, candidateSearch(m, indexed[i]!.keys, holdings, this.cap)] as const),
    );
    // The complete holders of the batch's shared values, for their genericity (the candidates may
    // have been capped).
    const shared = valueHolders(holdings, MIN_GROUPS_FOR_GENERIC);
    const wanted = new Set([
      ...[...searches.values()].flatMap((s) => s.candidates.map((c) => c.mentionId)),
      ...[...shared.values()].flat(),
    ]);
    const missing: string[] = [];
    for (const id of wanted) {
      if (prepared.has(id)) continue;
      const held = this.cache.lookup(id);
      if (held) prepared.set(id, held);
      else missing.push(id);
    }
    // One read transaction: the records this process has not prepared yet, and the frequencies of
    // every name token about to be compared.
    const { tf, names } = await this.graph.read(async (tx) => {
      for (const [id, record] of await readRecords(tx, missing)) prepared.set(id, this.prepared(id, record));
      const tokens = new Set<string>();
      for (const p of prepared.values())
        for (const name of this.engine.nameTokens(p)) for (const t of name) tokens.add(t);
      const names = await GraphTermFrequencies.total(tx);
      return { tf: await this.frequencies.forTokens(tokens, tx, names), names };
    });
    const sharedHolders = await this.dropRetired(missing, prepared, holdings, shared);

    const values = this.genericValues([...searches.values()], sharedHolders, prepared);
    const edges: MatchedEdge[] = [];
    const seeds = new Set<string>();
    const stats = new Map<string, ArrivalStats>();
    for (const id of ids) {
      const search = searches.get(id);
      const entry: ArrivalStats = {
        candidates: search?.candidates.length ?? 0,
        comparisons: 0,
        capped: search?.capped ?? false,
        best: 'new',
      };
      stats.set(id, entry);
      if (!search) continue;
      const mine = prepared.get(id)!;
      seeds.add(search.entityId);
      for (const candidate of search.candidates) {
        // Nothing to decide within one entity, except when deciding again: the link that put them
        // together may be the one that no longer holds.
        if (candidate.sameEntity && !redo) continue;
        const theirs = prepared.get(candidate.mentionId);
        if (!theirs) continue;
        entry.comparisons += 1;
        const edge = this.decidePair(id, mine, candidate, theirs, tf, values.generic);
        if (!edge) continue;
        edges.push(edge);
        if (edge.outcome === 'link') entry.best = 'linked';
        else if (entry.best === 'new') entry.best = 'possible';
      }
    }

    const now = new Date().toISOString();
    const region = await this.graph.write(async (tx) => {
      await lockEntitiesOf(tx, [...ids, ...edges.flatMap((e) => [e.a, e.b])], redo);
      if (redo) for (const entity of await forgetDecisions(tx, ids)) seeds.add(entity);
      for (const entity of await recordMatchedEdges(tx, edges, now)) seeds.add(entity);
      await markGeneric(tx, values.flips);
      const outcome = await recomputeRegion(tx, seeds, {
        thresholds: this.engine.thresholds,
        now,
        model: this.engine.model,
        by: this.actor,
        touched: ids,
      });
      await tx.run(
        'UNWIND $ids AS id MATCH (m:Mention {id: id}) ' +
          "SET m.status = 'resolved', m.resolvedAt = $now, m.namesAt = $names",
        { ids, now, names },
      );
      return outcome;
    });
    // A value that turned generic (or stopped being generic) changes what its holders' earlier pairs
    // were decided on: those holders are decided again.
    const holders = [...new Set(values.flips.flatMap((f) => f.holders))].filter((h) => !ids.includes(h)).sort();
    // The leads step re-evaluates what changed: every touched mention's entity (a new mention may tie
    // its entity to others through a shared value without any merge), and the entities of a value's
    // holders when the value turns generic or stops being generic.
    const changed = [
      ...region.changed,
      ...ids.map((id) => region.entityOf.get(id) ?? searches.get(id)?.entityId ?? '').filter(Boolean),
    ];
    if (holders.length > 0 && cascade) {
      const again = await this.decide(holders, true, false);
      changed.push(...again.changedEntities, ...again.mentions.map((m) => m.entityId));
    }
    return {
      mentions: ids
        .filter((id) => searches.has(id))
        .map((id) => {
          const s = stats.get(id)!;
          return {
            mentionId: id,
            entityId: region.entityOf.get(id) ?? searches.get(id)!.entityId,
            decision: s.best,
            candidates: s.candidates,
            comparisons: s.comparisons,
            capped: s.capped,
          };
        }),
      changedEntities: [...new Set(changed)].sort(),
    };
  }

  /**
   * Candidates and holders the index still files but the graph no longer holds (their report was
   * withdrawn or amended since): taken off the index, and out of the shared values' holders.
   */
  private async dropRetired(
    missing: readonly string[],
    prepared: ReadonlyMap<string, PreparedRecord>,
    holdings: ReadonlyMap<string, KeyHolding>,
    holders: ReadonlyMap<string, string[]>,
  ): Promise<Map<string, string[]>> {
    const gone = new Set(missing.filter((id) => !prepared.has(id)));
    if (gone.size === 0) return new Map(holders);
    const keysOf = new Map<string, string[]>();
    for (const [key, h] of holdings)
      for (const id of h.ids) if (gone.has(id)) keysOf.set(id, [...(keysOf.get(id) ?? []), key]);
    await this.index.forget([...keysOf].map(([id, keys]) => ({ id, keys })));
    return new Map([...holders].map(([key, ids]) => [key, ids.filter((id) => !gone.has(id))]));
  }

  /**
   * The batch's shared values that are generic now: every value key of a searching mention whose
   * holders (all of them, read from the graph) form enough groups of conflicting names. Keys whose
   * state differs from what the graph recorded are flips, with their holders. The verdict depends on
   * the set of holders only, so every holder's search reaches the same one.
   */
  private genericValues(
    searches: readonly CandidateSearch[],
    holdersByKey: ReadonlyMap<string, readonly string[]>,
    prepared: ReadonlyMap<string, PreparedRecord>,
  ): { generic: GenericValueSet; flips: GenericFlip[] } {
    const recorded = new Set(searches.flatMap((s) => s.genericKeys));
    const generic = new Set<string>();
    const flips: GenericFlip[] = [];
    for (const [key, holders] of [...holdersByKey].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
      if (valueKind(key) === undefined) continue;
      const isGeneric = genericAmong(
        key,
        holders,
        (id) => prepared.get(id)?.group ?? 'other',
        (x, y) => this.conflicting(x, y, prepared),
      );
      if (isGeneric) generic.add(key);
      if (isGeneric !== recorded.has(key)) flips.push({ key, generic: isGeneric, holders: [...holders] });
    }
    // Keys recorded generic whose holders were not read (fewer than three, or generic by count).
    for (const key of recorded) if (!holdersByKey.has(key)) generic.add(key);
    return { generic: new GenericValueSet(generic), flips };
  }

  /** Whether two mentions' names conflict (or two organisations' sites differ); remembered per pair. */
  private conflicting(x: string, y: string, prepared: ReadonlyMap<string, PreparedRecord>): boolean {
    const key = x < y ? `${x}|${y}` : `${y}|${x}`;
    const known = this.conflicts.get(key);
    if (known !== undefined) return known;
    const a = prepared.get(x);
    const b = prepared.get(y);
    const result = a !== undefined && b !== undefined && this.engine.score(a, b).conflict !== null;
    if (this.conflicts.size >= CONFLICT_MEMORY) this.conflicts.clear();
    this.conflicts.set(key, result);
    return result;
  }

  private decidePair(
    id: string,
    mine: PreparedRecord,
    candidate: Candidate,
    theirs: PreparedRecord,
    tf: TermFrequencies | undefined,
    generic: GenericValues,
  ): MatchedEdge | undefined {
    // A person and the WhatsApp account or bank account they use are different things that share a
    // number; the shared identifier already shows the connection in the graph. Only like is merged.
    if (mine.group !== theirs.group) return undefined;
    const result = this.engine.score(mine, theirs, tf, generic);
    const sharedStrong = candidate.sharedKeys.find((k) => this.engine.isStrongKey(k) && !generic.isGeneric(k));
    return decidedEdge(id, candidate.mentionId, result, sharedStrong, this.engine.thresholds, this.actor);
  }
}
