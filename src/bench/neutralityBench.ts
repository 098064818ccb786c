/**
 * Sequence neutrality at scale (docs/matching.md, "Principles", item 6): the same labelled records
 * resolved through the real graph resolver in several orders, with one resolver and with several at
 * once, and optionally while the machine is loaded, each run ending with `redoAll`. Every run goes into
 * the same throwaway local Neo4j, emptied between runs; the partitions of the record indices are
 * compared, never entity ids.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../../fixtures/bench/generate';
import { Graph } from '../../graph/driver';
import { emptyGraph } from '../../graph/emptyGraph';
import { migrate } from '../../graph/migrations/migrate';
import { matchedPairs } from '../../graph/read/matchedPairs';
import { resolveRecordsThroughGraph } from '../../graph/resolve/labelled';
import { startLocalNeo4j } from '../../graph/server/localNeo4j';
import { type LabelledRecord, pairwiseMetrics } from '../../matching/cluster/evaluate';
import { mentionId } from '../domain/mention';
import { withThrowawayIndex } from '../eval/throwawayIndex';

export interface NeutralityRunSpec {
  /** 'file' or 'shuffle <seed>'. */
  order: string;
  concurrency: number;
  loaded: boolean;
  /** Record indices in the order they arrive. */
  sequence: number[];
}

export interface NeutralityRun {
  order: string;
  concurrency: number;
  loaded: boolean;
  clusters: number;
  precision: number;
  recall: number;
  f1: number;
  seconds: number;
  /** Set when the run failed (no partition then); the other runs still run. */
  error?: string;
}

/** A pair decision the resolver left on the graph (a MATCHED edge), between two record indices. */
export interface PairDecision {
  outcome: string;
  reason: string;
  score: number;
}

export interface RecordDifference {
  run: number;
  record: number;
  /** The record's group in the first run and in this run, as record indices. */
  first: number[];
  here: number[];
  /** Decisions of the pairs between the record and the members of either group, in both runs. */
  pairs: Array<{ other: number; first: PairDecision | null; here: PairDecision | null }>;
}

export interface NeutralityResult {
  runs: NeutralityRun[];
  identical: boolean;
  /** Records whose group differs from their group in the first run, in any run. */
  differingRecords: number;
  /** Runs that failed (their error is on the run): the partitions of the others are still compared. */
  failedRuns: number;
  differences: RecordDifference[];
  startSeconds: number;
}

export interface NeutralityOptions {
  orders: number;
  seed: number;
  batchSize: number;
  load: boolean;
  /** Resolvers at once in the concurrent runs. */
  concurrency?: number;
  /** CPU burners of the loaded run; defaults to one per core. */
  burners?: number;
  heap?: string;
  /** Differences kept with their pair decisions (all are counted). */
  keepDifferences?: number;
  progress?: (line: string) => void;
}

/** The same seed gives the same shuffle (mulberry32, shared with the bench workload generator). */
export function shuffled(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  const next = seededRandom(seed);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The runs: the file order and orders-1 shuffles with one resolver, then concurrent, then loaded. */
export function neutralityRuns(
  n: number,
  options: Pick<NeutralityOptions, 'orders' | 'seed' | 'load' | 'concurrency'>,
): NeutralityRunSpec[] {
  const concurrency = options.concurrency ?? 4;
  const file = Array.from({ length: n }, (_, i) => i);
  const runs: NeutralityRunSpec[] = [{ order: 'file', concurrency: 1, loaded: false, sequence: file }];
  for (let k = 1; k < options.orders; k += 1) {
    const seed = options.seed + k - 1;
    runs.push({ order: `shuffle ${seed}`, concurrency: 1, loaded: false, sequence: shuffled(n, seed) });
  }
  runs.push({ order: 'file', concurrency, loaded: false, sequence: file });
  // Under load only the interleaving of concurrent resolvers can change: one resolver's sequence is fixed.
  if (options.load) runs.push({ order: 'file', concurrency, loaded: true, sequence: file });
  return runs;
}

/**
 * The canonical partition of record indices: each record's representative is the smallest index in its
 * group, so partitions compare whatever the entity ids were.
 */
export function canonicalPartition(labels: readonly string[]): number[] {
  const first = new Map<string, number>();
  return labels.map((label, i) => {
    const seen = first.get(label);
    if (seen !== undefined) return seen;
    first.set(label, i);
    return i;
  });
}

function groupsOf(partition: readonly number[]): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  partition.forEach((rep, i) => {
    const g = groups.get(rep);
    if (g) g.push(i);
    else groups.set(rep, [i]);
  });
  return groups;
}

/** Records whose group in `other` is not their group in `base`. */
export function differingRecords(base: readonly number[], other: readonly number[]): number[] {
  const a = groupsOf(base);
  const b = groupsOf(other);
  const out: number[] = [];
  for (let i = 0; i < base.length; i += 1) {
    const ga = a.get(base[i]!)!;
    const gb = b.get(other[i]!)!;
    if (ga.length !== gb.length || ga.some((x, k) => x !== gb[k])) out.push(i);
  }
  return out;
}

/**
 * Keeps every core busy until stopped: node children spinning in 50 ms slices (they exit with their stdin, so never
 * outlive this process).
 */
export function startCpuBurners(count: number, maxSeconds = 4 * 3600): { stop: () => Promise<void> } {
  const script = `
    const end = Date.now() + ${maxSeconds * 1000};
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('close', () => process.exit(0));
    process.stdin.resume();
    (function spin() {
      const slice = Date.now() + 50;
      while (Date.now() < slice) {}
      if (Date.now() > end) process.exit(0);
      setImmediate(spin);
    })();`;
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'ignore', 'ignore'] }),
  );
  return {
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export async function runNeutralityBench(
  records: readonly LabelledRecord[],
  options: NeutralityOptions,
): Promise<NeutralityResult> {
  const progress = options.progress ?? (() => {});
  const specs = neutralityRuns(records.length, options);
  const truth = records.map((r) => r.cluster);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-neutrality-'));
  const startedAt = Date.now();
  const server = await startLocalNeo4j({ dataDir, heap: options.heap ?? '2g', pageCache: '512m' });
  const graph = new Graph({ uri: server.uri });
  const runs: NeutralityRun[] = [];
  const partitions: Array<number[] | undefined> = [];
  const decisions: Array<Map<string, PairDecision> | undefined> = [];
  try {
    await migrate(graph);
    const startSeconds = (Date.now() - startedAt) / 1000;
    progress(`Neo4j ready in ${startSeconds.toFixed(1)} s; ${specs.length} runs of ${records.length} records`);
    for (const [index, spec] of specs.entries()) {
      await emptyGraph(graph);
      const arriving = spec.sequence.map((i) => records[i]!);
      const burner = spec.loaded ? startCpuBurners(options.burners ?? os.availableParallelism()) : undefined;
      const began = Date.now();
      let labelsInSequence: string[];
      try {
        labelsInSequence = await withThrowawayIndex(graph, (candidates) =>
          resolveRecordsThroughGraph(graph, candidates, arriving, {
            batchSize: options.batchSize,
            concurrency: spec.concurrency,
            redo: true,
            onProgress: (done, total) =>
              progress(
                `\rrun ${index + 1}/${specs.length} (${spec.order}, ` +
                  `concurrency ${spec.concurrency}${spec.loaded ? ', loaded' : ''}): resolved ${done} of ${total}`,
              ),
          }),
        );
      } catch (err) {
        const seconds = (Date.now() - began) / 1000;
        const code = (err as { code?: unknown }).code;
        const message =
          `${typeof code === 'string' ? `${code}: ` : ''}${err instanceof Error ? err.message : String(err)}`.split(
            '\n',
          )[0]!;
        progress(
          `\nrun ${index + 1}/${specs.length} failed after ${seconds.toFixed(1)} ` +
            `s: ${err instanceof Error && err.stack ? err.stack : message}\n`,
        );
        runs.push({
          order: spec.order,
          concurrency: spec.concurrency,
          loaded: spec.loaded,
          clusters: 0,
          precision: 0,
          recall: 0,
          f1: 0,
          seconds: round(seconds, 2),
          error: message,
        });
        partitions.push(undefined);
        decisions.push(undefined);
        continue;
      } finally {
        await burner?.stop();
      }
      const seconds = (Date.now() - began) / 1000;
      progress('\n');
      // Back to file positions: the record at arrival position p is record sequence[p].
      const labels = new Array<string>(records.length);
      spec.sequence.forEach((record, p) => {
        labels[record] = labelsInSequence[p]!;
      });
      const metrics = pairwiseMetrics(truth, labels);
      partitions.push(canonicalPartition(labels));
      decisions.push(await pairDecisions(graph, spec.sequence));
      runs.push({
        order: spec.order,
        concurrency: spec.concurrency,
        loaded: spec.loaded,
        clusters: new Set(labels).size,
        precision: round(metrics.precision, 4),
        recall: round(metrics.recall, 4),
        f1: round(metrics.f1, 4),
        seconds: round(seconds, 2),
      });
      const r = runs[runs.length - 1]!;
      progress(
        `run ${index + 1}/${specs.length}: ${r.clusters} clusters, P ${r.precision} R ${r.recall} ` +
          `F1 ${r.f1}, ${r.seconds} s\n`,
      );
    }
    const keep = options.keepDifferences ?? 50;
    const differing = new Set<number>();
    const differences: RecordDifference[] = [];
    const first = partitions.findIndex((p) => p !== undefined);
    const base = partitions[first] ?? [];
    const baseGroups = groupsOf(base);
    for (let run = first + 1; first >= 0 && run < partitions.length; run += 1) {
      const here = partitions[run];
      if (!here) continue;
      const hereGroups = groupsOf(here);
      for (const record of differingRecords(base, here)) {
        differing.add(record);
        if (differences.length >= keep) continue;
        const theirs = baseGroups.get(base[record]!)!;
        const mine = hereGroups.get(here[record]!)!;
        const others = [...new Set([...theirs, ...mine])].filter((o) => o !== record).sort((x, y) => x - y);
        differences.push({
          run,
          record,
          first: theirs,
          here: mine,
          pairs: others.map((other) => ({
            other,
            first: decisions[first]!.get(pairKey(record, other)) ?? null,
            here: decisions[run]!.get(pairKey(record, other)) ?? null,
          })),
        });
      }
    }
    const failedRuns = runs.filter((r) => r.error !== undefined).length;
    return {
      runs,
      identical: differing.size === 0 && failedRuns === 0,
      differingRecords: differing.size,
      failedRuns,
      differences,
      startSeconds,
    };
  } finally {
    await graph.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pairKey = (x: number, y: number): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** The pair decisions of a run, keyed by the pair of record indices. */
async function pairDecisions(graph: Graph, sequence: readonly number[]): Promise<Map<string, PairDecision>> {
  const recordOf = new Map(sequence.map((record, p) => [mentionId(`rep_eval_${p}`, 's'), record]));
  const rows = await matchedPairs(graph, 'eval');
  const out = new Map<string, PairDecision>();
  for (const row of rows) {
    const a = recordOf.get(row.a);
    const b = recordOf.get(row.b);
    if (a === undefined || b === undefined) continue;
    out.set(pairKey(a, b), { outcome: row.outcome, reason: row.reason, score: round(row.score, 3) });
  }
  return out;
}
