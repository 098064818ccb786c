import { actedBy, audit } from '../../../graph/audit';
import { readFindingFacts } from '../../../graph/read/findings';
import type { Principal } from '../../domain/auth';
import { countFindings, Findings, FindingsQuery, findingsCsv, publicFindings } from '../../domain/findings';
import type { ApiContext } from '../context';
import { apiRoutes, routesFor, type Section } from '../routeTable';

const route = routesFor<ApiContext>();

/** The counts as read now, in the form asked for; a read of the public form is audited, as a publication. */
async function findingsFor(ctx: ApiContext, who: Principal, asPublic: boolean, format: 'json' | 'csv') {
  const counted = countFindings(await readFindingFacts(ctx.graph), new Date().toISOString());
  if (!asPublic) return counted;
  await audit(ctx.graph, { ...actedBy(who), action: 'findings.public', details: { format } });
  return publicFindings(counted);
}

const FORMS =
  '`public=true` gives the form the hub may publish: aggregates only, every count from 1 to 10 withheld (k = 11), ' +
  'and in tables that add up to a total, further counts withheld so that none can be worked out. docs/findings.md.';

/** Findings: counts over time, by country, typology and role, for analysts and operators, and their public form. */
export const findingsApi: Section<ApiContext> = {
  tags: {
    Findings:
      'What the work has found: reports, entities, leads and outcomes by month, country, typology and role ' +
      '(analysts, admins), and the form of them the hub may publish.',
  },
  components: { Findings },
  routes: [
    route({
      method: 'get',
      path: '/api/v1/findings',
      tag: 'Findings',
      summary: 'Reports, entities, leads and outcomes by month, country, typology and role',
      description: `Aggregates only: no names, identifiers, ids or case data. ${FORMS}`,
      roles: ['analyst', 'admin'],
      query: FindingsQuery,
      responses: { 200: { description: 'the counts as read now', schema: Findings } },
      handle: async ({ res, query, who }, ctx) => {
        const body: Findings = await findingsFor(ctx, who, query.public, 'json');
        res.json(body);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/findings.csv',
      tag: 'Findings',
      summary: 'The same counts as one CSV table',
      description:
        'Columns `table, key, reports, entities, leads, outcomes`; `table` is total, month, country, typology, ' +
        `role or outcome; a withheld count reads \`suppressed\`, a measure a table does not count is empty. ${FORMS}`,
      roles: ['analyst', 'admin'],
      query: FindingsQuery,
      responses: {
        200: {
          description: 'the counts as read now',
          contentType: 'text/csv; charset=utf-8',
          headers: { 'Content-Disposition': 'attachment; a file name saying which form and which day' },
        },
      },
      handle: async ({ res, query, who }, ctx) => {
        const findings = await findingsFor(ctx, who, query.public, 'csv');
        const name = `lantern-findings${findings.public ? '-public' : ''}-${findings.at.slice(0, 10)}.csv`;
        res
          .type('text/csv; charset=utf-8')
          .setHeader('Content-Disposition', `attachment; filename="${name}"`)
          .send(findingsCsv(findings));
      },
    }),
  ],
};

export const findingsRoutes = apiRoutes(findingsApi, (ctx) => ctx);
