import { listAudit } from '../../../graph/audit';
import { AuditEvent, AuditPage, AuditQuery } from '../../domain/api';
import type { ApiContext } from '../context';
import { apiRoutes, routesFor, type Section } from '../routeTable';

const route = routesFor<ApiContext>();

export const auditApi: Section<ApiContext> = {
  tags: { Audit: 'Who did what, and when (admins).' },
  components: { AuditEvent, AuditPage },
  routes: [
    route({
      method: 'get',
      path: '/api/v1/audit',
      tag: 'Audit',
      summary: 'The audit trail, newest first',
      roles: ['admin'],
      query: AuditQuery,
      responses: { 200: { description: 'one page of audit events', schema: AuditPage } },
      handle: async ({ res, query }, ctx) => {
        const page = await listAudit(ctx.graph, query);
        res.json({ ...page, limit: query.limit, offset: query.offset });
      },
    }),
  ],
};

export const auditRoutes = apiRoutes(auditApi, (ctx) => ctx);
