import { type Job, type JobsOptions, Queue, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { createRedisConnection } from './connection';

const ReportJob = z.object({ reportId: z.string().min(1) });
const LeadsJob = z.object({ entityIds: z.array(z.string().min(1)).min(1), reason: z.string() });
const ImportJob = z.object({ importId: z.string().min(1) });
const WebhookJob = z.object({ noticeId: z.string().min(1) });

/** Each queue's job payload, the one declaration; `JOB_PAYLOADS` is this map as the rest sees it. */
const PAYLOADS = {
  ingest: ReportJob,
  resolve: ReportJob,
  leads: LeadsJob,
  imports: ImportJob,
  webhooks: WebhookJob,
} as const;

/** The queues of the pipeline; a job is named after its queue. */
export type QueueName = keyof typeof PAYLOADS;
/** What a job of queue `Q` carries. */
export type JobData<Q extends QueueName> = z.infer<(typeof PAYLOADS)[Q]>;
/** A job of queue `Q` as BullMQ hands it to a processor; processors declare their own results. */
export type QueueJob<Q extends QueueName> = Job<JobData<Q>, unknown, Q>;
/** BullMQ's queue of `Q`, its derived parameters spelled out so that they stay known while `Q` is generic. */
export type PipelineQueue<Q extends QueueName> = Queue<JobData<Q>, unknown, Q, JobData<Q>, unknown, Q>;
/** What takes the jobs of queue `Q`; its result is BullMQ's `returnvalue`. */
export type QueueProcessor<Q extends QueueName> = (job: QueueJob<Q>) => Promise<unknown>;

/** Each queue's payload schema, typed per queue so that parsing a job of a generic `Q` yields `JobData<Q>`. */
export const JOB_PAYLOADS: { readonly [Q in QueueName]: z.ZodType<JobData<Q>> } = PAYLOADS;

/**
 * The queues of the pipeline, in order: a report is ingested, its mentions resolved, leads re-evaluated;
 * partners' notices are delivered to their webhooks.
 */
export const QUEUES = {
  ingest: 'ingest',
  resolve: 'resolve',
  leads: 'leads',
  imports: 'imports',
  webhooks: 'webhooks',
} as const satisfies { [Q in QueueName]: Q };

/**
 * A job's payload checked where it crosses from Redis into a processor: whatever wrote it (another
 * version, an operator, the dashboard) a malformed payload fails at once and for good, naming the queue.
 */
export function parseJobData<Q extends QueueName>(queue: Q, job: { id?: string; data: unknown }): JobData<Q> {
  const parsed = JOB_PAYLOADS[queue].safeParse(job.data);
  if (parsed.success) return parsed.data;
  throw new UnrecoverableError(
    `${queue} job ${job.id ?? '?'} has a malformed payload: ${z.prettifyError(parsed.error)}`,
  );
}

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

/**
 * Each queue's job options, the one place they are set. A partner's webhook may be down for hours (a
 * bank's maintenance window): deliveries are retried for about six hours, doubling the wait each time,
 * and one that fails for good is kept a month beside its notice's `failed` delivery.
 */
export const JOB_OPTIONS: { readonly [Q in QueueName]: JobsOptions } = {
  ingest: DEFAULT_JOB_OPTIONS,
  resolve: DEFAULT_JOB_OPTIONS,
  leads: DEFAULT_JOB_OPTIONS,
  imports: DEFAULT_JOB_OPTIONS,
  webhooks: {
    ...DEFAULT_JOB_OPTIONS,
    attempts: 12,
    backoff: { type: 'exponential', delay: 5000, jitter: 0.3 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
};

/** Job options a process may set apart from `JOB_OPTIONS` (tests that cannot wait six hours for a last attempt). */
export type JobOptionOverrides = { readonly [Q in QueueName]?: JobsOptions };

/** BullMQ job ids must not contain ':'; Lantern's ids never do, but make sure. */
export const jobId = (kind: string, id: string): string => `${kind}-${id}`.replace(/:/g, '_');

/**
 * The pipeline's queues on one Redis connection, opened on first use. Producers on the request path
 * use a fail-fast connection; processors a patient one (workers wait for Redis to come back).
 */
export class QueueSet {
  private readonly connection;
  private readonly queues: { [Q in QueueName]?: PipelineQueue<Q> } = {};

  constructor(
    redisUrl: string,
    readonly prefix: string,
    kind: 'producer' | 'worker',
    private readonly overrides: JobOptionOverrides = {},
  ) {
    this.connection = createRedisConnection(redisUrl, kind);
    this.connection.on('error', () => undefined);
  }

  queue<Q extends QueueName>(name: Q): PipelineQueue<Q> {
    // Seen through `Q` alone, the map can be written at `name` with the queue of `Q`.
    const queues: { [P in Q]?: PipelineQueue<P> } = this.queues;
    let queue = queues[name];
    if (!queue) {
      const defaultJobOptions = { ...JOB_OPTIONS[name], ...this.overrides[name] };
      const options = { connection: this.connection, prefix: this.prefix, defaultJobOptions };
      queue = new Queue<JobData<Q>, unknown, Q, JobData<Q>, unknown, Q>(name, options);
      queue.on('error', () => undefined);
      queues[name] = queue;
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close().catch(() => undefined)));
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
    overrides: JobOptionOverrides = {},
  ) {
    super(redisUrl, prefix, 'producer', overrides);
  }

  async enqueue<Q extends QueueName>(
    name: Q,
    id: string,
    data: JobData<Q>,
    options: JobsOptions = {},
  ): Promise<boolean> {
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

/** Producing side of the queues for processors: waits for Redis rather than failing fast. */
export class WorkerQueues extends QueueSet {
  constructor(redisUrl: string, prefix: string, overrides: JobOptionOverrides = {}) {
    super(redisUrl, prefix, 'worker', overrides);
  }

  /**
   * Queues the work once: a job id already waiting or running makes this a no-op. A job that failed for
   * good is kept (a week, for the dashboard) under the same id, and adding it again would silently do
   * nothing, so work the outbox still holds as outstanding would never run again: such a job is
   * retried instead, with its attempts counted afresh.
   */
  async add<Q extends QueueName>(name: Q, id: string, data: JobData<Q>): Promise<void> {
    const job = await this.queue(name).add(name, data, { jobId: jobId(name, id) });
    if (await job.isFailed()) {
      // Another process may retry it at the same moment; then this one finds it no longer failed.
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(async (err: unknown) => {
        if (await job.isFailed()) throw err;
      });
    }
  }

  /** Several jobs of one queue at once (a batch's follow-up work), each with the guarantees of `add`. */
  async addMany<Q extends QueueName>(name: Q, jobs: ReadonlyArray<{ id: string; data: JobData<Q> }>): Promise<void> {
    await Promise.all(jobs.map((job) => this.add(name, job.id, job.data)));
  }
}
