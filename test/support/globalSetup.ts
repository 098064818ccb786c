import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ulid } from 'ulid';
import { Graph } from '../../graph/driver';
import { migrate } from '../../graph/migrations/migrate';
import { type LocalNeo4j, startLocalNeo4j } from '../../graph/server/localNeo4j';

declare global {
  var __LANTERN_TEST_NEO4J__: { server: LocalNeo4j; dataDir: string } | undefined;
}

/**
 * One real Neo4j per test run, on a free port with a throwaway data directory; the real Redis with a
 * prefix no other run uses. Workers inherit the addresses through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-test-neo4j-'));
  const started = Date.now();
  const server = await startLocalNeo4j({ dataDir, heap: '1g' });
  globalThis.__LANTERN_TEST_NEO4J__ = { server, dataDir };
  process.env.LANTERN_TEST_NEO4J_URI = server.uri;
  process.env.LANTERN_TEST_PREFIX = `lantern-test-${ulid().toLowerCase()}`;
  process.env.LANTERN_TEST_REDIS_URL ??= 'redis://127.0.0.1:6379';
  const graph = new Graph({ uri: server.uri });
  try {
    await migrate(graph);
  } finally {
    await graph.close();
  }
  process.stderr.write(
    `\n[test setup] Neo4j ready at ${server.uri} in ${Date.now() - started} ms; Redis ` +
      `prefix ${process.env.LANTERN_TEST_PREFIX}\n`,
  );
}
