/**
 * `lantern bench [--entities N] [--reports M] [--workers W]`: end-to-end throughput and latency of the
 * pipeline on a throwaway database, against the machine's own ceilings. Last line of stdout: JSON.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { runPipelineBench, type PipelineBenchResult } from '../bench/pipelineBench';

const count = (name: string, min: number) => z.coerce.number({ message: `${name} must be a number` }).int({ message: `${name} must be a whole number` }).min(min, { message: `${name} must be at least ${min}` });

const BenchArgs = z.object({
  entities: count('--entities', 0),
  reports: count('--reports', 1),
  workers: count('--workers', 1).max(16, { message: '--workers must be at most 16' }),
  concurrency: count('--concurrency', 1).max(64, { message: '--concurrency must be at most 64' }),
  batch: count('--batch', 1).max(256, { message: '--batch must be at most 256' }),
  latencySamples: count('--latency-samples', 1),
  clients: count('--clients', 1).max(256, { message: '--clients must be at most 256' }),
  heap: z.string().regex(/^\d+[mg]$/, { message: '--heap must look like 1g or 1536m' }),
  keep: z.boolean().default(false),
});

function table(r: PipelineBenchResult): string[] {
  const row = (label: string, value: string) => `  ${label.padEnd(44)} ${value}`;
  return [
    `entities ${r.entities}, reports ${r.reports} (${r.mentions} mentions), ${r.workers} worker processes, batches of ${r.batch}`,
    row('end to end', `${r.mentionsPerSec} mentions/s`),
    row('write ceiling (same writes, no matching)', `${r.writeCeilingMentionsPerSec} mentions/s`),
    row('queue ceiling (empty BullMQ jobs)', `${r.queueCeilingJobsPerSec} jobs/s = ${r.queueCeilingMentionsPerSec} mentions/s at 2 jobs per report`),
    row('ratio to the lower ceiling', `${r.ratio}`),
    row('resolver alone, per mention', `p50 ${r.resolve.p50} ms, p90 ${r.resolve.p90} ms, p99 ${r.resolve.p99} ms (n ${r.resolve.n})`),
    row('candidate query, per mention', `p50 ${r.candidateQuery.p50} ms, p99 ${r.candidateQuery.p99} ms`),
    row('accepted to processed, under the stream', `p50 ${r.endToEnd.p50} ms, p99 ${r.endToEnd.p99} ms`),
    row('POST /api/v1/reports', `p50 ${r.acceptMs.p50} ms, p99 ${r.acceptMs.p99} ms`),
  ];
}

export function registerBenchPipeline(benchCmd: Command): Command {
  return benchCmd
    .option('--entities <n>', 'entities seeded into the throwaway graph first', '10000')
    .option('--reports <n>', 'generated reports pushed through the API', '500')
    .option('--workers <n>', '`lantern worker` processes', '2')
    .option('--concurrency <n>', 'leads and import jobs at once in each worker process', '2')
    .option('--batch <n>', 'ingest and resolve jobs handled together per pass in each worker process', '16')
    .option('--latency-samples <n>', 'mentions resolved one at a time to time the resolver alone', '200')
    .option('--clients <n>', 'reports in flight at once from the client', '16')
    .option('--heap <size>', 'JVM heap of the throwaway Neo4j', '2g')
    .option('--keep', 'keep the throwaway database directory')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = BenchArgs.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const opts = parsed.data;
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const result = await runPipelineBench({ ...opts, ceilingMentions: 2000, seed: 20261123, log });
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
          candidateQueryP50Ms: result.candidateQuery.p50,
          candidateQueryP99Ms: result.candidateQuery.p99,
          endToEndP50Ms: result.endToEnd.p50,
          endToEndP99Ms: result.endToEnd.p99,
          writeCeilingMentionsPerSec: result.writeCeilingMentionsPerSec,
          queueCeilingJobsPerSec: result.queueCeilingJobsPerSec,
        }),
      );
    });
}
