import { Router } from 'express';
import { acceptReports, type AcceptReportCommand, type AcceptReportOutcome } from '../../../graph/reports/accept';
import { listReports, reportView } from '../../../graph/reports/pipeline';
import { reportNotes } from '../../../graph/reports/queries';
import { ReportInput } from '../../domain/report';
import { MicroBatcher } from '../../../workers/microBatcher';
import { QUEUES } from '../../../workers/queues';
import { allow, principalOf } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { IdParam, parseOr400, requireJson } from '../validate';
import { IdempotencyKey, ReportListQuery } from '../../domain/api';

export function reportsRouter(ctx: ApiContext): Router {
  const router = Router();
  // Reports that arrive together are committed together (group commit): one transaction and one wait
  // for the disk per batch instead of per report. A report waits at most a millisecond for company, or
  // for one of the two transactions in flight to finish; the 202 still follows its own commit.
  const intake = new MicroBatcher<AcceptReportCommand, AcceptReportOutcome>((cmds) => acceptReports(ctx.graph, cmds), { maxSize: 50, maxWaitMs: 1, maxConcurrent: 2 });

  router.post('/reports', allow('caseworker'), async (req, res) => {
    requireJson(req);
    const header = req.get('Idempotency-Key');
    const idempotencyKey = header === undefined ? undefined : parseOr400(IdempotencyKey, header, 'Idempotency-Key header');
    const input = parseOr400(ReportInput, req.body, 'report');
    const who = principalOf(req);
    const outcome = await intake.add({ org: who.org, input, secret: ctx.secret, idempotencyKey, submittedBy: who.keyId, auditRole: who.role });
    if (outcome.kind === 'key-reused') throw new HttpError(409, `this Idempotency-Key was already used for another report (${outcome.id}); use a new key for a new report`);
    if (outcome.kind === 'replayed') {
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(202).json({ id: outcome.id, status: 'received' });
      return;
    }
    // Queued after the report is durable; if Redis is down the reconciler queues it later.
    const queued = await ctx.producer.enqueue(QUEUES.ingest, outcome.id, { reportId: outcome.id });
    if (!queued) req.log?.warn({ reportId: outcome.id }, 'report accepted but not queued (Redis unavailable); the reconciler will queue it');
    res.status(202).json({ id: outcome.id, status: 'received' });
  });

  router.get('/reports/:id', allow('caseworker', 'analyst'), async (req, res) => {
    const id = IdParam.safeParse(req.params.id);
    const report = id.success ? await reportView(ctx.graph, id.data) : undefined;
    const who = principalOf(req);
    // Another organisation's report does not exist as far as a caseworker can tell.
    if (!report || (who.role === 'caseworker' && report.orgId !== who.org)) throw new HttpError(404, 'no such report');
    const { orgId, ...visible } = report;
    if (who.role === 'analyst') {
      res.json({ ...visible, org: orgId, notes: await reportNotes(ctx.graph, report.id) });
      return;
    }
    res.json(visible);
  });

  router.get('/reports', allow('caseworker', 'analyst'), async (req, res) => {
    const query = parseOr400(ReportListQuery, req.query, 'query');
    const who = principalOf(req);
    const org = who.role === 'caseworker' ? who.org : query.org;
    const page = await listReports(ctx.graph, { org, limit: query.limit, offset: query.offset });
    res.json({ items: page.items.map(({ orgId, ...r }) => (who.role === 'analyst' ? { ...r, org: orgId } : r)), total: page.total, limit: query.limit, offset: query.offset });
  });

  return router;
}
