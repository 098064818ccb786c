/**
 * `lantern bench`: a throwaway Neo4j seeded with N entities, then M generated reports pushed through the
 * real API, queues, worker processes and resolver; measured against the ceilings of the same machine.
 */

import { seededRandom } from '../../fixtures/bench/generate';
import { benchReport } from '../../fixtures/bench/workload';
import type { Graph } from '../../graph/driver';
import { mentionsOf } from '../../graph/reports/pipeline';
import { reportTimings } from '../../graph/reports/progress';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { mentionRecord, type ResolverEngine } from '../../graph/resolve/engine';
import { DEFAULT_CANDIDATE_CAP, Resolver } from '../../graph/resolve/resolver';
import type { ReportInput, StoredReport } from '../domain/report';
import { BENCH_ORG, startBenchStack } from './benchStack';
import { CpuAccount, type CpuShare } from './cpuAccount';
import { measureQueueCeiling } from './queueCeiling';
import { pushReports, waitProcessed, warmUp } from './reportClient';
import { measureWriteCeiling } from './seed';
import { type Percentiles, percentiles, perSecond } from './stats';

export interface PipelineBenchOptions {
  entities: number;
  reports: number;
  workers: number;
  concurrency: number;
  /** Ingest and resolve jobs handled together per pass in each worker process. */
  batch: number;
  /** Mentions resolved one at a time, in this process, to time the resolver alone. */
  latencySamples: number;
  /** Report-shaped mentions written without matching to find the write ceiling. */
  ceilingMentions: number;
  /** Reports in flight at once from the client. */
  clients: number;
  /** Reports pushed and processed before anything is measured (see warmUp). */
  warmup: number;
  heap: string;
  pageCache: string;
  seed: number;
  keep: boolean;
  log: (line: string) => void;
}

export interface PipelineBenchResult {
  entities: number;
  reports: number;
  mentions: number;
  workers: number;
  concurrency: number;
  batch: number;
  warmup: number;
  seedSeconds: number;
  mentionsPerSec: number;
  /** Resolution of one mention by the resolver (write, candidates, scoring, decision, commit), unloaded. */
  resolve: Percentiles;
  /** The candidate read of one mention: its blocking keys to their holders, one round trip to the candidate index. */
  candidateQuery: Percentiles;
  /** Candidates found per mention in those samples, and the share that hit the cap. */
  candidatesPerMention: number;
  cappedShare: number;
  /** From the API's 202 to the report processed, while the whole stream is being pushed. */
  endToEnd: Percentiles;
  acceptMs: Percentiles;
  writeCeilingMentionsPerSec: number;
  queueCeilingJobsPerSec: number;
  queueCeilingMentionsPerSec: number;
  ceilingMentionsPerSec: number;
  ratio: number;
  /** CPU seconds each process of the stack used during the measured stream: what limits it. */
  cpu: CpuShare[];
  /** Seconds from the first report sent to the last one processed. */
  streamSeconds: number;
}

/** Accepted-to-processed time of each report, counted once per mention it carried. */
async function endToEndSamples(
  graph: Graph,
): Promise<{ samples: number[]; mentions: number; firstReceived: number; lastProcessed: number }> {
  const samples: number[] = [];
  let mentions = 0;
  let firstReceived = Infinity;
  let lastProcessed = 0;
  for (const row of await reportTimings(graph, BENCH_ORG)) {
    const received = Date.parse(row.received);
    const processed = Date.parse(row.processed ?? '');
    const n = row.mentions;
    mentions += n;
    firstReceived = Math.min(firstReceived, received);
    lastProcessed = Math.max(lastProcessed, processed);
    for (let i = 0; i < n; i += 1) samples.push(processed - received);
  }
  return { samples, mentions, firstReceived, lastProcessed };
}

/**
 * The single-mention resolution time, one at a time, so that queueing and other work do not count;
 * and the time of the candidate read alone (blocking keys to their holders in the candidate index). The
 * resolver first resolves `warm` other mentions, unmeasured, as a worker that has been running holds
 * its popular candidates prepared already.
 */
async function resolveLatency(
  graph: Graph,
  index: CandidateIndex,
  engine: ResolverEngine,
  warm: readonly ReportInput[],
  reports: readonly ReportInput[],
): Promise<{ resolve: number[]; candidates: number[]; candidatesPerMention: number; cappedShare: number }> {
  const resolver = new Resolver(graph, { index, engine });
  const single = (report: ReportInput, id: string) =>
    mentionsOf(storedReport(id, 'bench-latency', report, report.subjects.slice(0, 1))).mentions;
  for (const [i, report] of warm.entries()) await resolver.resolve(single(report, `latency-warm${i}`));
  const resolve: number[] = [];
  const candidates: number[] = [];
  let found = 0;
  let capped = 0;
  for (const [i, report] of reports.entries()) {
    const mentions = single(report, `latency${i}`);
    let started = performance.now();
    const outcome = await resolver.resolve(mentions);
    resolve.push(performance.now() - started);
    for (const m of outcome.mentions) {
      found += m.candidates;
      if (m.capped) capped += 1;
    }
    const keys = mentions.flatMap((m) => engine.blockingKeys(engine.prepare(mentionRecord(m))));
    started = performance.now();
    await index.read(keys);
    candidates.push(performance.now() - started);
  }
  return {
    resolve,
    candidates,
    candidatesPerMention: Number((found / reports.length).toFixed(1)),
    cappedShare: Number((capped / reports.length).toFixed(3)),
  };
}

const storedReport = (id: string, orgId: string, report: ReportInput, subjects = report.subjects): StoredReport => ({
  id,
  orgId,
  country: report.country,
  reportedAt: null,
  receivedAt: new Date().toISOString(),
  status: 'processing',
  error: null,
  revision: 1,
  subjects,
  links: [],
});

export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineBenchResult> {
  const { log } = options;
  const stack = await startBenchStack(options);
  try {
    const { graph, engine, known } = stack;
    const rng = seededRandom(options.seed + 1);
    const api = await stack.startApi();
    await stack.startWorkers(options.workers, options.concurrency);
    log(`API and ${options.workers} worker processes (batches of ${options.batch}) started`);
    await warmUp(stack, api.url, { reports: options.warmup, clients: options.clients, seed: options.seed, log });
    const ceilingReports = Array.from({ length: Math.ceil(options.ceilingMentions / 2) }, (_, i) =>
      benchReport(rng, 1_000_000_000 + i, known),
    );
    const ceilingMentions = ceilingReports.flatMap(
      (report, i) => mentionsOf(storedReport(`ceiling${i}`, 'bench-ceiling', report)).mentions,
    );
    // Measured after the warm-up, with the workers idle, so that the ceilings and the stream meet the
    // same warmed-up server.
    const writeCeiling = await measureWriteCeiling(graph, stack.index, engine, ceilingMentions);
    log(`write ceiling: ${writeCeiling} mentions/s (phase-one writes in batches of 50, no matching)`);
    // The ingest and resolve workers of each process hold two batches of jobs at once.
    const queueConcurrency = options.workers * 2 * options.batch;
    const queueCeiling = await measureQueueCeiling(stack.config.redisUrl, stack.prefix, {
      jobs: 5000,
      concurrency: queueConcurrency,
    });
    log(`queue ceiling: ${queueCeiling} empty jobs/s (BullMQ, concurrency ${queueConcurrency})`);

    const latencyReports = Array.from({ length: options.latencySamples }, (_, i) =>
      benchReport(rng, 2_000_000_000 + i, known),
    );
    const latencyWarmup = Array.from({ length: options.latencySamples }, (_, i) =>
      benchReport(rng, 2_500_000_000 + i, known),
    );
    const latency = await resolveLatency(graph, stack.index, engine, latencyWarmup, latencyReports);
    const resolve = percentiles(latency.resolve);
    const candidateQuery = percentiles(latency.candidates);
    log(
      `resolver alone, one mention at a time: p50 ${resolve.p50} ms, p90 ${resolve.p90} ms, p99 ${resolve.p99} ms ` +
        `over ${resolve.n}`,
    );
    log(
      `candidate index read alone: p50 ${candidateQuery.p50} ms, p99 ${candidateQuery.p99} ` +
        `ms; ${latency.candidatesPerMention} candidates per mention, ${(latency.cappedShare * 100).toFixed(1)}% ` +
        `capped at ${DEFAULT_CANDIDATE_CAP}`,
    );

    log(`pushing ${options.reports} reports through the API`);
    const reports = Array.from({ length: options.reports }, (_, i) => benchReport(rng, i, known));
    const cpu = new CpuAccount(await stack.processes());
    const streamStarted = performance.now();
    const pushed = await pushReports(api.url, api.key, reports, options.clients);
    await waitProcessed(graph, BENCH_ORG, pushed.ids.length, 30 * 60_000);
    const streamSeconds = (performance.now() - streamStarted) / 1000;
    const cpuShares = cpu.read();
    const e2e = await endToEndSamples(graph);
    const mentionsPerSec = perSecond(e2e.mentions, e2e.lastProcessed - e2e.firstReceived);
    // Every report needs at least an ingest and a resolve job (a leads job when clusters change): the
    // queue ceiling in mentions, counted generously for the queue.
    const jobsPerReport = 2;
    const queueCeilingMentions = Number(
      ((queueCeiling * e2e.mentions) / (pushed.ids.length * jobsPerReport)).toFixed(1),
    );
    const ceiling = Math.min(writeCeiling, queueCeilingMentions);
    return {
      entities: options.entities,
      reports: pushed.ids.length,
      mentions: e2e.mentions,
      workers: options.workers,
      concurrency: options.concurrency,
      batch: options.batch,
      warmup: options.warmup,
      seedSeconds: Number(stack.seedSeconds.toFixed(1)),
      mentionsPerSec,
      resolve,
      candidateQuery,
      candidatesPerMention: latency.candidatesPerMention,
      cappedShare: latency.cappedShare,
      endToEnd: percentiles(e2e.samples),
      acceptMs: percentiles(pushed.acceptMs),
      writeCeilingMentionsPerSec: writeCeiling,
      queueCeilingJobsPerSec: queueCeiling,
      queueCeilingMentionsPerSec: queueCeilingMentions,
      ceilingMentionsPerSec: ceiling,
      ratio: Number((mentionsPerSec / ceiling).toFixed(3)),
      cpu: cpuShares,
      streamSeconds: Number(streamSeconds.toFixed(1)),
    };
  } finally {
    await stack.close();
  }
}
