import { Router } from 'express';
import { audit } from '../../../graph/audit';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../graph/auth/apiKeys';
import { CreateKeyInput } from '../../domain/auth';
import { allow, principalOf } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { IdParam, parseOr400, requireJson } from '../validate';

export function keysRouter(ctx: ApiContext): Router {
  const router = Router();
  router.post('/keys', allow('admin'), async (req, res) => {
    requireJson(req);
    const input = parseOr400(CreateKeyInput, req.body, 'key request');
    const who = principalOf(req);
    const created = await createApiKey(ctx.graph, { ...input, createdBy: who.keyId });
    await audit(ctx.graph, { actor: who.keyId, role: who.role, org: who.org, action: 'key.created', target: created.id, details: { role: created.role, org: created.org } });
    res.status(201).json(created);
  });
  router.get('/keys', allow('admin'), async (_req, res) => {
    res.json({ items: await listApiKeys(ctx.graph) });
  });
  router.delete('/keys/:id', allow('admin'), async (req, res) => {
    const id = IdParam.safeParse(req.params.id);
    if (!id.success || !(await revokeApiKey(ctx.graph, id.data))) throw new HttpError(404, 'no such key');
    const who = principalOf(req);
    await audit(ctx.graph, { actor: who.keyId, role: who.role, org: who.org, action: 'key.revoked', target: id.data });
    res.status(204).end();
  });
  return router;
}
