import { Queue, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { createRedisConnection } from './connection';

/** The queues of the pipeline, in order: a report is ingested, its mentions resolved, leads re-evaluated. */
export const QUEUES = {
  ingest: 'ingest',
  resolve: 'resolve',
  leads: 'leads',
  imports: 'imports',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const IngestJob = z.object({ reportId: z.string().min(1) });
export type IngestJob = z.infer<typeof IngestJob>;
export const ResolveJob = z.object({ reportId: z.string().min(1) });
export type ResolveJob = z.infer<typeof ResolveJob>;
export const LeadsJob = z.object({ entityIds: z.array(z.string().min(1)).min(1), reason: z.string() });
export type LeadsJob = z.infer<typeof LeadsJob>;
export const ImportJob = z.object({ importId: z.string().min(1) });
export type ImportJob = z.infer<typeof ImportJob>;

/**
 * Delivery is at least once and processors are idempotent; completed jobs are removed so that the
 * reconciler can queue the same job id again if Redis lost it. Failed jobs are kept a week for
 * inspection in the dashboard.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.3 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** BullMQ job ids must not contain ':'; Lantern's ids never do, but make sure. */
export const jobId = (kind: string, id: string): string => `${kind}-${id}`.replace(/:/g, '_');

/**
 * The pipeline's queues on one Redis connection, opened on first use. Producers on the request path
 * use a fail-fast connection; processors a patient one (workers wait for Redis to come back).
 */
export class QueueSet {
  private readonly connection;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    redisUrl: string,
    readonly prefix: string,
    kind: 'producer' | 'worker',
  ) {
    this.connection = createRedisConnection(redisUrl, kind);
    this.connection.on('error', () => undefined);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}

/**
 * Puts jobs on the queues from the request path, so it never waits long for Redis: if Redis is down,
 * `enqueue` resolves false and the outbox (the report's `received` status in Neo4j) makes sure the
 * reconciler queues the work later.
 */
export class Producer extends QueueSet {
  constructor(
    redisUrl: string,
    prefix: string,
    private readonly timeoutMs = 1500,
  ) {
    super(redisUrl, prefix, 'producer');
  }

  async enqueue(name: QueueName, id: string, data: object, options: JobsOptions = {}): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queue(name).add(name, data, { ...options, jobId: jobId(name, id) }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis did not answer in time')), this.timeoutMs);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}
