import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * BullMQ workers block on Redis commands, so their connection must retry forever
 * (`maxRetriesPerRequest: null`); producers on the request path want to fail fast instead so that an
 * unreachable Redis never holds an HTTP answer (the outbox re-queues later).
 */
export function createRedisConnection(url: string, kind: 'worker' | 'producer', extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    kind === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  return new IORedis(url, { ...base, lazyConnect: false, ...extra });
}

/** Resolves when Redis answers PING within `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = 2000): Promise<void> {
  const client = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

/** Deletes only keys that start with `prefix` (SCAN, never FLUSH: the Redis may be shared); returns how many. */
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

/** Resolves once the client is connected, so that a fail-fast client does not refuse its first command. */
export function whenReady(client: Redis, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.removeListener('ready', onReady);
      reject(new Error(`Redis was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}

/** BullMQ needs `noeviction`: an evicting Redis silently drops queued jobs. */
export async function readMaxmemoryPolicy(client: Redis): Promise<string | undefined> {
  await whenReady(client);
  try {
    const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
    return reply[1];
  } catch {
    // Managed Redis services often forbid CONFIG; the provider's documentation is then the place to check.
    return undefined;
  }
}
