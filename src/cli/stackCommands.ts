import type { Server } from 'node:http';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config';
import { createApp } from '../http/app';
import { createLogger, type Logger } from '../log/logger';
import { Lifecycle } from '../stack/lifecycle';
import { ensureRedis, type RedisHandle } from '../stack/localRedis';
import { openNeo4j, type Neo4jHandle } from '../stack/neo4j';
import { loadDemoIfEmpty } from '../demo/loadDemo';
import { migrate } from '../../graph/migrations/migrate';
import { createRedisConnection, pingRedis, readMaxmemoryPolicy } from '../../workers/connection';

async function warnOnEvictingRedis(url: string, logger: Logger): Promise<void> {
  const client = createRedisConnection(url, 'producer');
  client.on('error', () => undefined);
  try {
    const policy = await readMaxmemoryPolicy(client);
    if (policy && policy !== 'noeviction') {
      logger.warn({ policy }, "Redis maxmemory-policy is not 'noeviction': queued jobs can be evicted; set it to noeviction");
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

async function startApi(config: Config, logger: Logger, neo4j: Neo4jHandle, redis: RedisHandle, lifecycle: Lifecycle): Promise<void> {
  const app = createApp({ graph: neo4j.graph, pingRedis: () => pingRedis(redis.url, 1500), logger });
  const server = await listen(app, config);
  lifecycle.add('http', () => closeServer(server));
  logger.info({ url: `http://${config.host}:${config.port}` }, 'Lantern API listening');
}

export function registerStackCommands(program: Command): void {
  program
    .command('start')
    .description('Start the whole local stack: Neo4j (unless NEO4J_URI is set), Redis check, migrations, demo data, API and workers. Ctrl-C stops everything.')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const lifecycle = new Lifecycle(logger);
      const stopped = lifecycle.untilSignal();
      try {
        const neo4j = await openNeo4j(config, logger, 'owned');
        lifecycle.add('neo4j', () => neo4j.stop());
        const redis = await ensureRedis(config.redisUrl, config.dataDir, logger);
        lifecycle.add('redis', () => redis.stop());
        await warnOnEvictingRedis(redis.url, logger);
        const migration = await migrate(neo4j.graph);
        logger.info(migration, 'schema migrated');
        if (config.demo) await loadDemoIfEmpty(neo4j.graph, config.secret, logger);
        await startApi(config, logger, neo4j, redis, lifecycle);
      } catch (err) {
        await lifecycle.stop();
        throw err;
      }
      await stopped;
    });

  program
    .command('serve')
    .description('Run the API only (for scaling out); needs NEO4J_URI and REDIS_URL, or a `lantern start` on this host.')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const lifecycle = new Lifecycle(logger);
      const stopped = lifecycle.untilSignal();
      try {
        const neo4j = await openNeo4j(config, logger, 'attach');
        lifecycle.add('neo4j', () => neo4j.stop());
        await pingRedis(config.redisUrl);
        await migrate(neo4j.graph);
        await startApi(config, logger, neo4j, { url: config.redisUrl, stop: async () => undefined }, lifecycle);
      } catch (err) {
        await lifecycle.stop();
        throw err;
      }
      await stopped;
    });

  program
    .command('migrate')
    .description('Apply the graph schema migrations (idempotent) and print the schema version as JSON.')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const neo4j = await openNeo4j(config, logger, 'owned');
      try {
        const outcome = await migrate(neo4j.graph);
        process.stdout.write(`${JSON.stringify(outcome)}\n`);
      } finally {
        await neo4j.stop();
      }
    });
}
