/**
 * In-memory incremental resolution: records arrive one at a time; each is compared with the records
 * that share a non-generic blocking key with it, and every pair is decided on its own evidence
 * (`decide`). Links are unions in a union-find, so an entity is a connected component of linked
 * pairs; a pair whose records are already in one entity needs no comparison.
 *
 * Why pairs and not an entity profile: scoring against an aggregate of an entity's members would make
 * a decision depend on which members had arrived before it, and so on the order of arrival. With
 * pairwise decisions ("best member" = any member that links), every linking pair either links when it
 * is compared or was already inside one component, so the final partition is the same in every order,
 * provided the key frequencies and term frequencies are fixed (two passes) and the candidate cap is
 * not reached. The price is single-link chaining (A~B and B~C join A and C), which a high autoLink
 * threshold and the conflict features of the score keep in check.
 */
import { isStrongKey, KeyIndex } from '../blocking';
import type { GenericValues, MatchResult, MatchThresholds } from '../types';
import { type Decision, decide } from './decide';
import { UnionFind } from './unionFind';

export interface ResolverOptions<R> {
  thresholds: MatchThresholds;
  /** Scores two records; must be symmetric for the partition to be order-independent. */
  score(a: R, b: R): MatchResult;
  /** Most candidate records compared per arriving record; reaching it is counted in `stats.capped`. */
  candidateCap: number;
  /** Key frequencies from a first pass over all records (see KeyIndex). */
  frozenKeyCounts?: ReadonlyMap<string, number>;
  /** Values learned to be generic: sharing one does not link. */
  generic?: GenericValues;
}

export interface PairDecision {
  /** Arrival indices of the two records, the earlier first. */
  a: number;
  b: number;
  score: number;
  decision: Decision;
}

export interface Arrival {
  id: number;
  outcome: 'linked' | 'possible' | 'new';
  decisions: PairDecision[];
}

export interface ResolverStats {
  records: number;
  /** Candidate records found through blocking keys, summed over arrivals (after the cap). */
  candidates: number;
  /** Pairs actually scored (candidates already in the arriving record's entity are skipped). */
  comparisons: number;
  /** Arrivals whose candidate list was cut by the cap. */
  capped: number;
}

export class IncrementalResolver<R> {
  private readonly sets = new UnionFind();
  private readonly index: KeyIndex;
  private readonly records: R[] = [];
  private readonly strongKeys: Array<ReadonlySet<string>> = [];
  private readonly reviews: PairDecision[] = [];
  readonly stats: ResolverStats = { records: 0, candidates: 0, comparisons: 0, capped: 0 };

  constructor(private readonly options: ResolverOptions<R>) {
    this.index = new KeyIndex(options.frozenKeyCounts);
  }

  add(record: R, keys: readonly string[]): Arrival {
    const id = this.sets.add();
    this.records.push(record);
    this.strongKeys.push(new Set(keys.filter(isStrongKey)));
    const candidates = this.index.candidates(keys, this.options.candidateCap + 1);
    if (candidates.length > this.options.candidateCap) {
      this.stats.capped += 1;
      candidates.length = this.options.candidateCap;
    }
    this.stats.records += 1;
    this.stats.candidates += candidates.length;

    const decisions: PairDecision[] = [];
    for (const { id: other } of candidates) {
      if (this.sets.find(other) === this.sets.find(id)) continue;
      const pair = this.decidePair(other, id);
      decisions.push(pair);
      if (pair.decision.outcome === 'link') this.sets.union(other, id);
      else if (pair.decision.outcome === 'possible') this.reviews.push(pair);
    }
    this.index.add(id, keys);
    return { id, outcome: outcomeOf(decisions), decisions };
  }

  private decidePair(a: number, b: number): PairDecision {
    this.stats.comparisons += 1;
    const result = this.options.score(this.records[a] as R, this.records[b] as R);
    const strongA = this.strongKeys[a] as ReadonlySet<string>;
    const sharesSpecificStrongIdentifier = [...(this.strongKeys[b] as ReadonlySet<string>)].some(
      (key) => strongA.has(key) && !this.index.isGeneric(key) && !this.options.generic?.isGeneric(key),
    );
    return {
      a,
      b,
      score: result.score,
      decision: decide({ result, sharesSpecificStrongIdentifier }, this.options.thresholds),
    };
  }

  /** Entity label per record: the smallest arrival index in its entity. */
  partition(): number[] {
    return Array.from({ length: this.sets.size }, (_, i) => this.sets.find(i));
  }

  /**
   * Possible matches still open between different entities, the strongest pair per entity pair,
   * highest score first: the review queue.
   */
  possibleMatches(): PairDecision[] {
    const best = new Map<string, PairDecision>();
    for (const pair of this.reviews) {
      const [x, y] = [this.sets.find(pair.a), this.sets.find(pair.b)].sort((p, q) => p - q) as [number, number];
      if (x === y) continue;
      const key = `${x}:${y}`;
      const held = best.get(key);
      if (!held || pair.score > held.score) best.set(key, pair);
    }
    return [...best.values()].sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
  }

  /** The blocking index, for blocking statistics. */
  get keyIndex(): KeyIndex {
    return this.index;
  }
}

function outcomeOf(decisions: readonly PairDecision[]): Arrival['outcome'] {
  if (decisions.some((d) => d.decision.outcome === 'link')) return 'linked';
  return decisions.some((d) => d.decision.outcome === 'possible') ? 'possible' : 'new';
}
