import type { ManagedTransaction } from 'neo4j-driver';
import type { TermFrequencies } from '../../matching/types';
import type { Graph } from '../driver';

/**
 * Below this many distinct names the graph's own counts say more about the order reports arrived in
 * than about the population, so the matcher's built-in priors decide alone. It also keeps small deployments
 * (test fixtures, a pilot's first cases) sequence-neutral: their scores never depend on which names
 * came first.
 *
 * Above it the counts are blended with the priors by the number of names behind them (`nameCount`,
 * the priors counting as PRIOR_WEIGHT_IN_NAMES = 10,000 names), exactly as the in-memory resolver
 * blends its own counts, so a few thousand names move a share only part of the way. The threshold was
 * 5,000 while the counts were supplied without `nameCount`: then every score link made before the
 * graph held 5,000 names used the priors alone, a name common in the caseload ("campbell", "green")
 * counted as rare, the common-name rule never held two namesakes with different birth dates and ID
 * numbers, and those links stayed (about 1.5 points of precision on a 5,000-record benchmark).
 */
export const MIN_NAMES_FOR_GRAPH_FREQUENCIES = 1000;

/** Counts of one comparison batch's tokens, over `nameCount` names: the scorer blends them with its priors. */
export class SnapshotFrequencies implements TermFrequencies {
  constructor(
    private readonly counts: ReadonlyMap<string, number>,
    readonly nameCount: number,
  ) {}

  tokenShare(token: string): number | undefined {
    const count = this.counts.get(token);
    return count === undefined || this.nameCount <= 0 ? undefined : count / this.nameCount;
  }
}

/**
 * Name-token frequencies read from the graph for the tokens of one comparison batch, with the total
 * of distinct names read in the same transaction: what a decision saw is a snapshot of the graph, never
 * of a clock. Decisions taken on a much smaller caseload are taken again later (Resolver.redo).
 */
export class GraphTermFrequencies {
  constructor(private readonly graph: Graph) {}

  /** Distinct names in the graph. */
  static async total(tx: ManagedTransaction): Promise<number> {
    const r = await tx.run('MATCH (s:NameStats) RETURN coalesce(sum(s.names), 0) AS n');
    return Number(r.records[0]?.get('n') ?? 0);
  }

  /**
   * Frequencies for these tokens, or undefined while the graph is too small to count, with the total
   * they were counted over. Read inside the caller's transaction when one is given (the resolver reads
   * candidates and counts together).
   */
  async forTokens(
    tokens: Iterable<string>,
    tx?: ManagedTransaction,
    total?: number,
  ): Promise<TermFrequencies | undefined> {
    if (!tx) return this.graph.read((own) => this.forTokens(tokens, own, total));
    const names = total ?? (await GraphTermFrequencies.total(tx));
    if (names < MIN_NAMES_FOR_GRAPH_FREQUENCIES) return undefined;
    const r = await tx.run<{ token: string; count: number }>(
      'UNWIND $tokens AS token MATCH (t:NameToken {token: token}) RETURN t.token AS token, t.count AS count',
      { tokens: [...new Set(tokens)] },
    );
    const counts = new Map(r.records.map((rec) => [rec.get('token'), Number(rec.get('count'))]));
    return new SnapshotFrequencies(counts, names);
  }
}
