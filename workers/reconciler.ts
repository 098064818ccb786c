import type { Logger } from 'pino';
import type { Graph } from '../graph/driver';
import { reportsToRequeue } from '../graph/reports/pipeline';

export interface ReconcilerOptions {
  graph: Graph;
  logger: Logger;
  /** Queues the ingest of a report; false when Redis did not take it. */
  requeue: (reportId: string) => Promise<boolean>;
  /** Extra outboxes (imports) swept on the same beat. */
  extraSweeps?: Array<() => Promise<number>>;
  intervalMs: number;
  /** How long a `received` report may wait before it is queued again. */
  receivedGraceMs: number;
  /** How long a `processing` report may stay still before it is queued again. */
  stuckAfterMs: number;
}

/**
 * The outbox reconciler: nothing accepted waits forever. Every interval it queues again each report
 * that should be on a queue but may not be (Redis was down at submit time, or restarted and lost its
 * queues). Every worker process runs one; duplicates are harmless because job ids deduplicate and
 * processors are idempotent.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: ReconcilerOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .catch((err: unknown) => this.options.logger.warn({ err: (err as Error).message }, 'reconciler sweep failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** One pass; returns how many reports were queued again. */
  async sweep(now = Date.now()): Promise<number> {
    const receivedBefore = new Date(now - this.options.receivedGraceMs).toISOString();
    const stuckBefore = new Date(now - this.options.stuckAfterMs).toISOString();
    const ids = await reportsToRequeue(this.options.graph, receivedBefore, stuckBefore);
    let queued = 0;
    for (const id of ids) if (await this.options.requeue(id)) queued += 1;
    for (const sweep of this.options.extraSweeps ?? []) queued += await sweep();
    if (queued > 0) this.options.logger.info({ queued }, 'reconciler queued outstanding work again');
    return queued;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
