import { Worker, type Job, type Processor } from 'bullmq';
import type { Logger } from 'pino';
import type { Graph } from '../graph/driver';
import { setReportStatus } from '../graph/reports/pipeline';
import { defaultResolverEngine } from '../graph/resolve/engine';
import { Resolver } from '../graph/resolve/resolver';
import type { MatchThresholds } from '../matching/types';
import { createRedisConnection } from './connection';
import type { PipelineMetrics } from './metrics';
import { ingestProcessor } from './processors/ingest';
import { resolveProcessor } from './processors/resolve';
import { jobId, QueueSet, QUEUES, type QueueName } from './queues';
import { Reconciler } from './reconciler';

export interface WorkerRuntimeOptions {
  graph: Graph;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Jobs processed at once per queue in this process. */
  concurrency?: number;
  /** How long a job stays locked to a worker that stops answering (a killed process). */
  lockDurationMs?: number;
  thresholds?: Partial<MatchThresholds>;
  metrics?: PipelineMetrics;
  reconcilerIntervalMs?: number;
  receivedGraceMs?: number;
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

  async add(name: QueueName, id: string, data: object): Promise<void> {
    await this.queue(name).add(name, data, { jobId: jobId(name, id) });
  }
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

  const processors: Partial<Record<QueueName, Processor>> = {
    [QUEUES.ingest]: ingestProcessor({ graph, engine, enqueueResolve: (reportId) => queues.add(QUEUES.resolve, reportId, { reportId }) }),
    [QUEUES.resolve]: resolveProcessor({
      graph,
      resolver,
      onChanged: async (entityIds, reportId) => {
        if (options.extraProcessors?.[QUEUES.leads]) await queues.add(QUEUES.leads, reportId, { entityIds, reason: `report ${reportId}` });
      },
      onDecision: (decision) => metrics?.decisions.inc({ decision }),
    }),
  };
  for (const [name, make] of Object.entries(options.extraProcessors ?? {}) as Array<[QueueName, (q: WorkerQueues) => Processor]>) processors[name] = make(queues);

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
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 2,
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
      if (final) void finalFailure[queue]?.(job, error).catch((err: unknown) => logger.error({ err }, 'could not record the failure'));
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
    extraSweeps: options.extraSweeps?.map((make) => make(queues)),
    intervalMs: options.reconcilerIntervalMs,
    receivedGraceMs: options.receivedGraceMs,
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
