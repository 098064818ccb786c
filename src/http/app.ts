import { randomUUID } from 'node:crypto';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Registry } from 'prom-client';
import { consoleRouter } from '../console/router';
import { authenticate } from './auth';
import type { ApiContext } from './context';
import { errorHandler, notFound } from './errors';
import { healthRouter, healthSection } from './health';
import { httpMetricsMiddleware, metricsRouter, metricsSection } from './metrics';
import { openApiDocument, openApiRouter, openApiSection } from './openapi';
import { queueDashboardRouter } from './queueDashboard';
import { auditRoutes } from './routes/audit';
import { entitiesRoutes } from './routes/entities';
import { findingsRoutes } from './routes/findings';
import { importsRoutes } from './routes/imports';
import { keysRoutes } from './routes/keys';
import { meRoutes } from './routes/me';
import { noticesRoutes } from './routes/notices';
import { orgsRoutes } from './routes/orgs';
import { outcomesRoutes } from './routes/outcomes';
import { partnersRoutes } from './routes/partners';
import { reportsRoutes } from './routes/reports';
import { searchRoutes } from './routes/search';
import { statsRoutes } from './routes/stats';
import type { ApiRoutes, JsonSchema, SectionDoc } from './routeTable';
import {
  AuthFailureLimiter,
  type AuthFailureSettings,
  noStore,
  refuseCorsPreflight,
  requireUtf8,
  requireWellFormedText,
} from './security';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Largest JSON body accepted: a report holds at most 200 subjects of at most 20 values each. */
export const JSON_BODY_LIMIT = '1mb';

export interface AppOptions {
  /** The process's metrics registry: HTTP timings go into it and GET /metrics serves it. */
  registry?: Registry;
  /** Route sections mounted under /api/v1 behind authentication, and documented, added by other capabilities. */
  apiRouters?: ApiRoutes[];
  /** Routers mounted at the root before authentication (metrics, dashboard, OpenAPI, console). */
  rootRouters?: Router[];
  /** Refused API keys a client address may present per window (LANTERN_AUTH_FAILURE_*); defaults apply when absent. */
  authFailures?: AuthFailureSettings;
  /**
   * Reverse proxies in front of this API: the client address (which the failed-key limiter counts by)
   * is then read from X-Forwarded-For that many hops back. 0 by default, so a forged header changes nothing.
   */
  trustProxyHops?: number;
}

/** The sections every app serves under /api/v1, in the order their routers are mounted. */
const CORE_API: readonly ApiRoutes[] = [
  keysRoutes,
  orgsRoutes,
  partnersRoutes,
  reportsRoutes,
  importsRoutes,
  entitiesRoutes,
  auditRoutes,
  meRoutes,
  statsRoutes,
  findingsRoutes,
  searchRoutes,
  outcomesRoutes,
  noticesRoutes,
];

/** The OpenAPI document of an app that serves `sections` besides the core, and /metrics when asked. */
export function apiDocument(options: { metrics?: boolean; sections?: readonly SectionDoc[] } = {}): JsonSchema {
  const root: SectionDoc[] = [openApiSection, healthSection, ...(options.metrics ? [metricsSection] : [])];
  return openApiDocument([...root, ...CORE_API.map((part) => part.section), ...(options.sections ?? [])]);
}

export function createApp(ctx: ApiContext, options: AppOptions = {}): Express {
  const app = express();
  if (options.registry) app.use(httpMetricsMiddleware(options.registry));
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxyHops ? options.trustProxyHops : false);
  app.set('query parser', 'simple');
  app.use(
    pinoHttp({
      logger: ctx.logger,
      // A caller-supplied id is kept only when it is harmless, so logs cannot be forged through it.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      // Only the method, path and status: bodies hold victim testimony and query strings may hold ids.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(helmet());
  app.use(refuseCorsPreflight);
  app.use(new AuthFailureLimiter(options.authFailures, ctx.logger).attach);
  app.use(healthRouter({ graph: ctx.graph, pingRedis: ctx.pingRedis }));
  const sections = options.apiRouters?.map((part) => part.section);
  app.use(openApiRouter(apiDocument({ metrics: options.registry !== undefined, sections })));
  app.use(queueDashboardRouter({ producer: ctx.producer, keys: ctx.keys }));
  if (options.registry) app.use(metricsRouter({ registry: options.registry, producer: ctx.producer, keys: ctx.keys }));
  for (const router of options.rootRouters ?? []) app.use(router);
  app.use(consoleRouter());

  const api = express.Router();
  api.use(noStore);
  api.use(express.json({ limit: JSON_BODY_LIMIT, strict: true, verify: requireUtf8 }));
  api.use(requireWellFormedText);
  api.use(authenticate(ctx.keys));
  for (const part of [...CORE_API, ...(options.apiRouters ?? [])]) api.use(part.router(ctx));
  app.use('/api/v1', api);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
