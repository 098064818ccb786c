import { z } from 'zod';
import { type AcceptReportCommand, type AcceptReportOutcome, acceptReports } from '../../../graph/reports/accept';
import { listReports, reportView } from '../../../graph/reports/pipeline';
import { reportNotes } from '../../../graph/reports/queries';
import { MicroBatcher } from '../../../workers/microBatcher';
import { QUEUES } from '../../../workers/queues';
import { IdempotencyKey, ReportAccepted, ReportListQuery, ReportPage, ReportView } from '../../domain/api';
import { ISO_COUNTRIES } from '../../domain/countries';
import { IDENTIFYING_PROPERTIES, PROPERTIES_BY_SCHEMA, SUBJECT_SCHEMAS } from '../../domain/ftm';
import { CountryCodeSchema, ReportInput, ReportSubject } from '../../domain/report';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';
import { ById } from '../validate';

interface ReportsDeps {
  ctx: ApiContext;
  intake: MicroBatcher<AcceptReportCommand, AcceptReportOutcome>;
}

/** The per-schema property rules ReportSubject checks in code, in JSON Schema words. */
function subjectRules(): Record<string, unknown> {
  const allowed = SUBJECT_SCHEMAS.map((s) => `${s}: ${PROPERTIES_BY_SCHEMA[s].join(', ')}`).join('; ');
  const identifying = SUBJECT_SCHEMAS.map((s) => `${s}: ${IDENTIFYING_PROPERTIES[s].join(' or ')}`).join('; ');
  return {
    description:
      `The properties allowed depend on the schema: ${allowed}. ` +
      `Each subject needs at least one identifying property: ${identifying}.`,
    allOf: SUBJECT_SCHEMAS.map((schema) => ({
      if: { properties: { schema: { const: schema } }, required: ['schema'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited
      then: {
        properties: {
          properties: {
            propertyNames: { enum: [...PROPERTIES_BY_SCHEMA[schema]] },
            anyOf: IDENTIFYING_PROPERTIES[schema].map((p) => ({ required: [p] })),
          },
        },
      },
    })),
  };
}

const route = routesFor<ReportsDeps>();

export const reportsApi: Section<ReportsDeps> = {
  tags: { Reports: "Caseworkers submit what victims report and follow each report's processing." },
  components: { ReportInput, ReportSubject, ReportAccepted, ReportView, ReportPage },
  annotations: [
    [ReportSubject, subjectRules()],
    [CountryCodeSchema, { enum: [...ISO_COUNTRIES] }],
    [
      ReportInput,
      {
        description:
          'One case: the subjects the victim named and how they are linked. ' +
          'Each subject ref is unique within the report; ' +
          'links name refs of subjects in the same report, two different ones.',
      },
    ],
  ],
  routes: [
    route({
      method: 'post',
      path: '/api/v1/reports',
      tag: 'Reports',
      summary: 'Submit a report',
      description:
        'The report is stored before the answer and processed in the background. ' +
        'The organisation comes from the key. The same Idempotency-Key, or the same payload, ' +
        'from the same organisation returns the first answer again and creates nothing.',
      roles: ['caseworker'],
      headers: z.object({ 'Idempotency-Key': IdempotencyKey.optional() }),
      body: { schema: ReportInput, name: 'report' },
      responses: {
        202: {
          description: 'accepted and stored; processing follows',
          schema: ReportAccepted,
          headers: { 'Idempotent-Replayed': "'true' when this repeats the answer to an earlier submission" },
        },
      },
      errors: { 409: 'the Idempotency-Key was already used for a different report' },
      handle: async ({ req, res, headers, body, who }, { ctx, intake }) => {
        const outcome = await intake.add({
          org: who.org,
          input: body,
          secret: ctx.secret,
          idempotencyKey: headers['Idempotency-Key'],
          submittedBy: who.keyId,
          auditRole: who.role,
        });
        if (outcome.kind === 'key-reused') {
          const reused = `this Idempotency-Key was already used for another report (${outcome.id})`;
          throw new HttpError(409, `${reused}; use a new key for a new report`);
        }
        if (outcome.kind === 'replayed') {
          res.setHeader('Idempotent-Replayed', 'true');
          res.status(202).json({ id: outcome.id, status: 'received' });
          return;
        }
        // Queued after the report is durable; if Redis is down the reconciler queues it later.
        const queued = await ctx.producer.enqueue(QUEUES.ingest, outcome.id, { reportId: outcome.id });
        if (!queued) {
          const why = 'report accepted but not queued (Redis unavailable); the reconciler will queue it';
          req.log?.warn({ reportId: outcome.id }, why);
        }
        res.status(202).json({ id: outcome.id, status: 'received' });
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/reports/:id',
      tag: 'Reports',
      summary: 'A report, its status and, once processed, the entity of each subject',
      roles: ['caseworker', 'analyst'],
      params: ById,
      notFound: 'no such report',
      responses: { 200: { description: 'the report', schema: ReportView } },
      errors: { 404: "no such report, or another organisation's" },
      handle: async ({ res, params, who }, { ctx }) => {
        const report = await reportView(ctx.graph, params.id);
        // Another organisation's report does not exist as far as a caseworker can tell.
        if (!report || (who.role === 'caseworker' && report.orgId !== who.org)) {
          throw new HttpError(404, 'no such report');
        }
        const { orgId, ...visible } = report;
        if (who.role === 'analyst') {
          res.json({ ...visible, org: orgId, notes: await reportNotes(ctx.graph, report.id) });
          return;
        }
        res.json(visible);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/reports',
      tag: 'Reports',
      summary: "The organisation's reports, newest first",
      roles: ['caseworker', 'analyst'],
      query: ReportListQuery,
      responses: { 200: { description: 'one page of reports', schema: ReportPage } },
      handle: async ({ res, query, who }, { ctx }) => {
        const org = who.role === 'caseworker' ? who.org : query.org;
        const page = await listReports(ctx.graph, { org, limit: query.limit, offset: query.offset });
        const items = page.items.map(({ orgId, ...r }) => (who.role === 'analyst' ? { ...r, org: orgId } : r));
        res.json({ items, total: page.total, limit: query.limit, offset: query.offset });
      },
    }),
  ],
};

// Reports that arrive together are committed together (group commit): one transaction and one wait
// for the disk per batch instead of per report. A report waits at most a millisecond for company, or
// for one of the two transactions in flight to finish; the 202 still follows its own commit.
export const reportsRoutes = apiRoutes(reportsApi, (ctx) => ({
  ctx,
  intake: new MicroBatcher<AcceptReportCommand, AcceptReportOutcome>((cmds) => acceptReports(ctx.graph, cmds), {
    maxSize: 50,
    maxWaitMs: 1,
    maxConcurrent: 2,
  }),
}));
