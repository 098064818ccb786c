/**
 * `lantern bench [--entities N] [--reports M] [--workers W]`: end-to-end throughput and latency of the
 * pipeline on a throwaway database, against the machine's own ceilings; `lantern bench load`: the API
 * at a fixed request rate. Last line of stdout: JSON.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { runLoadBench } from '../bench/loadBench';
import { type PipelineBenchResult, runPipelineBench } from '../bench/pipelineBench';
import { countOption as count } from './countOption';

const SEED = 20261123;

/** What every bench run's throwaway stack takes. */
const StackArgs = z.object({
  entities: count('--entities', 0, 10_000_000),
  workers: count('--workers', 1, 16),
  concurrency: count('--concurrency', 1, 64),
  batch: count('--batch', 1, 256),
  heap: z.string().regex(/^\d+[mg]$/, { message: '--heap must look like 1g or 1536m' }),
  pageCache: z.string().regex(/^\d+[mg]$/, { message: '--page-cache must look like 512m or 2g' }),
  keep: z.boolean().default(false),
  warmup: count('--warmup', 0, 1_000_000),
});

const PipelineArgs = StackArgs.extend({
  reports: count('--reports', 1, 1_000_000),
  latencySamples: count('--latency-samples', 1, 100_000),
  clients: count('--clients', 1, 256),
});

const LoadArgs = StackArgs.extend({
  rate: count('--rate', 1, 100_000),
  seconds: count('--seconds', 1, 3600),
  connections: count('--connections', 1, 1000),
});

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

function withStackOptions(command: Command, entities: string): Command {
  return command
    .option('--entities <n>', 'entities seeded into the throwaway graph first', entities)
    .option('--workers <n>', '`lantern worker` processes', '2')
    .option('--concurrency <n>', 'leads and import jobs at once in each worker process', '2')
    .option('--batch <n>', 'ingest and resolve jobs handled together per pass in each worker process', '16')
    .option('--heap <size>', 'JVM heap of the throwaway Neo4j', '2g')
    .option('--page-cache <size>', 'page cache of the throwaway Neo4j', '1g')
    .option('--warmup <n>', 'reports processed before anything is measured, while Neo4j compiles its hot paths', '500')
    .option('--keep', 'keep the throwaway database directory');
}

const log = (line: string) => process.stdout.write(`${line}\n`);

function table(r: PipelineBenchResult): string[] {
  const row = (label: string, value: string) => `  ${label.padEnd(44)} ${value}`;
  return [
    `entities ${r.entities}, reports ${r.reports} (${r.mentions} mentions) after ${r.warmup} warm-up ` +
      `reports, ${r.workers} worker processes, batches of ${r.batch}`,
    row('end to end', `${r.mentionsPerSec} mentions/s`),
    row('write ceiling (same writes, no matching)', `${r.writeCeilingMentionsPerSec} mentions/s`),
    row(
      'queue ceiling (empty BullMQ jobs)',
      `${r.queueCeilingJobsPerSec} jobs/s = ${r.queueCeilingMentionsPerSec} mentions/s at 2 jobs per report`,
    ),
    row('ratio to the lower ceiling', `${r.ratio}`),
    row(
      'resolver alone (warmed), per mention',
      `p50 ${r.resolve.p50} ms, p90 ${r.resolve.p90} ms, p99 ${r.resolve.p99} ms (n ${r.resolve.n})`,
    ),
    row('candidate index read, per mention', `p50 ${r.candidateQuery.p50} ms, p99 ${r.candidateQuery.p99} ms`),
    row('candidates per mention', `${r.candidatesPerMention} (${(r.cappedShare * 100).toFixed(1)}% capped)`),
    row('accepted to processed, under the stream', `p50 ${r.endToEnd.p50} ms, p99 ${r.endToEnd.p99} ms`),
    row('POST /api/v1/reports', `p50 ${r.acceptMs.p50} ms, p99 ${r.acceptMs.p99} ms`),
    `CPU during the stream (${r.streamSeconds} s, ${os.availableParallelism()} cores): ${cpuTotal(r).toFixed(1)} ` +
      `s, ${((cpuTotal(r) * 1000) / r.mentions).toFixed(1)} ms per mention`,
    ...r.cpu.map((p) =>
      row(
        `  ${p.name}`,
        `${p.seconds} s (${((p.seconds * 1000) / r.mentions).toFixed(1)} ms per ` +
          `mention, ${((100 * p.seconds) / cpuTotal(r)).toFixed(0)}%)`,
      ),
    ),
  ];
}

const cpuTotal = (r: PipelineBenchResult) => r.cpu.reduce((sum, p) => sum + p.seconds, 0);

export function registerBenchPipeline(benchCmd: Command): void {
  withStackOptions(benchCmd, '10000')
    .option('--reports <n>', 'generated reports pushed through the API', '500')
    .option(
      '--latency-samples <n>',
      'mentions resolved one at a time to time the resolver alone (after as many unmeasured)',
      '200',
    )
    .option('--clients <n>', 'reports in flight at once from the client', '16')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parse(PipelineArgs, raw);
      const result = await runPipelineBench({ ...opts, ceilingMentions: 2000, seed: SEED, log });
      for (const line of table(result)) log(line);
      log(
        JSON.stringify({
          entities: result.entities,
          reports: result.reports,
          mentionsPerSec: result.mentionsPerSec,
          p50Ms: result.resolve.p50,
          p99Ms: result.resolve.p99,
          ceilingMentionsPerSec: result.ceilingMentionsPerSec,
          ratio: result.ratio,
          mentions: result.mentions,
          workers: result.workers,
          batch: result.batch,
          warmup: result.warmup,
          candidateQueryP50Ms: result.candidateQuery.p50,
          candidateQueryP99Ms: result.candidateQuery.p99,
          candidatesPerMention: result.candidatesPerMention,
          endToEndP50Ms: result.endToEnd.p50,
          endToEndP99Ms: result.endToEnd.p99,
          writeCeilingMentionsPerSec: result.writeCeilingMentionsPerSec,
          queueCeilingJobsPerSec: result.queueCeilingJobsPerSec,
          cpuSeconds: Object.fromEntries(result.cpu.map((p) => [p.name, p.seconds])),
        }),
      );
    });

  withStackOptions(benchCmd.command('load'), '10000')
    .description('POST /api/v1/reports at a fixed rate (autocannon) with workers behind it; last line JSON')
    .option('--rate <n>', 'requests per second', '50')
    .option('--seconds <n>', 'how long', '60')
    .option('--connections <n>', 'HTTP connections', '10')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parse(LoadArgs, raw);
      const r = await runLoadBench({ ...opts, seed: SEED, log });
      log(`  ${r.requests} requests, ${r.accepted} reports accepted, ${r.errors} errors, ${r.non2xx} non-2xx answers`);
      log(`  latency p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, max ${r.latencyMaxMs} ms`);
      log(
        `  workers behind it: ${r.workerMentionsPerSec} mentions/s; all processed ${r.drainSeconds} s after the ` +
          `load stopped`,
      );
      log(JSON.stringify(r));
    });
}
