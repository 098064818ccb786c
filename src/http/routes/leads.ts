import { actedBy, audit } from '../../../graph/audit';
import { namesOfPeople } from '../../../graph/auth/apiKeys';
import { type LeadSettings, reviseExports } from '../../../graph/exports/store';
import {
  approveLead,
  exportsOfLead,
  LeadError,
  listLeads,
  loadLead,
  rejectLead,
  reportsOfLead,
  StaleRevisionError,
  summarise,
} from '../../../graph/leads/store';
import { outcomesOfLead } from '../../../graph/outcomes/store';
import type { Principal } from '../../domain/auth';
import {
  ApprovalAnswer,
  ApprovalOutcome,
  ApproveInput,
  LeadDetail,
  LeadListQuery,
  LeadPage,
  RejectInput,
  RejectOutcome,
} from '../../domain/leads';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { type ApiRoutes, apiRoutes, routesFor, type Section } from '../routeTable';
import { ById } from '../validate';
import { queueDeliveries } from './notices';

function asHttp(err: unknown): never {
  if (err instanceof StaleRevisionError)
    throw new HttpError(409, err.message, [
      { path: 'revision', message: `must be the lead's current revision, ${err.current}` },
    ]);
  if (err instanceof LeadError) throw new HttpError(err.code === 'not-found' ? 404 : 409, err.message);
  throw err;
}

interface LeadsDeps {
  ctx: ApiContext;
  settings: LeadSettings;
}

const route = routesFor<LeadsDeps>();

/**
 * Brings the bundles that hold a lead up to date after an analyst's decision on it (a retraction
 * withdraws its subjects, a completed re-approval re-issues it), audits each new revision and queues the
 * partners' notices for their webhooks. Idempotent, so a retried request completes what a failed one began.
 */
async function reviseAfter(ctx: ApiContext, settings: LeadSettings, who: Principal, leadId: string) {
  const { revised, deliveries } = await reviseExports(ctx.graph, [leadId], settings);
  for (const exportId of revised)
    await audit(ctx.graph, { ...actedBy(who), action: 'export.revised', target: exportId, details: { lead: leadId } });
  await queueDeliveries(ctx, deliveries);
  return revised;
}

/** Leads: the corroborated networks, their evidence and the two-person approval. Analysts only. */
export const leadsApi: Section<LeadsDeps> = {
  tags: {
    Leads:
      'Corroborated networks of suspects, their evidence, and the two-person approval that lets them be exported ' +
      '(analysts). The rules: docs/leads.md.',
  },
  components: { LeadPage, LeadDetail, ApproveInput, ApprovalOutcome, ApprovalAnswer, RejectOutcome },
  guarded: ['/api/v1/leads'],
  routes: [
    route({
      method: 'get',
      path: '/api/v1/leads',
      tag: 'Leads',
      summary: 'Leads, highest score first',
      roles: ['analyst'],
      query: LeadListQuery,
      responses: { 200: { description: 'one page of leads', schema: LeadPage } },
      handle: async ({ res, query }, { ctx }) => {
        const page = await listLeads(ctx.graph, query);
        res.json({ ...page, limit: query.limit, offset: query.offset });
      },
    }),
    // The evidence is what the rules weighed: report ids and organisations for analysts to follow up,
    // never notes or case references (the rules read neither).
    route({
      method: 'get',
      path: '/api/v1/leads/:id',
      tag: 'Leads',
      summary: 'A lead with the evidence the rules weighed and what the partners reported doing with it',
      description: 'Report ids and organisations, for follow-up; never notes or case references.',
      roles: ['analyst'],
      params: ById,
      notFound: 'no such lead',
      responses: { 200: { description: 'the lead', schema: LeadDetail } },
      handle: async ({ res, params }, { ctx, settings }) => {
        const lead = await loadLead(ctx.graph, params.id);
        if (!lead) throw new HttpError(404, 'no such lead');
        const now = new Date();
        const { evaluation } = lead;
        const summary = summarise(lead, now);
        const names = await namesOfPeople(ctx.graph, [...lead.approvals.map((a) => a.person), ...lead.approvedBy]);
        const nameOf = (person: string) => names.get(person) ?? person;
        const body: LeadDetail = {
          ...summary,
          subjects: evaluation.subjects.map((s, i) => ({ ...s, displayName: summary.subjects[i]!.displayName })),
          reports: await reportsOfLead(ctx.graph, evaluation.evidence.reportIds),
          links: evaluation.links,
          evidence: evaluation.evidence,
          points: evaluation.points,
          shortfalls: evaluation.shortfalls,
          approval: {
            needed: settings.twoPersonRule ? 2 : 1,
            pending: lead.approvals.map((a) => ({ ...a, name: nameOf(a.person) })),
            approvedRevision: lead.approvedRevision,
            approvedBy: lead.approvedBy.map((person) => ({ person, name: nameOf(person) })),
            approvedAt: lead.approvedAt,
          },
          closedReason: lead.closedReason,
          exports: await exportsOfLead(ctx.graph, lead.id),
          outcomes: await outcomesOfLead(ctx.graph, lead.id),
        };
        res.json(body);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/leads/:id/approve',
      tag: 'Leads',
      summary: "Approve the lead's current revision",
      description:
        'The body names the revision the analyst reviewed; a lead that has moved on to another revision is 409 ' +
        'naming `revision` (with the current one), and nothing is recorded. Two different people must approve ' +
        '(unless LANTERN_TWO_PERSON_RULE=0): the same person twice, with one key or several, counts once. ' +
        'A completed approval runs until the review-by date. A lead that changed since export, once approved ' +
        'again, is re-issued in every bundle that holds it (a new signed revision that supersedes the last).',
      roles: ['analyst'],
      params: ById,
      notFound: 'no such lead',
      body: { schema: ApproveInput, name: 'approval' },
      responses: { 200: { description: 'the approval as counted', schema: ApprovalAnswer } },
      errors: { 409: 'the lead is retracted or rejected, or changed since the revision reviewed' },
      handle: async ({ res, params: { id }, body, who }, { ctx, settings }) => {
        const outcome = await approveLead(ctx.graph, id, { by: who, revision: body.revision }, settings).catch(asHttp);
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'lead.approved',
          target: id,
          details: {
            revision: outcome.lead.revision,
            counted: outcome.counted,
            approvals: outcome.approvals,
            needed: outcome.needed,
            approved: outcome.lead.approved,
          },
        });
        const revisedExports = outcome.lead.approved ? await reviseAfter(ctx, settings, who, id) : [];
        // Re-issued bundles hold this revision now: the lead is answered as they left it.
        const reissued = revisedExports.length > 0 ? await loadLead(ctx.graph, id) : undefined;
        res.json({ ...outcome, lead: reissued ? summarise(reissued, new Date()) : outcome.lead, revisedExports });
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/leads/:id/reject',
      tag: 'Leads',
      summary: 'Reject the lead (an exported one is retracted, and its bundles revised)',
      roles: ['analyst'],
      params: ById,
      notFound: 'no such lead',
      body: { schema: RejectInput, name: 'rejection', optional: true },
      responses: { 200: { description: 'the lead after rejection, and the bundles revised', schema: RejectOutcome } },
      errors: { 409: 'the lead is already retracted or rejected' },
      handle: async ({ res, params: { id }, body, who }, { ctx, settings }) => {
        const lead = await rejectLead(ctx.graph, id, who.keyId, body.reason).catch(asHttp);
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'lead.rejected',
          target: id,
          details: { status: lead.status },
        });
        res.json({ ...lead, revisedExports: await reviseAfter(ctx, settings, who, id) });
      },
    }),
  ],
};

export function leadsRouter(settings: LeadSettings): ApiRoutes {
  return apiRoutes(leadsApi, (ctx) => ({ ctx, settings }));
}
