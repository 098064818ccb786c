import { rmSync } from 'node:fs';
import { deleteKeysWithPrefix } from './services';

export default async function globalTeardown(): Promise<void> {
  const neo4j = globalThis.__LANTERN_TEST_NEO4J__;
  if (neo4j) {
    await neo4j.server.stop();
    rmSync(neo4j.dataDir, { recursive: true, force: true });
  }
  const prefix = process.env.LANTERN_TEST_PREFIX;
  if (prefix) await deleteKeysWithPrefix(process.env.LANTERN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
}
