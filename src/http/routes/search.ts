import { searchEntities } from '../../../graph/read/search';
import { SearchAnswer, SearchQuery, SearchResult } from '../../domain/search';
import type { ApiContext } from '../context';
import { apiRoutes, routesFor, type Section } from '../routeTable';

const route = routesFor<ApiContext>();

/** "Do we know this?": one box for names and identifiers, analysts only. */
export const searchApi: Section<ApiContext> = {
  tags: { Search: 'Finding entities by a name or an identifier in any writing (analysts, admins).' },
  components: { SearchResult },
  routes: [
    route({
      method: 'get',
      path: '/api/v1/search',
      tag: 'Search',
      summary: 'Entities a name, phone, account, IBAN, e-mail, handle or registration number finds',
      description:
        'Identifiers are normalised as the resolver normalises them (a phone read in `country` when written ' +
        'nationally) and looked up exactly; masked forms such as `0812xxxxxx` are weaker hits. Names go ' +
        "through the resolver's blocking keys and are scored by the matcher, so a misspelt or other-script " +
        'name finds its entity. Best first.',
      roles: ['analyst', 'admin'],
      query: SearchQuery,
      responses: { 200: { description: 'the entities found, best first', schema: SearchAnswer } },
      handle: async ({ query, res }, ctx) => {
        const body: SearchAnswer = { results: await searchEntities(ctx.graph, ctx.index, ctx.engine, query) };
        res.json(body);
      },
    }),
  ],
};

export const searchRoutes = apiRoutes(searchApi, (ctx) => ctx);
