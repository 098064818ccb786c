import { resetGraph } from '../support/services';
import { startTestStack, TEST_ADMIN_KEY, type TestStack, untilProcessed } from '../support/stack';

const example = (caseRef = 'TH-2024-0101') => ({
  caseRef,
  country: 'TH',
  reportedAt: '2024-03-02',
  notes: 'free text, analysts only',
  subjects: [
    {
      ref: 'p1',
      schema: 'Person',
      role: 'Exploiter',
      properties: { name: ['Somchai Jaidee'], phone: ['081-234-5678'] },
    },
    { ref: 'a1', schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] } },
  ],
  links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
});

const countReports = (stack: TestStack) =>
  stack.graph.read(async (tx) => Number((await tx.run('MATCH (r:Report) RETURN count(r) AS n')).records[0]!.get('n')));

describe('the report API over HTTP', () => {
  let stack: TestStack;
  let caseworker: string;
  let otherCaseworker: string;
  let analyst: string;
  let partner: string;

  beforeAll(async () => {
    await resetGraph((await import('../support/services')).testGraph());
    stack = await startTestStack('api');
    caseworker = await stack.keyFor('caseworker', 'th-hope');
    otherCaseworker = await stack.keyFor('caseworker', 'kh-river');
    analyst = await stack.keyFor('analyst', 'hub');
    partner = await stack.keyFor('partner', 'bank-a');
  });
  afterAll(() => stack.close());

  it("accepts a report with 202, processes it, and shows analysts each subject's entity", async () => {
    const res = await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: example('TH-API-1') });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { id: string; status: string };
    expect(accepted).toEqual({ id: expect.stringMatching(/^rep_/), status: 'received' });
    await untilProcessed(stack, accepted.id, caseworker);
    const report = await untilProcessed(stack, accepted.id, analyst);
    expect(report).toMatchObject({
      id: accepted.id,
      status: 'processed',
      subjects: [
        { ref: 'p1', entityId: expect.stringMatching(/^ent_/) },
        { ref: 'a1', entityId: expect.stringMatching(/^ent_/) },
      ],
    });
    expect(JSON.stringify(report)).not.toContain('TH-API-1');
    const person = (report.subjects as Array<{ entityId: string }>)[0]!.entityId;
    const entity = await stack.call(`/api/v1/entities/${person}`, { key: analyst });
    expect(entity.status).toBe(200);
    expect(await entity.json()).toMatchObject({
      id: person,
      schema: 'Person',
      displayName: 'Somchai Jaidee',
      names: ['Somchai Jaidee'],
      identifiers: [{ kind: 'phone', value: '+66812345678' }],
      mentions: [{ orgId: 'th-hope', orgName: 'Test organisation th-hope' }],
    });
  });

  it('shows analysts the notes, and caseworkers of other organisations nothing at all', async () => {
    const { id } = (await (
      await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: example('TH-API-2') })
    ).json()) as { id: string };
    expect((await stack.call(`/api/v1/reports/${id}`, { key: otherCaseworker })).status).toBe(404);
    const seen = (await (await stack.call(`/api/v1/reports/${id}`, { key: analyst })).json()) as Record<
      string,
      unknown
    >;
    expect(seen).toMatchObject({ notes: 'free text, analysts only', org: 'th-hope' });
    const mine = (await (await stack.call('/api/v1/reports', { key: otherCaseworker })).json()) as {
      items: Array<{ id: string }>;
    };
    expect(mine.items.map((r) => r.id)).not.toContain(id);
    const listed = (await (await stack.call('/api/v1/reports?limit=1', { key: caseworker })).json()) as {
      items: Array<{ id: string }>;
      total: number;
    };
    expect(listed.items[0]!.id).toBe(id);
    expect(listed.total).toBeGreaterThanOrEqual(2);
  });

  it('answers the same Idempotency-Key with the first answer and creates nothing new', async () => {
    const before = await countReports(stack);
    const send = (body: unknown) =>
      stack.call('/api/v1/reports', {
        method: 'POST',
        key: caseworker,
        json: body,
        headers: { 'Idempotency-Key': 'form-7f3a' },
      });
    const first = await send(example('TH-API-IDEM'));
    const again = await send(example('TH-API-IDEM'));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const reused = await send(example('TH-API-OTHER'));
    expect(reused.status).toBe(409);
    expect(await countReports(stack)).toBe(before + 1);
  });

  it('commits reports sent at the same moment together, each answered as if it had come alone', async () => {
    const before = await countReports(stack);
    const bodies = [
      ...Array.from({ length: 12 }, (_, i) => example(`TH-API-BURST-${i}`)),
      ...Array.from({ length: 6 }, () => example('TH-API-BURST-SAME')),
    ];
    const answers = await Promise.all(
      bodies.map((json) => stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json })),
    );
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 202));
    const ids = (await Promise.all(answers.map((a) => a.json() as Promise<{ id: string }>))).map((a) => a.id);
    expect(new Set(ids.slice(0, 12)).size).toBe(12);
    expect(new Set(ids.slice(12)).size).toBe(1);
    expect(answers.slice(12).filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    expect(await countReports(stack)).toBe(before + 13);
    for (const id of [ids[0]!, ids[12]!])
      expect(await untilProcessed(stack, id, caseworker)).toMatchObject({ id, status: 'processed' });
  });

  describe('refuses bad input with a clear error naming the field, and stores nothing', () => {
    const cases: Array<[string, (body: ReturnType<typeof example>) => unknown, string, RegExp]> = [
      ['a missing subjects list', ({ subjects: _s, ...rest }) => rest, 'subjects', /array/i],
      ['a country that is not ISO 3166-1', (b) => ({ ...b, country: 'Thailand' }), 'country', /ISO 3166-1 alpha-2/],
      [
        'a property the schema does not have',
        (b) => ({
          ...b,
          subjects: [b.subjects[0], { ...b.subjects[1], properties: { accountNumber: ['1'], phone: ['2'] } }],
        }),
        'subjects.1.properties.phone',
        /allowed: accountNumber, iban, bic, bankName, country/,
      ],
      [
        'a role outside HTCDS',
        (b) => ({ ...b, subjects: [{ ...b.subjects[0], role: 'Boss' }, b.subjects[1]] }),
        'subjects.0.role',
        /Exploiter/,
      ],
      [
        'a link to an unknown ref',
        (b) => ({ ...b, links: [{ type: 'Ownership', from: 'p1', to: 'zz' }] }),
        'links.0.to',
        /not the ref of a subject/,
      ],
      ['an unknown top-level field', (b) => ({ ...b, victimName: 'x' }), '', /victimName/],
      [
        'a value that is not a list of strings',
        (b) => ({ ...b, subjects: [{ ...b.subjects[0], properties: { name: 'Somchai' } }, b.subjects[1]] }),
        'subjects.0.properties.name',
        /array/,
      ],
      [
        'an empty name',
        (b) => ({ ...b, subjects: [{ ...b.subjects[0], properties: { name: [' '] } }, b.subjects[1]] }),
        'subjects.0.properties.name.0',
        /empty/,
      ],
    ];
    it.each(cases)('%s', async (_what, mutate, path, message) => {
      const before = await countReports(stack);
      const res = await stack.call('/api/v1/reports', {
        method: 'POST',
        key: caseworker,
        json: mutate(example('TH-API-BAD')),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; issues: Array<{ path: string; message: string }> };
      expect(body.error).toBe('invalid report');
      expect(body.issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
      );
      expect(await countReports(stack)).toBe(before);
    });

    it('answers malformed JSON with 400, a wrong content type with 415 and an oversized body with 413', async () => {
      const before = await countReports(stack);
      const malformed = await stack.call('/api/v1/reports', {
        method: 'POST',
        key: caseworker,
        headers: { 'Content-Type': 'application/json' },
        body: '{"caseRef": ',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({ error: 'the body is not valid JSON' });
      const form = await stack.call('/api/v1/reports', {
        method: 'POST',
        key: caseworker,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'caseRef=x',
      });
      expect(form.status).toBe(415);
      const huge = await stack.call('/api/v1/reports', {
        method: 'POST',
        key: caseworker,
        json: { ...example(), notes: 'x'.repeat(2_000_000) },
      });
      expect(huge.status).toBe(413);
      expect(await countReports(stack)).toBe(before);
    });
  });

  describe('lets each role do only what it needs', () => {
    it('answers 401 without a key, with an unknown key and with a revoked key', async () => {
      expect((await stack.call('/api/v1/reports')).status).toBe(401);
      expect((await stack.call('/api/v1/reports', { key: 'lnt_not-a-key' })).status).toBe(401);
      const created = (await (
        await stack.call('/api/v1/keys', {
          method: 'POST',
          key: TEST_ADMIN_KEY,
          json: {
            role: 'caseworker',
            org: 'th-hope',
            name: 'laptop',
            person: { name: 'Malee Srisuk', email: 'malee.s@th-hope.example' },
          },
        })
      ).json()) as { id: string; key: string };
      expect((await stack.call('/api/v1/reports', { key: created.key })).status).toBe(200);
      expect((await stack.call(`/api/v1/keys/${created.id}`, { method: 'DELETE', key: TEST_ADMIN_KEY })).status).toBe(
        204,
      );
      expect((await stack.call('/api/v1/reports', { key: created.key })).status).toBe(401);
    });

    const matrix: Array<[string, string, string, Record<string, number>]> = [
      ['POST', '/api/v1/reports', 'report', { caseworker: 202, analyst: 403, partner: 403, admin: 403 }],
      ['GET', '/api/v1/reports', '', { caseworker: 200, analyst: 200, partner: 403, admin: 403 }],
      ['GET', '/api/v1/review', '', { caseworker: 403, analyst: 200, partner: 403, admin: 403 }],
      ['POST', '/api/v1/judgements', 'judgement', { caseworker: 403, analyst: 404, partner: 403, admin: 403 }],
      ['GET', '/api/v1/entities/ent_none', '', { caseworker: 403, analyst: 404, partner: 403, admin: 403 }],
      ['POST', '/api/v1/keys', 'key', { caseworker: 403, analyst: 403, partner: 403, admin: 201 }],
      ['GET', '/api/v1/keys', '', { caseworker: 403, analyst: 403, partner: 403, admin: 200 }],
      ['GET', '/api/v1/audit', '', { caseworker: 403, analyst: 403, partner: 403, admin: 200 }],
    ];
    const bodies: Record<string, unknown> = {
      report: example('TH-API-MATRIX'),
      judgement: { entityA: 'ent_none_a', entityB: 'ent_none_b', verdict: 'same' },
      key: { role: 'partner', org: 'bank-a', person: { name: 'Chai Desk', email: 'desk@bank-a.example' } },
    };
    it.each(matrix)('%s %s', async (method, path, body, expected) => {
      const keys: Record<string, string> = { caseworker, analyst, partner, admin: TEST_ADMIN_KEY };
      for (const [role, status] of Object.entries(expected)) {
        const res = await stack.call(path, { method, key: keys[role], ...(body ? { json: bodies[body] } : {}) });
        expect([role, res.status]).toEqual([role, status]);
      }
    });
  });

  it('records every submission in the audit trail with who and when, never the case reference', async () => {
    const { id } = (await (
      await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: example('TH-API-AUDIT') })
    ).json()) as { id: string };
    const page = (await (
      await stack.call('/api/v1/audit?action=report.submitted&limit=200', { key: TEST_ADMIN_KEY })
    ).json()) as { items: Array<Record<string, unknown>> };
    expect(page.items.find((e) => e.target === id)).toMatchObject({
      action: 'report.submitted',
      org: 'th-hope',
      orgName: 'Test organisation th-hope',
      role: 'caseworker',
      at: expect.any(String),
      actor: expect.stringMatching(/^key_/),
    });
    expect(JSON.stringify(page)).not.toContain('TH-API-AUDIT');
  });

  it(
    'lets an analyst judge a possible match from the review queue, ' +
      'after which the old id resolves to the merged entity',
    async () => {
      const a = (await (
        await stack.call('/api/v1/reports', {
          method: 'POST',
          key: caseworker,
          json: {
            caseRef: 'TH-API-R1',
            country: 'MY',
            subjects: [{ ref: 'p', schema: 'Person', properties: { name: ['Lim Kok Seng'] } }],
          },
        })
      ).json()) as { id: string };
      const b = (await (
        await stack.call('/api/v1/reports', {
          method: 'POST',
          key: otherCaseworker,
          json: {
            caseRef: 'KH-API-R2',
            country: 'MY',
            subjects: [
              { ref: 'p', schema: 'Person', properties: { name: ['Kok Seng Lim'], birthDate: ['1975-05-05'] } },
            ],
          },
        })
      ).json()) as { id: string };
      const ra = await untilProcessed(stack, a.id, analyst);
      const rb = await untilProcessed(stack, b.id, analyst);
      const [ea, eb] = [
        (ra.subjects as Array<{ entityId: string }>)[0]!.entityId,
        (rb.subjects as Array<{ entityId: string }>)[0]!.entityId,
      ];
      const queue = (await (await stack.call('/api/v1/review', { key: analyst })).json()) as {
        items: Array<{
          entityA: { id: string; displayName: string };
          entityB: { id: string; displayName: string };
          explanation: { features: unknown[] };
        }>;
      };
      const item = queue.items.find((i) => [i.entityA.id, i.entityB.id].sort().join() === [ea, eb].sort().join());
      expect(item?.explanation.features.length).toBeGreaterThan(0);
      expect([item?.entityA.displayName, item?.entityB.displayName].sort()).toEqual(['Kok Seng Lim', 'Lim Kok Seng']);
      const judged = await stack.call('/api/v1/judgements', {
        method: 'POST',
        key: analyst,
        json: { entityA: ea, entityB: eb, verdict: 'same', reason: 'same passport photo' },
      });
      expect(judged.status).toBe(201);
      const [ga, gb] = await Promise.all(
        [ea, eb].map(
          async (id) =>
            (await stack.call(`/api/v1/entities/${id}`, { key: analyst })).json() as Promise<{
              id: string;
              mergedInto?: string;
            }>,
        ),
      );
      const survivor = ga!.mergedInto ?? ga!.id;
      expect(gb!.mergedInto ?? gb!.id).toBe(survivor);
      const split = await stack.call(`/api/v1/entities/${survivor}/split`, {
        method: 'POST',
        key: analyst,
        json: { mentionIds: [`men_${b.id}_p`], reason: 'different person after all' },
      });
      expect(split.status).toBe(201);
      expect(await split.json()).toMatchObject({
        remainingEntityId: survivor,
        newEntityId: expect.stringMatching(/^ent_/),
      });
    },
  );
});
