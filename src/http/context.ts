import type { KeyVerifier } from '../../graph/auth/apiKeys';
import type { Graph } from '../../graph/driver';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import type { ResolverEngine } from '../../graph/resolve/engine';
import type { Producer } from '../../workers/queues';
import type { Logger } from '../log/logger';

/** Everything the HTTP layer needs, built once per process and handed to every router. */
export interface ApiContext {
  graph: Graph;
  logger: Logger;
  /** HMAC secret for case references. */
  secret: string;
  keys: KeyVerifier;
  producer: Producer;
  engine: ResolverEngine;
  /** The resolver's candidate index, which name search reads. */
  index: CandidateIndex;
  pingRedis: () => Promise<unknown>;
}
