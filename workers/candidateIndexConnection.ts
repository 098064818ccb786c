import type { Graph } from '../graph/driver';
import { CandidateIndex } from '../graph/resolve/candidateIndex';
import type { ResolverEngine } from '../graph/resolve/engine';
import { createRedisConnection } from './connection';

export interface OpenedCandidateIndex {
  index: CandidateIndex;
  close(): Promise<void>;
}

/**
 * The candidate index of one process on a Redis connection of its own: workers and batch commands wait
 * for Redis as BullMQ does ('worker'), the API's search fails fast ('producer').
 */
export function openCandidateIndex(options: {
  redisUrl: string;
  prefix: string;
  graph: Graph;
  engine: Pick<ResolverEngine, 'prepare' | 'blockingKeys'>;
  kind: 'worker' | 'producer';
}): OpenedCandidateIndex {
  // Commands wait for the first connection either way; 'producer' fails fast once Redis goes away.
  const redis = createRedisConnection(options.redisUrl, options.kind, { enableOfflineQueue: true });
  redis.on('error', () => undefined);
  return {
    index: new CandidateIndex(redis, options.graph, options.engine, options.prefix),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
