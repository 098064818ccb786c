import { z } from 'zod';
import { type AcceptReportCommand, type AcceptReportOutcome, acceptReports } from '../../../graph/reports/accept';
import { amendReport } from '../../../graph/reports/amend';
import { caseworkerReportList, caseworkerReportView } from '../../../graph/reports/caseworkerView';
import type { ChangeRefusal } from '../../../graph/reports/ownReport';
import { listReports, reportView } from '../../../graph/reports/pipeline';
import { reportNotes } from '../../../graph/reports/queries';
import { withdrawReport } from '../../../graph/reports/withdraw';
import { MicroBatcher } from '../../../workers/microBatcher';
import { QUEUES } from '../../../workers/queues';
import { IdempotencyKey, ReportAccepted, ReportListQuery, ReportPage, ReportView } from '../../domain/api';
import {
  CaseworkerReportPage,
  CaseworkerReportView,
  RevisionAccepted,
  WithdrawInput,
  WithdrawOutcome,
} from '../../domain/caseworkerReport';
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

/** Why a report cannot be changed, as the API answers it. */
function refused(refusal: ChangeRefusal): never {
  switch (refusal.kind) {
    case 'not-found':
      throw new HttpError(404, 'no such report');
    case 'forbidden':
      throw new HttpError(403, 'only the organisation that submitted a report may change it');
    case 'busy':
      throw new HttpError(409, 'the report is still being processed; try again once it is processed');
    case 'withdrawn':
      throw new HttpError(409, `the report was withdrawn at ${refusal.withdrawnAt} and can no longer be changed`);
  }
}

export const reportsApi: Section<ReportsDeps> = {
  tags: { Reports: "Caseworkers submit what victims report and follow each report's processing." },
  components: {
    ReportInput,
    ReportSubject,
    ReportAccepted,
    ReportView,
    ReportPage,
    CaseworkerReportView,
    CaseworkerReportPage,
  },
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
          submitterPerson: who.person,
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
      summary: 'A report: to its caseworkers as they submitted it, to analysts with the entity of each subject',
      description:
        'Caseworkers of the submitting organisation see their subjects, links, case reference and notes, ' +
        'and where each subject stands, but never an entity id: which entity a subject joined would tell ' +
        'them what other organisations reported. Analysts see the entity of each subject.',
      roles: ['caseworker', 'analyst'],
      params: ById,
      notFound: 'no such report',
      responses: {
        200: { description: 'the report', schema: z.union([CaseworkerReportView, ReportView]) },
      },
      errors: { 404: "no such report, or another organisation's" },
      handle: async ({ res, params, who }, { ctx }) => {
        if (who.role === 'caseworker') {
          // Another organisation's report does not exist as far as a caseworker can tell.
          const own = await caseworkerReportView(ctx.graph, params.id, who.org, ctx.secret);
          if (!own) throw new HttpError(404, 'no such report');
          res.json(own);
          return;
        }
        const report = await reportView(ctx.graph, params.id);
        if (!report) throw new HttpError(404, 'no such report');
        const { orgId, ...visible } = report;
        res.json({ ...visible, org: orgId, notes: await reportNotes(ctx.graph, report.id) });
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/reports',
      tag: 'Reports',
      summary: "The organisation's reports, newest first",
      description: "Caseworkers see their own organisation's, with case references; analysts every one.",
      roles: ['caseworker', 'analyst'],
      query: ReportListQuery,
      responses: {
        200: { description: 'one page of reports', schema: z.union([CaseworkerReportPage, ReportPage]) },
      },
      handle: async ({ res, query, who }, { ctx }) => {
        const paging = { limit: query.limit, offset: query.offset };
        if (who.role === 'caseworker') {
          const own = await caseworkerReportList(ctx.graph, { org: who.org, secret: ctx.secret, ...paging });
          res.json(CaseworkerReportPage.parse({ ...own, ...paging }));
          return;
        }
        const page = await listReports(ctx.graph, { org: query.org, ...paging });
        const items = page.items.map(({ orgId, ...r }) => ({ ...r, org: orgId }));
        res.json({ items, total: page.total, ...paging });
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/reports/:id',
      tag: 'Reports',
      summary: 'Amend a report: a new revision replaces it',
      description:
        'The body is a whole report, as for submitting. The new revision is stored before the answer; ' +
        'the mentions of the one it replaces then leave their entities, which are resolved again, and the ' +
        'leads over them re-evaluated. Older revisions are kept. The same content as the current ' +
        'revision changes nothing. Only caseworkers of the submitting organisation may amend.',
      roles: ['caseworker'],
      params: ById,
      notFound: 'no such report',
      body: { schema: ReportInput, name: 'report' },
      responses: { 202: { description: 'the revision is stored; processing follows', schema: RevisionAccepted } },
      errors: {
        403: "another organisation's report",
        404: 'no such report',
        409: 'the report is withdrawn, or its current revision is still being processed',
      },
      handle: async ({ req, res, params, body, who }, { ctx }) => {
        const outcome = await amendReport(ctx.graph, {
          id: params.id,
          org: who.org,
          input: body,
          secret: ctx.secret,
          actor: who.keyId,
          person: who.person,
          role: who.role,
        });
        if (!('revision' in outcome)) refused(outcome);
        if (outcome.kind === 'amended') {
          const jobId = `${params.id}.r${outcome.revision}`;
          if (!(await ctx.producer.enqueue(QUEUES.ingest, jobId, { reportId: params.id }))) {
            req.log?.warn({ reportId: params.id }, 'revision stored but not queued; the reconciler will queue it');
          }
        }
        res.status(202).json({ id: params.id, status: 'received', revision: outcome.revision });
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/reports/:id/withdraw',
      tag: 'Reports',
      summary: 'Withdraw a report',
      description:
        'Its mentions leave their entities at once, which are recomputed without them, and the leads over ' +
        'them are re-evaluated; audited. The report stays visible to its organisation, marked withdrawn. ' +
        'Withdrawing again answers as the first time. Only caseworkers of the submitting organisation may.',
      roles: ['caseworker'],
      params: ById,
      notFound: 'no such report',
      body: { schema: WithdrawInput, name: 'withdrawal', optional: true },
      responses: { 200: { description: 'withdrawn', schema: WithdrawOutcome } },
      errors: {
        403: "another organisation's report",
        404: 'no such report',
        409: 'the report is still being processed',
      },
      handle: async ({ req, res, params, body, who }, { ctx }) => {
        const outcome = await withdrawReport(ctx.graph, ctx.index, ctx.engine, {
          id: params.id,
          org: who.org,
          actor: who.keyId,
          person: who.person,
          role: who.role,
          reason: body.reason,
        });
        if (outcome.kind !== 'withdrawn') refused(outcome);
        if (outcome.changed.length > 0) {
          const queued = await ctx.producer.enqueue(QUEUES.leads, `withdraw-${params.id}`, {
            entityIds: outcome.changed,
            reason: 'report withdrawn',
          });
          if (!queued) req.log?.warn({ reportId: params.id }, 'withdrawn, but leads not queued (Redis unavailable)');
        }
        res.json({ id: params.id, status: 'withdrawn', withdrawnAt: outcome.withdrawnAt });
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
