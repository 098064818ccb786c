import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Graph } from '../graph/driver';
import { setReportStatus } from '../graph/reports/pipeline';
import { defaultResolverEngine } from '../graph/resolve/engine';
import { Resolver } from '../graph/resolve/resolver';
import type { MatchThresholds } from '../matching/types';
import type { MicroBatchOptions } from './microBatcher';
import type { PipelineMetrics } from './metrics';
import { ingestProcessor } from './processors/ingest';
import { resolveProcessor } from './processors/resolve';
import { QUEUES, WorkerQueues, type QueueJob, type QueueProcessor } from './queues';
import { startQueueWorker, type QueueWorkerOptions } from './queueWorker';
import { Reconciler } from './reconciler';

/** Up to 16 reports per resolver pass; a lone job waits at most 5 ms for company. */
export const DEFAULT_BATCH: MicroBatchOptions = { maxSize: 16, maxWaitMs: 5 };

export interface WorkerRuntimeOptions {
  graph: Graph;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Jobs processed at once per queue in this process (leads, imports). */
  concurrency?: number;
  /**
   * Ingest and resolve jobs held at once are handled together in batches of up to `maxSize`; the
   * process holds two batches' worth, so one fills while the other runs.
   */
  batch?: Partial<MicroBatchOptions>;
  /** How long a job stays locked to a worker that stops answering (a killed process). */
  lockDurationMs?: number;
  thresholds?: Partial<MatchThresholds>;
  metrics?: PipelineMetrics;
  reconcilerIntervalMs?: number;
  receivedGraceMs?: number;
  /** How long a `processing` report may stay still before the reconciler queues it again. */
  stuckAfterMs?: number;
  /** Recorded on every job this process takes (BullMQ's `processedBy`), for the dashboard and operators. */
  workerName?: string;
  /** Extra processors other capabilities register (leads, imports), by queue. */
  extraProcessors?: { leads?: QueueProcessor<'leads'>; imports?: (queues: WorkerQueues) => QueueProcessor<'imports'> };
  /** Further outboxes swept by the reconciler (imports), made with this process's queues. */
  extraSweeps?: Array<(queues: WorkerQueues) => () => Promise<number>>;
  /** Called when a job has failed for the last time. */
  onFinalFailure?: { imports?: (job: QueueJob<'imports'>, error: Error) => Promise<void> };
}

export interface WorkerRuntime {
  queues: WorkerQueues;
  reconciler: Reconciler;
  close(): Promise<void>;
}

/**
 * Starts this process's share of the pipeline: a BullMQ worker per queue and the outbox reconciler.
 * Any number of processes on any hosts can run this against the same Neo4j and Redis.
 */
export async function startWorkers(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { graph, logger, metrics } = options;
  const queues = new WorkerQueues(options.redisUrl, options.prefix);
  const engine = defaultResolverEngine(options.thresholds);
  const resolver = new Resolver(graph, { engine });
  const batch: MicroBatchOptions = { ...DEFAULT_BATCH, ...options.batch };

  const workerName = options.workerName ?? `${hostname()}/${process.pid}`;
  const shared: QueueWorkerOptions = {
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger,
    name: workerName,
    concurrency: options.concurrency ?? 2,
    lockDurationMs: options.lockDurationMs ?? 30_000,
    metrics,
  };
  // The batched queues hold two batches' worth of jobs, so that one fills while the other runs.
  const batched = { ...shared, concurrency: 2 * batch.maxSize };
  const reportFailed = (job: QueueJob<'ingest' | 'resolve'>, error: Error) => setReportStatus(graph, job.data.reportId, 'failed', error.message);
  const workers = [
    startQueueWorker(
      QUEUES.ingest,
      ingestProcessor({
        graph,
        engine,
        batch,
        enqueueResolve: (reportIds) => queues.addMany(QUEUES.resolve, reportIds.map((reportId) => ({ id: reportId, data: { reportId } }))),
      }),
      { ...batched, onFinalFailure: reportFailed },
    ),
    startQueueWorker(
      QUEUES.resolve,
      resolveProcessor({
        graph,
        resolver,
        batch,
        onChanged: async (entityIds, batchId) => {
          if (options.extraProcessors?.leads) await queues.add(QUEUES.leads, batchId, { entityIds, reason: `resolution batch ${batchId}` });
        },
        onDecision: (decision) => metrics?.decisions.inc({ decision }),
      }),
      { ...batched, onFinalFailure: reportFailed },
    ),
  ];
  const { leads, imports } = options.extraProcessors ?? {};
  if (leads) workers.push(startQueueWorker(QUEUES.leads, leads, shared));
  if (imports) workers.push(startQueueWorker(QUEUES.imports, imports(queues), { ...shared, onFinalFailure: options.onFinalFailure?.imports }));

  const reconciler = new Reconciler({
    graph,
    logger,
    requeue: async (reportId) => {
      try {
        await queues.add(QUEUES.ingest, reportId, { reportId });
        return true;
      } catch {
        return false;
      }
    },
    extraSweeps: [
      // Decisions taken on a caseload half today's size are taken again (the resolver's redo), so that
      // what a pair was decided on does not depend on when it arrived.
      async () => {
        const { mentions, changedEntities } = await resolver.redoStale();
        if (changedEntities.length > 0 && options.extraProcessors?.leads) {
          await queues.add(QUEUES.leads, `redo-${changedEntities[0]}-${changedEntities.length}`, { entityIds: changedEntities, reason: 'decided again on a larger caseload' });
        }
        return mentions;
      },
      ...(options.extraSweeps?.map((make) => make(queues)) ?? []),
    ],
    intervalMs: options.reconcilerIntervalMs,
    receivedGraceMs: options.receivedGraceMs,
    stuckAfterMs: options.stuckAfterMs,
  });
  reconciler.start();
  logger.info({ queues: workers.map((w) => w.queue), prefix: options.prefix }, 'workers started');

  return {
    queues,
    reconciler,
    async close() {
      await reconciler.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
    },
  };
}
