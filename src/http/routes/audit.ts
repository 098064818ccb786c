import { Router } from 'express';
import { z } from 'zod';
import { listAudit } from '../../../graph/audit';
import { allow } from '../auth';
import type { ApiContext } from '../context';
import { Pagination, parseOr400 } from '../validate';

const AuditQuery = Pagination.extend({ action: z.string().regex(/^[a-z.]{1,64}$/, { message: "must be an action name such as 'report.submitted'" }).optional() });

export function auditRouter(ctx: ApiContext): Router {
  const router = Router();
  router.get('/audit', allow('admin'), async (req, res) => {
    const query = parseOr400(AuditQuery, req.query, 'query');
    const page = await listAudit(ctx.graph, query);
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
  return router;
}
