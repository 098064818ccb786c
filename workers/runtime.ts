import { hostname } from 'node:os';
import { Worker, type Job, type Processor } from 'bullmq';
import type { Logger } from 'pino';
import { isTransientGraphError, type Graph } from '../graph/driver';
import { setReportStatus } from '../graph/reports/pipeline';
import { defaultResolverEngine } from '../graph/resolve/engine';
import { Resolver } from '../graph/resolve/resolver';
import type { MatchThresholds } from '../matching/types';
import { createRedisConnection } from './connection';
import type { MicroBatchOptions } from './microBatcher';
import type { PipelineMetrics } from './metrics';
import { ingestProcessor } from './processors/ingest';
import { resolveProcessor } from './processors/resolve';
import { jobId, QueueSet, QUEUES, type QueueName } from './queues';
import { Reconciler } from './reconciler';

/** Up to 16 reports per resolver pass; a lone job waits at most 5 ms for company. */
export const DEFAULT_BATCH: MicroBatchOptions = { maxSize: 16, maxWaitMs: 5 };

const BATCHED: ReadonlySet<QueueName> = new Set([QUEUES.ingest, QUEUES.resolve]);

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
  extraProcessors?: Partial<Record<QueueName, (queues: WorkerQueues) => Processor>>;
  /** Further outboxes swept by the reconciler (imports), made with this process's queues. */
  extraSweeps?: Array<(queues: WorkerQueues) => () => Promise<number>>;
  /** Called when a job has failed for the last time. */
  onFinalFailure?: Partial<Record<QueueName, (job: Job, error: Error) => Promise<void>>>;
}

/** Producing side of the queues for processors: waits for Redis rather than failing fast. */
export class WorkerQueues extends QueueSet {
  constructor(redisUrl: string, prefix: string) {
    super(redisUrl, prefix, 'worker');
  }

  /**
   * Queues the work once: a job id already waiting or running makes this a no-op. A job that failed for
   * good is kept (a week, for the dashboard) under the same id, and adding it again would silently do
   * nothing, so work the outbox still holds as outstanding would never run again: such a job is
   * retried instead, with its attempts counted afresh.
   */
  async add(name: QueueName, id: string, data: object): Promise<void> {
    const job = await this.queue(name).add(name, data, { jobId: jobId(name, id) });
    if (await job.isFailed()) {
      // Another process may retry it at the same moment; then this one finds it no longer failed.
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(async (err: unknown) => {
        if (await job.isFailed()) throw err;
      });
    }
  }

  /** Several jobs of one queue at once (a batch's follow-up work), each with the guarantees of `add`. */
  async addMany(name: QueueName, jobs: ReadonlyArray<{ id: string; data: object }>): Promise<void> {
    await Promise.all(jobs.map((job) => this.add(name, job.id, job.data)));
  }
}

/**
 * Neo4j being unreachable or restarting (or a cluster switching leader) says nothing about the report:
 * such a failure must not end the report as `failed`, which nothing retries. The report keeps its
 * status, and the reconciler queues it again once the database answers.
 */
export function isInfrastructureError(error: Error): boolean {
  return isTransientGraphError(error) || /ECONNREFUSED|ECONNRESET|Connection is closed|connect ETIMEDOUT/.test(error.message);
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

  const processors: Partial<Record<QueueName, Processor>> = {
    [QUEUES.ingest]: ingestProcessor({
      graph,
      engine,
      batch,
      enqueueResolve: (reportIds) => queues.addMany(QUEUES.resolve, reportIds.map((reportId) => ({ id: reportId, data: { reportId } }))),
    }),
    [QUEUES.resolve]: resolveProcessor({
      graph,
      resolver,
      batch,
      onChanged: async (entityIds, batchId) => {
        if (options.extraProcessors?.[QUEUES.leads]) await queues.add(QUEUES.leads, batchId, { entityIds, reason: `resolution batch ${batchId}` });
      },
      onDecision: (decision) => metrics?.decisions.inc({ decision }),
    }),
  };
  for (const [name, make] of Object.entries(options.extraProcessors ?? {}) as Array<[QueueName, (q: WorkerQueues) => Processor]>) processors[name] = make(queues);

  const workerName = options.workerName ?? `${hostname()}/${process.pid}`;
  const finalFailure: Partial<Record<QueueName, (job: Job, error: Error) => Promise<void>>> = {
    [QUEUES.ingest]: (job, error) => setReportStatus(graph, (job.data as { reportId: string }).reportId, 'failed', error.message),
    [QUEUES.resolve]: (job, error) => setReportStatus(graph, (job.data as { reportId: string }).reportId, 'failed', error.message),
    ...options.onFinalFailure,
  };

  // Connections given to BullMQ as instances are not closed by it; they are closed here on shutdown.
  const connections: Array<ReturnType<typeof createRedisConnection>> = [];
  const workers = Object.entries(processors).map(([name, processor]) => {
    const queue = name as QueueName;
    const timed: Processor = async (job) => {
      const stop = metrics?.jobSeconds.startTimer({ queue });
      try {
        return await (processor as Processor)(job);
      } finally {
        stop?.();
      }
    };
    const connection = createRedisConnection(options.redisUrl, 'worker');
    connection.on('error', () => undefined);
    connections.push(connection);
    const worker = new Worker(queue, timed, {
      name: workerName,
      connection,
      prefix: options.prefix,
      concurrency: BATCHED.has(queue) ? 2 * batch.maxSize : (options.concurrency ?? 2),
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: Math.min(30_000, options.lockDurationMs ?? 30_000),
      maxStalledCount: 3,
    });
    worker.on('completed', () => metrics?.jobs.inc({ queue, outcome: 'completed' }));
    worker.on('failed', (job, error) => {
      metrics?.jobs.inc({ queue, outcome: 'failed' });
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
      logger[final ? 'error' : 'warn']({ queue, jobId: job.id, attempt: job.attemptsMade, err: error.message }, final ? 'job failed for good' : 'job failed; will retry');
      if (!final) return;
      if (isInfrastructureError(error)) {
        logger.warn({ queue, jobId: job.id }, 'job ran out of attempts while a service was unreachable; the reconciler will queue it again');
        return;
      }
      void finalFailure[queue]?.(job, error).catch((err: unknown) => logger.error({ err }, 'could not record the failure'));
    });
    worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker connection problem'));
    return worker;
  });

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
        if (changedEntities.length > 0 && options.extraProcessors?.[QUEUES.leads]) {
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
  logger.info({ queues: Object.keys(processors), prefix: options.prefix }, 'workers started');

  return {
    queues,
    reconciler,
    async close() {
      await reconciler.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      for (const connection of connections) connection.disconnect();
    },
  };
}
