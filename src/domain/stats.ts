import { z } from 'zod';
import { ReportStatus } from './api';
import { LeadStatus } from './leads';

/*
 * The dashboard's numbers: one answer, so that the console draws every card and chart from a single
 * consistent read instead of paging through leads, reports and queues itself.
 */

const Count = z.number().int().min(0);

export const QueueDepth = z.object({
  queue: z.string(),
  waiting: Count,
  active: Count,
  delayed: Count,
  failed: Count,
});
export type QueueDepth = z.infer<typeof QueueDepth>;

export const DashboardStats = z.object({
  reports: z.object({
    total: Count,
    byStatus: z.record(ReportStatus, Count).describe('reports per processing status, every status listed'),
  }),
  reportsByMonth: z.array(
    z.object({
      month: z.string().describe('YYYY-MM, the month the victim reported (received, when no date was given)'),
      count: Count,
    }),
  ),
  entities: z.object({ total: Count, bySchema: z.record(z.string(), Count) }),
  mentions: Count,
  openReviews: Count.describe('possible matches waiting for an analyst'),
  leads: z.object({
    total: Count,
    byStatus: z
      .record(LeadStatus, Count)
      .describe('leads per effective status, every status listed: a lead past its review-by date counts as expired'),
  }),
  exports: Count,
  queues: z.array(QueueDepth).nullable().describe('jobs per queue; null when Redis did not answer in time'),
  at: z.string().describe('when these numbers were read'),
});
export type DashboardStats = z.infer<typeof DashboardStats>;
