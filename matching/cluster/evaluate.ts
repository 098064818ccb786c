/**
 * Pairwise evaluation of a predicted partition against labelled clusters: the measure the benchmarks
 * (Splink, febrl) report, so that figures compare.
 */
import type { MatchRecord } from '../types';

/** One line of the `eval clusters` JSONL: a record and the id of its true cluster. */
export interface LabelledRecord extends MatchRecord {
  id: string;
  cluster: string;
}

export interface PairwiseMetrics {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

function countBy<T>(items: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

const sumPairs = (counts: Map<unknown, number>): number => [...counts.values()].reduce((s, n) => s + pairs(n), 0);

/**
 * Precision, recall and F1 over all record pairs, from the contingency table of (true, predicted)
 * cluster labels, so the cost is linear in the number of records. Empty sets count as perfect.
 */
export function pairwiseMetrics(truth: readonly string[], predicted: readonly string[]): PairwiseMetrics {
  if (truth.length !== predicted.length) throw new Error('truth and prediction must label the same records');
  const truePairs = sumPairs(countBy(truth));
  const predictedPairs = sumPairs(countBy(predicted));
  const correctPairs = sumPairs(countBy(truth.map((t, i) => `${t}\u0000${predicted[i]}`)));
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}

export interface BlockingRecall {
  truePairs: number;
  /** True pairs whose shared blocking keys make them candidates. */
  coveredPairs: number;
  recall: number;
}

/**
 * Share of true pairs that blocking brings together directly (links through third records can still
 * join the others): with `support` from keySupport, the pairs the resolver compares. Walks the true
 * clusters, so the cost is in the number of true pairs.
 */
export function blockingRecall(
  truth: readonly string[],
  keys: ReadonlyArray<readonly string[]>,
  support: (key: string) => number,
  needed: number,
): BlockingRecall {
  const members = new Map<string, number[]>();
  truth.forEach((cluster, i) => {
    const group = members.get(cluster);
    if (group) group.push(i);
    else members.set(cluster, [i]);
  });
  const usable = keys.map((list) => new Set(list.filter((key) => support(key) > 0)));
  let truePairs = 0;
  let coveredPairs = 0;
  for (const group of members.values()) {
    for (let x = 0; x < group.length; x += 1) {
      const own = usable[group[x] as number] as Set<string>;
      for (let y = x + 1; y < group.length; y += 1) {
        truePairs += 1;
        let total = 0;
        for (const key of usable[group[y] as number] as Set<string>) if (own.has(key)) total += support(key);
        if (total >= needed) coveredPairs += 1;
      }
    }
  }
  return { truePairs, coveredPairs, recall: truePairs === 0 ? 1 : coveredPairs / truePairs };
}
