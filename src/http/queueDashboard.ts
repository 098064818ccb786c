import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { BeforeHook } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { type ErrorRequestHandler, type Express, Router } from 'express';
import helmet from 'helmet';
import type { KeyVerifier } from '../../graph/auth/apiKeys';
import { type Producer, QUEUES } from '../../workers/queues';
import { allow, authenticate } from './auth';
import { HttpError } from './errors';

/**
 * What an admin may change from the dashboard: retry failed jobs, run delayed ones now, pause and
 * resume. All of these only move jobs the pipeline made, and processors are idempotent. Adding,
 * editing, removing or cleaning jobs, emptying or obliterating queues is refused: a job is the only
 * trace of queued work outside Neo4j (leads, imports), and hand-made job data bypasses validation.
 */
const ALLOWED_CHANGES = new Set([
  'put /api/queues/:queueName/retry/:queueStatus',
  'put /api/queues/:queueName/:jobId/retry',
  'put /api/queues/:queueName/promote',
  'put /api/queues/:queueName/:jobId/promote',
  'put /api/queues/:queueName/pause',
  'put /api/queues/:queueName/resume',
  'put /api/queues/pause',
  'put /api/queues/resume',
]);

const onlyAllowedChanges: BeforeHook = ({ method, route }) =>
  method === 'get' || ALLOWED_CHANGES.has(`${method} ${route}`)
    ? undefined
    : { allow: false, status: 403, message: 'Lantern allows retrying, promoting, pausing and resuming only' };

/** Browsers prompt for credentials only when a 401 names a Basic realm. */
const basicChallenge: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof HttpError && err.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Lantern queues"');
  next(err);
};

/**
 * The board's page links a web font from Google; an operator's browser should not tell a third party
 * that it is looking at Lantern's queues, so styles and fonts come from this server only (the page
 * falls back to system fonts).
 */
const sameOriginOnly = helmet.contentSecurityPolicy({
  directives: { styleSrc: ["'self'", "'unsafe-inline'"], fontSrc: ["'self'", 'data:'] },
});

/**
 * The bull-board dashboard for admins, its page, API and static assets all under `basePath`. Sign in
 * with the admin key as the Basic password (any user name), or send it as a Bearer token.
 */
export function queueDashboardRouter(opts: { producer: Producer; keys: KeyVerifier; basePath?: string }): Router {
  const basePath = opts.basePath ?? '/admin/queues';
  const board = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(opts.producer.queue(name), { allowRetries: true })),
    serverAdapter: board,
    options: {
      uiConfig: { boardTitle: 'Lantern queues', hideDocsLink: true },
      handlerHooks: { before: onlyAllowedChanges },
    },
  });
  const dashboard = board.getRouter() as Express;
  dashboard.disable('x-powered-by');
  const router = Router();
  router.use(basePath, authenticate(opts.keys), allow('admin'), sameOriginOnly, dashboard);
  router.use(basePath, basicChallenge);
  return router;
}
