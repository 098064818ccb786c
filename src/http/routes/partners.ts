import { actedBy, audit } from '../../../graph/audit';
import { listPartners, registerPartner, updatePartner } from '../../../graph/auth/partners';
import { CreatePartnerInput, Partner, PartnerList, PartnerSlugParam, UpdatePartnerInput } from '../../domain/partners';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';

const route = routesFor<ApiContext>();

export const partnersApi: Section<ApiContext> = {
  tags: {
    Partners:
      'The partner banks bundles may be exported to and partner keys may belong to (admins register, analysts read).',
  },
  components: { CreatePartnerInput, UpdatePartnerInput, Partner, PartnerList },
  routes: [
    route({
      method: 'post',
      path: '/api/v1/partners',
      tag: 'Partners',
      summary: 'Register a partner bank',
      description:
        'Exports and partner keys name a registered partner; anything else is refused. `webhookUrl`, when given, ' +
        'receives a signed notice whenever a lead the partner holds changes.',
      roles: ['admin'],
      body: { schema: CreatePartnerInput, name: 'partner' },
      responses: { 201: { description: 'the partner', schema: Partner } },
      errors: { 409: 'the slug is already registered, as a partner or as another organisation' },
      handle: async ({ res, body, who }, ctx) => {
        const { created, partner } = await registerPartner(ctx.graph, body);
        if (!created) throw new HttpError(409, `organisation '${body.slug}' is already registered`);
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'partner.registered',
          target: partner.slug,
          details: { name: partner.name, webhook: partner.webhookUrl !== null },
        });
        res.status(201).json(partner);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/partners',
      tag: 'Partners',
      summary: 'Every registered partner, by slug',
      roles: ['admin', 'analyst'],
      responses: { 200: { description: 'the partners', schema: PartnerList } },
      handle: async ({ res }, ctx) => {
        res.json({ items: await listPartners(ctx.graph) });
      },
    }),
    route({
      method: 'patch',
      path: '/api/v1/partners/:slug',
      tag: 'Partners',
      summary: "Change a partner's name, compliance contact or webhook URL",
      description: 'Only the fields given change; `"webhookUrl": null` stops webhook notices. The slug never changes.',
      roles: ['admin'],
      params: PartnerSlugParam,
      notFound: 'no such partner',
      body: { schema: UpdatePartnerInput, name: 'partner change' },
      responses: { 200: { description: 'the partner as it is now', schema: Partner } },
      handle: async ({ res, params, body, who }, ctx) => {
        const partner = await updatePartner(ctx.graph, params.slug, body);
        if (!partner) throw new HttpError(404, 'no such partner');
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'partner.updated',
          target: partner.slug,
          details: { changed: Object.keys(body).sort() },
        });
        res.json(partner);
      },
    }),
  ],
};

export const partnersRoutes = apiRoutes(partnersApi, (ctx) => ctx);
