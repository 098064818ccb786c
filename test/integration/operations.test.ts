import type { Express } from 'express';
import { Registry } from 'prom-client';
import type { z } from 'zod';
import { KeyVerifier } from '../../graph/auth/apiKeys';
import type { Graph } from '../../graph/driver';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import {
  AuditPage,
  EntityView,
  ErrorBody,
  JudgementHistory,
  KeyList,
  Neighbourhood,
  ReportAccepted,
  ReportPage,
  ReportView,
  ReviewPage,
} from '../../src/domain/api';
import { CaseworkerReportPage, CaseworkerReportView } from '../../src/domain/caseworkerReport';
import { PROPERTIES_BY_SCHEMA, SUBJECT_SCHEMAS } from '../../src/domain/ftm';
import type { ReportInput } from '../../src/domain/report';
import { createApp } from '../../src/http/app';
import type { ApiContext } from '../../src/http/context';
import { createLogger } from '../../src/log/logger';
import { pingRedis } from '../../workers/connection';
import { PipelineMetrics } from '../../workers/metrics';
import { Producer, QUEUES } from '../../workers/queues';
import { startWorkers, type WorkerRuntime } from '../../workers/runtime';
import { serve } from '../support/http';
import { createTestKey } from '../support/keys';
import { deleteKeysWithPrefix, testCandidateIndex, testGraph, testPrefix, testRedisUrl } from '../support/services';

const ADMIN_KEY = 'admin-key-for-tests-000000';
const JSON_TYPE = 'application/json';

/** The parts of a JSON Schema in the OpenAPI document that these tests read. */
interface Schema {
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  required?: string[];
  items: Schema;
  /** Only the properties these tests look up by name. */
  properties: Record<'country' | 'subjects' | 'schema' | 'properties', Schema>;
  propertyNames: Schema;
  allOf: Schema[];
  if: Schema;
  then: Schema;
}

interface Operation {
  tags: string[];
  parameters?: Array<{ name: string; in: string }>;
  security: unknown[];
  responses: Record<string, { content: Record<string, { schema: Schema }> }>;
  requestBody: { content: Record<string, { schema: Schema }> };
  'x-roles': string[];
}

/** The OpenAPI document as these tests read it. */
interface OpenApiDocument {
  openapi: string;
  info: unknown;
  tags: Array<{ name: string }>;
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}

/** An answer's body as these tests read it (the route's zod schema has checked it). */
interface Body {
  id?: string;
  status?: string;
  subjects?: Array<{ entityId: string }>;
  issues?: Array<{ path: string }>;
}

interface StackLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: StackLayer[] };
  rawPath?: unknown;
}

/** Every `METHOD /path` the express app routes, walking mounted routers (the dashboard is a sub-app, not listed). */
function appRoutes(stack: StackLayer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route)
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path}`);
    if (layer.handle.stack)
      return appRoutes(
        layer.handle.stack,
        prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''),
      );
    return [];
  });
}

function documentedRoutes(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

function resolveRef(doc: OpenApiDocument, schema: Partial<Schema>): Schema {
  if (typeof schema.$ref !== 'string') return schema as Schema;
  return schema.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key: string) => (node as Record<string, unknown> | undefined)?.[key], doc) as Schema;
}

function allRefs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allRefs);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : allRefs(v)));
}

const basic = (key: string) => `Basic ${Buffer.from(`admin:${key}`).toString('base64')}`;

function report(caseRef: string): ReportInput {
  return {
    caseRef,
    country: 'TH',
    reportedAt: '2024-03-02',
    subjects: [
      {
        ref: 'p1',
        schema: 'Person',
        role: 'Exploiter',
        properties: { name: ['Somchai Opsjaidee'], phone: ['081-234-5678'] },
      },
      {
        ref: 'a1',
        schema: 'BankAccount',
        properties: { accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] },
      },
    ],
    links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
  };
}

describe('operations: OpenAPI document, /metrics and the queue dashboard', () => {
  const redisUrl = testRedisUrl();
  const prefix = testPrefix('ops');
  const org = `org-ops-${Date.now()}`;
  let graph: Graph;
  let producer: Producer;
  let candidates: ReturnType<typeof testCandidateIndex> | undefined;
  let workers: WorkerRuntime;
  let app: Express;
  let server: { url: string; close: () => Promise<void> };
  let caseworker: string;
  let analyst: string;
  let doc: OpenApiDocument;
  /** Ids the API handed out during the test: none may show up in the metrics. */
  const seenIds = new Set<string>(['rep_X']);

  const call = (path: string, init: RequestInit & { key?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('Authorization', `Bearer ${init.key}`);
    if (init.json !== undefined) headers.set('Content-Type', JSON_TYPE);
    return fetch(`${server.url}${path}`, {
      ...init,
      headers,
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
    });
  };

  /** The answer's status is documented for its route, and its body is what the route's schema says. */
  async function documented(res: Response, method: string, path: string, schema?: z.ZodType): Promise<Body> {
    const operation = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()] as Operation | undefined;
    expect(operation).toBeDefined();
    expect(Object.keys(operation!.responses)).toContain(String(res.status));
    const body = (await res.json()) as Body;
    if (schema) schema.parse(body);
    return body;
  }

  beforeAll(async () => {
    graph = testGraph();
    const logger = createLogger('silent');
    const registry = new Registry();
    producer = new Producer(redisUrl, prefix);
    candidates = testCandidateIndex(graph, 'ops');
    const keys = new KeyVerifier(graph, ADMIN_KEY);
    const ctx: ApiContext = {
      graph,
      logger,
      secret: 'ops-test-secret-000000000000000000',
      keys,
      producer,
      engine: defaultResolverEngine(),
      index: candidates.index,
      pingRedis: () => pingRedis(redisUrl, 1000),
    };
    workers = await startWorkers({
      graph,
      redisUrl,
      prefix,
      logger,
      metrics: new PipelineMetrics(registry),
      reconcilerIntervalMs: 500,
      receivedGraceMs: 1000,
    });
    app = createApp(ctx, { registry });
    server = await serve(app);
    caseworker = (await createTestKey(graph, { role: 'caseworker', org, createdBy: 'test' })).key;
    analyst = (await createTestKey(graph, { role: 'analyst', org: 'hub', createdBy: 'test' })).key;
    doc = (await (await call('/api/v1/openapi.json')).json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await workers?.close();
    await server?.close();
    await producer?.close();
    await candidates?.close();
    await graph?.close();
    await deleteKeysWithPrefix(redisUrl, prefix);
  });

  describe('GET /api/v1/openapi.json', () => {
    it('is served without a key as an OpenAPI 3.1 document', async () => {
      const res = await call('/api/v1/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info).toEqual(
        expect.objectContaining({ title: 'Lantern API', version: expect.stringMatching(/^\d+\.\d+\.\d+/) }),
      );
      expect(doc.components.securitySchemes.bearer).toEqual(
        expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      );
      expect(doc.paths['/api/v1/openapi.json']!.get!.security).toEqual([]);
    });

    it('lists every route the app serves, and nothing it does not', () => {
      const served = appRoutes((app as unknown as { router: { stack: StackLayer[] } }).router.stack);
      expect(served).toContain('GET /api/v1/reports/:id');
      expect(documentedRoutes(doc).sort()).toEqual([...new Set(served)].sort());
    });

    it(
      'is self-consistent: every $ref resolves, every path parameter is declared, every operation has tags, roles ' +
        'and error answers',
      () => {
        for (const ref of allRefs(doc)) expect(resolveRef(doc, { $ref: ref })).toBeDefined();
        for (const [path, ops] of Object.entries(doc.paths)) {
          const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
          for (const op of Object.values(ops)) {
            expect(op.tags).toHaveLength(1);
            expect(doc.tags.map((t) => t.name)).toContain(op.tags[0]);
            const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
            expect(inPath).toEqual(names);
            if (op.security.length > 0) {
              expect(op.responses['401']!.content[JSON_TYPE]!.schema).toEqual({
                $ref: '#/components/schemas/ErrorBody',
              });
              expect(op['x-roles'].length).toBeGreaterThan(0);
            }
          }
        }
      },
    );

    it("describes the report body from the zod schemas, with each schema's allowed properties", () => {
      const body = resolveRef(doc, doc.paths['/api/v1/reports']!.post!.requestBody.content[JSON_TYPE]!.schema);
      expect(body.required).toEqual(expect.arrayContaining(['caseRef', 'country', 'subjects']));
      expect(body.properties.country.enum).toContain('TH');
      const subject = resolveRef(doc, body.properties.subjects.items);
      expect(subject.properties.schema.enum).toEqual([...SUBJECT_SCHEMAS]);
      for (const schema of SUBJECT_SCHEMAS) {
        const rule = (subject.allOf as Schema[]).find((r) => r.if.properties.schema.const === schema);
        expect(rule?.then.properties.properties.propertyNames.enum).toEqual([...PROPERTIES_BY_SCHEMA[schema]]);
      }
      const post = doc.paths['/api/v1/reports']!.post!;
      expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '403', '409', '413', '415', '429']);
      expect(post.parameters).toEqual([
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
      ]);
      expect(doc.paths['/api/v1/reports']!.get!.parameters!.map((p) => p.name)).toEqual(['limit', 'offset', 'org']);
    });

    it('documents what the API really answers', async () => {
      const accepted = await documented(
        await call('/api/v1/reports', { method: 'POST', key: caseworker, json: report(`TH-OPS-${Date.now()}`) }),
        'POST',
        '/api/v1/reports',
        ReportAccepted,
      );
      seenIds.add(accepted.id!);
      let view: Body = {};
      for (const deadline = Date.now() + 60_000; view.status !== 'processed'; ) {
        if (Date.now() > deadline) throw new Error(`report ${accepted.id} not processed: ${JSON.stringify(view)}`);
        await new Promise((r) => setTimeout(r, 200));
        view = await documented(
          await call(`/api/v1/reports/${accepted.id}`, { key: caseworker }),
          'GET',
          '/api/v1/reports/:id',
          CaseworkerReportView,
        );
      }
      view = await documented(
        await call(`/api/v1/reports/${accepted.id}`, { key: analyst }),
        'GET',
        '/api/v1/reports/:id',
        ReportView,
      );
      await documented(
        await call('/api/v1/reports?limit=5', { key: caseworker }),
        'GET',
        '/api/v1/reports',
        CaseworkerReportPage,
      );
      await documented(await call('/api/v1/reports?limit=5', { key: analyst }), 'GET', '/api/v1/reports', ReportPage);
      const entityId = view.subjects![0]!.entityId;
      seenIds.add(entityId);
      await documented(
        await call(`/api/v1/entities/${entityId}`, { key: analyst }),
        'GET',
        '/api/v1/entities/:id',
        EntityView,
      );
      await documented(
        await call(`/api/v1/entities/${entityId}/neighbourhood?depth=1`, { key: analyst }),
        'GET',
        '/api/v1/entities/:id/neighbourhood',
        Neighbourhood,
      );
      await documented(
        await call(`/api/v1/entities/${entityId}/judgements`, { key: analyst }),
        'GET',
        '/api/v1/entities/:id/judgements',
        JudgementHistory,
      );
      await documented(await call('/api/v1/review', { key: analyst }), 'GET', '/api/v1/review', ReviewPage);
      await documented(await call('/api/v1/audit?limit=3', { key: ADMIN_KEY }), 'GET', '/api/v1/audit', AuditPage);
      await documented(await call('/api/v1/keys', { key: ADMIN_KEY }), 'GET', '/api/v1/keys', KeyList);

      const bad = await documented(
        await call('/api/v1/reports', { method: 'POST', key: caseworker, json: { country: 'XX', subjects: [] } }),
        'POST',
        '/api/v1/reports',
        ErrorBody,
      );
      expect(bad.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['caseRef', 'country', 'subjects']));
      await documented(
        await call('/api/v1/reports', {
          method: 'POST',
          key: caseworker,
          body: 'caseRef=1',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
        'POST',
        '/api/v1/reports',
        ErrorBody,
      );
      await documented(
        await call('/api/v1/reports', { method: 'POST', key: analyst, json: report('TH-OPS-FORBIDDEN') }),
        'POST',
        '/api/v1/reports',
        ErrorBody,
      );
      await documented(await call('/api/v1/review'), 'GET', '/api/v1/review', ErrorBody);
      await documented(
        await call('/api/v1/entities/ent_nobody', { key: analyst }),
        'GET',
        '/api/v1/entities/:id',
        ErrorBody,
      );
    });
  });

  describe('GET /metrics', () => {
    it('refuses callers without the admin key, as JSON', async () => {
      const none = await call('/metrics');
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ error: expect.any(String) });
      const wrong = await call('/metrics', { headers: { Authorization: basic('not-a-key') } });
      expect(wrong.status).toBe(401);
      const notAdmin = await call('/metrics', { key: analyst });
      expect(notAdmin.status).toBe(403);
      expect(await notAdmin.json()).toEqual({ error: expect.stringContaining('admin') });
    });

    it(
      'shows HTTP latency by route pattern, queue depths, ' + 'pipeline counters and process metrics, and never an id',
      async () => {
        expect((await call('/api/v1/reports/rep_X', { key: analyst })).status).toBe(404);
        expect((await call('/api/v1/reports/rep_X')).status).toBe(401);
        // The leads queue has no worker in this process, so a job put there stays waiting.
        expect(await producer.enqueue(QUEUES.leads, 'ops-probe', { entityIds: ['ent_probe'], reason: 'probe' })).toBe(
          true,
        );

        const res = await call('/metrics', { headers: { Authorization: basic(ADMIN_KEY) } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
        const text = await res.text();
        expect(text).toMatch(
          new RegExp(
            String.raw`^lantern_http_request_duration_seconds_count\{method="GET",` +
              String.raw`route="\/api\/v1\/reports\/:id",status="404"\} 1$`,
            'm',
          ),
        );
        expect(text).toMatch(
          /^lantern_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/\*",status="401"\} \d+$/m,
        );
        expect(text).toMatch(
          /^lantern_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/reports",status="202"\} 1$/m,
        );
        expect(text).toMatch(/^lantern_queue_jobs\{queue="leads",state="waiting"\} 1$/m);
        for (const queue of Object.values(QUEUES))
          for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'])
            expect(text).toContain(`lantern_queue_jobs{queue="${queue}",state="${state}"}`);
        expect(text).toMatch(/^lantern_jobs_total\{queue="ingest",outcome="completed"\} [1-9]/m);
        expect(text).toMatch(/^lantern_job_duration_seconds_count\{queue="resolve"\} [1-9]/m);
        expect(text).toMatch(/^lantern_resolver_decisions_total\{decision="\w+"\} [1-9]/m);
        expect(text).toContain('process_cpu_user_seconds_total');
        for (const id of seenIds) expect(text).not.toContain(id);
        for (const secret of [ADMIN_KEY, caseworker, analyst, org]) expect(text).not.toContain(secret);
      },
    );
  });

  describe('/admin/queues', () => {
    it('asks the browser for the admin key with Basic auth', async () => {
      for (const init of [{}, { headers: { Authorization: basic('not-a-key') } }]) {
        const res = await call('/admin/queues', init);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="Lantern queues"');
      }
      expect((await call('/admin/queues/static/favicon-32x32.png')).status).toBe(401);
      const notAdmin = await call('/admin/queues', { headers: { Authorization: basic(analyst) } });
      expect(notAdmin.status).toBe(403);
    });

    it('serves the board, its assets and its API from this server to the admin', async () => {
      const auth = { Authorization: basic(ADMIN_KEY) };
      const page = await call('/admin/queues', { headers: auth });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('x-powered-by')).toBeNull();
      expect(page.headers.get('content-security-policy')).toMatch(/style-src 'self' 'unsafe-inline'(;|$)/);
      const html = await page.text();
      expect(html).toContain('<base href="/admin/queues/"');
      expect(html).toContain('<title>Lantern queues</title>');
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await call(`/admin/queues/${script}`, { headers: auth });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await asset.text()).length).toBeGreaterThan(1000);

      const queues = await call('/admin/queues/api/queues', { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      expect(queues.status).toBe(200);
      const names = ((await queues.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
      expect(names).toEqual(expect.arrayContaining(Object.values(QUEUES)));
    });

    it('lets the admin retry failed jobs but not delete or add any', async () => {
      const auth = { Authorization: basic(ADMIN_KEY) };
      expect(
        (await call('/admin/queues/api/queues/ingest/retry/failed', { method: 'PUT', headers: auth })).status,
      ).toBe(200);
      expect((await call('/admin/queues/api/queues/leads/empty', { method: 'PUT', headers: auth })).status).toBe(403);
      expect((await call('/admin/queues/api/queues/leads/clean/failed', { method: 'PUT', headers: auth })).status).toBe(
        403,
      );
      const add = await call('/admin/queues/api/queues/leads/add', {
        method: 'POST',
        headers: { ...auth, 'Content-Type': JSON_TYPE },
        body: JSON.stringify({ name: 'x', data: {} }),
      });
      expect(add.status).toBe(403);
      expect(await producer.queue(QUEUES.leads).getJobCounts('waiting')).toEqual({ waiting: 1 });
    });
  });
});
