import { graphCounts } from '../../../graph/read/stats';
import { type QueueDepths, readQueueDepths } from '../../../workers/queueDepths';
import { ReportStatus } from '../../domain/api';
import { LEAD_STATUSES } from '../../domain/leads';
import { DashboardStats, QueueDepth } from '../../domain/stats';
import type { ApiContext } from '../context';
import { apiRoutes, routesFor, type Section } from '../routeTable';

/** Redis may be down while the graph is up: the dashboard then says so instead of waiting. */
const QUEUE_TIMEOUT_MS = 1500;

/** Every status present, so that charts keep a stable shape and a zero reads as zero. */
const complete = <K extends string>(keys: readonly K[], counts: Record<string, number>): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0])) as Record<K, number>;

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const route = routesFor<ApiContext>();

/** The dashboard: aggregate counts only, for analysts and operators (admins). */
export const statsApi: Section<ApiContext> = {
  tags: {
    Dashboard:
      'Counts for the dashboard: reports, entities, reviews, leads, exports and queue depths (analysts, admins).',
  },
  components: { DashboardStats, QueueDepth },
  routes: [
    route({
      method: 'get',
      path: '/api/v1/stats',
      tag: 'Dashboard',
      summary: 'Counts of reports, entities, open reviews, leads and exports, reports per month, and queue depths',
      description: 'Aggregates only: no names, identifiers or case data.',
      roles: ['analyst', 'admin'],
      responses: { 200: { description: 'the counts as read now', schema: DashboardStats } },
      handle: async ({ res }, ctx) => {
        const depthOf = ({ queue, byState }: QueueDepths): QueueDepth => ({
          queue,
          waiting: byState.waiting,
          active: byState.active,
          delayed: byState.delayed,
          failed: byState.failed,
        });
        const [counts, queues] = await Promise.all([
          graphCounts(ctx.graph),
          readQueueDepths(ctx.producer, QUEUE_TIMEOUT_MS).then(
            (depths) => depths.map(depthOf),
            () => null,
          ),
        ]);
        const body: DashboardStats = {
          reports: {
            total: sum(counts.reportsByStatus),
            byStatus: complete(ReportStatus.options, counts.reportsByStatus),
          },
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
      },
    }),
  ],
};

export const statsRoutes = apiRoutes(statsApi, (ctx) => ctx);
