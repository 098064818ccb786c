import type { Server } from 'node:http';
import type { Command } from 'commander';
import { Registry } from 'prom-client';
import type { Graph } from '../../graph/driver';
import { loadSigningKey } from '../../graph/exports/signing';
import type { LeadSettings } from '../../graph/exports/store';
import { migrate } from '../../graph/migrations/migrate';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { Resolver } from '../../graph/resolve/resolver';
import { createRedisConnection, readMaxmemoryPolicy } from '../../workers/connection';
import { PipelineMetrics } from '../../workers/metrics';
import { QUEUES } from '../../workers/queues';
import { startWorkers, type WorkerRuntime } from '../../workers/runtime';
import { type Config, loadConfig } from '../config';
import { loadDemoIfEmpty } from '../demo/loadDemo';
import { seedDemoDecisions } from '../demo/seedDecisions';
import { DEFAULT_LEAD_RULES } from '../domain/leads';
import { createApp } from '../http/app';
import { exportsRouter } from '../http/routes/exports';
import { leadsRouter } from '../http/routes/leads';
import { createLogger, type Logger } from '../log/logger';
import { buildApiContext } from '../stack/apiContext';
import { Lifecycle } from '../stack/lifecycle';
import { attachRedis, ensureRedis } from '../stack/localRedis';
import { type Neo4jHandle, openNeo4j } from '../stack/neo4j';
import { withCandidateIndex } from './withGraph';

async function warnOnEvictingRedis(url: string, logger: Logger): Promise<void> {
  const client = createRedisConnection(url, 'producer');
  client.on('error', () => undefined);
  try {
    const policy = await readMaxmemoryPolicy(client);
    if (policy && policy !== 'noeviction') {
      logger.warn(
        { policy },
        "Redis maxmemory-policy is not 'noeviction': queued jobs can be evicted; set it to noeviction",
      );
    }
  } finally {
    client.disconnect();
  }
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** The API and the workers must agree on the lead policy and the signing key. */
const leadSettings = (config: Config): LeadSettings => ({
  rules: DEFAULT_LEAD_RULES,
  ...config.leads,
  signer: loadSigningKey(config.dataDir),
});

export async function startApi(
  config: Config,
  logger: Logger,
  neo4j: Neo4jHandle,
  redisUrl: string,
  lifecycle: Lifecycle,
  registry: Registry,
): Promise<void> {
  const ctx = buildApiContext(config, neo4j.graph, redisUrl, logger);
  lifecycle.add('api-context', () => ctx.close());
  const leads = leadSettings(config);
  const server = await listen(
    createApp(ctx, {
      registry,
      apiRouters: [leadsRouter(leads), exportsRouter(leads)],
      authFailures: config.authFailures,
      trustProxyHops: config.trustProxyHops,
    }),
    config,
  );
  lifecycle.add('http', () => closeServer(server));
  logger.info({ url: `http://${config.host}:${config.port}` }, 'Lantern API listening');
}

/** The demo's decisions wait for the workers; the API starts meanwhile, and a stop interrupts the wait. */
function seedInBackground(
  graph: Neo4jHandle['graph'],
  config: Config,
  logger: Logger,
  lifecycle: Lifecycle,
  reportIds: string[],
): void {
  const stop = new AbortController();
  const seeding = seedDemoDecisions(graph, leadSettings(config), logger, { reportIds, signal: stop.signal }).catch(
    (err: unknown) => {
      if (!stop.signal.aborted) logger.warn({ err }, 'seeding the demo decisions failed; the demo reports are loaded');
    },
  );
  lifecycle.add('demo-decisions', () => {
    stop.abort();
    return seeding;
  });
}

async function runWorkers(
  config: Config,
  logger: Logger,
  neo4j: Neo4jHandle,
  redisUrl: string,
  lifecycle: Lifecycle,
  options: { concurrency?: number; registry?: Registry } = {},
): Promise<WorkerRuntime> {
  const runtime = await startWorkers({
    graph: neo4j.graph,
    redisUrl,
    prefix: config.queuePrefix,
    logger,
    thresholds: config.match,
    concurrency: options.concurrency ?? config.workers.concurrency,
    batch: { maxSize: config.workers.batch },
    lockDurationMs: config.workers.lockDurationMs,
    metrics: options.registry && new PipelineMetrics(options.registry),
    leads: leadSettings(config),
    imports: { secret: config.secret },
  });
  lifecycle.add('workers', () => runtime.close());
  return runtime;
}

/** Runs `body` with a lifecycle that stops everything on SIGINT/SIGTERM, or at once if start-up fails. */
async function serveUntilSignal(
  body: (config: Config, logger: Logger, lifecycle: Lifecycle) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const lifecycle = new Lifecycle(logger);
  const stopped = lifecycle.untilSignal();
  try {
    await body(config, logger, lifecycle);
  } catch (err) {
    await lifecycle.stop();
    throw err;
  }
  await stopped;
}

/**
 * Runs a batch command on the running stack's graph (migrated first) and its candidate index, and
 * prints what it returns as one JSON line, with the seconds it took.
 */
async function printJsonOnGraph(
  work: (graph: Graph, index: CandidateIndex, config: Config) => Promise<Record<string, unknown>>,
): Promise<void> {
  const config = loadConfig();
  const neo4j = await openNeo4j(config, createLogger(config.logLevel), 'attach');
  try {
    await migrate(neo4j.graph);
    const started = Date.now();
    const result = await withCandidateIndex(neo4j.graph, (index) => work(neo4j.graph, index, config));
    process.stdout.write(`${JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 })}\n`);
  } finally {
    await neo4j.stop();
  }
}

export function registerStackCommands(program: Command): void {
  program
    .command('start')
    .description(
      'Start the whole local stack: Neo4j (unless NEO4J_URI is set), Redis check, migrations, demo data, API and ' +
        'workers. Ctrl-C stops everything.',
    )
    .action(() =>
      serveUntilSignal(async (config, logger, lifecycle) => {
        const neo4j = await openNeo4j(config, logger, 'owned');
        lifecycle.add('neo4j', () => neo4j.stop());
        const redis = await ensureRedis(config.redisUrl, config.dataDir, logger);
        lifecycle.add('redis', () => redis.stop());
        await warnOnEvictingRedis(redis.url, logger);
        logger.info(await migrate(neo4j.graph), 'schema migrated');
        // One registry for the API and the workers of this process, so /metrics shows both.
        const registry = new Registry();
        const workers = await runWorkers(config, logger, neo4j, redis.url, lifecycle, { registry });
        if (config.demo) {
          const demo = await loadDemoIfEmpty(neo4j.graph, config.secret, logger, (id) =>
            workers.queues.add(QUEUES.ingest, id, { reportId: id }),
          );
          if (!demo.skipped) seedInBackground(neo4j.graph, config, logger, lifecycle, demo.reportIds);
        }
        await startApi(config, logger, neo4j, redis.url, lifecycle, registry);
      }),
    );

  program
    .command('serve')
    .description(
      'Run the API only (for scaling out); needs NEO4J_URI and REDIS_URL, or a `lantern start` on this host.',
    )
    .action(() =>
      serveUntilSignal(async (config, logger, lifecycle) => {
        const neo4j = await openNeo4j(config, logger, 'attach');
        lifecycle.add('neo4j', () => neo4j.stop());
        const redisUrl = await attachRedis(config.redisUrl, config.dataDir, logger);
        await migrate(neo4j.graph);
        await startApi(config, logger, neo4j, redisUrl, lifecycle, new Registry());
      }),
    );

  program
    .command('worker')
    .description(
      'Run queue workers only (for scaling out on any host); needs NEO4J_URI and REDIS_URL, or a `lantern start` on ' +
        'this host.',
    )
    .option('--concurrency <n>', 'jobs processed at once per queue', (v) => Number.parseInt(v, 10))
    .action((opts: { concurrency?: number }) =>
      serveUntilSignal(async (config, logger, lifecycle) => {
        const neo4j = await openNeo4j(config, logger, 'attach');
        lifecycle.add('neo4j', () => neo4j.stop());
        logger.info({ uri: neo4j.uri }, 'Neo4j answers');
        const redisUrl = await attachRedis(config.redisUrl, config.dataDir, logger);
        logger.info(await migrate(neo4j.graph), 'schema migrated');
        await runWorkers(config, logger, neo4j, redisUrl, lifecycle, { concurrency: opts.concurrency });
      }),
    );

  program
    .command('redo')
    .description(
      "Decide every mention's pairs again on the graph as it is now (after a change of model or thresholds, or to " +
        "converge at once); analysts' judgements stay. Prints JSON.",
    )
    .action(() =>
      printJsonOnGraph(async (graph, index, config) => {
        const mentions = await new Resolver(graph, { index, engine: defaultResolverEngine(config.match) }).redoAll(
          (done, total) => process.stderr.write(`\rdecided again ${done} of ${total}`),
        );
        process.stderr.write('\n');
        return { mentions };
      }),
    );

  program
    .command('reindex')
    .description(
      "Rebuild the candidate index in Redis from the graph's mentions (after Redis lost its data, a graph was " +
        'restored, or blocking keys changed); workers rebuild a missing one by themselves. Prints JSON.',
    )
    .action(() =>
      printJsonOnGraph(async (_graph, index) => {
        const built = await index.rebuild((done) => process.stderr.write(`\rindexed ${done} mentions`));
        process.stderr.write('\n');
        return { mentions: built.mentions, keys: built.keys };
      }),
    );

  program
    .command('migrate')
    .description('Apply the graph schema migrations (idempotent) and print the schema version as JSON.')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const neo4j = await openNeo4j(config, logger, 'attach');
      try {
        process.stdout.write(`${JSON.stringify(await migrate(neo4j.graph))}\n`);
      } finally {
        await neo4j.stop();
      }
    });
}
