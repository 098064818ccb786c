import { Writable } from 'node:stream';
import { createApp } from '../../src/http/app';
import { exportsRouter } from '../../src/http/routes/exports';
import { leadsRouter } from '../../src/http/routes/leads';
import type { AuthFailureSettings } from '../../src/http/security';
import { createLogger } from '../../src/log/logger';
import { getJson, type HostileStack, postJson, startHostileStack } from '../support/hostile';
import { serve } from '../support/http';
import { TEST_ADMIN_KEY, untilProcessed } from '../support/stack';

/*
 * Keys, rate limits, headers, CORS and logs: what an attacker probing the API from outside meets.
 */

/** Everything the app logs at the most talkative level, as text. */
class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('authentication, headers and logs under attack', () => {
  let stack: HostileStack;
  const logs = new LogCapture();

  beforeAll(async () => {
    stack = await startHostileStack('hostile-auth', { workers: true, logger: createLogger('trace', 'lantern', logs) });
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** The stack's API again, with a limiter of its own, so that each test starts with a clean count. */
  async function appWithLimit(authFailures: AuthFailureSettings, trustProxyHops = 0) {
    const server = await serve(
      createApp(stack.ctx, {
        authFailures,
        trustProxyHops,
        apiRouters: [leadsRouter(stack.settings), exportsRouter(stack.settings)],
      }),
    );
    const call = (path: string, key?: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    return { ...server, call };
  }

  describe('failed key attempts', () => {
    it(
      'refuses a client with 429, Retry-After and a JSON error once it has used up its attempts, ' +
        'even when it then has the right key',
      async () => {
        const api = await appWithLimit({ limit: 3, windowMs: 60_000 });
        try {
          for (let i = 0; i < 3; i++) expect((await api.call('/api/v1/reports', `lnt_wrong-${i}`)).status).toBe(401);
          for (const [path, key] of [
            ['/api/v1/reports', stack.keys.caseworker],
            ['/api/v1/keys', TEST_ADMIN_KEY],
            ['/admin/queues/api/queues', TEST_ADMIN_KEY],
          ] as const) {
            const res = await api.call(path, key);
            expect([path, res.status]).toEqual([path, 429]);
            expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
            expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
            expect(await res.json()).toEqual({
              error: expect.stringMatching(/^too many refused API keys from this address; try again in \d+ s$/),
            });
          }
          // No key at all guesses nothing and is answered as before.
          expect((await api.call('/api/v1/reports')).status).toBe(401);
        } finally {
          await api.close();
        }
      },
    );

    it(
      'counts only refused keys: any number of good requests at once, ' +
        'and requests without a key, never reach the limit',
      async () => {
        const api = await appWithLimit({ limit: 2, windowMs: 60_000 });
        try {
          const answers = await Promise.all(
            Array.from({ length: 20 }, () => api.call('/api/v1/reports', stack.keys.caseworker)),
          );
          expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
          for (let i = 0; i < 5; i++) expect((await api.call('/api/v1/reports')).status).toBe(401);
          expect((await api.call('/api/v1/reports', 'lnt_wrong')).status).toBe(401);
          expect((await api.call('/api/v1/reports', stack.keys.caseworker)).status).toBe(200);
        } finally {
          await api.close();
        }
      },
    );

    it(
      'ignores a forged X-Forwarded-For unless a proxy is declared, ' + 'so a guesser cannot pose as many clients',
      async () => {
        const api = await appWithLimit({ limit: 2, windowMs: 60_000 });
        try {
          for (let i = 0; i < 2; i++)
            expect(
              (await api.call('/api/v1/reports', 'lnt_wrong', { headers: { 'x-forwarded-for': `203.0.113.${i}` } }))
                .status,
            ).toBe(401);
          expect(
            (
              await api.call('/api/v1/reports', stack.keys.caseworker, {
                headers: { 'x-forwarded-for': '203.0.113.99' },
              })
            ).status,
          ).toBe(429);
        } finally {
          await api.close();
        }
      },
    );

    it('counts each client behind a declared reverse proxy by its forwarded address', async () => {
      const api = await appWithLimit({ limit: 2, windowMs: 60_000 }, 1);
      try {
        for (let i = 0; i < 2; i++)
          expect(
            (await api.call('/api/v1/reports', 'lnt_wrong', { headers: { 'x-forwarded-for': '203.0.113.7' } })).status,
          ).toBe(401);
        expect(
          (await api.call('/api/v1/reports', stack.keys.caseworker, { headers: { 'x-forwarded-for': '203.0.113.7' } }))
            .status,
        ).toBe(429);
        expect(
          (await api.call('/api/v1/reports', stack.keys.caseworker, { headers: { 'x-forwarded-for': '203.0.113.8' } }))
            .status,
        ).toBe(200);
      } finally {
        await api.close();
      }
    });

    it('lets the client try again once its window has ended', async () => {
      const api = await appWithLimit({ limit: 1, windowMs: 1000 });
      try {
        expect((await api.call('/api/v1/reports', 'lnt_wrong')).status).toBe(401);
        expect((await api.call('/api/v1/reports', stack.keys.caseworker)).status).toBe(429);
        await new Promise((r) => setTimeout(r, 1100));
        expect((await api.call('/api/v1/reports', stack.keys.caseworker)).status).toBe(200);
      } finally {
        await api.close();
      }
    });

    it('refuses a Bearer header with anything after the key, saying what the header must hold', async () => {
      for (const header of [
        `Bearer ${stack.keys.caseworker} extra`,
        `Bearer ${stack.keys.caseworker} ${TEST_ADMIN_KEY}`,
      ]) {
        const res = await fetch(`${stack.url}/api/v1/reports`, { headers: { authorization: header } });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({
          error: 'the Authorization header must be `Bearer <key>` with nothing after the key',
        });
      }
      const clean = await fetch(`${stack.url}/api/v1/reports`, {
        headers: { authorization: `Bearer ${stack.keys.caseworker}` },
      });
      expect(clean.status).toBe(200);
    });

    it(
      'refuses keys that share a prefix, ' + 'a length or nothing with the admin key alike, and never fails on them',
      async () => {
        for (const key of [
          TEST_ADMIN_KEY.slice(0, -1),
          `${TEST_ADMIN_KEY}x`,
          TEST_ADMIN_KEY.toUpperCase(),
          'x',
          'x'.repeat(4000),
          '\u00e9\u00e9',
        ]) {
          const res = await fetch(`${stack.url}/api/v1/keys`, {
            headers: { authorization: `Bearer ${encodeURIComponent(key)}` },
          });
          expect([key.slice(0, 40), res.status]).toEqual([key.slice(0, 40), 401]);
        }
        expect((await stack.call('/api/v1/keys', { key: TEST_ADMIN_KEY })).status).toBe(200);
      },
    );
  });

  describe('headers', () => {
    const HELMET = {
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-dns-prefetch-control': 'off',
    };

    it.each([
      ['a public answer', '/health', undefined, 200],
      ['a refused key', '/api/v1/reports', 'lnt_nope', 401],
      ['a data answer', '/api/v1/reports', 'caseworker', 200],
      ['an unknown route', '/api/v1/nothing-here', 'analyst', 404],
      ['a partner answer', '/api/v1/exports/public-key', 'partner', 200],
    ] as const)(
      'sends helmet security headers with %s, and never says what serves it',
      async (_what, path, user, status) => {
        const key =
          user === undefined ? undefined : user in stack.keys ? stack.keys[user as keyof HostileStack['keys']] : user;
        const res = await stack.call(path, { key });
        expect(res.status).toBe(status);
        const headers = Object.fromEntries(res.headers.entries());
        expect(headers).toEqual(expect.objectContaining(HELMET));
        expect(headers['x-powered-by']).toBeUndefined();
        if (path.startsWith('/api/v1/')) expect(headers['cache-control']).toBe('no-store');
      },
    );
  });

  describe('CORS stays closed', () => {
    it('sends no Access-Control-Allow-* header to another origin, on any answer', async () => {
      for (const [path, key] of [
        ['/health', undefined],
        ['/api/v1/openapi.json', undefined],
        ['/api/v1/reports', stack.keys.caseworker],
        ['/api/v1/reports', 'lnt_nope'],
      ] as const) {
        const res = await stack.call(path, { key, headers: { origin: 'https://evil.example' } });
        expect([path, [...res.headers.keys()].filter((h) => h.startsWith('access-control-'))]).toEqual([path, []]);
      }
    });

    it('refuses a preflight with a JSON error and no allow headers', async () => {
      for (const path of ['/api/v1/reports', '/health', '/api/v1/exports/x/files/leads.csv']) {
        const res = await fetch(`${stack.url}${path}`, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://evil.example',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
        expect([path, res.status]).toEqual([path, 403]);
        expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
        expect(await res.json()).toEqual({ error: expect.stringContaining('cross-origin requests are not allowed') });
      }
    });
  });

  describe('logs', () => {
    it(
      'never hold a key, a case reference, a note or an idempotency key, ' +
        'whatever the request and however talkative the level',
      async () => {
        const MARK = {
          caseRef: 'CASEREF-LOGMARK-4417',
          note: 'NOTE-LOGMARK-9921',
          idem: 'IDEM-LOGMARK-1180',
          name: 'Wanchai LOGMARK Thongdee',
          query: 'QUERYMARK-5521',
        };
        const report = {
          caseRef: MARK.caseRef,
          country: 'TH',
          notes: `${MARK.note}: she was moved at night`,
          subjects: [{ ref: 'p1', schema: 'Person', properties: { name: [MARK.name], phone: ['081-234-5678'] } }],
        };
        const accepted = await stack.call('/api/v1/reports', {
          method: 'POST',
          key: stack.keys.caseworker,
          json: report,
          headers: { 'Idempotency-Key': MARK.idem },
        });
        expect(accepted.status).toBe(202);
        const { id } = (await accepted.json()) as { id: string };
        await untilProcessed(stack, id, stack.keys.caseworker, 180_000);
        // Failures too: a malformed body, a refused body, a wrong key, a Basic-auth admin, a created key.
        await stack.call('/api/v1/reports', {
          method: 'POST',
          key: stack.keys.caseworker,
          headers: { 'content-type': 'application/json' },
          body: `{"caseRef":"${MARK.caseRef}","notes":"${MARK.note}"`,
        });
        await stack.call('/api/v1/reports', {
          method: 'POST',
          key: stack.keys.caseworker,
          json: { ...report, country: 'Thailand' },
        });
        await stack.call(`/api/v1/reports?org=${MARK.query}`, { key: 'lnt_a-wrong-key-for-the-logs' });
        await fetch(`${stack.url}/admin/queues/api/queues`, {
          headers: { authorization: `Basic ${Buffer.from(`admin:${TEST_ADMIN_KEY}`).toString('base64')}` },
        });
        const created = await postJson(stack, TEST_ADMIN_KEY, '/keys', {
          role: 'partner',
          org: 'bank-logs',
          person: { name: 'Wichai Logs', email: 'wichai@bank-logs.example' },
        });
        await getJson(stack, stack.keys.analyst, `/reports/${id}`);

        expect(logs.text).toContain('"statusCode"');
        for (const secret of [
          ...Object.values(MARK),
          TEST_ADMIN_KEY,
          created.body.key as string,
          ...Object.values(stack.keys),
          'lnt_a-wrong-key-for-the-logs',
          Buffer.from(`admin:${TEST_ADMIN_KEY}`).toString('base64'),
        ]) {
          expect([secret, logs.text.includes(secret)]).toEqual([secret, false]);
        }
      },
    );
  });
});
