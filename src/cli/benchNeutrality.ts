/**
 * `lantern bench neutrality FILE.jsonl [--orders N] [--seed S] [--batch-size B] [--load]`: resolves the
 * labelled records through the graph resolver in the file order and N-1 seeded shuffles (one resolver),
 * with four resolvers at once, and with --load once more while CPU burners keep the cores busy; each
 * run ends with redoAll. Reports each run's clusters, pairwise P/R/F1 and time, and whether the
 * partitions are identical. Progress goes to stderr; the last line of stdout is JSON.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { type PairDecision, runNeutralityBench } from '../bench/neutralityBench';
import { countOption as count } from './countOption';
import { parseLabelledJsonl } from './evalClusters';

const NeutralityArgs = z.object({
  orders: count('--orders', 1, 100),
  seed: count('--seed', 0, 2 ** 31 - 1),
  batchSize: count('--batch-size', 1, 100_000),
  concurrency: count('--concurrency', 2, 64),
  load: z.boolean().default(false),
  heap: z.string().regex(/^\d+[mg]$/, { message: '--heap must look like 1g or 1536m' }),
});

const MAX_LISTED = 20;

const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;
const decision = (d: PairDecision | null): string => (d ? `${d.outcome}/${d.reason} ${d.score}` : '-');

export function registerBenchNeutrality(benchCmd: Command): Command {
  return benchCmd
    .command('neutrality <file>')
    .description(
      'sequence neutrality through the graph resolver: labelled JSONL resolved in several orders, ' +
        'concurrently and (--load) under CPU load, into one throwaway Neo4j; last line JSON',
    )
    .option('--orders <n>', 'runs with one resolver: the file order and n-1 seeded shuffles', '3')
    .option('--seed <s>', 'seed of the first shuffle (the next ones use s+1, s+2, ...)', '1')
    .option('--batch-size <n>', 'mentions per resolver batch', '200')
    .option('--concurrency <n>', 'resolvers at once in the concurrent (and loaded) run', '4')
    .option('--load', 'one more concurrent run while CPU burners (one per core) keep the machine busy')
    .option('--heap <size>', 'JVM heap of the throwaway Neo4j', '2g')
    .action(async (file: string, raw: Record<string, unknown>) => {
      const parsed = NeutralityArgs.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const opts = parsed.data;
      const records = parseLabelledJsonl(readFileSync(file, 'utf8'));
      const write = (line: string) => process.stdout.write(`${line}\n`);
      const result = await runNeutralityBench(records, {
        ...opts,
        progress: (line) => process.stderr.write(line.endsWith('\n') || line.startsWith('\r') ? line : `${line}\n`),
      });

      write(
        `records ${records.length}, true clusters ${new Set(records.map((r) => r.cluster)).size}, ` +
          `batches of ${opts.batchSize}, every run ending with redoAll ` +
          `(Neo4j started in ${result.startSeconds.toFixed(1)} s)`,
      );
      write(
        `${'run'.padEnd(4)} ${'order'.padEnd(14)} ${'resolvers'.padEnd(10)} ${'loaded'.padEnd(7)} ` +
          `${'clusters'.padStart(8)}  ${'precision'.padStart(9)} ${'recall'.padStart(8)} ${'F1'.padStart(8)} ` +
          `${'time'.padStart(9)}`,
      );
      result.runs.forEach((r, i) => {
        if (r.error !== undefined)
          write(
            `${String(i + 1).padEnd(4)} ${r.order.padEnd(14)} ${String(r.concurrency).padEnd(10)} ` +
              `${(r.loaded ? 'yes' : 'no').padEnd(7)} failed after ${r.seconds.toFixed(1)} s: ${r.error}`,
          );
        else
          write(
            `${String(i + 1).padEnd(4)} ${r.order.padEnd(14)} ${String(r.concurrency).padEnd(10)} ` +
              `${(r.loaded ? 'yes' : 'no').padEnd(7)} ${String(r.clusters).padStart(8)}  ` +
              `${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(8)} ${pct(r.f1).padStart(8)} ` +
              `${`${r.seconds.toFixed(1)} s`.padStart(9)}`,
          );
      });
      if (result.failedRuns > 0)
        write(
          `${result.failedRuns} of ${result.runs.length} runs failed: not identical; the partitions of the others ` +
            `${result.differingRecords === 0 ? 'are identical' : 'differ (below)'}`,
        );
      if (result.identical) write(`partitions identical in all ${result.runs.length} runs`);
      else if (result.differingRecords > 0) {
        write(`partitions differ: ${result.differingRecords} records are not in their first-run group in some run`);
        for (const d of result.differences.slice(0, MAX_LISTED)) {
          const record = records[d.record]!;
          write(
            `  run ${d.run + 1}: record ${d.record} (id ${record.id}, cluster ${record.cluster}, ` +
              `${record.properties.name?.[0] ?? '?'}): first-run group [${d.first.join(',')}], ` +
              `here [${d.here.join(',')}]`,
          );
          for (const p of d.pairs)
            write(
              `    with ${p.other} (id ${records[p.other]!.id}, ${records[p.other]!.properties.name?.[0] ?? '?'}): ` +
                `first ${decision(p.first)}, here ${decision(p.here)}`,
            );
        }
        if (result.differences.length > MAX_LISTED)
          write(`  (${result.differences.length - MAX_LISTED} more listed differences not shown)`);
      }
      write(
        JSON.stringify({
          runs: result.runs,
          identical: result.identical,
          differingRecords: result.differingRecords,
          ...(result.failedRuns > 0 ? { failedRuns: result.failedRuns } : {}),
        }),
      );
      if (result.failedRuns > 0) process.exitCode = 1;
    });
}
