import type { ManagedTransaction } from 'neo4j-driver';
import type { Graph } from '../driver';
import type { TermFrequencies } from '../../matching/types';

/**
 * Below this many names the graph's own counts say more about the order reports arrived in than about
 * the population, so the matcher's built-in priors decide alone. It also keeps small deployments
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

/** Name-token frequencies read from the graph for the tokens of one comparison batch. */
export class GraphTermFrequencies {
  private total = 0;
  private totalReadAt = 0;

  constructor(
    private readonly graph: Graph,
    private readonly totalTtlMs = 10_000,
  ) {}

  private async names(tx: ManagedTransaction): Promise<number> {
    if (Date.now() - this.totalReadAt > this.totalTtlMs) {
      const r = await tx.run('MATCH (s:NameStats) RETURN coalesce(sum(s.names), 0) AS n');
      this.total = Number(r.records[0]?.get('n') ?? 0);
      this.totalReadAt = Date.now();
    }
    return this.total;
  }

  /**
   * Frequencies for these tokens, or undefined while the graph is too small to count. Read inside the
   * caller's transaction when one is given (the resolver reads candidates and counts together).
   */
  async forTokens(tokens: Iterable<string>, tx?: ManagedTransaction): Promise<TermFrequencies | undefined> {
    if (!tx) return this.graph.read((own) => this.forTokens(tokens, own));
    const total = await this.names(tx);
    if (total < MIN_NAMES_FOR_GRAPH_FREQUENCIES) return undefined;
    const r = await tx.run('UNWIND $tokens AS token MATCH (t:NameToken {token: token}) RETURN t.token AS token, t.count AS count', { tokens: [...new Set(tokens)] });
    return new SnapshotFrequencies(new Map(r.records.map((rec) => [rec.get('token') as string, Number(rec.get('count'))])), total);
  }
}
