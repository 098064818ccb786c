import { KeyVerifier } from '../../graph/auth/apiKeys';
import { Graph } from '../../graph/driver';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { createApp } from '../../src/http/app';
import type { ApiContext } from '../../src/http/context';
import { createLogger } from '../../src/log/logger';
import { pingRedis } from '../../workers/connection';
import { Producer } from '../../workers/queues';
import { serve } from '../support/http';
import { testCandidateIndex, testGraph, testPrefix, testRedisUrl } from '../support/services';

const logger = createLogger('silent');

/** The app with only what /health needs real; the API routes are tested elsewhere. */
const producers: Producer[] = [];
const indexes: Array<ReturnType<typeof testCandidateIndex>> = [];
function contextWith(graph: Graph, ping: () => Promise<unknown>): ApiContext {
  const producer = new Producer(testRedisUrl(), testPrefix('health'));
  producers.push(producer);
  const candidates = testCandidateIndex(graph, 'health');
  indexes.push(candidates);
  return {
    graph,
    logger,
    secret: 'x'.repeat(32),
    keys: new KeyVerifier(graph, undefined),
    producer,
    engine: defaultResolverEngine(),
    index: candidates.index,
    pingRedis: ping,
  };
}
afterAll(() => Promise.all([...producers, ...indexes].map((p) => p.close())));

describe('GET /health', () => {
  it('answers 200 with both parts up and the version when Neo4j and Redis answer', async () => {
    const graph = testGraph();
    const server = await serve(createApp(contextWith(graph, () => pingRedis(testRedisUrl()))));
    try {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'ok',
        neo4j: 'up',
        redis: 'up',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      });
      expect(res.headers.get('x-request-id')).toBeTruthy();
    } finally {
      await server.close();
      await graph.close();
    }
  });

  it('answers 503 naming Redis when Redis does not answer', async () => {
    const graph = testGraph();
    const server = await serve(createApp(contextWith(graph, () => pingRedis('redis://127.0.0.1:1', 300))));
    try {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', neo4j: 'up', redis: 'down', down: ['redis'] });
    } finally {
      await server.close();
      await graph.close();
    }
  });

  it('answers 503 naming Neo4j when Neo4j does not answer', async () => {
    const graph = new Graph({ uri: 'bolt://127.0.0.1:1' });
    const server = await serve(createApp(contextWith(graph, () => pingRedis(testRedisUrl()))));
    try {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ neo4j: 'down', redis: 'up', down: ['neo4j'] });
    } finally {
      await server.close();
      await graph.close();
    }
  });

  it('answers unknown routes and unreadable bodies with JSON errors, never HTML', async () => {
    const graph = testGraph();
    const server = await serve(createApp(contextWith(graph, () => pingRedis(testRedisUrl()))));
    try {
      const res = await fetch(`${server.url}/nowhere`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'no route for GET /nowhere' });
    } finally {
      await server.close();
      await graph.close();
    }
  });
});
