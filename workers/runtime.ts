import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Graph } from '../graph/driver';
import { pendingDeliveries } from '../graph/exports/notices';
import type { LeadSettings } from '../graph/exports/store';
import { requeueStaleImports } from '../graph/imports/store';
import { setReportStatus } from '../graph/reports/pipeline';
import type { CandidateIndex } from '../graph/resolve/candidateIndex';
import { defaultResolverEngine, type ResolverEngine } from '../graph/resolve/engine';
import { Resolver } from '../graph/resolve/resolver';
import type { MatchThresholds } from '../matching/types';
import { WORKER_DEFAULTS } from '../src/config/env';
import { openCandidateIndex } from './candidateIndexConnection';
import type { PipelineMetrics } from './metrics';
import type { MicroBatchOptions } from './microBatcher';
import { importFailedForGood, importProcessor } from './processors/import';
import { ingestProcessor } from './processors/ingest';
import { leadsProcessor } from './processors/leads';
import { resolveProcessor } from './processors/resolve';
import { webhookFailedForGood, webhooksProcessor } from './processors/webhooks';
import { type JobOptionOverrides, QUEUES, type QueueJob, WorkerQueues } from './queues';
import { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from './queueWorker';
import { Reconciler } from './reconciler';

/** What a worker process runs and how; each tunable left out takes its value from `WORKER_DEFAULTS`. */
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
  /** How long a `received` report may wait before the reconciler queues it again. */
  receivedGraceMs?: number;
  /** How long a `processing` report may stay still before the reconciler queues it again. */
  stuckAfterMs?: number;
  /** Recorded on every job this process takes (BullMQ's `processedBy`), for the dashboard and operators. */
  workerName?: string;
  /**
   * Runs the leads queue under this policy, and queues the re-evaluation of every cluster resolution
   * changes; without it, this process leaves leads alone.
   */
  leads?: LeadSettings;
  /** Runs the imports queue and sweeps its outbox; `secret` makes case references, as the API does. */
  imports?: { secret: string };
  /** How long one webhook delivery attempt may take (deliveries run with `leads`, signed by its signer). */
  webhookTimeoutMs?: number;
  /** Job options apart from the queues' own (`JOB_OPTIONS`), for jobs this process queues. */
  jobOptions?: JobOptionOverrides;
}

export interface WorkerRuntime {
  queues: WorkerQueues;
  reconciler: Reconciler;
  close(): Promise<void>;
}

/** The options with every default filled in. */
type Settings = WorkerRuntimeOptions &
  Required<Pick<WorkerRuntimeOptions, 'concurrency' | 'lockDurationMs' | 'reconcilerIntervalMs' | 'receivedGraceMs'>> &
  Required<Pick<WorkerRuntimeOptions, 'stuckAfterMs' | 'workerName' | 'webhookTimeoutMs'>> & {
    batch: MicroBatchOptions;
  };

/** What the processors and sweeps of one process share. */
interface Parts {
  settings: Settings;
  queues: WorkerQueues;
  engine: ResolverEngine;
  index: CandidateIndex;
  resolver: Resolver;
  /** Queues the re-evaluation of changed clusters, when this process runs leads. */
  queueLeads(id: string, entityIds: string[], reason: string): Promise<void>;
  /** Queues the webhook delivery of each notice, once. */
  queueDeliveries(noticeIds: readonly string[]): Promise<void>;
}

function withDefaults(options: WorkerRuntimeOptions): Settings {
  return {
    ...options,
    concurrency: options.concurrency ?? WORKER_DEFAULTS.concurrency,
    batch: { ...WORKER_DEFAULTS.batch, ...options.batch },
    lockDurationMs: options.lockDurationMs ?? WORKER_DEFAULTS.lockDurationMs,
    reconcilerIntervalMs: options.reconcilerIntervalMs ?? WORKER_DEFAULTS.reconcilerIntervalMs,
    receivedGraceMs: options.receivedGraceMs ?? WORKER_DEFAULTS.receivedGraceMs,
    stuckAfterMs: options.stuckAfterMs ?? WORKER_DEFAULTS.stuckAfterMs,
    webhookTimeoutMs: options.webhookTimeoutMs ?? WORKER_DEFAULTS.webhookTimeoutMs,
    workerName: options.workerName ?? `${hostname()}/${process.pid}`,
  };
}

/** A BullMQ worker per queue this process runs, each with its processor. */
function startProcessors({
  settings,
  queues,
  engine,
  index,
  resolver,
  queueLeads,
  queueDeliveries,
}: Parts): QueueWorker[] {
  const { graph, batch } = settings;
  const shared: QueueWorkerOptions = {
    redisUrl: settings.redisUrl,
    prefix: settings.prefix,
    logger: settings.logger,
    name: settings.workerName,
    concurrency: settings.concurrency,
    lockDurationMs: settings.lockDurationMs,
    metrics: settings.metrics,
  };
  // The batched queues hold two batches' worth of jobs, so that one fills while the other runs.
  const batched = { ...shared, concurrency: 2 * batch.maxSize };
  const reportFailed = (job: QueueJob<'ingest' | 'resolve'>, error: Error) =>
    setReportStatus(graph, job.data.reportId, 'failed', error.message);

  const enqueueResolve = (reportIds: string[]) =>
    queues.addMany(
      QUEUES.resolve,
      reportIds.map((reportId) => ({ id: reportId, data: { reportId } })),
    );

  const workers = [
    startQueueWorker(QUEUES.ingest, ingestProcessor({ graph, index, engine, batch, enqueueResolve }), {
      ...batched,
      onFinalFailure: reportFailed,
    }),
    startQueueWorker(
      QUEUES.resolve,
      resolveProcessor({
        graph,
        resolver,
        batch,
        onChanged: (entityIds, batchId) => queueLeads(batchId, entityIds, `resolution batch ${batchId}`),
        onDecision: (decision) => settings.metrics?.decisions.inc({ decision }),
      }),
      { ...batched, onFinalFailure: reportFailed },
    ),
  ];
  if (settings.leads) {
    const processor = leadsProcessor({ graph, settings: settings.leads, logger: settings.logger, queueDeliveries });
    workers.push(startQueueWorker(QUEUES.leads, processor, shared));
    const deliver = webhooksProcessor({ graph, signer: settings.leads.signer, timeoutMs: settings.webhookTimeoutMs });
    const onFinalFailure = webhookFailedForGood(graph);
    workers.push(startQueueWorker(QUEUES.webhooks, deliver, { ...shared, onFinalFailure }));
  }
  if (settings.imports) {
    const enqueueIngest = (reportId: string) => queues.add(QUEUES.ingest, reportId, { reportId });
    const processor = importProcessor({ graph, secret: settings.imports.secret, enqueueIngest });
    const onFinalFailure = importFailedForGood(graph);
    workers.push(startQueueWorker(QUEUES.imports, processor, { ...shared, onFinalFailure }));
  }
  return workers;
}

/** Whether Redis took the job: a sweep counts what it queued and tries the rest on its next beat. */
const taken = (queued: Promise<void>): Promise<boolean> =>
  queued.then(
    () => true,
    () => false,
  );

/** The outbox reconciler with every sweep this process runs, on its beat. */
function startReconciler({ settings, queues, resolver, queueLeads }: Parts): Reconciler {
  const { graph } = settings;
  const sweeps = [
    // Decisions taken on a caseload half today's size are taken again (the resolver's redo), so that
    // what a pair was decided on does not depend on when it arrived.
    async () => {
      const { mentions, changedEntities } = await resolver.redoStale();
      if (changedEntities.length > 0) {
        const id = `redo-${changedEntities[0]}-${changedEntities.length}`;
        await queueLeads(id, changedEntities, 'decided again on a larger caseload');
      }
      return mentions;
    },
  ];
  if (settings.imports) {
    const requeue = (importId: string) => taken(queues.add(QUEUES.imports, importId, { importId }));
    sweeps.push(() => requeueStaleImports(graph, requeue));
  }
  if (settings.leads) {
    // Notices written while Redis was away, or by an API process whose queueing failed, are delivered too.
    sweeps.push(async () => {
      const due = await pendingDeliveries(graph, new Date(Date.now() - settings.receivedGraceMs).toISOString());
      let queued = 0;
      for (const noticeId of due) if (await taken(queues.add(QUEUES.webhooks, noticeId, { noticeId }))) queued += 1;
      return queued;
    });
  }
  const reconciler = new Reconciler({
    graph,
    logger: settings.logger,
    requeue: (reportId) => taken(queues.add(QUEUES.ingest, reportId, { reportId })),
    extraSweeps: sweeps,
    intervalMs: settings.reconcilerIntervalMs,
    receivedGraceMs: settings.receivedGraceMs,
    stuckAfterMs: settings.stuckAfterMs,
  });
  reconciler.start();
  return reconciler;
}

/**
 * Starts this process's share of the pipeline: a BullMQ worker per queue it runs (ingest and resolve
 * always, leads with its webhook deliveries and imports when their options are given) and the outbox
 * reconciler. Any number of processes on any hosts can run this against the same Neo4j and Redis.
 */
export async function startWorkers(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const settings = withDefaults(options);
  const queues = new WorkerQueues(settings.redisUrl, settings.prefix, settings.jobOptions);
  const engine = defaultResolverEngine(settings.thresholds);
  const opened = openCandidateIndex({
    redisUrl: settings.redisUrl,
    prefix: settings.prefix,
    graph: settings.graph,
    engine,
    kind: 'worker',
  });
  // A Redis restarted empty, or a graph restored or emptied, leaves no ready index for the graph:
  // it is rebuilt from the graph's mentions before any report is taken.
  const state = await opened.index.ensure();
  if (state !== 'ready') settings.logger.info({ state }, 'candidate index rebuilt from the graph');
  const resolver = new Resolver(settings.graph, { engine, index: opened.index });
  const queueLeads = async (id: string, entityIds: string[], reason: string) => {
    if (settings.leads) await queues.add(QUEUES.leads, id, { entityIds, reason });
  };
  const queueDeliveries = (noticeIds: readonly string[]) =>
    queues.addMany(
      QUEUES.webhooks,
      noticeIds.map((noticeId) => ({ id: noticeId, data: { noticeId } })),
    );
  const parts: Parts = { settings, queues, engine, index: opened.index, resolver, queueLeads, queueDeliveries };
  const workers = startProcessors(parts);
  const reconciler = startReconciler(parts);
  settings.logger.info({ queues: workers.map((w) => w.queue), prefix: settings.prefix }, 'workers started');

  return {
    queues,
    reconciler,
    async close() {
      await reconciler.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      await opened.close();
    },
  };
}
