import { Router } from 'express';
import { graphCounts } from '../../../graph/read/stats';
import { readQueueDepths } from '../../../workers/queueDepths';
import { ReportStatus } from '../../domain/api';
import { LEAD_STATUSES } from '../../domain/leads';
import { DashboardStats, QueueDepth } from '../../domain/stats';
import { allow } from '../auth';
import type { ApiContext } from '../context';
import { apiDoc } from '../openapi';

/** Redis may be down while the graph is up: the dashboard then says so instead of waiting. */
const QUEUE_TIMEOUT_MS = 1500;

/** Every status present, so that charts keep a stable shape and a zero reads as zero. */
const complete = <K extends string>(keys: readonly K[], counts: Record<string, number>): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0])) as Record<K, number>;

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The dashboard: aggregate counts only, for analysts and operators (admins). */
export function statsRouter(ctx: ApiContext): Router {
  const router = Router();
  router.get('/stats', allow('analyst', 'admin'), async (_req, res) => {
    const [counts, queues] = await Promise.all([
      graphCounts(ctx.graph),
      readQueueDepths(ctx.producer, QUEUE_TIMEOUT_MS).then(
        (depths) => depths.map(({ queue, byState }): QueueDepth => ({ queue, waiting: byState.waiting, active: byState.active, delayed: byState.delayed, failed: byState.failed })),
        () => null,
      ),
    ]);
    const body: DashboardStats = {
      reports: { total: sum(counts.reportsByStatus), byStatus: complete(ReportStatus.options, counts.reportsByStatus) },
      reportsByMonth: counts.reportsByMonth,
      entities: { total: sum(counts.entitiesBySchema), bySchema: counts.entitiesBySchema },
      mentions: counts.mentions,
      openReviews: counts.openReviews,
      leads: { total: sum(counts.leadsByStatus), byStatus: complete(LEAD_STATUSES, counts.leadsByStatus) },
      exports: counts.exports,
      queues,
      at: new Date().toISOString(),
    };
    res.json(body);
  });
  return router;
}

apiDoc.add({
  tags: { Dashboard: 'Counts for the dashboard: reports, entities, reviews, leads, exports and queue depths (analysts, admins).' },
  components: { DashboardStats, QueueDepth },
  routes: [
    {
      method: 'get',
      path: '/api/v1/stats',
      tag: 'Dashboard',
      summary: 'Counts of reports, entities, open reviews, leads and exports, reports per month, and queue depths',
      description: 'Aggregates only: no names, identifiers or case data.',
      roles: ['analyst', 'admin'],
      responses: { 200: { description: 'the counts as read now', schema: DashboardStats } },
    },
  ],
});
