import { actedBy, audit } from '../../../graph/audit';
import { listNotices } from '../../../graph/exports/notices';
import { QUEUES } from '../../../workers/queues';
import { Notice, NoticeListQuery, NoticePage } from '../../domain/notices';
import type { ApiContext } from '../context';
import { apiRoutes, routesFor, type Section } from '../routeTable';

/**
 * Queues the webhook delivery of notices the request path wrote. Redis being away loses nothing: the
 * notices stay pending and the workers' reconciler queues them.
 */
export async function queueDeliveries(ctx: ApiContext, noticeIds: readonly string[]): Promise<void> {
  await Promise.all(noticeIds.map((noticeId) => ctx.producer.enqueue(QUEUES.webhooks, noticeId, { noticeId })));
}

const route = routesFor<ApiContext>();

/** Notices of changes to what partners hold: each partner reads its own, analysts all; partner reads are audited. */
export const noticesApi: Section<ApiContext> = {
  tags: {
    Notices:
      'What changed in the leads a partner holds: a lead changed after export, a new bundle revision, subjects ' +
      'withdrawn. Ids, kinds, revisions and times only. Partners with a webhook get each one as a signed POST.',
  },
  components: { Notice, NoticePage },
  guarded: ['/api/v1/notices'],
  routes: [
    route({
      method: 'get',
      path: '/api/v1/notices',
      tag: 'Notices',
      summary: 'Notices, newest first: its own for a partner, all for analysts',
      description:
        'Each notice is delivered to the partner’s webhook too, when it has one (`delivery` says how that went). ' +
        'docs/leads.md says how a receiver checks a delivery’s signature.',
      roles: ['analyst', 'partner'],
      query: NoticeListQuery,
      responses: { 200: { description: 'one page of notices', schema: NoticePage } },
      handle: async ({ res, query, who }, ctx) => {
        const partner = who.role === 'partner' ? who.org : undefined;
        const page = await listNotices(ctx.graph, { ...query, partner });
        if (partner)
          await audit(ctx.graph, {
            ...actedBy(who),
            action: 'notice.listed',
            details: {
              notices: page.items.map((n) => n.id),
              exports: [...new Set(page.items.map((n) => n.exportId))],
              leads: [...new Set(page.items.flatMap((n) => (n.leadId ? [n.leadId] : [])))],
            },
          });
        res.json({ ...page, limit: query.limit, offset: query.offset });
      },
    }),
  ],
};

export const noticesRoutes = apiRoutes(noticesApi, (ctx) => ctx);
