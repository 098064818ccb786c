import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ErrorBody } from '../../src/domain/api';
import { apiDocument } from '../../src/http/app';
import { exportsApi } from '../../src/http/routes/exports';
import { leadsApi } from '../../src/http/routes/leads';
import { type Operation, operationsOf, RequestArbitraries } from '../support/fuzz';
import {
  type Footprint,
  footprint,
  type HostileStack,
  type HostileUser,
  postJson,
  startHostileStack,
} from '../support/hostile';
import { resetGraph, testGraph } from '../support/services';

/*
 * Property-based fuzzing of every route in the OpenAPI document: whatever arrives, the answer is never
 * a 5xx, and a 4xx leaves the graph (to the last property) and every queue exactly as they were, with
 * a JSON error that says what was wrong. Set LANTERN_FUZZ_SEED to replay a failure; the seed of every
 * run is in the failure message.
 */

const SEED = Number(process.env.LANTERN_FUZZ_SEED ?? 20_260_808);
/** Per route; 30 keeps the file near half a minute on a quiet 2-core machine. Raise it for a deeper search. */
const RUNS = Number(process.env.LANTERN_FUZZ_RUNS ?? 30);

const USER_OF_ROLE: Readonly<Record<string, HostileUser>> = {
  caseworker: 'caseworker',
  analyst: 'analyst',
  partner: 'partner',
  admin: 'admin',
};
const ALL_USERS: HostileUser[] = ['caseworker', 'analyst', 'partner', 'admin'];

/** Nesting far beyond any schema, yet inside the 1 MB limit, so that it reaches the parser and validation. */
const DEEP_ARRAY = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
const RAW_JSON_BODIES = [
  '{',
  '[',
  '{"a":',
  '',
  'null',
  '"x"',
  '1',
  'true',
  '[]',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":1,"a":2}',
  '\uFEFF{}',
  DEEP_ARRAY,
  DEEP_OBJECT,
];
const SEED_REPORT = {
  caseRef: 'HOSTILE-FUZZ-1',
  country: 'TH',
  subjects: [{ ref: 'p1', schema: 'Person', properties: { name: ['Pranee Saengthongkham'], phone: ['086-392-4718'] } }],
};
const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16le',
  'application/json; charset=latin1',
  'application/xml',
  'application/json; charset=klingon',
];

interface FuzzRequest {
  user?: HostileUser;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Header values as fetch can send them: Latin-1 without control characters. */
const onTheWire = (value: string): string => value.replace(/[^\x20-\x7e\x80-\xff]/g, '?');

function requestArbitrary(op: Operation, gen: RequestArbitraries): fc.Arbitrary<FuzzRequest> {
  const allowed = op.roles.map((r) => USER_OF_ROLE[r]!).filter(Boolean);
  const user: fc.Arbitrary<HostileUser | undefined> =
    allowed.length === 0
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 7, arbitrary: fc.constantFrom(...allowed) },
          { weight: 1, arbitrary: fc.constantFrom(...ALL_USERS) },
        );

  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const path = fc
    .tuple(...pathParams.map((p) => gen.pathSegment(p.schema)))
    .map((segments) => pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, segments[i]!), op.path));

  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const query = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.option(gen.wireValue(p.schema), { nil: undefined }))),
      fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...queryParams.map((p) => p.name), 'limit', '__proto__', 'x[y]'),
            fc.string({ maxLength: 8 }),
          ),
          fc.string({ maxLength: 12 }),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([declared, extra]) => {
      const params = new URLSearchParams();
      queryParams.forEach((p, i) => {
        if (declared[i] !== undefined) params.append(p.name, declared[i]!);
      });
      for (const [k, v] of extra) params.append(k, v);
      const text = params.toString();
      return text ? `?${text}` : '';
    });

  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const headers = fc
    .tuple(...headerParams.map((p) => fc.option(gen.wireValue(p.schema).map(onTheWire), { nil: undefined })))
    .map((values) =>
      Object.fromEntries(headerParams.flatMap((p, i) => (values[i] === undefined ? [] : [[p.name, values[i]!]]))),
    );

  const body = bodyArbitrary(op, gen);
  return fc.record({ user, path, query, headers, body }).map(({ user: u, path: p, query: q, headers: h, body: b }) => ({
    user: u,
    method: op.method,
    url: `${p}${q}`,
    headers: { ...h, ...(b?.contentType ? { 'content-type': b.contentType } : {}) },
    body: b?.data,
  }));
}

function bodyArbitrary(
  op: Operation,
  gen: RequestArbitraries,
): fc.Arbitrary<{ contentType?: string; data: string | Uint8Array } | undefined> {
  if (op.method === 'GET' || op.method === 'DELETE') return fc.constant(undefined);
  const bytes = fc.uint8Array({ maxLength: 300 });
  if (op.body?.contentType === 'text/csv') {
    const cell = fc.oneof(
      gen.value({ type: 'string' }).map((v) => String(v)),
      fc.constantFrom('caseRef', 'country', 'schema', 'name', 'TH', 'Person', '"', '""', ',', '\n', '\r\n'),
    );
    const csv = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 6 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    return fc.oneof(
      { weight: 4, arbitrary: csv.map((data) => ({ contentType: 'text/csv', data })) },
      { weight: 1, arbitrary: bytes.map((data) => ({ contentType: 'text/csv; charset=utf-8', data })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(csv, fc.constantFrom(...WRONG_CONTENT_TYPES, 'text/csv; charset=windows-1252'))
          .map(([data, contentType]) => ({ contentType, data })),
      },
    );
  }
  const schema = op.body?.schema ?? { type: 'object' };
  const json = gen.value(schema).map((v) => JSON.stringify(v) ?? 'null');
  return fc.oneof(
    { weight: op.body ? 7 : 2, arbitrary: json.map((data) => ({ contentType: 'application/json', data })) },
    { weight: op.body ? 0 : 2, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...RAW_JSON_BODIES).map((data) => ({ contentType: 'application/json', data })),
    },
    { weight: 1, arbitrary: bytes.map((data) => ({ contentType: 'application/json', data })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(json, fc.constantFrom(...WRONG_CONTENT_TYPES))
        .map(([data, contentType]) => ({ contentType, data })),
    },
  );
}

describe('fuzzing every route of the OpenAPI document', () => {
  let stack: HostileStack;
  let gen: RequestArbitraries;
  /** The document of the routes the hostile stack serves. */
  const document = apiDocument({ sections: [leadsApi, exportsApi] });
  const operations = operationsOf(document);
  /** The footprint after the last answer, while nothing has changed it since. */
  let known: Footprint | undefined;

  beforeAll(async () => {
    const fresh = testGraph();
    await resetGraph(fresh);
    await fresh.close();
    // No workers: the graph and the queues change only through the requests under test. Entities, leads
    // and exports with real ids are fuzzed in hostileInjection, which runs the pipeline anyway.
    stack = await startHostileStack('hostile-fuzz', {
      workers: false,
      app: { authFailures: { limit: 1_000_000, windowMs: 60_000 } },
    });
    await postJson(stack, stack.keys.caseworker, '/reports', SEED_REPORT);
    await stack.call('/api/v1/imports', {
      method: 'POST',
      key: stack.keys.caseworker,
      headers: { 'content-type': 'text/csv' },
      body: 'caseRef,country,schema,name\nHOSTILE-FUZZ-2,TH,Person,Somchai Jaidee\n',
    });
    const ids = await stack.graph.read(async (tx) => {
      const r = await tx.run(
        'MATCH (n) WHERE n.id IS NOT NULL AND NOT n:ApiKey RETURN DISTINCT n.id AS id ORDER BY id LIMIT 300',
      );
      return r.records.map((row) => row.get('id') as string);
    });
    gen = new RequestArbitraries(document, ids);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('covers every documented route, leads and exports included', () => {
    const routes = operations.map((o) => `${o.method} ${o.path}`);
    for (const route of [
      'POST /api/v1/reports',
      'POST /api/v1/imports',
      'POST /api/v1/leads/{id}/reject',
      'GET /api/v1/exports/{id}/files/{name}',
      'DELETE /api/v1/keys/{id}',
    ])
      expect(routes).toContain(route);
  });

  async function send(req: FuzzRequest): Promise<{ status: number; contentType: string; text: string }> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.user) headers.authorization = `Bearer ${stack.keys[req.user]}`;
    const res = await fetch(`${stack.url}${req.url}`, { method: req.method, headers, body: req.body });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  /** Never a 5xx; a 4xx stores nothing and explains itself in JSON. */
  async function check(req: FuzzRequest): Promise<void> {
    const before = known ?? (await footprint(stack));
    const res = await send(req);
    const where = `${req.method} ${req.url.slice(0, 200)} -> ${res.status} ${res.text.slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`server error: ${where}`);
    if (res.status < 400) {
      known = undefined;
      return;
    }
    const after = await footprint(stack);
    if (JSON.stringify(after) !== JSON.stringify(before))
      throw new Error(
        `a ${res.status} changed what is stored: ${where}\nbefore ${JSON.stringify(before)}\nafter ` +
          ` ${JSON.stringify(after)}`,
      );
    known = after;
    if (!res.contentType.startsWith('application/json')) throw new Error(`a ${res.status} that is not JSON: ${where}`);
    const body = ErrorBody.parse(JSON.parse(res.text));
    if (body.error.trim() === '') throw new Error(`an error without words: ${where}`);
    if (res.status === 400) {
      // Validation names each field and what it allows; a body that cannot be read says what is wrong with it.
      const explained = body.issues
        ? body.issues.length > 0 && body.issues.every((i) => i.message.trim() !== '')
        : /body|JSON|UTF-8|header|URL/.test(body.error);
      if (!explained) throw new Error(`a 400 that does not say what to fix: ${where}`);
    }
  }

  describe('hand-picked hostile bodies', () => {
    const report = (name: string) => ({
      ...SEED_REPORT,
      caseRef: 'HOSTILE-BODY',
      subjects: [{ ...SEED_REPORT.subjects[0]!, properties: { name: [name] } }],
    });
    const post = (
      body: string | Uint8Array,
      headers: Record<string, string> = { 'content-type': 'application/json' },
    ) =>
      fetch(`${stack.url}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.keys.caseworker}`, ...headers },
        body,
      });

    /** The answer, and proof that it stored nothing. */
    async function refused(
      send: () => Promise<Response>,
    ): Promise<{ status: number; body: { error: string; issues?: Array<{ path: string; message: string }> } }> {
      const before = await footprint(stack);
      const res = await send();
      const body = (await res.json()) as { error: string; issues?: Array<{ path: string; message: string }> };
      expect(await footprint(stack)).toEqual(before);
      known = undefined;
      return { status: res.status, body };
    }

    it('answers a JSON body over 1 MB with 413 naming the limit', async () => {
      const res = await refused(() => post(JSON.stringify({ ...report('Somchai'), notes: 'x'.repeat(1_100_000) })));
      expect(res).toEqual({
        status: 413,
        body: { error: 'the body is larger than the limit of 1048576 bytes (1024 KiB)' },
      });
    });

    it('measures the limit after decompression, so a small gzip bomb is still 413', async () => {
      const bomb = gzipSync(Buffer.alloc(50_000_000, ' '));
      expect(bomb.length).toBeLessThan(100_000);
      expect(
        (await refused(() => post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' }))).status,
      ).toBe(413);
    });

    it.each([
      ['an array', DEEP_ARRAY],
      ['an object', DEEP_OBJECT],
      ['a subject list', JSON.stringify(report('x')).replace('"subjects":[', `"subjects":[${DEEP_ARRAY},`)],
    ])('answers %s nested 50000 deep and more with 400 naming the field', async (_what, body) => {
      const res = await refused(() => post(body));
      expect(res.status).toBe(400);
      expect(res.body.issues?.length).toBeGreaterThan(0);
    });

    it('refuses bytes that are not UTF-8 with 400 rather than store a mangled name', async () => {
      const latin1 = Buffer.from(JSON.stringify(report('Tr\u00e2n Van Long')), 'latin1');
      expect(await refused(() => post(latin1))).toEqual({
        status: 400,
        body: { error: 'the body is not valid UTF-8; send JSON encoded as UTF-8' },
      });
    });

    it('refuses JSON in another Unicode encoding with 415', async () => {
      const utf16 = Buffer.from(JSON.stringify(report('Somchai')), 'utf16le');
      expect(await refused(() => post(utf16, { 'content-type': 'application/json; charset=utf-16le' }))).toEqual({
        status: 415,
        body: { error: 'send JSON encoded as UTF-8 (charset=utf-8)' },
      });
    });

    it('refuses half a surrogate pair with 400 naming the field, since it could not be stored as sent', async () => {
      const res = await refused(() => post(JSON.stringify(report('Somchai \ud800'))));
      expect(res).toEqual({
        status: 400,
        body: {
          error: 'the body holds text that is not valid Unicode',
          issues: [{ path: 'subjects.0.properties.name.0', message: expect.stringContaining('surrogate pair') }],
        },
      });
      expect((await post(JSON.stringify(report('Somchai \ud83d\udca3')))).status).toBe(202);
    });
  });

  const cases = operations.map((o) => [`${o.method} ${o.path}`, o] as const);
  it.each(cases)('%s: never a 5xx, and a 4xx stores nothing and says why', async (_route, op) => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(op, gen), (req) => check(req)),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
