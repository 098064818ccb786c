import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImport, getImport, requeueStaleImports } from '../../graph/imports/store';
import { MAX_IMPORT_BYTES } from '../../src/domain/csvImport';
import type { ImportView } from '../../src/domain/imports';
import { importFailedForGood, importProcessor } from '../../workers/processors/import';
import { QUEUES } from '../../workers/queues';
import { lastJsonLine, runCli } from '../support/cli';
import { deleteKeysWithPrefix, testRedisUrl } from '../support/services';
import { startTestStack, TEST_SECRET, type TestStack, untilProcessed } from '../support/stack';

// Invented people, companies and numbers from the region; none is real.
const GOOD_AND_BAD = [
  'caseRef,country,reportedAt,ref,schema,role,name,alias,phone,accountNumber,bankName,link_type,link_to',
  'TH-IMP-1,TH,2024-03-02,p1,Person,RecruiterOrIntermediary,' +
    'Prasert Wongsakul | ประเสริฐ วงศ์สกุล,Sia Sert,089-555-0142,,,Ownership,a1',
  'TH-IMP-1,TH,2024-03-02,a1,BankAccount,,,,,123-4-56789-0,Kasikornbank,,',
  'TH-IMP-1,TH,2024-03-02,a2,BankAccount,,,,081-555-0199,555-1-00001-2,Bangkok Bank,,',
  'KH-IMP-2,KH,2024-05-19,p1,Person,Boss,Sokha Chanthou,,+855 12 555 019,,,,',
  'KH-IMP-2,KH,2024-05-19,p2,Person,Transporter,Vannak Pich,,+855 12 555 020,,,,',
  'VN-IMP-3,Vietnam,,p1,Person,,Tran Thi Mai Anh,,0912 555 031,,,,',
].join('\n');

const pollImport = async (stack: TestStack, id: string, key: string, timeoutMs = 60_000): Promise<ImportView> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await stack.call(`/api/v1/imports/${id}`, { key })).json()) as ImportView;
    if (view.status === 'done' || view.status === 'failed') return view;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${view.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const postCsv = (stack: TestStack, key: string, body: string | Buffer, contentType = 'text/csv') =>
  stack.call('/api/v1/imports', { method: 'POST', key, body, headers: { 'Content-Type': contentType } });

describe('CSV imports over HTTP', () => {
  let stack: TestStack;
  let caseworker: string;
  let otherCaseworker: string;
  let analyst: string;

  beforeAll(async () => {
    // The outbox test below sweeps the imports itself; the workers' own sweep must not race it.
    stack = await startTestStack('imports', {
      workerOptions: { imports: { secret: TEST_SECRET }, reconcilerIntervalMs: 3_600_000 },
    });
    caseworker = await stack.keyFor('caseworker', 'th-import-ngo');
    otherCaseworker = await stack.keyFor('caseworker', 'kh-import-ngo');
    analyst = await stack.keyFor('analyst', 'hub');
  });
  afterAll(async () => {
    await stack.close();
    await deleteKeysWithPrefix(testRedisUrl(), stack.prefix);
  });

  it(
    'accepts the valid rows of a file with good and bad rows, ' +
      'names each bad row and column, and processes the reports',
    async () => {
      const res = await postCsv(stack, caseworker, GOOD_AND_BAD);
      expect(res.status).toBe(202);
      const { id, status } = (await res.json()) as { id: string; status: string };
      expect(status).toBe('received');
      expect(id).toMatch(/^imp_/);

      const view = await pollImport(stack, id, caseworker);
      expect(view).toMatchObject({ id, status: 'done', rows: 6, processedRows: 6, accepted: 3, failed: 3 });
      expect(view.errors).toEqual([
        {
          row: 4,
          column: 'phone',
          message: 'is not a BankAccount column; a BankAccount row may fill: accountNumber, iban, bic, bankName',
        },
        { row: 5, column: 'role', message: expect.stringContaining('Invalid option') },
        { row: 7, column: 'country', message: expect.stringContaining('ISO 3166-1 alpha-2') },
      ]);
      expect(view.reportIds).toHaveLength(2);
      expect(JSON.stringify(view)).not.toContain('TH-IMP-1');

      const [thai, khmer] = await Promise.all(
        view.reportIds.map((reportId) => untilProcessed(stack, reportId, analyst)),
      );
      expect(thai).toMatchObject({
        status: 'processed',
        subjects: [
          { ref: 'p1', entityId: expect.stringMatching(/^ent_/) },
          { ref: 'a1', entityId: expect.stringMatching(/^ent_/) },
        ],
      });
      expect(khmer).toMatchObject({
        status: 'processed',
        subjects: [{ ref: 'p2', entityId: expect.stringMatching(/^ent_/) }],
      });

      const audited = await stack.graph.read(
        async (tx) =>
          (await tx.run("MATCH (a:AuditEvent {action: 'import.submitted', target: $id}) RETURN a.org AS org", { id }))
            .records,
      );
      expect(audited.map((r) => r.get('org'))).toEqual(['th-import-ngo']);
    },
  );

  it('drops the stored file once the import is over, since it holds case references in clear', async () => {
    const { id } = (await (
      await postCsv(stack, caseworker, 'caseRef,country,schema,name\nMY-IMP-9,MY,Person,Ahmad Faizal bin Rahman\n')
    ).json()) as { id: string };
    await pollImport(stack, id, caseworker);
    const csv = await stack.graph.read(async (tx) =>
      (await tx.run('MATCH (i:Import {id: $id}) RETURN i.csv AS csv', { id })).records[0]!.get('csv'),
    );
    expect(csv).toBeNull();
  });

  it('fails a file whose header names an unknown column, with the error on row 1', async () => {
    const { id } = (await (
      await postCsv(stack, caseworker, 'caseRef,country,schema,name,phnoe\nTH-IMP-5,TH,Person,Kanokwan Srisuk,081\n')
    ).json()) as { id: string };
    const view = await pollImport(stack, id, caseworker);
    expect(view).toMatchObject({ status: 'failed', rows: 1, accepted: 0, failed: 1, reportIds: [] });
    expect(view.errors).toEqual([
      { row: 1, column: 'phnoe', message: expect.stringContaining('is not a column of the import') },
    ]);
  });

  it('fails a file that is not UTF-8, naming the row', async () => {
    const latin1 = Buffer.from('caseRef,country,schema,name\nVN-IMP-6,VN,Person,Tr\xe2n Van Long\n', 'latin1');
    const { id } = (await (await postCsv(stack, caseworker, latin1)).json()) as { id: string };
    const view = await pollImport(stack, id, caseworker);
    expect(view).toMatchObject({
      status: 'failed',
      errors: [{ row: 2, message: expect.stringContaining('not valid UTF-8') }],
    });
  });

  it('refuses a body that is not declared as CSV in UTF-8 with 415', async () => {
    const json = await stack.call('/api/v1/imports', { method: 'POST', key: caseworker, json: { csv: GOOD_AND_BAD } });
    expect(json.status).toBe(415);
    expect(await json.json()).toEqual({ error: "send the file as CSV with 'Content-Type: text/csv'" });
    expect((await postCsv(stack, caseworker, GOOD_AND_BAD, 'text/plain')).status).toBe(415);
    expect((await postCsv(stack, caseworker, GOOD_AND_BAD, 'text/csv; charset=windows-1252')).status).toBe(415);
    expect((await postCsv(stack, caseworker, GOOD_AND_BAD, 'text/csv; charset=UTF-8')).status).toBe(202);
  });

  it('refuses a body over 10 MB with 413 and says how to split it', async () => {
    const res = await postCsv(stack, caseworker, Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a'));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 10 MB; split it/);
  });

  it('lets only caseworkers submit, and shows an import to its organisation and to analysts only', async () => {
    expect((await postCsv(stack, analyst, GOOD_AND_BAD)).status).toBe(403);
    expect(
      (
        await stack.call('/api/v1/imports', {
          method: 'POST',
          body: GOOD_AND_BAD,
          headers: { 'Content-Type': 'text/csv' },
        })
      ).status,
    ).toBe(401);
    const { id } = (await (
      await postCsv(stack, caseworker, 'caseRef,country,schema,name\nTH-IMP-7,TH,Person,Somsak Thongdee\n')
    ).json()) as { id: string };
    const theirs = await stack.call(`/api/v1/imports/${id}`, { key: otherCaseworker });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual({ error: 'no such import' });
    expect((await stack.call('/api/v1/imports/imp_nothing', { key: caseworker })).status).toBe(404);
    const seen = await stack.call(`/api/v1/imports/${id}`, { key: analyst });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ id, org: 'th-import-ngo' });
  });

  it('processes an import again after a crash without making any report twice or counting a row twice', async () => {
    const csv = GOOD_AND_BAD.replace(/IMP-/g, 'AGAIN-');
    const created = await createImport(stack.graph, { orgId: 'th-import-ngo', csv, submittedBy: 'key_test' });
    const queued: string[] = [];
    const run = importProcessor({
      graph: stack.graph,
      secret: TEST_SECRET,
      enqueueIngest: async (reportId) => void queued.push(reportId),
    });
    const job = { data: { importId: created.id } } as Parameters<typeof run>[0];
    await run(job);
    const first = (await getImport(stack.graph, created.id))!;
    // A worker that died after accepting the reports, before marking the import done.
    await stack.graph.write((tx) =>
      tx.run("MATCH (i:Import {id: $id}) SET i.status = 'processing', i.csv = $csv", { id: created.id, csv }),
    );
    await run(job);
    const second = (await getImport(stack.graph, created.id))!;
    expect(second).toMatchObject({
      status: 'done',
      rows: first.rows,
      accepted: first.accepted,
      failed: first.failed,
      reportIds: first.reportIds,
      errors: first.errors,
    });
    const reports = await stack.graph.read(async (tx) =>
      (
        await tx.run('MATCH (r:Report) WHERE r.id IN $ids RETURN count(r) AS n', { ids: first.reportIds })
      ).records[0]!.get('n'),
    );
    expect(reports).toBe(2);
    expect(new Set(queued)).toEqual(new Set(first.reportIds));
  });

  it(
    'queues again an import stored while Redis was down once it has waited a minute, ' +
      'and one a dead worker left for ten',
    async () => {
      const old = await createImport(stack.graph, {
        orgId: 'th-import-ngo',
        csv: 'caseRef,country,schema,name\nTH-IMP-8,TH,Person,Nong Ploy\n',
        submittedBy: 'key_test',
        now: new Date(Date.now() - 61_000),
      });
      const fresh = await createImport(stack.graph, {
        orgId: 'th-import-ngo',
        csv: 'caseRef,country,schema,name\nTH-IMP-9,TH,Person,Wichai\n',
        submittedBy: 'key_test',
      });
      const stuck = await createImport(stack.graph, {
        orgId: 'th-import-ngo',
        csv: 'caseRef,country,schema,name\nTH-IMP-10,TH,Person,Boonmee\n',
        submittedBy: 'key_test',
      });
      await stack.graph.write((tx) =>
        tx.run("MATCH (i:Import {id: $id}) SET i.status = 'processing', i.updatedAt = $staleSince", {
          id: stuck.id,
          staleSince: new Date(Date.now() - 11 * 60_000).toISOString(),
        }),
      );
      const asked: string[] = [];
      await requeueStaleImports(stack.graph, async (id) => {
        asked.push(id);
        await stack.workers!.queues.add(QUEUES.imports, id, { importId: id });
        return true;
      });
      expect(asked).toEqual(expect.arrayContaining([old.id, stuck.id]));
      expect(asked).not.toContain(fresh.id);
      expect(await pollImport(stack, old.id, caseworker)).toMatchObject({ status: 'done', accepted: 1 });
      expect(await pollImport(stack, stuck.id, caseworker)).toMatchObject({ status: 'done', accepted: 1 });
    },
  );

  it(
    'marks an import whose job keeps failing as failed with a plain reason, ' + 'and keeps its file for a retry',
    async () => {
      const csv = 'caseRef,country,schema,name\nTH-IMP-11,TH,Person,Wichai Rattanakul\n';
      const created = await createImport(stack.graph, { orgId: 'th-import-ngo', csv, submittedBy: 'key_test' });
      await importFailedForGood(stack.graph)({ data: { importId: created.id }, attemptsMade: 6 } as Parameters<
        ReturnType<typeof importFailedForGood>
      >[0]);
      const view = await pollImport(stack, created.id, caseworker);
      expect(view).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('processing stopped after 6 attempts'),
      });
      const kept = await stack.graph.read(async (tx) =>
        (await tx.run('MATCH (i:Import {id: $id}) RETURN i.csv AS csv', { id: created.id })).records[0]!.get('csv'),
      );
      expect(kept).toBe(csv);
    },
  );

  describe('lantern import', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-import-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    };

    it(
      'sends the file, follows it to the end, ' +
        'prints the refused rows on stderr and the outcome as the last line of stdout',
      async () => {
        const file = write('cases.csv', GOOD_AND_BAD.replace(/IMP-/g, 'CLI-'));
        const result = await runCli(['import', file, '--url', stack.url, '--key', caseworker], {});
        expect(result.code).toBe(0);
        expect(lastJsonLine(result.stdout)).toEqual({
          id: expect.stringMatching(/^imp_/),
          status: 'done',
          rows: 6,
          accepted: 3,
          failed: 3,
        });
        expect(result.stderr).toContain('row 5, role: Invalid option');
        expect(result.stderr).toContain('row 7, country:');
      },
    );

    it('exits 1 when nothing in the file could be imported', async () => {
      const file = write('bad-header.csv', 'caseRef,country,schema,nam\nTH-CLI-4,TH,Person,Somsak Thongdee\n');
      const result = await runCli(['import', file], { LANTERN_URL: stack.url, LANTERN_API_KEY: caseworker });
      expect(result.code).toBe(1);
      expect(lastJsonLine(result.stdout)).toMatchObject({ status: 'failed', accepted: 0 });
      expect(result.stderr).toContain('row 1, nam: is not a column of the import');
    });

    it("exits 1 with the server's reason when the key is refused, and when no server answers", async () => {
      const file = write('one.csv', 'caseRef,country,schema,name\nTH-CLI-5,TH,Person,Somsak Thongdee\n');
      const refused = await runCli(['import', file, '--url', stack.url, '--key', 'lnt_not-a-key'], {});
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Lantern refused the file (HTTP 401): the API key is not valid');
      const nobody = await runCli(['import', file, '--url', 'http://127.0.0.1:1', '--key', caseworker], {});
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toContain('cannot reach Lantern at http://127.0.0.1:1');
      expect(nobody.stdout).toBe('');
    });

    it('exits 2 for a usage error: no key, no file, or a file that does not exist', async () => {
      const file = write('two.csv', 'caseRef,country,schema,name\n');
      const noKey = await runCli(['import', file, '--url', stack.url], {});
      expect(noKey.code).toBe(2);
      expect(noKey.stderr).toContain('no API key: pass --key KEY or set LANTERN_API_KEY');
      expect((await runCli(['import'], {})).code).toBe(2);
      const missing = await runCli(['import', path.join(dir, 'nowhere.csv'), '--key', caseworker], {});
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('ENOENT');
    });
  });
});
