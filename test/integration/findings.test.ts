import { parse } from 'csv-parse/sync';
import { FINDING_MEASURES, type Findings } from '../../src/domain/findings';
import { waitFor } from '../support/cli';
import { startConsoleStack } from '../support/consoleStack';
import { TWELVE_THAI_NAMES } from '../support/names';
import { spaReports } from '../support/spaReports';
import { type TestStack, untilProcessed } from '../support/stack';

/*
 * Findings through the API, on the stack `lantern start` wires: reports from two NGOs, one lead of
 * them, exported, and two outcomes its bank recorded. The analysts' counts are the graph's own; the
 * public form shows no count from 1 to 10 and nothing that names or identifies anyone. Invented names
 * and numbers only.
 */

type Stack = TestStack & { stop(): Promise<void> };

const TH_NAMES = TWELVE_THAI_NAMES;
const KH_NAMES = ['Sokha Vannarith', 'Dara Pheakdey', 'Chanthou Rithy'];

const person = (name: string, role: string) => ({
  caseRef: `CASE-FINDINGS-${name.replace(/\W/g, '')}`,
  subjects: [{ ref: 'p1', schema: 'Person', role, properties: { name: [name] } }],
  links: [],
});

const { th: SPA_TH, kh: SPA_KH } = spaReports('CASE-FINDINGS-SPA');

/** Every count of an answer with where it is: the JSON's and the CSV's cells, in one order. */
function cells(f: Findings): string[][] {
  const cell = (v: number | null | undefined) => (v === undefined ? '' : v === null ? 'suppressed' : String(v));
  const row = (table: string, key: string, r: Partial<Record<(typeof FINDING_MEASURES)[number], number | null>>) => [
    table,
    key,
    ...FINDING_MEASURES.map((m) => cell(r[m])),
  ];
  return [
    row('total', 'all', f.totals),
    ...f.byMonth.map((r) => row('month', r.key, r)),
    ...f.byCountry.map((r) => row('country', r.key, r)),
    ...f.byTypology.map((r) => row('typology', r.key, r)),
    ...f.byRole.map((r) => row('role', r.key, r)),
    ...f.outcomesByKind.map((r) => row('outcome', r.key, r)),
  ];
}

describe('findings: counts for analysts and the form the hub may publish', () => {
  /** Outcomes are dated the day the bank acted, which the API takes only from the export's day to today. */
  const TODAY = new Date().toISOString().slice(0, 10);
  let stack: Stack;
  let analyst: string;
  let leadId: string;
  let exportId: string;

  const get = async (path: string, key = analyst) => {
    const res = await stack.call(`/api/v1${path}`, { key });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const findings = async (query = '') => JSON.parse((await get(`/findings${query}`)).text) as Findings;

  beforeAll(async () => {
    stack = await startConsoleStack('findings');
    analyst = await stack.keyFor('analyst', 'hub');
    const thKey = await stack.keyFor('caseworker', 'th-ngo-a');
    const khKey = await stack.keyFor('caseworker', 'kh-ngo-b');
    const reports = [
      ...TH_NAMES.map((n, i) => ({
        key: thKey,
        body: { ...person(n, 'Exploiter'), country: 'TH', reportedAt: `2024-05-${String(i + 1).padStart(2, '0')}` },
      })),
      ...KH_NAMES.map((n, i) => ({
        key: khKey,
        body: { ...person(n, 'Transporter'), country: 'KH', reportedAt: `2024-06-1${i}` },
      })),
      { key: thKey, body: SPA_TH },
      { key: khKey, body: SPA_KH },
    ];
    for (const { key, body } of reports) {
      const res = await stack.call('/api/v1/reports', { method: 'POST', key, json: body });
      expect(res.status).toBe(202);
      await untilProcessed(stack, ((await res.json()) as { id: string }).id, key);
    }
    leadId = await waitFor(
      async () =>
        (JSON.parse((await get('/leads')).text) as { items: Array<{ id: string; subjects: unknown[] }> }).items.find(
          (l) => l.subjects.length === 3,
        )?.id,
      60_000,
      'the lead of the spa',
    );
    const { revision, subjects } = JSON.parse((await get(`/leads/${leadId}`)).text) as {
      revision: number;
      subjects: Array<{ entityId: string }>;
    };
    for (const org of ['hub', 'hub-second']) {
      const key = await stack.keyFor('analyst', org);
      await stack.call(`/api/v1/leads/${leadId}/approve`, { method: 'POST', key, json: { revision } });
    }
    const bank = await stack.keyFor('partner', 'bank-a');
    const created = await stack.call('/api/v1/exports', {
      method: 'POST',
      key: analyst,
      json: { partner: 'bank-a', leads: [leadId] },
    });
    exportId = ((await created.json()) as { id: string }).id;
    // The bank reports back through the API, as a partner does.
    for (const outcome of ['account_frozen', 'report_filed']) {
      const res = await stack.call(`/api/v1/exports/${exportId}/outcomes`, {
        method: 'POST',
        key: bank,
        json: { subjectId: subjects[0]!.entityId, outcome, date: TODAY },
      });
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('counts what the graph holds: every report, entity with a mention, lead and outcome, once per table', async () => {
    const raw = await stack.graph.read(async (tx) => {
      const r = await tx.run(
        `RETURN COUNT { MATCH (r:Report) WHERE r.status <> 'withdrawn' } AS reports,
                COUNT { MATCH (e:Entity) WHERE e.mergedInto IS NULL AND EXISTS { (e)<-[:RESOLVED_TO]-(:Mention) } }
                  AS entities,
                COUNT { MATCH (l:Lead) } AS leads, COUNT { MATCH (o:Outcome) } AS outcomes`,
      );
      return r.records[0]!.toObject();
    });
    const f = await findings();
    expect(raw).toEqual({ reports: 17, entities: 18, leads: 1, outcomes: 2 });
    expect(f).toMatchObject({ public: false, suppression: null, totals: raw });
    for (const m of FINDING_MEASURES)
      for (const table of [f.byMonth, f.byCountry]) expect(table.reduce((sum, r) => sum + r[m]!, 0)).toBe(f.totals[m]);

    const month = (key: string) => f.byMonth.find((r) => r.key === key);
    expect(month('2024-05')).toEqual({ key: '2024-05', reports: 12, entities: 12, leads: 0, outcomes: 0 });
    expect(month('2024-06')).toEqual({ key: '2024-06', reports: 3, entities: 3, leads: 0, outcomes: 0 });
    expect(month('2025-03')).toEqual({ key: '2025-03', reports: 1, entities: 3, leads: 0, outcomes: 0 });
    expect(month(TODAY.slice(0, 7))).toMatchObject({ outcomes: 2 });
    expect(month('2024-09')).toEqual({ key: '2024-09', reports: 0, entities: 0, leads: 0, outcomes: 0 });
    expect(f.byCountry).toEqual([
      { key: 'KH', reports: 4, entities: 3, leads: 0, outcomes: 0 },
      { key: 'TH', reports: 13, entities: 15, leads: 1, outcomes: 2 },
    ]);
    expect(f.byTypology).toEqual([
      { key: 'front_company', reports: 2, entities: 3, leads: 1, outcomes: 2 },
      { key: 'exploitative_employment', reports: 2, entities: 3, leads: 1, outcomes: 2 },
      { key: 'funnel_account', reports: 2, entities: 3, leads: 1, outcomes: 2 },
      { key: 'alternative_payment', reports: 0, entities: 0, leads: 0, outcomes: 0 },
    ]);
    const role = (key: string) => f.byRole.find((r) => r.key === key);
    expect(role('Exploiter')).toEqual({ key: 'Exploiter', reports: 12, entities: 12, leads: 0, outcomes: 0 });
    expect(role('Transporter')).toEqual({ key: 'Transporter', reports: 3, entities: 3, leads: 0, outcomes: 0 });
    expect(role('RecruiterOrIntermediary')).toEqual({
      key: 'RecruiterOrIntermediary',
      reports: 2,
      entities: 1,
      leads: 1,
      outcomes: 2,
    });
    expect(f.outcomesByKind.filter((r) => r.outcomes! > 0)).toEqual([
      { key: 'account_frozen', outcomes: 1 },
      { key: 'report_filed', outcomes: 1 },
    ]);
  });

  it('publishes no count from 1 to 10, and none that the others and the total would give away', async () => {
    const f = await findings('?public=true');
    expect(f).toMatchObject({ public: true, suppression: { k: 11 }, withheld: [] });
    for (const [table, key, ...counts] of cells(f))
      for (const n of counts) expect([table, key, /^([1-9]|10)$/.test(n)]).toEqual([table, key, false]);
    expect(f.totals).toEqual({ reports: 17, entities: 18, leads: null, outcomes: null });
    expect(f.byMonth.find((r) => r.key === '2024-05')).toMatchObject({ reports: 12, entities: 12 });
    // Khmer reports are 4: withheld; Thai reports would then be 17 minus them, so they are withheld too.
    expect(f.byCountry.map((r) => [r.key, r.reports, r.entities])).toEqual([
      ['KH', null, null],
      ['TH', null, null],
    ]);
  });

  it('holds no name, identifier, id, organisation or case reference in its public form, JSON or CSV', async () => {
    const known = await stack.graph.read(async (tx) => {
      const r = await tx.run(
        `CALL () { MATCH (r:Report) RETURN r.id AS value UNION MATCH (e:Entity) RETURN e.id AS value
                   UNION MATCH (m:Mention) RETURN m.id AS value UNION MATCH (l:Lead) RETURN l.id AS value
                   UNION MATCH (x:Export) RETURN x.id AS value UNION MATCH (o:Organisation) RETURN o.slug AS value
                   UNION MATCH (o:Organisation) RETURN o.name AS value }
         RETURN collect(value) AS values`,
      );
      return r.records[0]!.get('values') as string[];
    });
    const forbidden = [
      ...known,
      ...TH_NAMES,
      ...KH_NAMES,
      'Sunisa',
      'Golden Lotus',
      'CASE-FINDINGS',
      '0846152093',
      '4081277359',
      '0105560098113',
      'bank-a',
    ];
    expect(known.length).toBeGreaterThan(40);
    for (const text of [(await get('/findings?public=true')).text, (await get('/findings.csv?public=true')).text])
      for (const needle of forbidden) expect([needle, text.includes(needle)]).toEqual([needle, false]);
  });

  it('gives the same counts as CSV as it does as JSON, and audits each read of the public form', async () => {
    const admin = await stack.keyFor('admin', 'hub');
    const audited = async () =>
      (
        JSON.parse((await get('/audit?action=findings.public&limit=200', admin)).text) as {
          items: Array<{ details: { format: string } }>;
        }
      ).items;
    const before = (await audited()).length;
    for (const query of ['?public=true', '']) {
      const csv = await get(`/findings.csv${query}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="lantern-findings${query ? '-public' : ''}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
      );
      const rows = parse(csv.text) as string[][];
      expect(rows[0]).toEqual(['table', 'key', 'reports', 'entities', 'leads', 'outcomes']);
      expect(rows.slice(1)).toEqual(cells(await findings(query)));
    }
    // The public CSV and the public JSON it was compared with; reads of the analysts' form are not audited.
    const after = await audited();
    expect(after.length - before).toBe(2);
    expect(
      after
        .slice(0, 2)
        .map((e) => e.details.format)
        .sort(),
    ).toEqual(['csv', 'json']);
  });

  it('answers 400 naming `public` for a value it does not know, and 403 to caseworkers and partners', async () => {
    const bad = await get('/findings?public=yes');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).issues).toEqual([{ path: 'public', message: 'must be true or false' }]);
    expect((await get('/findings.csv?public=1')).status).toBe(400);
    for (const [role, org] of [
      ['caseworker', 'th-ngo-a'],
      ['partner', 'bank-a'],
    ] as const) {
      const key = await stack.keyFor(role, org);
      for (const path of ['/findings', '/findings?public=true', '/findings.csv?public=true'])
        expect([role, path, (await get(path, key)).status]).toEqual([role, path, 403]);
    }
  });
});
