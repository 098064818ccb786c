import IORedis from 'ioredis';
import { Graph } from '../../graph/driver';

/** The run's Neo4j, started by globalSetup. */
export function testNeo4jUri(): string {
  const uri = process.env.LANTERN_TEST_NEO4J_URI;
  if (!uri) throw new Error('LANTERN_TEST_NEO4J_URI is not set: integration tests run through jest\'s integration project');
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

/** Deletes only keys that start with `prefix` (SCAN, never FLUSH: the Redis is shared). */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
