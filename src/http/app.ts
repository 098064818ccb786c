import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../log/logger';
import { errorHandler, notFound } from './errors';
import { healthRouter, type HealthDeps } from './health';

export interface AppDeps extends HealthDeps {
  logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(
    pinoHttp({
      logger: deps.logger,
      // A caller-supplied id is kept only when it is harmless, so logs cannot be forged through it.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
  app.use(healthRouter(deps));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
