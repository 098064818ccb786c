import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import type { Graph } from '../../graph/driver';
import type { LeadSettings } from '../../graph/exports/store';
import { readZip } from '../../graph/exports/zip';
import { registerVerifyCommand } from '../../src/cli/verify';
import type { CreatedKey } from '../../src/domain/auth';
import type { ExportSummary, LeadSummary } from '../../src/domain/leads';
import { mentionId } from '../../src/domain/mention';
import type { Notice } from '../../src/domain/notices';
import { createApp } from '../../src/http/app';
import { exportsRouter } from '../../src/http/routes/exports';
import { leadsRouter } from '../../src/http/routes/leads';
import { createLogger } from '../../src/log/logger';
import { Producer } from '../../workers/queues';
import { startWorkers, type WorkerRuntime } from '../../workers/runtime';
import { lastJsonLine, waitFor } from '../support/cli';
import { serve } from '../support/http';
import { createTestKey } from '../support/keys';
import { testLeadSettings } from '../support/leadSettings';
import { managerReports, markersFor } from '../support/managerReports';
import {
  deleteKeysWithPrefix,
  resetGraph,
  testCandidateIndex,
  testGraph,
  testPrefix,
  testRedisUrl,
} from '../support/services';
import { SPA_TYPOLOGIES, spaReports } from '../support/spaReports';
import { testApiContext } from '../support/stack';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const MARKERS = markersFor('MARKER');
const { reportA: REPORT_A, reportB: REPORT_B } = managerReports(MARKERS, {
  companyName: '=cmd|calc Moonlight Siam Entertainment Co., Ltd.',
  noteA: 'the survivor, Somying (19), says the manager holds her passport.',
  noteB: 'second survivor, from Battambang.',
});

/** The hub's two analysts by name; Nok holds two keys, one on her laptop and one on her phone. */
const NOK = { name: 'Nok Chaiyaporn', email: 'nok.c@hub.example' };
const RATANA = { name: 'Ratana Sukjai', email: 'ratana.s@hub.example' };
const PEOPLE: Record<string, { name: string; email: string } | undefined> = {
  analyst1: NOK,
  analyst1Phone: NOK,
  analyst2: RATANA,
};

describe('leads and export bundles through the API and the workers', () => {
  let graph: Graph;
  let producer: Producer;
  let runtime: WorkerRuntime;
  let api: { url: string; close: () => Promise<void> };
  let dataDir: string;
  let settings: LeadSettings;
  const prefix = testPrefix('exports');
  let candidates: ReturnType<typeof testCandidateIndex> | undefined;
  const keys: Record<string, CreatedKey> = {};

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-exports-'));
    settings = testLeadSettings(dataDir);
    const logger = createLogger('warn');
    producer = new Producer(testRedisUrl(), prefix);
    runtime = await startWorkers({ graph, redisUrl: testRedisUrl(), prefix, logger, leads: settings });
    candidates = testCandidateIndex(graph, 'exports');
    const ctx = testApiContext(graph, producer, candidates.index, logger, SECRET);
    api = await serve(createApp(ctx, { apiRouters: [leadsRouter(settings), exportsRouter(settings)] }));
    for (const [name, role, org] of [
      ['ngoA', 'caseworker', 'ngo-a'],
      ['ngoB', 'caseworker', 'ngo-b'],
      ['analyst1', 'analyst', 'hub'],
      ['analyst1Phone', 'analyst', 'hub'],
      ['analyst2', 'analyst', 'hub'],
      ['bankA', 'partner', 'bank-a'],
      ['bankB', 'partner', 'bank-b'],
      ['admin', 'admin', 'hub'],
    ] as const) {
      keys[name] = await createTestKey(graph, { role, org, name, person: PEOPLE[name], createdBy: 'test' });
    }
  });

  afterAll(async () => {
    await api?.close();
    await runtime?.close();
    await producer?.close();
    await candidates?.close();
    await deleteKeysWithPrefix(testRedisUrl(), prefix);
    await graph.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (who: string, method: string, route: string, body?: unknown) => {
    const res = await fetch(`${api.url}/api/v1${route}`, {
      method,
      headers: {
        authorization: `Bearer ${keys[who]!.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const json = async (who: string, method: string, route: string, body?: unknown) => {
    const res = await call(who, method, route, body);
    return {
      status: res.status,
      body: JSON.parse(res.bytes.toString('utf8')) as Record<string, unknown> & { items?: unknown[] },
    };
  };

  /** Runs `lantern verify` as the CLI would, capturing what it prints. */
  async function verifyCli(zip: Buffer, publicKey: string): Promise<{ result: unknown; exitCode: number | undefined }> {
    const zipFile = path.join(dataDir, `bundle-${Date.now()}.zip`);
    const keyFile = path.join(dataDir, 'issuer.pub.pem');
    writeFileSync(zipFile, zip);
    writeFileSync(keyFile, publicKey);
    const program = new Command('lantern').exitOverride();
    registerVerifyCommand(program);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'lantern', 'verify', zipFile, '--public-key', keyFile]);
      return {
        result: lastJsonLine(write.mock.calls.map((c) => String(c[0])).join('')),
        exitCode: process.exitCode as number | undefined,
      };
    } finally {
      write.mockRestore();
      process.exitCode = undefined;
    }
  }

  /**
   * Nothing from a victim's side reaches a bundle: no case reference (raw or hashed), note, report or mention id, NGO
   * or caseworker; nor any analyst's key, person id, name or e-mail.
   */
  async function expectNoVictimData(files: Buffer[]): Promise<void> {
    const internal = await graph.read(async (tx) => {
      const r = await tx.run('MATCH (r:Report) RETURN r.id AS id, r.caseRefHash AS hash, r.orgId AS org');
      return r.records.flatMap((row) => [row.get('id') as string, row.get('hash') as string, row.get('org') as string]);
    });
    const forbidden = [
      ...Object.values(MARKERS),
      'Somying',
      'Battambang',
      ...internal,
      keys.ngoA!.id,
      keys.ngoB!.id,
      keys.analyst1!.id,
      keys.analyst1Phone!.id,
      keys.analyst2!.id,
      ...[NOK, RATANA].flatMap((p) => [p.name, p.email]),
      keys.analyst1!.person.id,
      keys.analyst2!.person.id,
      'men_',
      'rep_',
    ];
    for (const file of files) {
      const text = file.toString('utf8');
      for (const needle of forbidden) expect([needle, text.includes(needle)]).toEqual([needle, false]);
    }
  }

  it('takes two reports to a lead, two analysts to approve it, and one partner to read its signed bundle', async () => {
    const a = await json('ngoA', 'POST', '/reports', REPORT_A);
    expect(a.status).toBe(202);
    expect((await json('analyst1', 'GET', '/leads')).body.items).toEqual([]);
    const b = await json('ngoB', 'POST', '/reports', REPORT_B);
    const lead = await waitFor(
      async () => ((await json('analyst1', 'GET', '/leads')).body.items as LeadSummary[])[0],
      120_000,
      'a lead from the workers',
    );
    expect(lead).toMatchObject({
      status: 'new',
      subjects: expect.any(Array),
      reasons: expect.arrayContaining(['shared across reports: phone +66863924718 (2 reports)']),
    });
    expect(lead.subjects.map((s) => s.schema).sort()).toEqual(['BankAccount', 'Company', 'Person']);

    const detail = await json('analyst1', 'GET', `/leads/${lead.id}`);
    expect(detail.body).toMatchObject({ id: lead.id, evidence: { independentReports: 2, organisations: 2 } });
    expect(JSON.stringify(detail.body)).not.toMatch(/CASEREF-MARKER|NOTE-MARKER/);
    expect((await json('ngoA', 'GET', '/leads')).status).toBe(403);
    expect((await json('bankA', 'GET', `/leads/${lead.id}`)).status).toBe(403);

    const early = await json('analyst1', 'POST', '/exports', { partner: 'bank-a', leads: [lead.id] });
    expect(early.status).toBe(409);
    expect(early.body.issues).toEqual([{ path: lead.id, message: 'is new, not approved' }]);

    const approve = (who: string, body: unknown = { revision: lead.revision }) =>
      json(who, 'POST', `/leads/${lead.id}/approve`, body);
    expect(await approve('analyst1', {})).toEqual({
      status: 400,
      body: {
        error: 'invalid approval',
        issues: [{ path: 'revision', message: expect.stringMatching(/^is required: the revision of the lead/) }],
      },
    });
    expect((await approve('analyst1')).body).toMatchObject({
      counted: true,
      approvals: 1,
      needed: 2,
      lead: { status: 'in_review' },
    });
    // Nok again, from her phone: one person, however many keys, approves once.
    for (const again of ['analyst1', 'analyst1Phone'])
      expect((await approve(again)).body).toMatchObject({
        counted: false,
        approvals: 1,
        lead: { status: 'in_review', approved: false },
      });
    const pending = (await json('analyst2', 'GET', `/leads/${lead.id}`)).body.approval;
    expect(pending).toEqual({
      needed: 2,
      pending: [{ by: keys.analyst1!.id, person: keys.analyst1!.person.id, name: NOK.name, at: expect.any(String) }],
      approvedRevision: null,
      approvedBy: [],
      approvedAt: null,
    });
    expect((await approve('analyst2')).body).toMatchObject({
      counted: true,
      lead: { status: 'approved', approved: true },
    });
    expect((await json('analyst1', 'GET', `/leads/${lead.id}`)).body.approval).toMatchObject({
      pending: [],
      approvedRevision: 1,
      approvedBy: [
        { person: keys.analyst1!.person.id, name: NOK.name },
        { person: keys.analyst2!.person.id, name: RATANA.name },
      ],
    });

    const created = await json('analyst1', 'POST', '/exports', { partner: 'bank-a', leads: [lead.id] });
    expect(created.status).toBe(201);
    const exportId = created.body.id as string;

    // Partners see their own exports only; another partner's does not exist for them.
    expect(((await json('bankA', 'GET', '/exports')).body.items as ExportSummary[]).map((x) => x.id)).toEqual([
      exportId,
    ]);
    expect((await json('bankB', 'GET', '/exports')).body.items).toEqual([]);
    for (const route of [
      `/exports/${exportId}`,
      `/exports/${exportId}.zip`,
      `/exports/${exportId}/files/leads.csv`,
      `/exports/${exportId}/files/manifest.json`,
    ]) {
      expect([route, (await call('bankB', 'GET', route)).status]).toEqual([route, 404]);
    }
    expect((await call('ngoA', 'GET', '/exports')).status).toBe(403);

    const manifest = JSON.parse(
      (await call('bankA', 'GET', `/exports/${exportId}/files/manifest.json`)).bytes.toString('utf8'),
    );
    expect(manifest).toMatchObject({
      bundle_id: exportId,
      revision: 1,
      issuer: 'Lantern test hub',
      recipient: 'bank-a',
      handling: 'TLP:AMBER',
      redress_contact: 'redress@hub.example',
      withdrawn: [],
    });
    const entities = (await call('bankA', 'GET', `/exports/${exportId}/files/entities.ftm.jsonl`)).bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { schema: string; properties: Record<string, string[]> });
    expect(entities.map((e) => e.schema).sort()).toEqual([
      'BankAccount',
      'Company',
      'Directorship',
      'Ownership',
      'Person',
    ]);
    const person = entities.find((e) => e.schema === 'Person')!;
    expect(person.properties).toMatchObject({ phone: ['+66863924718'], topics: ['poi'] });
    const csv = (await call('bankA', 'GET', `/exports/${exportId}/files/leads.csv`)).bytes.toString('utf8');
    expect(csv).toContain("'=cmd|calc Moonlight Siam Entertainment Co., Ltd.");
    expect(csv).toContain("'+66863924718");
    // Two different people approved, and the partner can tell, by pseudonyms of the people only.
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    const approvedBy = new Set(rows.map((row) => row.approved_by));
    expect(approvedBy.size).toBe(1);
    const pseudonyms = [...approvedBy][0]!.split('; ');
    expect(pseudonyms).toEqual([
      expect.stringMatching(/^analyst-[0-9a-f]{10}$/),
      expect.stringMatching(/^analyst-[0-9a-f]{10}$/),
    ]);
    expect(new Set(pseudonyms).size).toBe(2);

    const zip = await call('bankA', 'GET', `/exports/${exportId}.zip`);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const publicKey = (await json('bankA', 'GET', '/exports/public-key')).body.publicKey as string;
    expect(await verifyCli(zip.bytes, publicKey)).toEqual({
      result: expect.objectContaining({ ok: true, bundle: exportId, revision: 1, signature: 'valid' }),
      exitCode: undefined,
    });
    const tampered = Buffer.from(zip.bytes);
    tampered[tampered.indexOf('Bangkok Bank')] = 'b'.charCodeAt(0);
    expect((await verifyCli(tampered, publicKey)).exitCode).toBe(1);
    await expectNoVictimData([zip.bytes, ...(await readZip(zip.bytes)).map((e) => e.data)]);

    const audit = (await json('admin', 'GET', '/audit?limit=200')).body.items as Array<{
      action: string;
      actor: string;
      person?: string;
    }>;
    for (const action of ['lead.approved', 'export.created']) expect(audit.some((e) => e.action === action)).toBe(true);
    // Each approval is on record with the key it came with and the person holding that key.
    const approvals = audit.filter((e) => e.action === 'lead.approved').map((e) => `${e.actor} ${e.person}`);
    expect(approvals.sort()).toEqual(
      ['analyst1', 'analyst1', 'analyst1Phone', 'analyst2']
        .map((who) => `${keys[who]!.id} ${keys[who]!.person.id}`)
        .sort(),
    );
    expect(
      audit.filter((e) => e.action === 'export.downloaded' && e.actor === keys.bankA!.id).length,
    ).toBeGreaterThanOrEqual(4);

    // The analyst finds the two women were different: the merge behind the lead is undone.
    const personId = lead.subjects.find((s) => s.schema === 'Person')!.entityId;
    const moved = mentionId(b.body.id as string, 'p1');
    expect(
      (
        await json('analyst1', 'POST', `/entities/${personId}/split`, {
          mentionIds: [moved],
          reason: 'different women',
        })
      ).status,
    ).toBe(201);
    const revised = await waitFor(
      async () => {
        const x = ((await json('bankA', 'GET', '/exports')).body.items as ExportSummary[])[0]!;
        return x.revision === 2 ? x : undefined;
      },
      120_000,
      'revision 2 of the bundle',
    );
    expect(revised.withdrawn.map((w) => w.entity_id).sort()).toEqual(lead.subjects.map((s) => s.entityId).sort());
    for (const w of revised.withdrawn)
      expect(w).toMatchObject({
        lead_id: lead.id,
        revision: 2,
        reason: expect.stringContaining('the lead was withdrawn: no longer meets the lead rules'),
      });
    expect(revised.withdrawn.find((w) => w.entity_id === personId)!.reason).toMatch(
      /^an analyst judged records behind this subject to be different; /,
    );
    expect((await json('analyst1', 'GET', `/leads/${lead.id}`)).body).toMatchObject({
      status: 'retracted',
      changedSinceExport: false,
    });
    // The partner is told: its subjects withdrawn, and revision 2 of the bundle superseding the first.
    const told = (await json('bankA', 'GET', '/notices')).body.items as Notice[];
    expect(told.map((n) => [n.kind, n.exportId, n.bundleRevision, n.delivery.status]).sort()).toEqual([
      ['bundle.revised', exportId, 2, 'none'],
      ['subjects.withdrawn', exportId, 2, 'none'],
    ]);
    expect(told.find((n) => n.kind === 'subjects.withdrawn')!.entityIds.sort()).toEqual(
      revised.withdrawn.map((w) => w.entity_id).sort(),
    );
    expect((await json('bankB', 'GET', '/notices')).body.items).toEqual([]);

    const second = await call('bankA', 'GET', `/exports/${exportId}.zip`);
    expect(await verifyCli(second.bytes, publicKey)).toEqual({
      result: expect.objectContaining({ ok: true, revision: 2 }),
      exitCode: undefined,
    });
    const secondFiles = await readZip(second.bytes);
    expect(JSON.parse(secondFiles.find((f) => f.name === 'manifest.json')!.data.toString('utf8'))).toMatchObject({
      revision: 2,
      supersedes: 1,
      withdrawn: revised.withdrawn,
    });
    expect(secondFiles.find((f) => f.name === 'entities.ftm.jsonl')!.data.toString('utf8')).toBe('');
    await expectNoVictimData([second.bytes, ...secondFiles.map((e) => e.data)]);
    // The first revision stays available as issued.
    expect(
      JSON.parse(
        (await call('bankA', 'GET', `/exports/${exportId}/files/manifest.json?revision=1`)).bytes.toString('utf8'),
      ).revision,
    ).toBe(1);
  }, 600_000);
  it('revises a bundle without retracting the lead when the split subject is not all its evidence', async () => {
    const report = (caseRef: string, phone: string) => ({
      caseRef,
      country: 'MY',
      reportedAt: '2025-02-01',
      subjects: [
        { ref: 'p1', schema: 'Person', role: 'Exploiter', properties: { name: ['Lim Kok Seng'], phone: [phone] } },
        { ref: 'a1', schema: 'BankAccount', properties: { accountNumber: ['5141 2398 7765'], bankName: ['Maybank'] } },
      ],
      links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
    });
    await json('ngoA', 'POST', '/reports', report('MY-R-1', '012-587 3310'));
    const second = await json('ngoB', 'POST', '/reports', report('MY-R-2', '+60 12-587 3310'));
    const lead = await waitFor(
      async () =>
        ((await json('analyst1', 'GET', '/leads?status=new')).body.items as LeadSummary[]).find((l) =>
          l.subjects.some((s) => s.names.includes('Lim Kok Seng')),
        ),
      120_000,
      'the second lead',
    );
    for (const analyst of ['analyst1', 'analyst2'])
      await json(analyst, 'POST', `/leads/${lead.id}/approve`, { revision: lead.revision });
    const exportId = (await json('analyst1', 'POST', '/exports', { partner: 'bank-b', leads: [lead.id] })).body
      .id as string;

    const personId = lead.subjects.find((s) => s.schema === 'Person')!.entityId;
    await json('analyst1', 'POST', `/entities/${personId}/split`, {
      mentionIds: [mentionId(second.body.id as string, 'p1')],
    });
    const revised = await waitFor(
      async () => {
        const x = ((await json('bankB', 'GET', '/exports')).body.items as ExportSummary[]).find(
          (e) => e.id === exportId,
        )!;
        return x.revision === 2 ? x : undefined;
      },
      120_000,
      'revision 2 of the second bundle',
    );
    expect(revised.withdrawn).toEqual([
      {
        lead_id: lead.id,
        entity_id: personId,
        revision: 2,
        reason:
          'an analyst judged records behind this subject to be different; ' +
          'a merge of records behind this subject was undone',
      },
    ]);
    const after = (await json('analyst1', 'GET', `/leads/${lead.id}`)).body as unknown as LeadSummary;
    expect(after).toMatchObject({
      status: 'exported',
      revision: 2,
      approved: false,
      exportedRevision: 1,
      changedSinceExport: true,
    });
    const told = ((await json('bankB', 'GET', `/notices?export=${exportId}`)).body.items as Notice[]).map((n) => ({
      kind: n.kind,
      leadId: n.leadId,
      bundleRevision: n.bundleRevision,
      leadRevision: n.leadRevision,
      heldRevision: n.heldRevision,
      entityIds: n.entityIds,
    }));
    expect(told).toEqual(
      expect.arrayContaining([
        { kind: 'lead.changed', leadId: lead.id, bundleRevision: 2, leadRevision: 2, heldRevision: 1, entityIds: [] },
        {
          kind: 'subjects.withdrawn',
          leadId: lead.id,
          bundleRevision: 2,
          leadRevision: null,
          heldRevision: null,
          entityIds: [personId],
        },
        {
          kind: 'bundle.revised',
          leadId: null,
          bundleRevision: 2,
          leadRevision: null,
          heldRevision: null,
          entityIds: [],
        },
      ]),
    );
    expect(told).toHaveLength(3);
    // An analyst approving what they saw before the split is told the lead changed, and nothing is recorded.
    const beforeStale = (await json('analyst1', 'GET', `/leads/${lead.id}`)).body;
    const stale = await json('analyst2', 'POST', `/leads/${lead.id}/approve`, { revision: 1 });
    expect(stale).toEqual({
      status: 409,
      body: {
        error:
          `lead ${lead.id} changed: its current revision is 2, not the revision 1 you reviewed; ` +
          'review it again before approving',
        issues: [{ path: 'revision', message: "must be the lead's current revision, 2" }],
      },
    });
    expect((await json('analyst1', 'GET', `/leads/${lead.id}`)).body).toEqual(beforeStale);
    const csv = (await call('bankB', 'GET', `/exports/${exportId}/files/leads.csv`)).bytes.toString('utf8');
    expect(csv).toContain('514123987765');
    expect(csv).not.toContain('Lim Kok Seng');
    const again = await json('analyst1', 'POST', '/exports', { partner: 'bank-a', leads: [lead.id] });
    expect(again.status).toBe(409);
    expect(again.body.issues).toEqual([{ path: lead.id, message: 'revision 2 is not approved yet' }]);
  }, 600_000);

  it('tags a lead with the typologies it shows, and carries them in leads.csv and the signed manifest', async () => {
    const spa = spaReports('TYP');
    await json('ngoA', 'POST', '/reports', spa.th);
    await json('ngoB', 'POST', '/reports', spa.kh);
    const lead = await waitFor(
      async () =>
        ((await json('analyst1', 'GET', '/leads?status=new')).body.items as LeadSummary[]).find(
          (l) => l.subjects.some((s) => s.names.includes('Sunisa Wongsakul')) && l.subjects.length === 3,
        ),
      120_000,
      'the lead of the spa',
    );
    const expected = SPA_TYPOLOGIES;
    expect(lead.typologies).toEqual(expected);
    expect((await json('analyst1', 'GET', `/leads/${lead.id}`)).body.typologies).toEqual(expected);
    for (const analyst of ['analyst1', 'analyst2'])
      expect((await json(analyst, 'POST', `/leads/${lead.id}/approve`, { revision: lead.revision })).status).toBe(200);
    const exportId = (await json('analyst1', 'POST', '/exports', { partner: 'bank-a', leads: [lead.id] })).body
      .id as string;

    const csv = (await call('bankA', 'GET', `/exports/${exportId}/files/leads.csv`)).bytes.toString('utf8');
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.schema, r.typologies]).sort()).toEqual([
      ['BankAccount', 'front_company; exploitative_employment; funnel_account'],
      ['Company', 'front_company; exploitative_employment; funnel_account'],
      ['Person', 'front_company; exploitative_employment; funnel_account'],
    ]);
    const manifest = JSON.parse(
      (await call('bankA', 'GET', `/exports/${exportId}/files/manifest.json`)).bytes.toString('utf8'),
    );
    expect(manifest).toMatchObject({
      leads: [{ lead_id: lead.id, subjects: 3, typologies: expected }],
      sar_key_term: 'HUMAN TRAFFICKING FIN-2020-A008',
    });
    const zip = await call('bankA', 'GET', `/exports/${exportId}.zip`);
    const publicKey = (await json('bankA', 'GET', '/exports/public-key')).body.publicKey as string;
    expect((await verifyCli(zip.bytes, publicKey)).result).toMatchObject({
      ok: true,
      leads: [{ lead_id: lead.id, typologies: ['front_company', 'exploitative_employment', 'funnel_account'] }],
      sarKeyTerm: 'HUMAN TRAFFICKING FIN-2020-A008',
    });
    await expectNoVictimData([zip.bytes, ...(await readZip(zip.bytes)).map((e) => e.data)]);
  }, 600_000);
});
