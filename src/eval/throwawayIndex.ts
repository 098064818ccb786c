import { randomUUID } from 'node:crypto';
import type { Graph } from '../../graph/driver';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { openCandidateIndex } from '../../workers/candidateIndexConnection';
import { deleteKeysWithPrefix } from '../../workers/connection';
import { loadConfig } from '../config';

/**
 * A candidate index for a throwaway graph (evaluations, neutrality runs): on the configured Redis under
 * a prefix of its own, whose keys are deleted afterwards (never anything else: the Redis may be shared).
 */
export async function withThrowawayIndex<T>(graph: Graph, work: (index: CandidateIndex) => Promise<T>): Promise<T> {
  const { redisUrl } = loadConfig();
  const prefix = `lantern-eval-${process.pid}-${randomUUID().slice(0, 8)}`;
  const opened = openCandidateIndex({ redisUrl, prefix, graph, engine: defaultResolverEngine(), kind: 'worker' });
  try {
    return await work(opened.index);
  } finally {
    await opened.close();
    await deleteKeysWithPrefix(redisUrl, `${prefix}:`);
  }
}
