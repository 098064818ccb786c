/**
 * The throwaway stack every `lantern bench` run measures: its own Neo4j in a temporary directory, the
 * configured Redis under a prefix of the run's own (deleted afterwards), seeded with N generated
 * entities; the API and worker processes started on demand.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedEntity } from '../../fixtures/bench/workload';
import { createApiKey } from '../../graph/auth/apiKeys';
import { registerOrganisation } from '../../graph/auth/organisations';
import type { Graph } from '../../graph/driver';
import { migrate } from '../../graph/migrations/migrate';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { defaultResolverEngine, type ResolverEngine } from '../../graph/resolve/engine';
import { findFreePort } from '../../graph/server/freePort';
import { openCandidateIndex } from '../../workers/candidateIndexConnection';
import { createRedisConnection, deleteKeysWithPrefix } from '../../workers/connection';
import { type Config, loadConfig } from '../config';
import { createLogger } from '../log/logger';
import { Lifecycle } from '../stack/lifecycle';
import { openNeo4j } from '../stack/neo4j';
import { startLanternProcess } from './lanternProcesses';
import { seedGraph } from './seed';

export const BENCH_ORG = 'bench-ngo';

export interface BenchStackOptions {
  entities: number;
  seed: number;
  heap: string;
  /** Page cache of the throwaway Neo4j: the store of a million entities is several gigabytes. */
  pageCache: string;
  /** Ingest and resolve jobs handled together per pass in each worker process. */
  batch: number;
  keep: boolean;
  log: (line: string) => void;
}

export interface BenchStack {
  config: Config;
  graph: Graph;
  engine: ResolverEngine;
  /** The stack's candidate index, on its Redis under its prefix. */
  index: CandidateIndex;
  prefix: string;
  /** A sample of the seeded entities, the ones generated reports name again. */
  known: SeedEntity[];
  seedSeconds: number;
  /** Starts `lantern serve` in a process of its own; resolves to its URL and a caseworker key of BENCH_ORG. */
  startApi(): Promise<{ url: string; key: string }>;
  /** A caseworker key of another organisation, whose reports are kept apart from BENCH_ORG's. */
  caseworkerKey(org: string): Promise<string>;
  /** Starts `lantern worker` processes. */
  startWorkers(count: number, concurrency: number): Promise<void>;
  /** The processes of the stack on this host (Neo4j, API, workers, Redis, this client), for CPU accounting. */
  processes(): Promise<Array<{ name: string; pid: number }>>;
  close(): Promise<void>;
}

/** Redis's process when it runs on this host (its CPU is part of the pipeline's), else undefined. */
async function localRedisPid(url: string): Promise<number | undefined> {
  const redis = createRedisConnection(url, 'producer', { lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
    return Number.isInteger(pid) && existsSync(`/proc/${pid}/stat`) ? pid : undefined;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const { log } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-'));
  const prefix = `lantern-bench-${Date.now().toString(36)}-${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LANTERN_DATA_DIR: dataDir,
    LANTERN_QUEUE_PREFIX: prefix,
    LANTERN_DEMO: '0',
    LANTERN_NEO4J_HEAP: options.heap,
    LANTERN_NEO4J_PAGECACHE: options.pageCache,
    LANTERN_WORKER_BATCH: String(options.batch),
    PORT: String(await findFreePort()),
    // Processes log their start at info; the bench's own stdout is kept for its table.
    LOG_LEVEL: 'info',
  };
  delete env.NEO4J_URI;
  delete env.LANTERN_NEO4J_PORT;
  const config = loadConfig(env);
  const lifecycle = new Lifecycle(createLogger('warn'));
  const cleanUp = async () => {
    await lifecycle.stop();
    await deleteKeysWithPrefix(config.redisUrl, `${prefix}:`).catch(() => undefined);
    if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    log(
      `Neo4j (heap ${options.heap}, page cache ${options.pageCache}) in ${dataDir}; Redis ${config.redisUrl} under ` +
        `the prefix ${prefix}`,
    );
    const db = await openNeo4j(config, createLogger('warn'), 'owned');
    lifecycle.add('neo4j', () => db.stop());
    await migrate(db.graph);
    const engine = defaultResolverEngine(config.match);
    const opened = openCandidateIndex({ redisUrl: config.redisUrl, prefix, graph: db.graph, engine, kind: 'worker' });
    lifecycle.add('candidate index', () => opened.close());
    log(`seeding ${options.entities} entities`);
    const seeded = await seedGraph(db.graph, opened.index, engine, {
      count: options.entities,
      seed: options.seed,
      log,
    });
    log(`  seeded in ${seeded.seconds.toFixed(1)} s`);
    const processes: Array<{ name: string; pid: number }> = [{ name: 'bench client (this process)', pid: process.pid }];
    if (db.pid) processes.push({ name: 'neo4j', pid: db.pid });
    const caseworkerKey = async (org: string) => {
      await registerOrganisation(db.graph, { slug: org, name: org, country: 'TH' });
      const person = { name: `Bench caseworker of ${org}`, email: `caseworker.${org}@bench.example` };
      return (await createApiKey(db.graph, { role: 'caseworker', org, person, createdBy: 'bench' })).key;
    };
    return {
      config,
      graph: db.graph,
      engine,
      index: opened.index,
      prefix,
      known: seeded.known,
      seedSeconds: seeded.seconds,
      async startApi() {
        const api = await startLanternProcess(['serve'], env, 'Lantern API listening');
        processes.push({ name: 'api', pid: api.child.pid! });
        lifecycle.add('api process', () => api.stop());
        return { url: `http://${config.host}:${config.port}`, key: await caseworkerKey(BENCH_ORG) };
      },
      caseworkerKey,
      async startWorkers(count, concurrency) {
        const workers = await Promise.all(
          Array.from({ length: count }, () =>
            startLanternProcess(['worker', '--concurrency', String(concurrency)], env, 'workers started'),
          ),
        );
        lifecycle.add('worker processes', () => Promise.all(workers.map((w) => w.stop())));
        workers.forEach((w, i) => {
          processes.push({ name: `worker ${i + 1}`, pid: w.child.pid! });
        });
      },
      async processes() {
        const redis = await localRedisPid(config.redisUrl);
        return redis === undefined ? [...processes] : [...processes, { name: 'redis', pid: redis }];
      },
      close: cleanUp,
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
