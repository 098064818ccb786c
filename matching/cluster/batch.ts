/**
 * Resolving a whole data set in memory (`lantern eval clusters`, tests). By default in two passes, so
 * that the result does not depend on the order of the records: pass one prepares every record and
 * counts blocking keys and name tokens; pass two resolves record by record with those counts frozen.
 * `incremental` instead counts as records arrive, as a live system must: then a key can turn generic,
 * and a token common, only after early records were decided with it, and the order matters.
 */
import { builderOf } from '../blocking/generic';
import type { GenericValues, MatchRecord, MatchResult, MatchThresholds, TermFrequencies } from '../types';
import { learnGenericValues, valueKind } from './genericValues';
import { IncrementalResolver, type PairDecision, type ResolverStats } from './resolver';
import { CountingTermFrequencies } from './termFrequencies';

/** What resolution needs from the matching library, for one kind of prepared record. */
export interface MatchingEngine<P> {
  prepare(record: MatchRecord): P;
  blockingKeys(prepared: P): string[];
  /** Normalised name tokens, one array per name, as the scorer looks them up in term frequencies. */
  nameTokens(prepared: P): ReadonlyArray<readonly string[]>;
  score(a: P, b: P, tf?: TermFrequencies, generic?: GenericValues): MatchResult;
  /** The kind of thing a record describes (person, organisation, account ...): only like is compared. */
  kindOf(prepared: P): string;
  thresholds: MatchThresholds;
}

export interface BatchOptions {
  /** Order in which records arrive, as indices into the input; the input order by default. */
  order?: readonly number[];
  candidateCap?: number;
  /** Count key and token frequencies as records arrive instead of beforehand. */
  incremental?: boolean;
}

export interface BatchResult {
  /** Entity label per input record: the smallest input index in its entity. */
  labels: number[];
  /** Open possible matches between different entities, as input indices. */
  possibleMatches: Array<{ a: number; b: number; score: number }>;
  keys: string[][];
  keyCounts: Map<string, number>;
  stats: ResolverStats;
  /** Values learned to be generic (held by entities whose names conflict). */
  genericValues: number;
}

/** Generous enough not to bind on the benchmark sets (reported when it does): the cap is a safety net. */
export const DEFAULT_CANDIDATE_CAP = 1000;

export function countKeys(keys: ReadonlyArray<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of keys) for (const key of list) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Relabels a partition with the smallest member index, so that equal partitions have equal labels. */
export function canonicalLabels(labels: readonly number[]): number[] {
  const smallest = new Map<number, number>();
  labels.forEach((label, i) => {
    if (!smallest.has(label)) smallest.set(label, i);
  });
  return labels.map((label) => smallest.get(label) as number);
}

/**
 * The generic values of a data set (the first pass): each value key's holders, grouped by whether
 * their names conflict (scored without frequencies, which do not change whether names conflict).
 */
export function learnGeneric<P>(
  engine: MatchingEngine<P>,
  prepared: readonly P[],
  keys: ReadonlyArray<readonly string[]>,
): GenericValues & { size: number } {
  const holders = new Map<string, P[]>();
  keys.forEach((list, i) => {
    for (const key of list) {
      if (valueKind(key) === undefined) continue;
      const held = holders.get(key);
      if (held) held.push(prepared[i] as P);
      else holders.set(key, [prepared[i] as P]);
    }
  });
  return learnGenericValues(
    holders,
    (p) => engine.kindOf(p),
    (a, b) => engine.score(a, b).conflict !== null,
    (key) => builderOf(key)?.genericAt ?? Number.POSITIVE_INFINITY,
  );
}

/** Term frequencies of every name of the prepared records (the first pass). */
export function countTermFrequencies<P>(engine: MatchingEngine<P>, prepared: readonly P[]): CountingTermFrequencies {
  const tf = new CountingTermFrequencies();
  for (const p of prepared) for (const tokens of engine.nameTokens(p)) tf.addName(tokens);
  return tf;
}

export function resolveBatch<P>(
  records: readonly MatchRecord[],
  engine: MatchingEngine<P>,
  options: BatchOptions = {},
): BatchResult {
  const prepared = records.map((record) => engine.prepare(record));
  const keys = prepared.map((p) => engine.blockingKeys(p));
  const keyCounts = countKeys(keys);
  const tf = options.incremental ? new CountingTermFrequencies() : countTermFrequencies(engine, prepared);
  const generic = learnGeneric(engine, prepared, keys);

  const order = options.order ?? records.map((_, i) => i);
  const resolver = new IncrementalResolver<P>({
    thresholds: engine.thresholds,
    score: (a, b) => engine.score(a, b, tf, generic),
    generic,
    candidateCap: options.candidateCap ?? DEFAULT_CANDIDATE_CAP,
    ...(options.incremental ? {} : { frozenKeyCounts: keyCounts }),
  });
  for (const i of order) {
    if (options.incremental) for (const tokens of engine.nameTokens(prepared[i] as P)) tf.addName(tokens);
    resolver.add(prepared[i] as P, keys[i] as string[]);
  }

  const arrivalLabels = resolver.partition();
  const labels = new Array<number>(records.length);
  order.forEach((input, arrival) => {
    labels[input] = order[arrivalLabels[arrival] as number] as number;
  });
  const toInput = (pair: PairDecision) => ({
    a: order[pair.a] as number,
    b: order[pair.b] as number,
    score: pair.score,
  });
  return {
    labels: canonicalLabels(labels),
    possibleMatches: resolver.possibleMatches().map(toInput),
    keys,
    keyCounts,
    stats: resolver.stats,
    genericValues: generic.size,
  };
}
