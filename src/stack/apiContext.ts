import { KeyVerifier } from '../../graph/auth/apiKeys';
import type { Graph } from '../../graph/driver';
import { defaultResolverEngine } from '../../graph/resolve/engine';
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
  return {
    graph,
    logger,
    secret: config.secret,
    keys: new KeyVerifier(graph, config.adminKey),
    producer,
    engine: defaultResolverEngine(config.match),
    pingRedis: () => pingRedis(redisUrl, 1500),
    close: () => producer.close(),
  };
}
