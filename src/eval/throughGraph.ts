import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { Graph } from '../../graph/driver';
import { migrate } from '../../graph/migrations/migrate';
import { resolveRecordsInBulk, resolveRecordsThroughGraph } from '../../graph/resolve/labelled';
import { startLocalNeo4j } from '../../graph/server/localNeo4j';
import type { MatchRecord } from '../../matching/types';
import { withThrowawayIndex } from './throwawayIndex';

export interface GraphEvalOptions {
  batchSize?: number;
  concurrency?: number;
  heap?: string;
  logger?: Logger;
  onProgress?: (done: number, total: number) => void;
  redo?: boolean;
  /** Resolve the whole set at once (`lantern import --bulk`) instead of streaming it in batches. */
  bulk?: boolean;
}

export interface GraphEvalResult {
  labels: string[];
  /** Resolution time alone, without starting and stopping the database. */
  seconds: number;
  startSeconds: number;
}

/**
 * Resolves labelled records through the production resolver into a throwaway local Neo4j (its own
 * temporary data directory, deleted afterwards), so that evaluation measures exactly what runs in
 * production, graph queries included.
 */
export async function resolveInThrowawayGraph(
  records: readonly MatchRecord[],
  options: GraphEvalOptions = {},
): Promise<GraphEvalResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-eval-'));
  const startedAt = Date.now();
  const server = await startLocalNeo4j({
    dataDir,
    heap: options.heap ?? '2g',
    pageCache: '512m',
    logger: options.logger,
  });
  const graph = new Graph({ uri: server.uri });
  try {
    await migrate(graph);
    const startSeconds = (Date.now() - startedAt) / 1000;
    const began = Date.now();
    const labels = await withThrowawayIndex(graph, async (index) =>
      options.bulk
        ? (await resolveRecordsInBulk(graph, index, records, { onProgress: options.onProgress })).labels
        : await resolveRecordsThroughGraph(graph, index, records, {
            batchSize: options.batchSize,
            concurrency: options.concurrency,
            onProgress: options.onProgress,
            redo: options.redo ?? true,
          }),
    );
    return { labels, seconds: (Date.now() - began) / 1000, startSeconds };
  } finally {
    await graph.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
