import { Graph } from '../../graph/driver';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { type OpenedCandidateIndex, openCandidateIndex } from '../../workers/candidateIndexConnection';

/** The run's Neo4j, started by globalSetup. */
export function testNeo4jUri(): string {
  const uri = process.env.LANTERN_TEST_NEO4J_URI;
  if (!uri)
    throw new Error("LANTERN_TEST_NEO4J_URI is not set: integration tests run through jest's integration project");
  return uri;
}

export function testGraph(): Graph {
  return new Graph({ uri: testNeo4jUri() });
}

export function testRedisUrl(): string {
  return process.env.LANTERN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A BullMQ prefix unique to this run and this use, so tests never touch another run's keys. */
export function testPrefix(name: string): string {
  const run = process.env.LANTERN_TEST_PREFIX;
  if (!run) throw new Error('LANTERN_TEST_PREFIX is not set');
  return `${run}-${name}`;
}

export { deleteKeysWithPrefix } from '../../workers/connection';

/** A candidate index on the real Redis, under a prefix of this run and this use. */
export function testCandidateIndex(graph: Graph, name: string): OpenedCandidateIndex {
  return openCandidateIndex({
    redisUrl: testRedisUrl(),
    prefix: testPrefix(name),
    graph,
    engine: defaultResolverEngine(),
    kind: 'worker',
  });
}

/**
 * Empties the run's own throwaway Neo4j (never a shared one) except the schema bookkeeping, for tests
 * that need a graph holding only what they wrote. Integration tests run one file at a time.
 */
export async function resetGraph(graph: Graph): Promise<void> {
  if (!process.env.LANTERN_TEST_NEO4J_URI) throw new Error('refusing to reset a graph outside the test run');
  for (;;) {
    const deleted = await graph.write(async (tx) => {
      const r = await tx.run(
        'MATCH (n) WHERE NOT n:SchemaMigration WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n',
      );
      return Number(r.records[0]?.get('n') ?? 0);
    });
    if (deleted === 0) return;
  }
}
