import { Router } from 'express';
import { listAudit } from '../../../graph/audit';
import { allow } from '../auth';
import type { ApiContext } from '../context';
import { parseOr400 } from '../validate';
import { AuditQuery } from '../../domain/api';


export function auditRouter(ctx: ApiContext): Router {
  const router = Router();
  router.get('/audit', allow('admin'), async (req, res) => {
    const query = parseOr400(AuditQuery, req.query, 'query');
    const page = await listAudit(ctx.graph, query);
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
  return router;
}
