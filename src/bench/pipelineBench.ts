/**
 * `lantern bench`: a throwaway Neo4j seeded with N entities, then M generated reports pushed through the
 * real API, queues, worker processes and resolver; measured against the ceilings of the same machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { createApiKey } from '../../graph/auth/apiKeys';
import type { Graph } from '../../graph/driver';
import { migrate } from '../../graph/migrations/migrate';
import { mentionsOf, type StoredReport } from '../../graph/reports/pipeline';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { findCandidates } from '../../graph/resolve/candidates';
import { DEFAULT_CANDIDATE_CAP, Resolver } from '../../graph/resolve/resolver';
import { findFreePort } from '../../graph/server/freePort';
import { benchReport, type SeedEntity } from '../../fixtures/bench/workload';
import { seededRandom } from '../../fixtures/bench/generate';
import { createRedisConnection } from '../../workers/connection';
import { loadConfig } from '../config';
import type { ReportInput } from '../domain/report';
import { createLogger } from '../log/logger';
import { Lifecycle } from '../stack/lifecycle';
import { openNeo4j } from '../stack/neo4j';
import { startApi } from '../cli/stackCommands';
import { measureQueueCeiling } from './queueCeiling';
import { measureWriteCeiling, seedGraph } from './seed';
import { percentiles, perSecond, type Percentiles } from './stats';
import { startWorkerProcesses } from './workerProcesses';

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
  heap: string;
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
  seedSeconds: number;
  mentionsPerSec: number;
  /** Resolution of one mention by the resolver (write, candidates, scoring, decision, commit), unloaded. */
  resolve: Percentiles;
  /** The candidate query of one mention: its blocking keys to capped candidates, inside Neo4j. */
  candidateQuery: Percentiles;
  /** From the API's 202 to the report processed, while the whole stream is being pushed. */
  endToEnd: Percentiles;
  acceptMs: Percentiles;
  writeCeilingMentionsPerSec: number;
  queueCeilingJobsPerSec: number;
  queueCeilingMentionsPerSec: number;
  ceilingMentionsPerSec: number;
  ratio: number;
}

const BENCH_ORG = 'bench-ngo';

async function pushReports(url: string, key: string, reports: readonly ReportInput[], clients: number): Promise<{ ids: string[]; acceptMs: number[] }> {
  const ids: string[] = new Array(reports.length);
  const acceptMs: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < reports.length) {
      const i = next++;
      const started = performance.now();
      const res = await fetch(`${url}/api/v1/reports`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(reports[i]),
      });
      acceptMs.push(performance.now() - started);
      const body = (await res.json()) as { id?: string; error?: unknown };
      if (res.status !== 202 || !body.id) throw new Error(`POST /api/v1/reports answered ${res.status}: ${JSON.stringify(body)}`);
      ids[i] = body.id;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { ids, acceptMs };
}

async function waitProcessed(graph: Graph, total: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await graph.read((tx) =>
      tx.run("MATCH (r:Report {orgId: $org}) WHERE r.status IN ['processed', 'failed'] RETURN r.status AS status, count(*) AS n", { org: BENCH_ORG }),
    );
    const by = new Map(counts.records.map((r) => [r.get('status') as string, Number(r.get('n'))]));
    if ((by.get('failed') ?? 0) > 0) throw new Error(`${by.get('failed')} reports failed; see the worker logs`);
    if ((by.get('processed') ?? 0) >= total) return;
    if (Date.now() > deadline) throw new Error(`only ${by.get('processed') ?? 0} of ${total} reports were processed within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Accepted-to-processed time of each report, counted once per mention it carried. */
async function endToEndSamples(graph: Graph): Promise<{ samples: number[]; mentions: number; firstReceived: number; lastProcessed: number }> {
  const rows = await graph.read((tx) =>
    tx.run('MATCH (r:Report {orgId: $org}) RETURN r.receivedAt AS received, r.processedAt AS processed, COUNT { (r)-[:MENTIONS]->() } AS mentions', { org: BENCH_ORG }),
  );
  const samples: number[] = [];
  let mentions = 0;
  let firstReceived = Infinity;
  let lastProcessed = 0;
  for (const row of rows.records) {
    const received = Date.parse(row.get('received') as string);
    const processed = Date.parse(row.get('processed') as string);
    const n = Number(row.get('mentions'));
    mentions += n;
    firstReceived = Math.min(firstReceived, received);
    lastProcessed = Math.max(lastProcessed, processed);
    for (let i = 0; i < n; i += 1) samples.push(processed - received);
  }
  return { samples, mentions, firstReceived, lastProcessed };
}

/**
 * The single-mention resolution time, one at a time, so that queueing and other work do not count;
 * and the time of the candidate query alone (blocking keys to capped candidates, inside Neo4j).
 */
async function resolveLatency(graph: Graph, reports: readonly ReportInput[]): Promise<{ resolve: number[]; candidates: number[] }> {
  const resolver = new Resolver(graph, { engine: defaultResolverEngine() });
  const resolve: number[] = [];
  const candidates: number[] = [];
  for (const [i, report] of reports.entries()) {
    const stored: StoredReport = { id: `latency${i}`, orgId: 'bench-latency', country: report.country, reportedAt: null, receivedAt: new Date().toISOString(), status: 'processing', error: null, subjects: report.subjects.slice(0, 1), links: [] };
    const { mentions } = mentionsOf(stored);
    let started = performance.now();
    await resolver.resolve(mentions);
    resolve.push(performance.now() - started);
    started = performance.now();
    await findCandidates(graph, mentions.map((m) => m.id), DEFAULT_CANDIDATE_CAP);
    candidates.push(performance.now() - started);
  }
  return { resolve, candidates };
}

async function deleteOwnKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = createRedisConnection(redisUrl, 'worker');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineBenchResult> {
  const { log } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-'));
  const prefix = `lantern-bench-${Date.now().toString(36)}-${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LANTERN_DATA_DIR: dataDir,
    LANTERN_QUEUE_PREFIX: prefix,
    LANTERN_DEMO: '0',
    LANTERN_NEO4J_HEAP: options.heap,
    LANTERN_WORKER_BATCH: String(options.batch),
    PORT: String(await findFreePort()),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  delete env.NEO4J_URI;
  delete env.LANTERN_NEO4J_PORT;
  const config = loadConfig(env);
  // The worker processes log `workers started` at info; the bench itself keeps stdout for its table.
  const workerEnv = { ...env, LOG_LEVEL: 'info' };
  const logger = createLogger(config.logLevel);
  const lifecycle = new Lifecycle(logger);
  try {
    log(`Neo4j (heap ${options.heap}) in ${dataDir}; Redis ${config.redisUrl} under the prefix ${prefix}`);
    const db = await openNeo4j(config, logger, 'owned');
    lifecycle.add('neo4j', () => db.stop());
    await migrate(db.graph);
    const engine = defaultResolverEngine(config.match);

    log(`seeding ${options.entities} entities`);
    const seeded = await seedGraph(db.graph, engine, { count: options.entities, seed: options.seed, log });
    log(`  seeded in ${seeded.seconds.toFixed(1)} s`);

    const rng = seededRandom(options.seed + 1);
    const known: SeedEntity[] = seeded.known;
    const ceilingReports = Array.from({ length: Math.ceil(options.ceilingMentions / 2) }, (_, i) => benchReport(rng, 1_000_000_000 + i, known));
    const ceilingMentions = ceilingReports.flatMap((report, i) =>
      mentionsOf({ id: `ceiling${i}`, orgId: 'bench-ceiling', country: report.country, reportedAt: null, receivedAt: new Date().toISOString(), status: 'processing', error: null, subjects: report.subjects, links: [] }).mentions,
    );
    const writeCeiling = await measureWriteCeiling(db.graph, engine, ceilingMentions);
    log(`write ceiling: ${writeCeiling} mentions/s (phase-one writes in batches of 50, no matching)`);
    // The ingest and resolve workers of each process hold two batches of jobs at once.
    const queueConcurrency = options.workers * 2 * options.batch;
    const queueCeiling = await measureQueueCeiling(config.redisUrl, prefix, { jobs: 5000, concurrency: queueConcurrency });
    log(`queue ceiling: ${queueCeiling} empty jobs/s (BullMQ, concurrency ${queueConcurrency})`);

    const latencyReports = Array.from({ length: options.latencySamples }, (_, i) => benchReport(rng, 2_000_000_000 + i, known));
    const latency = await resolveLatency(db.graph, latencyReports);
    const resolve = percentiles(latency.resolve);
    const candidateQuery = percentiles(latency.candidates);
    log(`resolver alone, one mention at a time: p50 ${resolve.p50} ms, p90 ${resolve.p90} ms, p99 ${resolve.p99} ms over ${resolve.n}`);
    log(`candidate query alone: p50 ${candidateQuery.p50} ms, p99 ${candidateQuery.p99} ms`);

    const caseworker = await createApiKey(db.graph, { role: 'caseworker', org: BENCH_ORG, createdBy: 'bench' });
    await startApi(config, logger, db, config.redisUrl, lifecycle, new Registry());
    const workers = await startWorkerProcesses(options.workers, workerEnv, options.concurrency);
    lifecycle.add('worker processes', () => Promise.all(workers.map((w) => w.stop())));
    log(`${options.workers} worker processes (batches of ${options.batch}) started; pushing ${options.reports} reports through the API`);

    const reports = Array.from({ length: options.reports }, (_, i) => benchReport(rng, i, known));
    const pushed = await pushReports(`http://${config.host}:${config.port}`, caseworker.key, reports, options.clients);
    await waitProcessed(db.graph, pushed.ids.length, 30 * 60_000);
    const e2e = await endToEndSamples(db.graph);
    const mentionsPerSec = perSecond(e2e.mentions, e2e.lastProcessed - e2e.firstReceived);
    // Every report needs at least an ingest and a resolve job (a leads job when clusters change): the
    // queue ceiling in mentions, counted generously for the queue.
    const jobsPerReport = 2;
    const queueCeilingMentions = Number(((queueCeiling * e2e.mentions) / (pushed.ids.length * jobsPerReport)).toFixed(1));
    const ceiling = Math.min(writeCeiling, queueCeilingMentions);
    return {
      entities: options.entities,
      reports: pushed.ids.length,
      mentions: e2e.mentions,
      workers: options.workers,
      concurrency: options.concurrency,
      batch: options.batch,
      seedSeconds: Number(seeded.seconds.toFixed(1)),
      mentionsPerSec,
      resolve,
      candidateQuery,
      endToEnd: percentiles(e2e.samples),
      acceptMs: percentiles(pushed.acceptMs),
      writeCeilingMentionsPerSec: writeCeiling,
      queueCeilingJobsPerSec: queueCeiling,
      queueCeilingMentionsPerSec: queueCeilingMentions,
      ceilingMentionsPerSec: ceiling,
      ratio: Number((mentionsPerSec / ceiling).toFixed(3)),
    };
  } finally {
    await lifecycle.stop();
    await deleteOwnKeys(config.redisUrl, prefix).catch(() => undefined);
    if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}
