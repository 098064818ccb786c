import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LeadSettings } from '../../graph/exports/store';
import { MIGRATION_STEPS } from '../../graph/migrations/steps';
import { unregisteredPartner } from '../../src/domain/partners';
import { exportsRouter } from '../../src/http/routes/exports';
import { lastJsonLine, runCli } from '../support/cli';
import { testLeadSettings } from '../support/leadSettings';
import { testNeo4jUri } from '../support/services';
import { startTestStack, TEST_ADMIN_KEY, type TestStack } from '../support/stack';

/** Slugs of this file's run only: the run's database outlives one file. */
const RUN = Date.now().toString(36);
const slug = (name: string) => `${name}-${RUN}`;

type Issue = { path: string; message: string };

describe('the partner registry', () => {
  let stack: TestStack;
  let dataDir: string;
  const admin = (route: string, init: RequestInit & { json?: unknown } = {}) =>
    stack.call(route, { ...init, key: TEST_ADMIN_KEY });
  const partners = async () =>
    ((await (await admin('/api/v1/partners')).json()) as { items: Array<{ slug: string; name: string }> }).items;
  const exportCount = async () =>
    (await stack.graph.read((tx) => tx.run('MATCH (x:Export) RETURN count(x) AS n'))).records[0]!.get('n');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-partners-'));
    const settings: LeadSettings = testLeadSettings(dataDir);
    stack = await startTestStack('partners', { workers: false, app: { apiRouters: [exportsRouter(settings)] } });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers a partner bank with its compliance contact and webhook, and lists it for analysts', async () => {
    const bank = {
      slug: slug('th-andaman-bank'),
      name: 'Andaman Commercial Bank',
      contact: 'FIU@andaman-bank.example',
      webhookUrl: 'https://hooks.andaman-bank.example/lantern',
    };
    const res = await admin('/api/v1/partners', { method: 'POST', json: bank });
    expect(res.status).toBe(201);
    const expected = { ...bank, contact: 'fiu@andaman-bank.example', createdAt: expect.any(String) };
    expect(await res.json()).toEqual(expected);
    const analyst = await stack.keyFor('analyst', slug('hub'));
    const listed = await stack.call('/api/v1/partners', { key: analyst });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: unknown[] }).items).toContainEqual(expected);
    // A bank is no NGO: the organisations an analyst filters reports by do not list it.
    const orgs = (await (await admin('/api/v1/orgs')).json()) as { items: Array<{ slug: string }> };
    expect(orgs.items.map((o) => o.slug)).not.toContain(bank.slug);
  });

  it('answers 409 to a slug registered already, as a partner or as an NGO, and changes nothing', async () => {
    const bank = { slug: slug('kh-tonle-bank'), name: 'Tonle Bank', contact: 'aml@tonle.example' };
    expect((await admin('/api/v1/partners', { method: 'POST', json: bank })).status).toBe(201);
    const again = await admin('/api/v1/partners', { method: 'POST', json: { ...bank, name: 'Tonle Bank (typo)' } });
    expect(again.status).toBe(409);
    expect((await partners()).filter((p) => p.slug === bank.slug).map((p) => p.name)).toEqual(['Tonle Bank']);

    const ngo = { slug: slug('th-baan-sai'), name: 'Baan Sai Shelter', country: 'TH' };
    expect((await admin('/api/v1/orgs', { method: 'POST', json: ngo })).status).toBe(201);
    const asBank = await admin('/api/v1/partners', { method: 'POST', json: { ...bank, slug: ngo.slug } });
    expect(asBank.status).toBe(409);
    expect((await partners()).map((p) => p.slug)).not.toContain(ngo.slug);
    const asNgo = await admin('/api/v1/orgs', { method: 'POST', json: { slug: bank.slug, name: 'x', country: 'KH' } });
    expect(asNgo.status).toBe(409);
  });

  it('refuses bad fields with 400 naming each one, and registers nothing', async () => {
    const before = (await partners()).length;
    const res = await admin('/api/v1/partners', {
      method: 'POST',
      json: {
        slug: 'Acme Bank',
        name: ' ',
        contact: 'f***@acme.example',
        webhookUrl: 'http://hooks.acme.example/x',
        swift: 'ACMETHBK',
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: Issue[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['', 'contact', 'name', 'slug', 'webhookUrl']);
    expect(body.issues.find((i) => i.path === 'webhookUrl')!.message).toMatch(/https:\/\//);
    const credentials = await admin('/api/v1/partners', {
      method: 'POST',
      json: { slug: slug('x'), name: 'X', contact: 'x@x.example', webhookUrl: 'https://u:p@hooks.x.example/' },
    });
    expect(credentials.status).toBe(400);
    expect((await partners()).length).toBe(before);
  });

  it('changes a partner’s contact and webhook when an admin asks, refusing bad fields and unknown slugs', async () => {
    const bank = { slug: slug('th-lanna-bank'), name: 'Lanna Bank', contact: 'aml@lanna.example' };
    expect((await admin('/api/v1/partners', { method: 'POST', json: bank })).status).toBe(201);
    const patch = (route: string, json: unknown, key = TEST_ADMIN_KEY) =>
      stack.call(route, { method: 'PATCH', key, json });
    const changed = await patch(`/api/v1/partners/${bank.slug}`, {
      contact: 'fiu@lanna.example',
      webhookUrl: 'http://127.0.0.1:9/hook',
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      ...bank,
      contact: 'fiu@lanna.example',
      webhookUrl: 'http://127.0.0.1:9/hook',
    });
    const stopped = await patch(`/api/v1/partners/${bank.slug}`, { webhookUrl: null });
    expect(await stopped.json()).toMatchObject({ contact: 'fiu@lanna.example', webhookUrl: null });

    const bad = await patch(`/api/v1/partners/${bank.slug}`, { webhookUrl: 'ftp://lanna.example', slug: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Issue[] }).issues.map((i) => i.path).sort()).toEqual(['', 'webhookUrl']);
    expect((await patch(`/api/v1/partners/${bank.slug}`, {})).status).toBe(400);
    expect((await patch(`/api/v1/partners/${slug('th-nobody-bank')}`, { name: 'Nobody' })).status).toBe(404);
    const analyst = await stack.keyFor('analyst', slug('hub'));
    expect((await patch(`/api/v1/partners/${bank.slug}`, { name: 'Hijacked' }, analyst)).status).toBe(403);
    expect((await partners()).find((p) => p.slug === bank.slug)).toMatchObject({
      name: 'Lanna Bank',
      webhookUrl: null,
    });
  });

  it('lets only admins register and only admins and analysts list', async () => {
    const caseworker = await stack.keyFor('caseworker', slug('vn-song-hong'));
    const bank = { slug: slug('vn-red-river'), name: 'Red River Bank', contact: 'aml@redriver.example' };
    expect((await stack.call('/api/v1/partners', { method: 'POST', key: caseworker, json: bank })).status).toBe(403);
    expect((await stack.call('/api/v1/partners', { key: caseworker })).status).toBe(403);
    const partner = await stack.keyFor('partner', slug('th-mekong-bank'));
    expect((await stack.call('/api/v1/partners', { key: partner })).status).toBe(403);
  });

  it('gives partner keys only to registered partners, and no other role a key of a bank', async () => {
    const typo = slug('acme-bnak');
    const keyCount = async () => ((await (await admin('/api/v1/keys')).json()) as { items: unknown[] }).items.length;
    const before = await keyCount();
    const person = { name: 'Malee Srisuk', email: `malee.${RUN}@selat.example` };
    const refusedIssue = async (json: object): Promise<Issue[]> => {
      const res = await admin('/api/v1/keys', { method: 'POST', json: { ...json, person } });
      expect(res.status).toBe(400);
      return ((await res.json()) as { issues: Issue[] }).issues;
    };
    expect(await refusedIssue({ role: 'partner', org: typo })).toEqual([
      {
        path: 'org',
        message: unregisteredPartner(typo),
      },
    ]);
    const ngo = { slug: slug('th-fah-sai'), name: 'Fah Sai Foundation', country: 'TH' };
    expect((await admin('/api/v1/orgs', { method: 'POST', json: ngo })).status).toBe(201);
    expect((await refusedIssue({ role: 'partner', org: ngo.slug }))[0]!.path).toBe('org');
    const bank = { slug: slug('my-selat-bank'), name: 'Selat Bank', contact: 'aml@selat.example' };
    expect((await admin('/api/v1/partners', { method: 'POST', json: bank })).status).toBe(201);
    expect(await refusedIssue({ role: 'caseworker', org: bank.slug })).toEqual([
      { path: 'org', message: `'${bank.slug}' is a partner bank: only partner keys belong to it` },
    ]);
    expect(await keyCount()).toBe(before);
    const made = await admin('/api/v1/keys', { method: 'POST', json: { role: 'partner', org: bank.slug, person } });
    expect(made.status).toBe(201);
  });

  it('refuses an export to a partner nobody registered with 400 naming partner, and makes no bundle', async () => {
    const analyst = await stack.keyFor('analyst', slug('hub'));
    const before = await exportCount();
    for (const partner of [slug('acme-bnak'), slug('th-fah-sai')]) {
      const res = await stack.call('/api/v1/exports', {
        method: 'POST',
        key: analyst,
        json: { partner, leads: ['lead_01ABC'] },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: 'invalid export',
        issues: [{ path: 'partner', message: expect.stringContaining(`'${partner}' is not a registered partner`) }],
      });
    }
    // A registered partner gets past that check to the leads' own.
    const bank = await stack.keyFor('partner', slug('th-chao-phraya-bank'));
    expect(bank).toMatch(/^lnt_/);
    const toBank = await stack.call('/api/v1/exports', {
      method: 'POST',
      key: analyst,
      json: { partner: slug('th-chao-phraya-bank'), leads: ['lead_01ABC'] },
    });
    expect(toBank.status).toBe(409);
    expect(await exportCount()).toEqual(before);
  });

  it('makes partners of organisations that held partner keys or received exports before the registry', async () => {
    const old = slug('th-old-bank');
    const gone = slug('th-gone-bank');
    await stack.graph.write(async (tx) => {
      await tx.run(
        `CREATE (o:Organisation {slug: $old, name: $old, createdAt: '2026-01-01'})
         CREATE (:ApiKey {id: $keyId, hash: $keyId, role: 'partner', org: $old, createdAt: '2026-01-01'})-[:OF]->(o)
         CREATE (:Export {id: $exportId, partner: $gone, createdAt: '2026-01-02'})`,
        { old, gone, keyId: `key_${RUN}`, exportId: `exp_${RUN}` },
      );
    });
    for (const statement of MIGRATION_STEPS.find((s) => s.version === 9)!.statements)
      await stack.graph.write((tx) => tx.run(statement));
    const listed = await partners();
    expect(listed).toContainEqual(expect.objectContaining({ slug: old, name: old, contact: null }));
    expect(listed).toContainEqual(expect.objectContaining({ slug: gone, name: gone, contact: null }));
    const registered = await admin('/api/v1/partners', {
      method: 'POST',
      json: { slug: old, name: 'Old Siam Bank', contact: 'aml@oldsiam.example' },
    });
    expect(registered.status).toBe(201);
    expect(await registered.json()).toMatchObject({ slug: old, name: 'Old Siam Bank', createdAt: '2026-01-01' });
  });

  it('registers and lists partners on the command line, refusing a bad contact with exit code 2', async () => {
    const env = { NEO4J_URI: testNeo4jUri(), LANTERN_DATA_DIR: dataDir };
    const bank = ['--slug', slug('la-mekong-cli'), '--name', 'Mekong CLI Bank'];
    const bad = await runCli(['partners', 'create', ...bank, '--contact', 'not an address'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('lantern: --contact: must be an e-mail address');
    const created = await runCli(['partners', 'create', ...bank, '--contact', 'aml@mekong-cli.example'], env);
    expect(created.code).toBe(0);
    expect(lastJsonLine(created.stdout)).toMatchObject({
      slug: slug('la-mekong-cli'),
      contact: 'aml@mekong-cli.example',
    });
    expect((await runCli(['partners', 'create', ...bank, '--contact', 'aml@mekong-cli.example'], env)).code).toBe(1);
    expect((await runCli(['partners', 'list'], env)).stdout).toContain('"name":"Mekong CLI Bank"');
  });
});
