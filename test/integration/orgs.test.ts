import { MIGRATION_STEPS } from '../../graph/migrations/steps';
import { startTestStack, TEST_ADMIN_KEY, type TestStack } from '../support/stack';

/** Slugs of this file's run only: the run's database outlives one file. */
const RUN = Date.now().toString(36);
const slug = (name: string) => `${name}-${RUN}`;
const HOLDER = { name: 'Somjit Orgtest', email: 'somjit@orgs.example' };

describe('the organisation registry', () => {
  let stack: TestStack;
  const admin = (path: string, init: RequestInit & { json?: unknown } = {}) =>
    stack.call(path, { ...init, key: TEST_ADMIN_KEY });
  const listed = async () =>
    ((await (await admin('/api/v1/orgs')).json()) as { items: Array<{ slug: string; name: string }> }).items;

  beforeAll(async () => {
    stack = await startTestStack('orgs');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('registers an organisation with its display name and lists it', async () => {
    const org = { slug: slug('th-sai-rung'), name: 'Sai Rung Women’s Shelter', country: 'TH' };
    const res = await admin('/api/v1/orgs', { method: 'POST', json: org });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ...org, createdAt: expect.any(String) });
    expect(await listed()).toContainEqual(expect.objectContaining(org));
    const analyst = await stack.keyFor('analyst', slug('hub'));
    expect((await stack.call('/api/v1/orgs', { key: analyst })).status).toBe(200);
  });

  it("tells a key's holder their organisation's registered name, for the console's header", async () => {
    const org = { slug: slug('vn-hoa-sen'), name: 'Hoa Sen Support Centre', country: 'VN' };
    expect((await admin('/api/v1/orgs', { method: 'POST', json: org })).status).toBe(201);
    const caseworker = await stack.keyFor('caseworker', org.slug);
    const me = await stack.call('/api/v1/me', { key: caseworker });
    expect(await me.json()).toMatchObject({ role: 'caseworker', org: org.slug, orgName: org.name });
  });

  it('answers 409 to a slug registered already and keeps the first name', async () => {
    const org = { slug: slug('kh-mekong-light'), name: 'Mekong Light', country: 'KH' };
    expect((await admin('/api/v1/orgs', { method: 'POST', json: org })).status).toBe(201);
    const again = await admin('/api/v1/orgs', { method: 'POST', json: { ...org, name: 'Mekong Light (typo)' } });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: `organisation '${org.slug}' is already registered` });
    expect((await listed()).filter((o) => o.slug === org.slug).map((o) => o.name)).toEqual(['Mekong Light']);
  });

  it('refuses bad fields with 400 naming each one, and stores nothing', async () => {
    const before = (await listed()).length;
    const res = await admin('/api/v1/orgs', {
      method: 'POST',
      json: { slug: 'Not A Slug', name: '   ', country: 'XX', website: 'https://example.org' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: Array<{ path: string }> };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['', 'country', 'name', 'slug']);
    expect((await listed()).length).toBe(before);
  });

  it('lets only admins register and only admins and analysts list', async () => {
    const caseworker = await stack.keyFor('caseworker', slug('vn-song-hong'));
    const org = { slug: slug('my-bunga'), name: 'Bunga Raya Outreach', country: 'MY' };
    expect((await stack.call('/api/v1/orgs', { method: 'POST', key: caseworker, json: org })).status).toBe(403);
    expect((await stack.call('/api/v1/orgs', { key: caseworker })).status).toBe(403);
  });

  it('refuses a key for an unregistered organisation with 400 naming org, and makes no key', async () => {
    const typo = slug('th-ruamjai-shelterr');
    const keysBefore = ((await (await admin('/api/v1/keys')).json()) as { items: unknown[] }).items.length;
    const res = await admin('/api/v1/keys', {
      method: 'POST',
      json: { role: 'caseworker', org: typo, person: HOLDER },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid key request',
      issues: [
        {
          path: 'org',
          message: expect.stringMatching(
            new RegExp(`^organisation '${typo}' is not registered; register it with POST /api/v1/orgs or lantern orgs`),
          ),
        },
      ],
    });
    expect(((await (await admin('/api/v1/keys')).json()) as { items: unknown[] }).items.length).toBe(keysBefore);
    expect((await listed()).map((o) => o.slug)).not.toContain(typo);
  });

  it('names organisations that earlier versions made on first use by their slug, and lets them register', async () => {
    const old = slug('th-old-ngo');
    await stack.graph.write((tx) =>
      tx.run('CREATE (:Organisation {slug: $old, createdAt: $at})', { old, at: '2026-01-01' }),
    );
    for (const statement of MIGRATION_STEPS.find((s) => s.version === 7)!.statements)
      await stack.graph.write((tx) => tx.run(statement));
    expect(await listed()).toContainEqual(expect.objectContaining({ slug: old, name: old, country: null }));
    const key = await admin('/api/v1/keys', { method: 'POST', json: { role: 'caseworker', org: old, person: HOLDER } });
    expect(key.status).toBe(201);
    const registered = await admin('/api/v1/orgs', {
      method: 'POST',
      json: { slug: old, name: 'Baan Sri Old Shelter', country: 'TH' },
    });
    expect(registered.status).toBe(201);
    expect(await registered.json()).toMatchObject({ slug: old, name: 'Baan Sri Old Shelter', createdAt: '2026-01-01' });
  });
});
