import { resetGraph, testGraph } from '../support/services';
import { startTestStack, type TestStack, untilProcessed } from '../support/stack';

/*
 * Search against the real API, Neo4j and workers: reports go through ingest and resolution, then an
 * analyst asks whether Lantern knows a phone, an account or a name, written as someone would say it.
 * Invented names and numbers only.
 */

interface Result {
  entityId: string;
  name: string;
  schema: string;
  score: number;
  matched: { kind: string; value: string; exact: boolean };
  explanation: string[];
  reports: number;
  organisations: number;
}

const REPORTS = [
  {
    key: 'th',
    report: {
      caseRef: 'TH-SEARCH-1',
      country: 'TH',
      subjects: [
        { ref: 'p', schema: 'Person', properties: { name: ['Somchai Jaidee'], phone: ['081-234-5678'] } },
        { ref: 'a', schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-0'] } },
      ],
      links: [{ type: 'Ownership', from: 'p', to: 'a' }],
    },
  },
  {
    key: 'kh',
    report: {
      caseRef: 'KH-SEARCH-1',
      country: 'KH',
      subjects: [{ ref: 'p', schema: 'Person', properties: { name: ['Sokha Chea'], phone: ['+855 12 345 678'] } }],
    },
  },
  {
    key: 'kh',
    report: {
      caseRef: 'KH-SEARCH-2',
      country: 'KH',
      subjects: [{ ref: 'c', schema: 'Company', properties: { name: ['Mekong Star Recruitment Co., Ltd.'] } }],
    },
  },
] as const;

describe('GET /api/v1/search: names and identifiers in any writing', () => {
  let stack: TestStack;
  let analyst: string;
  let caseworker: string;
  /** The entity of each subject, `<caseRef>/<ref>`, read from the graph (a caseworker is not shown them). */
  const entityOf = new Map<string, string>();

  const search = async (params: Record<string, string>, key = analyst) => {
    const res = await stack.call(`/api/v1/search?${new URLSearchParams(params)}`, { key });
    return { status: res.status, body: (await res.json()) as { results: Result[]; issues?: Array<{ path: string }> } };
  };
  const results = async (params: Record<string, string>) => {
    const { status, body } = await search(params);
    expect(status).toBe(200);
    return body.results;
  };

  beforeAll(async () => {
    await resetGraph(testGraph());
    stack = await startTestStack('search');
    analyst = await stack.keyFor('analyst', 'hub');
    caseworker = await stack.keyFor('caseworker', 'th-hope');
    const keys = { th: caseworker, kh: await stack.keyFor('caseworker', 'kh-river') };
    for (const { key, report } of REPORTS) {
      const res = await stack.call('/api/v1/reports', { method: 'POST', key: keys[key], json: report });
      const { id } = (await res.json()) as { id: string };
      await untilProcessed(stack, id, keys[key]);
      const rows = await stack.graph.read((tx) =>
        tx.run('MATCH (m:Mention {reportId: $id})-[:RESOLVED_TO]->(e:Entity) RETURN m.ref AS ref, e.id AS entity', {
          id,
        }),
      );
      for (const row of rows.records) entityOf.set(`${report.caseRef}/${row.get('ref')}`, row.get('entity'));
    }
  });
  afterAll(() => stack.close());

  it('finds a phone written internationally that was reported nationally, as an exact hit', async () => {
    const [first] = await results({ q: '+66812345678' });
    expect(first).toMatchObject({
      entityId: entityOf.get('TH-SEARCH-1/p'),
      name: 'Somchai Jaidee',
      schema: 'Person',
      score: 1,
      matched: { kind: 'phone', value: '+66812345678', exact: true },
      reports: 1,
      organisations: 1,
    });
    expect(first!.explanation.join(' ')).toContain('+66812345678');
  });

  it('finds the same phone written with dashes and read in its country', async () => {
    const found = await results({ q: '081 234-5678', country: 'TH' });
    expect(found[0]).toMatchObject({ entityId: entityOf.get('TH-SEARCH-1/p'), matched: { exact: true } });
  });

  it('finds an account written without its separators', async () => {
    const found = await results({ q: '1234567890' });
    expect(found[0]).toMatchObject({
      entityId: entityOf.get('TH-SEARCH-1/a'),
      schema: 'BankAccount',
      matched: { kind: 'account', exact: true },
    });
  });

  it('finds a misspelt name through blocking and scoring, with the scoring explained in sentences', async () => {
    const found = await results({ q: 'Somchay Jaidee' });
    expect(found[0]).toMatchObject({
      entityId: entityOf.get('TH-SEARCH-1/p'),
      matched: { kind: 'name', value: 'Somchai Jaidee', exact: false },
    });
    expect(found[0]!.score).toBeGreaterThan(0);
    expect(found[0]!.score).toBeLessThan(1);
    expect(found[0]!.explanation.length).toBeGreaterThan(0);
    expect(found[0]!.explanation.every((s) => s.endsWith('.'))).toBe(true);
    expect(found.map((r) => r.entityId)).not.toContain(entityOf.get('KH-SEARCH-1/p'));
  });

  it('finds a company by its name without the legal form', async () => {
    const found = await results({ q: 'Mekong Star Recruitment' });
    expect(found[0]).toMatchObject({ entityId: entityOf.get('KH-SEARCH-2/c'), schema: 'Company' });
  });

  it('ranks a masked phone as a weaker hit than the whole number', async () => {
    const masked = await results({ q: '0812xxxxxx', country: 'TH' });
    const hit = masked.find((r) => r.entityId === entityOf.get('TH-SEARCH-1/p'));
    expect(hit).toMatchObject({ matched: { kind: 'phone', value: '+66812345678', exact: false } });
    expect(hit!.score).toBeLessThan(1);
    const tail = await results({ q: 'xxx-xxx-5678' });
    expect(tail.find((r) => r.entityId === entityOf.get('TH-SEARCH-1/p'))?.matched.exact).toBe(false);
  });

  it('keeps only entities of the schema and the country asked for', async () => {
    expect(await results({ q: '+66812345678', schema: 'Company' })).toEqual([]);
    expect(await results({ q: '+66812345678', country: 'KH' })).toEqual([]);
    expect((await results({ q: '+66812345678', country: 'TH', schema: 'Person' })).length).toBe(1);
    const kh = await results({ q: 'Sokha Chea', country: 'KH' });
    expect(kh[0]?.entityId).toBe(entityOf.get('KH-SEARCH-1/p'));
    expect(await results({ q: 'Sokha Chea', country: 'TH' })).toEqual([]);
  });

  it('answers at most limit results', async () => {
    expect((await results({ q: '+66812345678', limit: '1' })).length).toBe(1);
  });

  it('is for analysts: a caseworker is refused with 403', async () => {
    expect((await search({ q: 'Somchai Jaidee' }, caseworker)).status).toBe(403);
    expect((await search({ q: 'Somchai Jaidee' }, await stack.keyFor('partner', 'bank-a'))).status).toBe(403);
  });

  it('refuses an empty, a blank or an oversized q, and a limit over 100, naming the field', async () => {
    for (const [params, field] of [
      [{}, 'q'],
      [{ q: '' }, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: 'a'.repeat(201) }, 'q'],
      [{ q: 'Somchai', limit: '101' }, 'limit'],
      [{ q: 'Somchai', country: 'Thailand' }, 'country'],
    ] as const) {
      const { status, body } = await search(params);
      expect(status).toBe(400);
      expect(body.issues?.map((i) => i.path)).toEqual([field]);
    }
  });
});
