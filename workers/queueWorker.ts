import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { isTransientGraphError } from '../graph/driver';
import { createRedisConnection } from './connection';
import type { PipelineMetrics } from './metrics';
import { JOB_PAYLOADS, type JobData, parseJobData, type QueueJob, type QueueName, type QueueProcessor } from './queues';

export interface QueueWorkerOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Recorded on every job this worker takes (BullMQ's `processedBy`). */
  name: string;
  concurrency: number;
  lockDurationMs: number;
  metrics?: PipelineMetrics;
}

export interface QueueWorker {
  readonly queue: QueueName;
  close(): Promise<void>;
}

/**
 * Neo4j being unreachable or restarting (or a cluster switching leader) says nothing about the job's
 * work: such a failure must not end it for good (a report `failed`, which nothing retries). The work
 * keeps its status, and the reconciler queues it again once the database answers.
 */
function isInfrastructureError(error: Error): boolean {
  const unreachable = /ECONNREFUSED|ECONNRESET|Connection is closed|connect ETIMEDOUT/;
  return isTransientGraphError(error) || unreachable.test(error.message);
}

/**
 * One BullMQ worker taking the jobs of `queue` in this process, on a connection of its own: each
 * payload is checked against the queue's schema before `processor` sees it, each job is timed and
 * counted, and `onFinalFailure` runs when a job of a well-formed payload has failed for the last time.
 */
export function startQueueWorker<Q extends QueueName>(
  queue: Q,
  processor: QueueProcessor<Q>,
  options: QueueWorkerOptions & { onFinalFailure?: (job: QueueJob<Q>, error: Error) => Promise<void> },
): QueueWorker {
  const { logger, metrics } = options;
  const run = async (job: QueueJob<Q>): Promise<unknown> => {
    const stop = metrics?.jobSeconds.startTimer({ queue });
    try {
      // Processors read `job.data`, so it must be what the schema let through.
      job.data = parseJobData(queue, job);
      return await processor(job);
    } finally {
      stop?.();
    }
  };
  // BullMQ does not close a connection it was given as an instance; `close` below does.
  const connection = createRedisConnection(options.redisUrl, 'worker');
  connection.on('error', () => undefined);
  const worker = new Worker<JobData<Q>, unknown, Q>(queue, run, {
    name: options.name,
    connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: Math.min(30_000, options.lockDurationMs),
    maxStalledCount: 3,
  });
  worker.on('completed', () => metrics?.jobs.inc({ queue, outcome: 'completed' }));
  worker.on('failed', (job, error) => {
    metrics?.jobs.inc({ queue, outcome: 'failed' });
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
    const seen = { queue, jobId: job.id, attempt: job.attemptsMade, err: error.message };
    if (!final) {
      logger.warn(seen, 'job failed; will retry');
      return;
    }
    logger.error(seen, 'job failed for good');
    if (isInfrastructureError(error)) {
      const why = 'job ran out of attempts while a service was unreachable; the reconciler will queue it again';
      logger.warn({ queue, jobId: job.id }, why);
      return;
    }
    // A malformed payload names no work to mark failed.
    if (!options.onFinalFailure || !JOB_PAYLOADS[queue].safeParse(job.data).success) return;
    void options
      .onFinalFailure(job, error)
      .catch((err: unknown) => logger.error({ err }, 'could not record the failure'));
  });
  worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker connection problem'));
  return {
    queue,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
