import { z } from 'zod';
import { actedBy, audit } from '../../../graph/audit';
import { getEntity, judgementHistory } from '../../../graph/read/entities';
import { neighbourhood } from '../../../graph/read/neighbourhood';
import { reviewQueue } from '../../../graph/read/review';
import { JudgementError, judge, split } from '../../../graph/resolve/judgements';
import { QUEUES } from '../../../workers/queues';
import {
  EntityView,
  JudgementHistory,
  JudgementOutcome,
  JudgementRecord,
  MergedEntity,
  Neighbourhood,
  ReviewItem,
  ReviewPage,
  SplitOutcome,
} from '../../domain/api';
import { JudgementInput, NeighbourhoodQuery, ReviewQuery, SplitInput } from '../../domain/review';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';
import { ById } from '../validate';

function asHttp(err: unknown): never {
  if (err instanceof JudgementError) throw new HttpError(err.code === 'not-found' ? 404 : 409, err.message);
  throw err;
}

const leadsAfter = (ctx: ApiContext, entityIds: string[], id: string, reason: string) =>
  entityIds.length > 0 ? ctx.producer.enqueue(QUEUES.leads, id, { entityIds, reason }) : Promise.resolve(true);

const route = routesFor<ApiContext>();

/** Entities, the review queue and analysts' decisions: analysts only. */
export const entitiesApi: Section<ApiContext> = {
  tags: {
    Entities: 'The resolved people, companies and accounts, with the evidence behind them (analysts).',
    Review: 'Possible matches waiting for a decision, and the decisions (analysts).',
  },
  components: {
    EntityView,
    MergedEntity,
    Neighbourhood,
    JudgementInput,
    JudgementOutcome,
    JudgementRecord,
    JudgementHistory,
    SplitInput,
    SplitOutcome,
    ReviewItem,
    ReviewPage,
  },
  annotations: [[JudgementInput, { description: 'entityA and entityB must differ.' }]],
  guarded: ['/api/v1/entities', '/api/v1/review', '/api/v1/judgements'],
  routes: [
    route({
      method: 'get',
      path: '/api/v1/entities/:id',
      tag: 'Entities',
      summary: 'An entity with its names, identifiers, mentions and why each was placed there',
      description: 'An id that was merged into another entity answers with the id it now resolves to.',
      roles: ['analyst'],
      params: ById,
      notFound: 'no such entity',
      responses: {
        200: { description: 'the entity, or where a merged id went', schema: z.union([EntityView, MergedEntity]) },
      },
      handle: async ({ res, params }, ctx) => {
        const found = await getEntity(ctx.graph, params.id);
        if (found.kind === 'missing') throw new HttpError(404, 'no such entity');
        if (found.kind === 'tombstone') {
          res.json({ id: found.id, mergedInto: found.mergedInto });
          return;
        }
        res.json({ ...found.entity, judgements: await judgementHistory(ctx.graph, found.entity.id) });
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/entities/:id/neighbourhood',
      tag: 'Entities',
      summary: 'The entities around one, through reported relations, shared identifiers and possible matches',
      roles: ['analyst'],
      params: ById,
      notFound: 'no such entity',
      query: NeighbourhoodQuery,
      responses: { 200: { description: 'the subgraph', schema: Neighbourhood } },
      handle: async ({ res, params, query }, ctx) => {
        const graph = await neighbourhood(ctx.graph, params.id, query.depth);
        if (graph.nodes.length === 0) throw new HttpError(404, 'no such entity');
        res.json(graph);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/entities/:id/split',
      tag: 'Review',
      summary: 'Split mentions out of an entity (undo a merge)',
      description:
        'The moved mentions form a new entity, and a `different` judgement keeps the two parts apart from then on.',
      roles: ['analyst'],
      params: ById,
      notFound: 'no such entity',
      body: { schema: SplitInput, name: 'split' },
      responses: { 201: { description: 'the split is recorded', schema: SplitOutcome } },
      errors: { 409: 'the mentions are not all in this entity, or the split would move none or all of them' },
      handle: async ({ res, params, body, who }, ctx) => {
        const command = { entityId: params.id, mentionIds: body.mentionIds, by: who.keyId, reason: body.reason };
        const outcome = await split(ctx.graph, ctx.engine, command).catch(asHttp);
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'entity.split',
          target: params.id,
          details: {
            judgementId: outcome.judgementId,
            moved: body.mentionIds.length,
            newEntityId: outcome.newEntityId,
          },
        });
        await leadsAfter(ctx, outcome.changed, outcome.judgementId, `split of ${params.id}`);
        res.status(201).json(outcome);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/review',
      tag: 'Review',
      summary: 'Open possible matches, most valuable first',
      description: 'Filters combine: a pair is listed when it passes every filter set.',
      roles: ['analyst'],
      query: ReviewQuery,
      responses: { 200: { description: 'one page of the review queue', schema: ReviewPage } },
      handle: async ({ res, query }, ctx) => {
        const queue = await reviewQueue(ctx.graph, query);
        res.json({ ...queue, limit: query.limit, offset: query.offset });
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/judgements',
      tag: 'Review',
      summary: 'Decide whether two entities are the same',
      description:
        'Judgements win over the model: after `different` the two are never joined automatically; `same` merges them.',
      roles: ['analyst'],
      body: { schema: JudgementInput, name: 'judgement' },
      responses: { 201: { description: 'the judgement is recorded', schema: JudgementOutcome } },
      errors: { 404: 'one of the entities does not exist', 409: 'the two ids name the same entity' },
      handle: async ({ res, body, who }, ctx) => {
        const outcome = await judge(ctx.graph, ctx.engine, { ...body, by: who.keyId }).catch(asHttp);
        await audit(ctx.graph, {
          ...actedBy(who),
          action: `judgement.${body.verdict}`,
          target: outcome.judgementId,
          details: { entityA: body.entityA, entityB: body.entityB },
        });
        const changed = outcome.changed.length > 0 ? outcome.changed : outcome.entities;
        await leadsAfter(ctx, changed, outcome.judgementId, `judgement ${body.verdict}`);
        res.status(201).json(outcome);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/entities/:id/judgements',
      tag: 'Entities',
      summary: 'Judgements about any mention of the entity, newest first',
      roles: ['analyst'],
      params: ById,
      notFound: 'no such entity',
      responses: { 200: { description: 'the judgements', schema: JudgementHistory } },
      handle: async ({ res, params }, ctx) => {
        res.json({ items: await judgementHistory(ctx.graph, params.id) });
      },
    }),
  ],
};

export const entitiesRoutes = apiRoutes(entitiesApi, (ctx) => ctx);
