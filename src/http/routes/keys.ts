import { actedBy, audit } from '../../../graph/audit';
import {
  createApiKey,
  listApiKeys,
  PersonNameConflictError,
  revokeApiKey,
  UnregisteredOrganisationError,
} from '../../../graph/auth/apiKeys';
import { KeyList } from '../../domain/api';
import { CreatedKey, CreateKeyInput, KeySummary } from '../../domain/auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';
import { ById } from '../validate';

const route = routesFor<ApiContext>();

export const keysApi: Section<ApiContext> = {
  tags: { Keys: 'API keys (admins).' },
  components: { CreateKeyInput, CreatedKey, KeySummary, KeyList },
  routes: [
    route({
      method: 'post',
      path: '/api/v1/keys',
      tag: 'Keys',
      summary: 'Create an API key',
      description:
        'The key is shown once, in this answer; only its hash is stored. Its organisation must be registered ' +
        '(POST /api/v1/orgs); otherwise 400 naming `org`. Every key is held by a person, known by their e-mail ' +
        '(trimmed, lower case): the first key for an address registers the person, later ones are held by them ' +
        'too, and a name other than the registered one is 409 naming `person.name`. Approvals count people.',
      roles: ['admin'],
      body: { schema: CreateKeyInput, name: 'key request' },
      responses: { 201: { description: 'the new key', schema: CreatedKey } },
      errors: { 409: 'the e-mail belongs to a person registered under another name' },
      handle: async ({ res, body, who }, ctx) => {
        const created = await createApiKey(ctx.graph, { ...body, createdBy: who.keyId }).catch((err: unknown) => {
          if (err instanceof UnregisteredOrganisationError)
            throw new HttpError(400, 'invalid key request', [{ path: 'org', message: err.message }]);
          if (err instanceof PersonNameConflictError)
            throw new HttpError(409, 'the e-mail is registered to a person of another name', [
              { path: 'person.name', message: err.message },
            ]);
          throw err;
        });
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'key.created',
          target: created.id,
          details: { role: created.role, org: created.org, person: created.person.id },
        });
        res.status(201).json(created);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/keys',
      tag: 'Keys',
      summary: 'All API keys, without their secrets',
      roles: ['admin'],
      responses: { 200: { description: 'the keys', schema: KeyList } },
      handle: async ({ res }, ctx) => {
        res.json({ items: await listApiKeys(ctx.graph) });
      },
    }),
    route({
      method: 'delete',
      path: '/api/v1/keys/:id',
      tag: 'Keys',
      summary: 'Revoke an API key',
      roles: ['admin'],
      params: ById,
      notFound: 'no such key',
      responses: { 204: { description: 'revoked (again, if it already was)' } },
      handle: async ({ res, params, who }, ctx) => {
        if (!(await revokeApiKey(ctx.graph, params.id))) throw new HttpError(404, 'no such key');
        const revoked = { ...actedBy(who), action: 'key.revoked', target: params.id };
        await audit(ctx.graph, revoked);
        res.status(204).end();
      },
    }),
  ],
};

export const keysRoutes = apiRoutes(keysApi, (ctx) => ctx);
