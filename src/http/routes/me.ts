import { Router } from 'express';
import { ROLES, WhoAmI } from '../../domain/auth';
import { principalOf } from '../auth';
import type { ApiContext } from '../context';
import { apiDoc } from '../openapi';

/** Who the key belongs to: the console signs in with a key and must know its role without probing routes. */
export function meRouter(_ctx: ApiContext): Router {
  const router = Router();
  router.get('/me', (req, res) => {
    const who = principalOf(req);
    const body: WhoAmI = { keyId: who.keyId, role: who.role, org: who.org };
    res.json(body);
  });
  return router;
}

apiDoc.add({
  tags: { Session: 'What a key may do, for clients such as the console.' },
  components: { WhoAmI },
  routes: [
    {
      method: 'get',
      path: '/api/v1/me',
      tag: 'Session',
      summary: "The calling key's id, role and organisation",
      roles: ROLES,
      responses: { 200: { description: 'the key as Lantern knows it (never the secret)', schema: WhoAmI } },
    },
  ],
});
