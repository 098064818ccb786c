import { organisationNames } from '../../../graph/auth/organisations';
import { Me, ROLES } from '../../domain/auth';
import type { ApiContext } from '../context';
import { apiRoutes, routesFor, type Section } from '../routeTable';

const route = routesFor<ApiContext>();

/** Who the key belongs to: the console signs in with a key and must know its role without probing routes. */
export const meApi: Section<ApiContext> = {
  tags: { Session: 'What a key may do, for clients such as the console.' },
  components: { Me },
  routes: [
    route({
      method: 'get',
      path: '/api/v1/me',
      tag: 'Session',
      summary: "The calling key's id, role and organisation, and the person holding it",
      roles: ROLES,
      responses: { 200: { description: 'the key as Lantern knows it (never the secret)', schema: Me } },
      handle: async ({ res, who }, ctx) => {
        const names = await organisationNames(ctx.graph, [who.org]);
        const body: Me = { ...who, orgName: names.get(who.org) ?? who.org };
        res.json(body);
      },
    }),
  ],
};

export const meRoutes = apiRoutes(meApi, (ctx) => ctx);
