import { actedBy, audit } from '../../../graph/audit';
import { listOrganisations, registerOrganisation } from '../../../graph/auth/organisations';
import { CreateOrganisationInput, Organisation, OrganisationList } from '../../domain/orgs';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';

const route = routesFor<ApiContext>();

export const orgsApi: Section<ApiContext> = {
  tags: { Organisations: 'The registry of organisations keys may belong to (admins register, analysts read).' },
  components: { CreateOrganisationInput, Organisation, OrganisationList },
  routes: [
    route({
      method: 'post',
      path: '/api/v1/orgs',
      tag: 'Organisations',
      summary: 'Register an organisation',
      description: 'A key can only be made for a registered organisation. A slug is registered once (409 again).',
      roles: ['admin'],
      body: { schema: CreateOrganisationInput, name: 'organisation' },
      responses: { 201: { description: 'the organisation', schema: Organisation } },
      errors: { 409: 'the slug is already registered' },
      handle: async ({ res, body, who }, ctx) => {
        const { created, organisation } = await registerOrganisation(ctx.graph, body);
        if (!created) throw new HttpError(409, `organisation '${body.slug}' is already registered`);
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'org.registered',
          target: organisation.slug,
          details: { name: organisation.name, country: organisation.country },
        });
        res.status(201).json(organisation);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/orgs',
      tag: 'Organisations',
      summary: 'Every registered organisation, by slug',
      roles: ['admin', 'analyst'],
      responses: { 200: { description: 'the organisations', schema: OrganisationList } },
      handle: async ({ res }, ctx) => {
        res.json({ items: await listOrganisations(ctx.graph) });
      },
    }),
  ],
};

export const orgsRoutes = apiRoutes(orgsApi, (ctx) => ctx);
