import { actedBy, audit } from '../../../graph/audit';
import { listPartners, registerPartner } from '../../../graph/auth/partners';
import { CreatePartnerInput, Partner, PartnerList } from '../../domain/partners';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';

const route = routesFor<ApiContext>();

export const partnersApi: Section<ApiContext> = {
  tags: {
    Partners:
      'The partner banks bundles may be exported to and partner keys may belong to (admins register, analysts read).',
  },
  components: { CreatePartnerInput, Partner, PartnerList },
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
  ],
};

export const partnersRoutes = apiRoutes(partnersApi, (ctx) => ctx);
