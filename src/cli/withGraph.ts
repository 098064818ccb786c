import { audit } from '../../graph/audit';
import type { Graph } from '../../graph/driver';
import { migrate } from '../../graph/migrations/migrate';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { openCandidateIndex } from '../../workers/candidateIndexConnection';
import { loadConfig } from '../config';
import { createLogger } from '../log/logger';
import { attachRedis } from '../stack/localRedis';
import { type Neo4jHandle, openNeo4j } from '../stack/neo4j';

/**
 * Runs `work` against the database of the running stack (NEO4J_URI, or the one `lantern start`
 * announced under LANTERN_DATA_DIR), migrated first; never starts a database of its own.
 */
export async function withGraph<T>(work: (neo4j: Neo4jHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const neo4j = await openNeo4j(config, createLogger(config.logLevel), 'attach');
  try {
    await migrate(neo4j.graph);
    return await work(neo4j);
  } finally {
    await neo4j.stop();
  }
}

/**
 * Runs `work` with the graph's candidate index on the stack's Redis (REDIS_URL, or the private one
 * `lantern start` announced), for commands that resolve or index: redo, bulk import, reindex.
 */
export async function withCandidateIndex<T>(graph: Graph, work: (index: CandidateIndex) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const redisUrl = await attachRedis(config.redisUrl, config.dataDir, createLogger(config.logLevel));
  const opened = openCandidateIndex({
    redisUrl,
    prefix: config.queuePrefix,
    graph,
    engine: defaultResolverEngine(config.match),
    kind: 'worker',
  });
  try {
    return await work(opened.index);
  } finally {
    await opened.close();
  }
}

/** Operator actions are audited as the command line, not as an API key. */
export const OPERATOR = { actor: 'cli', role: 'admin', org: 'lantern' };

/** Field errors as `lantern: --field: message` lines, with the usage exit code. */
export function refuseOptions(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): void {
  for (const issue of issues)
    process.stderr.write(`lantern: --${issue.path.map(String).join('.')}: ${issue.message}\n`);
  process.exitCode = 2;
}

/**
 * A registry's `create` command: registers, audits what is new under `action`, prints it as JSON, and
 * exits 1 without changing anything when the slug is taken.
 */
export async function registerOnce<T extends { slug: string }>(
  slug: string,
  register: (graph: Graph) => Promise<{ created: boolean; record: T }>,
  action: string,
  details: (record: T) => Record<string, unknown>,
): Promise<void> {
  const outcome = await withGraph(async ({ graph }) => {
    const registered = await register(graph);
    if (registered.created)
      await audit(graph, { ...OPERATOR, action, target: slug, details: details(registered.record) });
    return registered;
  });
  if (!outcome.created) {
    process.stderr.write(`lantern: organisation '${slug}' is already registered\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${JSON.stringify(outcome.record)}\n`);
}
