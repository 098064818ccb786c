import { channel } from 'node:diagnostics_channel';
import type { Request, RequestHandler, Router } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';
import type { KeyVerifier } from '../../graph/auth/apiKeys';
import { QUEUE_STATES, readQueueDepths } from '../../workers/queueDepths';
import type { Producer } from '../../workers/queues';
import { authenticate } from './auth';
import { mountSection, routesFor, type Section } from './routeTable';

/*
 * /metrics for Prometheus. Labels take values from small fixed sets only (methods, route patterns,
 * statuses, queue names, job states): never an id, a key or anything a caller typed, which would leak
 * data and grow the series without bound.
 */

const METRICS_PATH = '/metrics';
const HTTP_SECONDS = 'lantern_http_request_duration_seconds';
const QUEUE_COUNT_TIMEOUT_MS = 2000;

/**
 * The pattern each request was routed by, learnt from express's router tracing channel: at the moment
 * a route handler starts, `baseUrl` is where its router is mounted and the traced `route` is the
 * route's own pattern. Requests no route took (authentication failures, static files, 404s) are
 * counted under the mount of the last middleware that saw them, e.g. '/api/v1/*'. Lantern mounts
 * routers on fixed paths only, so `baseUrl` never holds an id.
 */
const patterns = new WeakMap<Request, { pattern: string; routed: boolean }>();
let tracing = false;

interface TracedInvocation {
  req: Request;
  layer: { method?: string };
  route?: unknown;
  errorHandler?: boolean;
}

function traceRoutePatterns(): void {
  if (tracing) return;
  tracing = true;
  channel('tracing:express.router.request:start').subscribe((message) => {
    const { req, layer, route, errorHandler } = message as TracedInvocation;
    if (errorHandler || typeof route !== 'string' || patterns.get(req)?.routed) return;
    const base = req.baseUrl ?? '';
    // Only the handlers inside a route carry a method.
    patterns.set(req, layer.method ? { pattern: base + route, routed: true } : { pattern: `${base}/*`, routed: false });
  });
}

/** Request durations by method, route pattern and status; mount it before every router. */
export function httpMetricsMiddleware(registry: Registry): RequestHandler {
  traceRoutePatterns();
  // One histogram per registry, however many apps a process (a test run) builds on it.
  const histogram =
    (registry.getSingleMetric(HTTP_SECONDS) as Histogram<'method' | 'route' | 'status'> | undefined) ??
    new Histogram({
      name: HTTP_SECONDS,
      help: 'HTTP request duration by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  return (req, res, next) => {
    const stop = histogram.startTimer();
    res.once('finish', () =>
      stop({ method: req.method, route: patterns.get(req)?.pattern ?? '/*', status: String(res.statusCode) }),
    );
    next();
  };
}

/** Queue depths read from Redis at each scrape, so every API process reports the shared truth. */
function registerQueueDepths(registry: Registry, producer: Producer): void {
  new Gauge({
    name: 'lantern_queue_jobs',
    help: 'Jobs per queue and state, read from Redis at scrape time (absent when Redis did not answer)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const counts = await readQueueDepths(producer, QUEUE_COUNT_TIMEOUT_MS);
        for (const { queue, byState } of counts)
          for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state]);
      } catch {
        // Stale depths would look healthy; no series at all is what an absent() alert catches.
      }
    },
  });
}

/** collectDefaultMetrics registers fixed names, so a second call on one registry would throw. */
const withDefaultMetrics = new WeakSet<Registry>();

/**
 * GET /metrics in Prometheus text format, for admin keys only (Bearer, or Basic with the key as the
 * password, which is what Prometheus' basic_auth sends). The pipeline's own counters appear when the
 * workers of this process register their PipelineMetrics in the same registry.
 */
export function metricsRouter(opts: { registry: Registry; producer?: Producer; keys: KeyVerifier }): Router {
  const { registry } = opts;
  if (!withDefaultMetrics.has(registry)) {
    collectDefaultMetrics({ register: registry });
    withDefaultMetrics.add(registry);
  }
  if (opts.producer) registerQueueDepths(registry, opts.producer);
  return mountSection(metricsSection, { registry }, { authenticate: authenticate(opts.keys) });
}

const route = routesFor<{ registry: Registry }>();

export const metricsSection: Section<{ registry: Registry }> = {
  routes: [
    route({
      method: 'get',
      path: METRICS_PATH,
      tag: 'Operations',
      summary: 'Prometheus metrics',
      description:
        'HTTP latency by route pattern, queue depths per state, job durations and outcomes, resolver decisions, ' +
        'and the Node process.',
      roles: ['admin'],
      responses: {
        200: { description: 'the Prometheus text exposition format', contentType: 'text/plain; version=0.0.4' },
      },
      handle: async ({ res }, { registry }) => {
        res.set('Content-Type', registry.contentType).send(await registry.metrics());
      },
    }),
  ],
};
