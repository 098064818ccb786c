import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { registerPartner } from '../../graph/auth/partners';
import type { Graph } from '../../graph/driver';
import { verifyNoticeDelivery } from '../../graph/exports/noticeSignature';
import { type LeadSettings, recordHeldRevisions } from '../../graph/exports/store';
import { readZip } from '../../graph/exports/zip';
import { registerVerifyCommand, registerVerifyNoticeCommand } from '../../src/cli/verify';
import type { ReportView } from '../../src/domain/api';
import type { ExportSummary, LeadDetail, LeadSummary } from '../../src/domain/leads';
import { type Notice, WEBHOOK_HEADERS } from '../../src/domain/notices';
import { createApp } from '../../src/http/app';
import { exportsRouter } from '../../src/http/routes/exports';
import { leadsRouter } from '../../src/http/routes/leads';
import { createLogger } from '../../src/log/logger';
import { type JobOptionOverrides, Producer } from '../../workers/queues';
import { startWorkers, type WorkerRuntime } from '../../workers/runtime';
import { lastJsonLine, waitFor } from '../support/cli';
import { serve } from '../support/http';
import { createTestKey, testContact } from '../support/keys';
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
import { testApiContext } from '../support/stack';

/*
 * Changes after export: a lead a partner holds changes (a merge, an amended or withdrawn report), the
 * partner is told by a notice (and its webhook, signed), and once two analysts approve the lead again
 * its bundle gets a revision that supersedes the last, the merged-away id replaced by the surviving one.
 * Invented names and numbers only.
 */

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const MARKERS = markersFor('NOTICE');
const { reportA: REPORT_A, reportB: REPORT_B } = managerReports(MARKERS);

/** Two reports of one NGO naming a karaoke company by one registration number: an entity of two mentions. */
const karaoke = (caseRef: string, alias?: string) => ({
  caseRef,
  country: 'TH',
  reportedAt: '2025-03-01',
  notes: `${MARKERS.noteA}: the karaoke bar again.`,
  subjects: [
    {
      ref: 'c1',
      schema: 'Company',
      properties: {
        name: ['Golden Lotus Karaoke Co., Ltd.'],
        ...(alias ? { alias: [alias] } : {}),
        registrationNumber: ['0105560001234'],
      },
    },
  ],
  links: [],
});

/** Deliveries the receiver got, in order: what was on the wire, byte for byte. */
interface Delivery {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  answered: number;
}

/**
 * A partner's webhook on this machine: answers `failures` first deliveries with 500 (then 2xx), or every
 * one with `always`; remembers which notice ids it acted on, so a repeat is acknowledged and dropped.
 */
async function receiver(options: { failures?: number; always?: number } = {}) {
  const deliveries: Delivery[] = [];
  const seen = new Set<string>();
  let failures = options.failures ?? 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = options.always ?? (failures-- > 0 ? 500 : 204);
      deliveries.push({ headers: req.headers, rawBody: Buffer.concat(chunks), answered });
      const id = String(req.headers[WEBHOOK_HEADERS.noticeId.toLowerCase()]);
      if (answered < 300) seen.add(id);
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/lantern-notices`,
    deliveries,
    acted: seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The webhook queue's retries, shortened so that a test sees a retry and a last attempt in seconds. */
const FAST_RETRIES: JobOptionOverrides = { webhooks: { attempts: 3, backoff: { type: 'fixed', delay: 500 } } };

describe('changes after export: notices, webhooks and bundles that supersede', () => {
  let graph: Graph;
  let producer: Producer;
  let runtime: WorkerRuntime;
  let api: { url: string; close: () => Promise<void> };
  let dataDir: string;
  let settings: LeadSettings;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let down: Awaited<ReturnType<typeof receiver>>;
  const prefix = testPrefix('notices');
  let candidates: ReturnType<typeof testCandidateIndex> | undefined;
  const keys: Record<string, { id: string; key: string }> = {};

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-notices-'));
    settings = testLeadSettings(dataDir);
    hook = await receiver({ failures: 1 });
    down = await receiver({ always: 503 });
    for (const [slug, webhookUrl] of [
      ['bank-hook', hook.url],
      ['bank-down', down.url],
    ] as const) {
      await registerPartner(graph, { slug, name: `Test bank ${slug}`, contact: testContact(slug), webhookUrl });
    }
    const logger = createLogger('silent');
    producer = new Producer(testRedisUrl(), prefix, 1500, FAST_RETRIES);
    runtime = await startWorkers({
      graph,
      redisUrl: testRedisUrl(),
      prefix,
      logger,
      leads: settings,
      jobOptions: FAST_RETRIES,
      webhookTimeoutMs: 2000,
      reconcilerIntervalMs: 500,
      receivedGraceMs: 1000,
    });
    candidates = testCandidateIndex(graph, 'notices');
    const ctx = testApiContext(graph, producer, candidates.index, logger, SECRET);
    api = await serve(createApp(ctx, { apiRouters: [leadsRouter(settings), exportsRouter(settings)] }));
    for (const [name, role, org] of [
      ['ngoA', 'caseworker', 'ngo-a'],
      ['ngoB', 'caseworker', 'ngo-b'],
      ['analyst1', 'analyst', 'hub'],
      ['analyst2', 'analyst', 'hub'],
      ['bankHook', 'partner', 'bank-hook'],
      ['bankDown', 'partner', 'bank-down'],
      ['bankB', 'partner', 'bank-b'],
      ['admin', 'admin', 'hub'],
    ] as const) {
      keys[name] = await createTestKey(graph, { role, org, name, createdBy: 'test' });
    }
  });

  afterAll(async () => {
    await api?.close();
    await runtime?.close();
    await producer?.close();
    await candidates?.close();
    await hook?.close();
    await down?.close();
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
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const json = async <T = Record<string, unknown>>(who: string, method: string, route: string, body?: unknown) => {
    const res = await call(who, method, route, body);
    return { status: res.status, body: JSON.parse(res.bytes.toString('utf8')) as T };
  };

  /** An analyst's approval of the lead as it stands: of the revision the analyst saw. */
  const approve = (who: string, lead: Pick<LeadSummary, 'id' | 'revision'>) =>
    json<{ counted: boolean; revisedExports: string[]; lead: LeadSummary }>(who, 'POST', `/leads/${lead.id}/approve`, {
      revision: lead.revision,
    });

  const lead = (id: string) => json<LeadDetail>('analyst1', 'GET', `/leads/${id}`).then((r) => r.body);
  const notices = (who: string, query = '') =>
    json<{ items: Notice[]; total: number }>(who, 'GET', `/notices${query}`).then((r) => r.body.items);
  const noticeOf = (who: string, match: (n: Notice) => boolean, what: string) =>
    waitFor(async () => (await notices(who)).find(match), 60_000, what);

  async function processed(who: string, reportId: string): Promise<ReportView> {
    return waitFor(
      async () => {
        const r = await json<ReportView>('analyst1', 'GET', `/reports/${reportId}`);
        return r.body.status === 'processed' ? r.body : undefined;
      },
      120_000,
      `report ${reportId} of ${who} processed`,
    );
  }

  /** Runs a `lantern verify…` command as the CLI would, capturing the JSON it prints last and its exit code. */
  async function cli(args: string[]): Promise<{ result: Record<string, unknown>; exitCode: number | undefined }> {
    const program = new Command('lantern').exitOverride();
    registerVerifyCommand(program);
    registerVerifyNoticeCommand(program);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'lantern', ...args]);
      return {
        result: lastJsonLine(write.mock.calls.map((c) => String(c[0])).join('')) as Record<string, unknown>,
        exitCode: process.exitCode as number | undefined,
      };
    } finally {
      write.mockRestore();
      process.exitCode = undefined;
    }
  }

  let leadId: string;
  let exportId: string;
  let downExportId: string;
  let publicKey: string;

  it('marks an exported lead changed when a subject is merged away, and tells partners (notice, webhook)', async () => {
    await json('ngoA', 'POST', '/reports', REPORT_A);
    await json('ngoB', 'POST', '/reports', REPORT_B);
    const first = await waitFor(
      async () => (await json<{ items: LeadSummary[] }>('analyst1', 'GET', '/leads')).body.items[0],
      120_000,
      'a lead from the workers',
    );
    leadId = first.id;
    expect(first).toMatchObject({ revision: 1, exportedRevision: null, changedSinceExport: false });
    await approve('analyst1', first);
    expect((await approve('analyst2', first)).body).toMatchObject({ lead: { approved: true }, revisedExports: [] });
    exportId = (await json<{ id: string }>('analyst1', 'POST', '/exports', { partner: 'bank-hook', leads: [leadId] }))
      .body.id;
    downExportId = (
      await json<{ id: string }>('analyst1', 'POST', '/exports', { partner: 'bank-down', leads: [leadId] })
    ).body.id;
    expect(await lead(leadId)).toMatchObject({ status: 'exported', exportedRevision: 1, changedSinceExport: false });
    expect(await notices('bankHook')).toEqual([]);

    // Two more reports of one karaoke company: an entity of two records, which the analyst finds is the
    // lead's company. The larger entity survives the merge; the lead's company id is merged away.
    const karaokeReports: string[] = [];
    for (const caseRef of ['TH-KARAOKE-1', 'TH-KARAOKE-2'])
      karaokeReports.push((await json<{ id: string }>('ngoA', 'POST', '/reports', karaoke(caseRef))).body.id);
    for (const id of karaokeReports) await processed('ngoA', id);
    const survivor = await waitFor(
      async () => {
        const [k1, k2] = await Promise.all(karaokeReports.map((id) => processed('ngoA', id)));
        const entity = k1!.subjects[0]!.entityId;
        return entity && entity === k2!.subjects[0]!.entityId ? entity : undefined;
      },
      60_000,
      'the two karaoke records in one entity',
    );
    const companyId = first.subjects.find((s) => s.schema === 'Company')!.entityId;
    const judged = await json('analyst1', 'POST', '/judgements', {
      entityA: companyId,
      entityB: survivor,
      verdict: 'same',
      reason: 'same registration office, renamed',
    });
    expect(judged.status).toBe(201);
    expect((await json('analyst1', 'GET', `/entities/${companyId}`)).body).toEqual({
      id: companyId,
      mergedInto: survivor,
    });

    const changed = await waitFor(
      async () => {
        const l = await lead(leadId);
        return l.revision === 2 ? l : undefined;
      },
      120_000,
      'revision 2 of the lead',
    );
    expect(changed).toMatchObject({
      status: 'exported',
      approved: false,
      exportedRevision: 1,
      changedSinceExport: true,
      exports: expect.arrayContaining([expect.objectContaining({ id: exportId, revision: 1, leadRevision: 1 })]),
    });
    expect(changed.subjects.map((s) => s.entityId)).toContain(survivor);
    const listed = (await json<{ items: LeadSummary[] }>('analyst1', 'GET', '/leads')).body.items;
    expect(listed.find((l) => l.id === leadId)).toMatchObject({ changedSinceExport: true, exportedRevision: 1 });

    const notice = await noticeOf('bankHook', (n) => n.kind === 'lead.changed', 'the lead.changed notice');
    expect(notice).toMatchObject({
      kind: 'lead.changed',
      exportId,
      partner: 'bank-hook',
      leadId,
      leadRevision: 2,
      heldRevision: 1,
      bundleRevision: 1,
      supersedes: null,
      entityIds: [],
    });
    // Another partner sees none of it; the bank that was sent the same lead sees its own notice only.
    expect(await notices('bankB')).toEqual([]);
    expect(await notices('bankB', `?export=${exportId}`)).toEqual([]);
    expect((await notices('bankDown')).map((n) => [n.kind, n.exportId])).toEqual([['lead.changed', downExportId]]);
    expect((await call('ngoA', 'GET', '/notices')).status).toBe(403);
    expect((await json('bankHook', 'GET', '/notices?limit=0')).status).toBe(400);

    // The webhook failed once and got the delivery again; both attempts carry the same notice, signed.
    await waitFor(
      async () => (hook.acted.has(notice.id) ? true : undefined),
      60_000,
      'the delivery of the lead.changed notice',
    );
    const attempts = hook.deliveries.filter((d) => d.headers[WEBHOOK_HEADERS.noticeId.toLowerCase()] === notice.id);
    expect(attempts.map((d) => d.answered)).toEqual([500, 204]);
    expect(attempts[0]!.rawBody.equals(attempts[1]!.rawBody)).toBe(true);
    publicKey = (await json<{ publicKey: string }>('bankHook', 'GET', '/exports/public-key')).body.publicKey;
    const delivered = attempts[1]!;
    const header = (name: string) => String(delivered.headers[name.toLowerCase()]);
    const wire = {
      rawBody: delivered.rawBody,
      timestamp: header(WEBHOOK_HEADERS.timestamp),
      signature: header(WEBHOOK_HEADERS.signature),
      keyId: header(WEBHOOK_HEADERS.keyId),
    };
    const { delivery: _state, ...body } = notice;
    expect(verifyNoticeDelivery(wire, publicKey)).toEqual({ ok: true, notice: body, problems: [] });
    const tampered = Buffer.from(delivered.rawBody.toString('utf8').replace('"leadRevision":2', '"leadRevision":1'));
    expect(verifyNoticeDelivery({ ...wire, rawBody: tampered }, publicKey)).toMatchObject({ ok: false });
    expect(delivered.headers['content-type']).toBe('application/json');

    const bodyFile = path.join(dataDir, 'notice.json');
    const keyFile = path.join(dataDir, 'issuer.pub.pem');
    writeFileSync(keyFile, publicKey);
    const verifyNotice = (raw: Buffer) => {
      writeFileSync(bodyFile, raw);
      const flags = ['--timestamp', wire.timestamp, '--signature', wire.signature, '--public-key', keyFile];
      return cli(['verify-notice', bodyFile, ...flags]);
    };
    expect(await verifyNotice(delivered.rawBody)).toEqual({
      result: expect.objectContaining({ ok: true }),
      exitCode: undefined,
    });
    expect((await verifyNotice(tampered)).exitCode).toBe(1);

    const state = await noticeOf(
      'bankHook',
      (n) => n.id === notice.id && n.delivery.status === 'delivered',
      'the notice marked delivered',
    );
    expect(state.delivery).toMatchObject({ status: 'delivered', attempts: 2, error: null });
    // A receiver that never takes it: the delivery fails for good after its attempts, and stays visible.
    const failed = await noticeOf(
      'bankDown',
      (n) => n.delivery.status === 'failed',
      'the failed delivery to the bank whose webhook is down',
    );
    expect(failed.delivery).toMatchObject({ status: 'failed', attempts: 3, error: 'the receiver answered 503' });
    expect(down.deliveries).toHaveLength(3);

    // Notices and deliveries hold ids, kinds, revisions and times: nothing from the victims' side.
    const wireText = [...hook.deliveries, ...down.deliveries].map((d) => d.rawBody.toString('utf8')).join('\n');
    const listedText = JSON.stringify([...(await notices('bankHook')), ...(await notices('analyst1'))]);
    for (const text of [wireText, listedText])
      for (const needle of [...Object.values(MARKERS), 'Pranee', 'Golden Lotus', 'rep_', 'men_'])
        expect([needle, text.includes(needle)]).toEqual([needle, false]);
    const audit = (await json<{ items: Array<{ action: string; actor: string }> }>('admin', 'GET', '/audit?limit=200'))
      .body.items;
    expect(audit.some((e) => e.action === 'notice.listed' && e.actor === keys.bankHook!.id)).toBe(true);
  }, 600_000);

  it('re-issues the lead approved again in a revision superseding the last, the merged-away id replaced', async () => {
    const current = await lead(leadId);
    const once = await approve('analyst1', current);
    expect(once.body).toMatchObject({ counted: true, revisedExports: [], lead: { changedSinceExport: true } });
    const twice = await approve('analyst2', current);
    expect(twice.body.revisedExports.sort()).toEqual([exportId, downExportId].sort());
    expect(twice.body.lead).toMatchObject({ status: 'exported', exportedRevision: 2, changedSinceExport: false });
    // Approving again changes nothing more: the bundles are what the graph says they should be.
    expect((await approve('analyst2', current)).body).toMatchObject({ revisedExports: [] });

    const summary = (await json<ExportSummary>('bankHook', 'GET', `/exports/${exportId}`)).body;
    expect(summary).toMatchObject({ revision: 2, withdrawn: [] });
    const survivor = current.subjects.find((s) => s.schema === 'Company')!.entityId;
    const merged = summary.replaced[0]!.old_entity_id;
    expect(summary.replaced).toEqual([{ lead_id: leadId, old_entity_id: merged, entity_id: survivor, revision: 2 }]);
    expect((await json('analyst1', 'GET', `/entities/${merged}`)).body).toEqual({ id: merged, mergedInto: survivor });

    const zip = (await call('bankHook', 'GET', `/exports/${exportId}.zip`)).bytes;
    const files = new Map((await readZip(zip)).map((f) => [f.name, f.data.toString('utf8')]));
    expect(JSON.parse(files.get('manifest.json')!)).toMatchObject({
      revision: 2,
      supersedes: 1,
      leads: [{ lead_id: leadId, revision: 2 }],
      replaced: summary.replaced,
      withdrawn: [],
    });
    const entityIds = files
      .get('entities.ftm.jsonl')!
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(entityIds).toContain(survivor);
    expect(entityIds).not.toContain(merged);
    expect(files.get('leads.csv')).toContain(survivor);
    expect(files.get('leads.csv')).not.toContain(merged);
    const zipFile = path.join(dataDir, 'bundle-r2.zip');
    writeFileSync(zipFile, zip);
    expect(await cli(['verify', zipFile, '--public-key', path.join(dataDir, 'issuer.pub.pem')])).toEqual({
      result: expect.objectContaining({ ok: true, bundle: exportId, revision: 2, supersedes: 1 }),
      exitCode: undefined,
    });
    // Revision 1 stays as it was issued, still naming the merged-away id.
    const r1 = (await call('bankHook', 'GET', `/exports/${exportId}/files/entities.ftm.jsonl?revision=1`)).bytes;
    expect(r1.toString('utf8')).toContain(merged);

    const revised = await noticeOf('bankHook', (n) => n.kind === 'bundle.revised', 'the bundle.revised notice');
    expect(revised).toMatchObject({ exportId, bundleRevision: 2, supersedes: 1, leadId: null, leadRevision: null });
    await waitFor(async () => (hook.acted.has(revised.id) ? true : undefined), 60_000, 'its delivery');
    expect((await notices('bankB')).length).toBe(0);
  }, 600_000);

  it('marks the lead changed again when a report behind it is amended, then when one is withdrawn', async () => {
    const reportB = (await json<{ items: Array<{ id: string }> }>('ngoB', 'GET', '/reports')).body.items[0]!.id;
    const [subject] = REPORT_B.subjects;
    const amendment = {
      ...REPORT_B,
      subjects: [{ ...subject!, properties: { ...subject!.properties, alias: ['Mae Nee'] } }],
    };
    expect((await call('ngoB', 'PUT', `/reports/${reportB}`, amendment)).status).toBe(202);
    const amended = await waitFor(
      async () => {
        const l = await lead(leadId);
        return l.revision === 3 ? l : undefined;
      },
      120_000,
      'revision 3 of the lead, after the amendment',
    );
    expect(amended).toMatchObject({ status: 'exported', exportedRevision: 2, changedSinceExport: true });
    await noticeOf(
      'bankHook',
      (n) => n.kind === 'lead.changed' && n.leadRevision === 3 && n.heldRevision === 2,
      'the notice of revision 3',
    );

    expect((await call('ngoB', 'POST', `/reports/${reportB}/withdraw`, { reason: 'duplicate' })).status).toBe(200);
    await waitFor(
      async () => ((await lead(leadId)).revision === 4 ? true : undefined),
      120_000,
      'revision 4 of the lead, after the withdrawal',
    );
    const told = await noticeOf(
      'bankHook',
      (n) => n.kind === 'lead.changed' && n.leadRevision === 4,
      'the notice of revision 4',
    );
    expect(told).toMatchObject({ heldRevision: 2, exportId });
    expect(await lead(leadId)).toMatchObject({ exportedRevision: 2, changedSinceExport: true });
    // Each revision is told once, however often the workers look at the lead again.
    const changes = (await notices('bankHook')).filter((n) => n.kind === 'lead.changed').map((n) => n.leadRevision);
    expect(changes.sort()).toEqual([2, 3, 4]);
  }, 600_000);

  it('gives exports issued before it the lead revisions they hold, once (the migration)', async () => {
    // An export as earlier versions wrote it: a snapshot that does not say which lead revision it holds.
    await graph.write(async (tx) => {
      const r = await tx.run('MATCH (x:Export {id: $id}) RETURN x.snapshot AS snapshot', { id: exportId });
      const legacy = (JSON.parse(r.records[0]!.get('snapshot') as string) as Array<Record<string, unknown>>).map(
        ({ revision: _revision, issuedIn: _issuedIn, ...held }) => held,
      );
      await tx.run(
        `MATCH (x:Export {id: $id})-[c:CONTAINS]->(l:Lead) SET x.snapshot = $snapshot
         REMOVE c.revision, l.exportedRevision`,
        { id: exportId, snapshot: JSON.stringify(legacy) },
      );
    });
    expect(await recordHeldRevisions(graph)).toBe(1);
    expect(await recordHeldRevisions(graph)).toBe(0);
    // The bundle holds the lead as approved (revision 2); the lead has moved on to revision 4 since.
    expect(await lead(leadId)).toMatchObject({ revision: 4, exportedRevision: 2, changedSinceExport: true });
    expect((await json<ExportSummary>('bankHook', 'GET', `/exports/${exportId}`)).status).toBe(200);
  });
});
