import { KeyVerifier } from '../../graph/auth/apiKeys';
import { Graph } from '../../graph/driver';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import type { ApiRole } from '../../src/domain/auth';
import { type AppOptions, createApp } from '../../src/http/app';
import type { ApiContext } from '../../src/http/context';
import { createLogger, type Logger } from '../../src/log/logger';
import { openCandidateIndex } from '../../workers/candidateIndexConnection';
import { pingRedis } from '../../workers/connection';
import { Producer } from '../../workers/queues';
import { startWorkers, type WorkerRuntime, type WorkerRuntimeOptions } from '../../workers/runtime';
import { serve } from './http';
import { createTestKey } from './keys';
import { testGraph, testPrefix, testRedisUrl } from './services';

export const TEST_ADMIN_KEY = 'lantern-test-admin-key-0000000000';
export const TEST_SECRET = 'lantern-test-secret-000000000000000000';

export interface TestStack {
  url: string;
  graph: Graph;
  ctx: ApiContext;
  workers?: WorkerRuntime;
  prefix: string;
  keyFor(role: ApiRole, org: string): Promise<string>;
  /** fetch against the API with a key. */
  call(path: string, init?: RequestInit & { key?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** The API's context on a test graph and producer: the real key verifier and resolver engine, Redis reported up. */
export function testApiContext(
  graph: Graph,
  producer: Producer,
  index: CandidateIndex,
  logger: Logger,
  secret: string,
  adminKey?: string,
) {
  const ctx: ApiContext = {
    graph,
    logger,
    secret,
    keys: new KeyVerifier(graph, adminKey),
    producer,
    engine: defaultResolverEngine(),
    index,
    pingRedis: async () => undefined,
  };
  return ctx;
}

/**
 * The API and (optionally) the workers in this process, on the run's Neo4j and the real Redis under a
 * prefix of their own: the same parts `lantern start` wires, with nothing mocked.
 */
export async function startTestStack(
  name: string,
  options: {
    workers?: boolean;
    redisUrl?: string;
    neo4jUri?: string;
    app?: AppOptions;
    workerOptions?: Partial<WorkerRuntimeOptions>;
    logger?: Logger;
  } = {},
): Promise<TestStack> {
  // A test may bring a Neo4j of its own (one it stops and restarts) instead of the run's shared one.
  const graph = options.neo4jUri ? new Graph({ uri: options.neo4jUri }) : testGraph();
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const prefix = testPrefix(name);
  const logger = options.logger ?? createLogger('silent');
  const producer = new Producer(redisUrl, prefix);
  const opened = openCandidateIndex({ redisUrl, prefix, graph, engine: defaultResolverEngine(), kind: 'producer' });
  const ctx: ApiContext = {
    graph,
    logger,
    secret: TEST_SECRET,
    keys: new KeyVerifier(graph, TEST_ADMIN_KEY),
    producer,
    engine: defaultResolverEngine(),
    index: opened.index,
    pingRedis: () => pingRedis(redisUrl, 1000),
  };
  const server = await serve(createApp(ctx, options.app));
  const workers =
    options.workers === false
      ? undefined
      : await startWorkers({
          graph,
          redisUrl,
          prefix,
          logger,
          reconcilerIntervalMs: 500,
          receivedGraceMs: 1000,
          ...options.workerOptions,
        });
  const keys = new Map<string, string>();
  const call = (path: string, init: RequestInit & { key?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('Authorization', `Bearer ${init.key}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${server.url}${path}`, { ...init, headers, body });
  };
  return {
    url: server.url,
    graph,
    ctx,
    workers,
    prefix,
    call,
    async keyFor(role, org) {
      const id = `${role}:${org}`;
      if (!keys.has(id)) keys.set(id, (await createTestKey(graph, { role, org, createdBy: 'test' })).key);
      return keys.get(id)!;
    },
    async close() {
      await workers?.close();
      await server.close();
      await producer.close();
      await opened.close();
      await graph.close();
    },
  };
}

/** Polls a report until it reaches a final status. */
export async function untilProcessed(
  stack: TestStack,
  reportId: string,
  key: string,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await stack.call(`/api/v1/reports/${reportId}`, { key });
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status === 'processed' || body.status === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`report ${reportId} still ${String(body.status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
