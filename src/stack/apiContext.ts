import { KeyVerifier } from '../../graph/auth/apiKeys';
import type { Graph } from '../../graph/driver';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { openCandidateIndex } from '../../workers/candidateIndexConnection';
import { pingRedis } from '../../workers/connection';
import { Producer } from '../../workers/queues';
import type { Config } from '../config';
import type { ApiContext } from '../http/context';
import type { Logger } from '../log/logger';

/** The API's dependencies for one process; `close` releases what it opened (not the graph). */
export function buildApiContext(
  config: Config,
  graph: Graph,
  redisUrl: string,
  logger: Logger,
): ApiContext & { close: () => Promise<void> } {
  const producer = new Producer(redisUrl, config.queuePrefix);
  const engine = defaultResolverEngine(config.match);
  const opened = openCandidateIndex({ redisUrl, prefix: config.queuePrefix, graph, engine, kind: 'producer' });
  return {
    graph,
    logger,
    secret: config.secret,
    keys: new KeyVerifier(graph, config.adminKey),
    producer,
    engine,
    index: opened.index,
    pingRedis: () => pingRedis(redisUrl, 1500),
    close: async () => {
      await producer.close();
      await opened.close();
    },
  };
}
