/**
 * `lantern eval clusters FILE.jsonl`: resolves labelled records in memory with the matching library
 * and reports pairwise precision, recall and F1 against the labels. stdout carries the summary and,
 * as its last line, one JSON object that scripts read.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { CANDIDATE_SUPPORT, isGenericKey, keySupport } from '../../matching/blocking';
import { type BatchOptions, resolveBatch } from '../../matching/cluster/batch';
import { defaultEngine } from '../../matching/cluster/engine';
import { blockingRecall, type LabelledRecord, pairwiseMetrics } from '../../matching/cluster/evaluate';
import { UnionFind } from '../../matching/cluster/unionFind';
import { resolveInThrowawayGraph } from '../eval/throughGraph';

const idLike = z.union([z.string(), z.number()]).transform(String);

const LabelledLine = z.object({
  id: idLike,
  cluster: idLike,
  schema: z.string().default('Person'),
  properties: z.record(z.string(), z.array(z.string())),
  defaultCountry: z.string().length(2).optional(),
});

export function parseLabelledJsonl(text: string): LabelledRecord[] {
  const records: LabelledRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`line ${index + 1}: not JSON`);
    }
    const parsed = LabelledLine.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const { defaultCountry, ...rest } = parsed.data;
    records.push(defaultCountry ? { ...rest, defaultCountry } : rest);
  });
  return records;
}

export interface ClusterEvaluation {
  records: number;
  clusters: number;
  precision: number;
  recall: number;
  f1: number;
  seconds: number;
}

/** The partition if the given pairs were linked too: what the review queue holds, as a figure. */
function labelsWithPairs(labels: readonly number[], pairs: ReadonlyArray<{ a: number; b: number }>): number[] {
  const sets = new UnionFind();
  for (const _ of labels) sets.add();
  labels.forEach((label, i) => {
    sets.union(label, i);
  });
  for (const { a, b } of pairs) sets.union(a, b);
  return labels.map((_, i) => sets.find(i));
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;

export function evaluateClusters(
  records: readonly LabelledRecord[],
  write: (line: string) => void,
  options: BatchOptions = {},
): ClusterEvaluation {
  const started = performance.now();
  const result = resolveBatch(records, defaultEngine, options);
  const seconds = (performance.now() - started) / 1000;

  const truth = records.map((r) => r.cluster);
  const metrics = pairwiseMetrics(truth, result.labels.map(String));
  const count = (key: string) => result.keyCounts.get(key) ?? 0;
  const isGeneric = (key: string) => isGenericKey(key, count(key));
  const blocking = blockingRecall(truth, result.keys, (key) => keySupport(key, count(key)), CANDIDATE_SUPPORT);
  const clusters = new Set(result.labels).size;
  const n = Math.max(records.length, 1);
  const keysPerRecord = result.keys.reduce((s, k) => s + k.length, 0) / n;
  const genericKeys = [...result.keyCounts.keys()].filter(isGeneric).length;

  write(
    `records                 ${records.length} ` +
      `(${
        options.incremental ? 'incremental: counts grow as records arrive' : 'two passes: counts first, then resolution'
      })`,
  );
  write(`true clusters           ${new Set(truth).size}`);
  write(`predicted clusters      ${clusters}`);
  write(
    `pairs true / predicted / correct   ${metrics.truePairs} / ${metrics.predictedPairs} / ${metrics.correctPairs}`,
  );
  write(`precision ${pct(metrics.precision)}   recall ${pct(metrics.recall)}   F1 ${pct(metrics.f1)}`);
  write(
    `blocking keys per record ${keysPerRecord.toFixed(1)}; generic keys ${genericKeys} of ${result.keyCounts.size}`,
  );
  write(
    `blocking recall         ${pct(blocking.recall)} (${blocking.coveredPairs} of ${blocking.truePairs} true pairs ` +
      `are candidates directly)`,
  );
  write(
    `candidates per record   ${(result.stats.candidates / n).toFixed(1)} earlier ` +
      `records; ${(result.stats.comparisons / n).toFixed(1)} scored; cap reached ${result.stats.capped} times`,
  );
  const ifConfirmed = pairwiseMetrics(truth, labelsWithPairs(result.labels, result.possibleMatches).map(String));
  write(
    `possible matches open   ${result.possibleMatches.length}; if an analyst confirmed them all: ` +
      `precision ${pct(ifConfirmed.precision)}, recall ${pct(ifConfirmed.recall)}, F1 ${pct(ifConfirmed.f1)}`,
  );
  write(`time                    ${seconds.toFixed(2)} s`);
  return {
    records: records.length,
    clusters,
    precision: round(metrics.precision, 4),
    recall: round(metrics.recall, 4),
    f1: round(metrics.f1, 4),
    seconds: round(seconds, 2),
  };
}

/**
 * The same evaluation through the production path: the graph resolver writing into a throwaway local
 * Neo4j, graph queries, locks and all. Blocking statistics come from the in-memory run.
 */
export async function evaluateClustersInGraph(
  records: readonly LabelledRecord[],
  write: (line: string) => void,
  options: { batchSize?: number; concurrency?: number; redo?: boolean; bulk?: boolean } = {},
): Promise<ClusterEvaluation> {
  const progress = (done: number, total: number) => process.stderr.write(`\rresolved ${done} of ${total}`);
  const result = await resolveInThrowawayGraph(records, { ...options, onProgress: progress });
  process.stderr.write('\n');
  const truth = records.map((r) => r.cluster);
  const metrics = pairwiseMetrics(truth, result.labels);
  const clusters = new Set(result.labels).size;
  write(
    options.bulk
      ? `records                 ${records.length} (in bulk: decided in memory on the final counts, written in ` +
          'large transactions)'
      : `records                 ${records.length} (through the graph resolver, ${options.concurrency ?? 2} batches ` +
          `of ${options.batchSize ?? 200} at ` +
          `once${options.redo === false ? '' : ', then every mention decided again on the final counts'})`,
  );
  write(`true clusters           ${new Set(truth).size}`);
  write(`predicted clusters      ${clusters}`);
  write(
    `pairs true / predicted / correct   ${metrics.truePairs} / ${metrics.predictedPairs} / ${metrics.correctPairs}`,
  );
  write(`precision ${pct(metrics.precision)}   recall ${pct(metrics.recall)}   F1 ${pct(metrics.f1)}`);
  write(
    `time                    ${result.seconds.toFixed(2)} s resolving ` +
      `(${((result.seconds * 1000) / Math.max(records.length, 1)).toFixed(1)} ms per ` +
      `record), ${result.startSeconds.toFixed(1)} s starting Neo4j`,
  );
  return {
    records: records.length,
    clusters,
    precision: round(metrics.precision, 4),
    recall: round(metrics.recall, 4),
    f1: round(metrics.f1, 4),
    seconds: round(result.seconds, 2),
  };
}

export function registerEvalClusters(evalCmd: Command): Command {
  return evalCmd
    .command('clusters <file>')
    .description(
      'resolve labelled JSONL records and print pairwise precision, recall and F1 (last line JSON); through the ' +
        'graph resolver into a throwaway Neo4j unless --in-memory',
    )
    .option(
      '--in-memory',
      'resolve with the in-memory resolver (same matching code, no database; adds blocking statistics)',
    )
    .option(
      '--incremental',
      'in memory: count key and token frequencies as records arrive (order-dependent) instead of beforehand',
    )
    .option('--batch-size <n>', 'graph: mentions per resolver batch', (v) => Number.parseInt(v, 10), 200)
    .option(
      '--concurrency <n>',
      'graph: batches resolved at once, like that many workers',
      (v) => Number.parseInt(v, 10),
      2,
    )
    .option('--no-redo', 'graph: skip deciding every mention again once all are in (what the redo sweep converges to)')
    .option('--bulk', 'graph: resolve the whole file at once, as `lantern import --bulk` does, instead of streaming it')
    .action(
      async (
        file: string,
        opts: {
          inMemory?: boolean;
          incremental?: boolean;
          batchSize: number;
          concurrency: number;
          redo: boolean;
          bulk?: boolean;
        },
      ) => {
        const records = parseLabelledJsonl(readFileSync(file, 'utf8'));
        const write = (line: string) => process.stdout.write(`${line}\n`);
        const evaluation = opts.inMemory
          ? evaluateClusters(records, write, { incremental: opts.incremental === true })
          : await evaluateClustersInGraph(records, write, {
              batchSize: opts.batchSize,
              concurrency: opts.concurrency,
              redo: opts.redo,
              bulk: opts.bulk === true,
            });
        write(JSON.stringify(evaluation));
      },
    );
}
