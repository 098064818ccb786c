import { Router } from 'express';
import { audit } from '../../../graph/audit';
import { getEntity, judgementHistory } from '../../../graph/read/entities';
import { neighbourhood } from '../../../graph/read/neighbourhood';
import { reviewQueue } from '../../../graph/read/review';
import { judge, JudgementError, split } from '../../../graph/resolve/judgements';
import { QUEUES } from '../../../workers/queues';
import { JudgementInput, NeighbourhoodQuery, SplitInput } from '../../domain/review';
import { allow, principalOf } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { IdParam, Pagination, parseOr400, requireJson } from '../validate';

function asHttp(err: unknown): never {
  if (err instanceof JudgementError) throw new HttpError(err.code === 'not-found' ? 404 : 409, err.message);
  throw err;
}

/** Entities, the review queue and analysts' decisions: analysts only. */
export function entitiesRouter(ctx: ApiContext): Router {
  const router = Router();
  router.use(['/entities', '/review', '/judgements'], allow('analyst'));

  const leadsAfter = (entityIds: string[], id: string, reason: string) =>
    entityIds.length > 0 ? ctx.producer.enqueue(QUEUES.leads, id, { entityIds, reason }) : Promise.resolve(true);

  router.get('/entities/:id', async (req, res) => {
    const id = IdParam.safeParse(req.params.id);
    const found = id.success ? await getEntity(ctx.graph, id.data) : { kind: 'missing' as const };
    if (found.kind === 'missing') throw new HttpError(404, 'no such entity');
    if (found.kind === 'tombstone') {
      res.json({ id: found.id, mergedInto: found.mergedInto });
      return;
    }
    res.json({ ...found.entity, judgements: await judgementHistory(ctx.graph, found.entity.id) });
  });

  router.get('/entities/:id/neighbourhood', async (req, res) => {
    const id = IdParam.safeParse(req.params.id);
    const { depth } = parseOr400(NeighbourhoodQuery, req.query, 'query');
    const graph = id.success ? await neighbourhood(ctx.graph, id.data, depth) : undefined;
    if (!graph || graph.nodes.length === 0) throw new HttpError(404, 'no such entity');
    res.json(graph);
  });

  router.post('/entities/:id/split', async (req, res) => {
    requireJson(req);
    const id = IdParam.safeParse(req.params.id);
    if (!id.success) throw new HttpError(404, 'no such entity');
    const input = parseOr400(SplitInput, req.body, 'split');
    const who = principalOf(req);
    const outcome = await split(ctx.graph, ctx.engine, { entityId: id.data, mentionIds: input.mentionIds, by: who.keyId, reason: input.reason }).catch(asHttp);
    await audit(ctx.graph, { actor: who.keyId, role: who.role, org: who.org, action: 'entity.split', target: id.data, details: { judgementId: outcome.judgementId, moved: input.mentionIds.length, newEntityId: outcome.newEntityId } });
    await leadsAfter(outcome.changed, outcome.judgementId, `split of ${id.data}`);
    res.status(201).json(outcome);
  });

  router.get('/review', async (req, res) => {
    const page = parseOr400(Pagination, req.query, 'query');
    const queue = await reviewQueue(ctx.graph, page);
    res.json({ ...queue, limit: page.limit, offset: page.offset });
  });

  router.post('/judgements', async (req, res) => {
    requireJson(req);
    const input = parseOr400(JudgementInput, req.body, 'judgement');
    const who = principalOf(req);
    const outcome = await judge(ctx.graph, ctx.engine, { ...input, by: who.keyId }).catch(asHttp);
    await audit(ctx.graph, { actor: who.keyId, role: who.role, org: who.org, action: `judgement.${input.verdict}`, target: outcome.judgementId, details: { entityA: input.entityA, entityB: input.entityB } });
    await leadsAfter(outcome.changed.length > 0 ? outcome.changed : outcome.entities, outcome.judgementId, `judgement ${input.verdict}`);
    res.status(201).json(outcome);
  });

  router.get('/entities/:id/judgements', async (req, res) => {
    const id = IdParam.safeParse(req.params.id);
    if (!id.success) throw new HttpError(404, 'no such entity');
    res.json({ items: await judgementHistory(ctx.graph, id.data) });
  });

  return router;
}
