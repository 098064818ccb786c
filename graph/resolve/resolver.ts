import type { Graph } from '../driver';
import { decide } from '../../matching/cluster/decide';
import type { PreparedRecord } from '../../matching/prepare';
import type { MatchRecord, MatchResult, TermFrequencies } from '../../matching/types';
import type { MentionInput, MentionLink } from '../../src/domain/mention';
import { findCandidates, readRecords, type Candidate } from './candidates';
import { defaultResolverEngine, mentionRecord, type ResolverEngine } from './engine';
import { PreparedCache } from './preparedCache';
import { recomputeRegion, recordMatchedEdges, type MatchedEdge } from './region';
import { GraphTermFrequencies } from './termFrequencies';
import { writeMentions } from './writeMentions';

export interface ResolverOptions {
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

/** The feature breakdown stored with every decision, so that it can be explained later without re-scoring. */
export function explanationJson(result: MatchResult): string {
  return JSON.stringify({
    score: result.score,
    model: result.model,
    features: result.features.map((f) => ({ name: f.name, value: f.value, weight: Number(f.weight.toFixed(4)), explanation: f.explanation })),
  });
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

  constructor(
    private readonly graph: Graph,
    options: ResolverOptions = {},
  ) {
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
    await writeMentions(this.graph, this.engine, mentions, links, preparedById);
    return this.resolveWritten(mentions.map((m) => m.id));
  }

  /** Resolves mentions already written (phase one done), for instance after a crash between phases. */
  async resolveWritten(mentionIds: readonly string[]): Promise<BatchOutcome> {
    const ids = [...new Set(mentionIds)].sort();
    if (ids.length === 0) return { mentions: [], changedEntities: [] };
    // One read transaction: the mentions and their candidates, the records this process has not
    // prepared yet, and the frequencies of every name token about to be compared.
    const { searches, prepared, tf } = await this.graph.read(async (tx) => {
      const found = await findCandidates(tx, ids, this.cap);
      const prepared = new Map<string, PreparedRecord>();
      for (const s of found) prepared.set(s.mentionId, this.prepared(s.mentionId, s.record));
      const missing: string[] = [];
      for (const id of new Set(found.flatMap((s) => s.candidates.map((c) => c.mentionId)))) {
        if (prepared.has(id)) continue;
        const held = this.cache.lookup(id);
        if (held) prepared.set(id, held);
        else missing.push(id);
      }
      for (const [id, record] of await readRecords(tx, missing)) prepared.set(id, this.prepared(id, record));
      const tokens = new Set<string>();
      for (const p of prepared.values()) for (const name of this.engine.nameTokens(p)) for (const t of name) tokens.add(t);
      return { searches: new Map(found.map((s) => [s.mentionId, s])), prepared, tf: await this.frequencies.forTokens(tokens, tx) };
    });

    const edges: MatchedEdge[] = [];
    const seeds = new Set<string>();
    const stats = new Map<string, { candidates: number; comparisons: number; capped: boolean; best: 'new' | 'linked' | 'possible' }>();
    for (const id of ids) {
      const search = searches.get(id);
      const entry = { candidates: search?.candidates.length ?? 0, comparisons: 0, capped: search?.capped ?? false, best: 'new' as 'new' | 'linked' | 'possible' };
      stats.set(id, entry);
      if (!search) continue;
      const mine = prepared.get(id)!;
      seeds.add(search.entityId);
      for (const candidate of search.candidates) {
        const theirs = prepared.get(candidate.mentionId);
        if (!theirs) continue;
        entry.comparisons += 1;
        const edge = this.decidePair(id, mine, candidate, theirs, tf);
        if (!edge) continue;
        edges.push(edge);
        if (edge.outcome === 'link') entry.best = 'linked';
        else if (entry.best === 'new') entry.best = 'possible';
      }
    }

    const now = new Date().toISOString();
    const region = await this.graph.write(async (tx) => {
      for (const entity of await recordMatchedEdges(tx, edges, now)) seeds.add(entity);
      const outcome = await recomputeRegion(tx, seeds, { thresholds: this.engine.thresholds, now, model: this.engine.model, by: this.actor, touched: ids });
      await tx.run("UNWIND $ids AS id MATCH (m:Mention {id: id}) SET m.status = 'resolved', m.resolvedAt = $now", { ids, now });
      return outcome;
    });
    return {
      mentions: ids
        .filter((id) => searches.has(id))
        .map((id) => {
          const s = stats.get(id)!;
          return { mentionId: id, entityId: region.entityOf.get(id) ?? searches.get(id)!.entityId, decision: s.best, candidates: s.candidates, comparisons: s.comparisons, capped: s.capped };
        }),
      changedEntities: region.changed,
    };
  }

  private decidePair(id: string, mine: PreparedRecord, candidate: Candidate, theirs: PreparedRecord, tf: TermFrequencies | undefined): MatchedEdge | undefined {
    // A person and the WhatsApp account or bank account they use are different things that share a
    // number; the shared identifier already shows the connection in the graph. Only like is merged.
    if (mine.group !== theirs.group) return undefined;
    const result = this.engine.score(mine, theirs, tf);
    const sharedStrong = candidate.sharedKeys.find((k) => this.engine.isStrongKey(k));
    const decision = decide({ result, sharesSpecificStrongIdentifier: sharedStrong !== undefined }, this.engine.thresholds);
    if (decision.outcome === 'none') return undefined;
    return {
      a: id,
      b: candidate.mentionId,
      outcome: decision.outcome,
      reason: decision.reason === 'identifier' ? 'identifier' : decision.reason === 'score' ? 'score' : 'review',
      score: result.score,
      via: decision.reason === 'identifier' ? (sharedStrong ?? null) : null,
      explanation: explanationJson(result),
      model: result.model,
      by: this.actor,
    };
  }
}
