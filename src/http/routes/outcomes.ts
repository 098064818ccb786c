import { actedBy, audit } from '../../../graph/audit';
import { outcomeStats } from '../../../graph/outcomes/stats';
import { OutcomeError, outcomesOfExport, recordOutcome } from '../../../graph/outcomes/store';
import { ExportOutcomes, OutcomeInput, OutcomeStats, RecordedOutcome } from '../../domain/outcomes';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';
import { ById } from '../validate';
import { recordRead, visibleExport } from './exports';

function asHttp(err: unknown): never {
  if (err instanceof OutcomeError)
    throw new HttpError(err.code === 'invalid' ? 400 : 409, err.message, err.issues.length ? err.issues : undefined);
  throw err;
}

const route = routesFor<ApiContext>();

/** What partner banks did with the subjects they were sent, and what that says of the leads behind them. */
export const outcomesApi: Section<ApiContext> = {
  tags: {
    Outcomes:
      'What a partner bank did with each subject of a bundle it received (no customer, monitored, frozen, closed, ' +
      'a report filed, referred to the police), and for analysts what the outcomes say of leads, rules and ' +
      'organisations. The kinds: docs/leads.md "Outcomes".',
  },
  components: { OutcomeInput, RecordedOutcome, ExportOutcomes, OutcomeStats },
  guarded: ['/api/v1/outcomes'],
  routes: [
    route({
      method: 'post',
      path: '/api/v1/exports/:id/outcomes',
      tag: 'Outcomes',
      summary: 'Report what the bank did with one subject of this export',
      description:
        'Only the partner the export was made for. A subject may get several outcomes over time (monitored, ' +
        'then frozen); the same outcome sent again is recorded once. A subject withdrawn from the bundle since ' +
        'may still get one: the bank may have acted before the withdrawal.',
      roles: ['partner'],
      params: ById,
      notFound: 'no such export',
      body: { schema: OutcomeInput, name: 'outcome' },
      responses: {
        201: { description: 'recorded', schema: RecordedOutcome },
        200: { description: 'recorded before: nothing was added (`alreadyRecorded`)', schema: RecordedOutcome },
      },
      errors: {
        400: 'a bad field, a subject the export does not hold, or a day in the future or before the export',
        404: "no such export, or another partner's",
        409: 'this outcome is recorded for the subject on that day already, with another note',
      },
      handle: async ({ res, params, body, who }, ctx) => {
        const found = await visibleExport(ctx, who, params.id);
        const recorded = await recordOutcome(ctx.graph, { exportId: found.id, input: body, by: who.keyId }).catch(
          asHttp,
        );
        const { outcome } = recorded;
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'outcome.recorded',
          target: found.id,
          details: {
            outcome: outcome.id,
            lead: outcome.leadId,
            subject: outcome.subjectId,
            kind: outcome.outcome,
            date: outcome.date,
            alreadyRecorded: recorded.alreadyRecorded,
          },
        });
        res.status(recorded.alreadyRecorded ? 200 : 201).json(recorded);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/exports/:id/outcomes',
      tag: 'Outcomes',
      summary: "The export's subjects and the outcomes reported on them",
      roles: ['analyst', 'partner'],
      params: ById,
      notFound: 'no such export',
      responses: { 200: { description: 'its subjects and outcomes, oldest first', schema: ExportOutcomes } },
      errors: { 404: "no such export, or another partner's" },
      handle: async ({ res, params, who }, ctx) => {
        const found = await visibleExport(ctx, who, params.id);
        const outcomes = await outcomesOfExport(ctx.graph, found.id);
        if (!outcomes) throw new HttpError(404, 'no such export');
        if (who.role === 'partner') await recordRead(ctx, who, 'export.outcomes.read', found);
        res.json(outcomes);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/outcomes',
      tag: 'Outcomes',
      summary: 'What the banks reported: leads answered, outcomes by kind, days to freeze, by rule and organisation',
      description: 'Aggregates only: no names, identifiers or notes.',
      roles: ['analyst'],
      responses: { 200: { description: 'the figures as read now', schema: OutcomeStats } },
      handle: async ({ res }, ctx) => {
        res.json(await outcomeStats(ctx.graph));
      },
    }),
  ],
};

export const outcomesRoutes = apiRoutes(outcomesApi, (ctx) => ctx);
