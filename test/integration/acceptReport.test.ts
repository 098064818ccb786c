import type { Graph } from '../../graph/driver';
import { acceptReport, acceptReports } from '../../graph/reports/accept';
import type { ReportInput } from '../../src/domain/report';
import { testGraph } from '../support/services';

const SECRET = 'test-secret-that-is-long-enough-000000';

function report(caseRef: string, extra: Partial<ReportInput> = {}): ReportInput {
  return {
    caseRef,
    country: 'TH',
    reportedAt: '2024-03-02',
    notes: 'NOTE-MARKER-should-stay-apart',
    subjects: [
      {
        ref: 'p1',
        schema: 'Person',
        role: 'Exploiter',
        properties: { name: ['Somchai Jaidee'], phone: ['081-234-5678'] },
      },
    ],
    links: [],
    ...extra,
  };
}

describe('accepting a report into Neo4j', () => {
  let graph: Graph;
  const org = `org-accept-${Date.now()}`;
  beforeAll(() => {
    graph = testGraph();
  });
  afterAll(() => graph.close());

  it('stores it with status received, the case reference only as a keyed hash, and notes apart', async () => {
    const outcome = await acceptReport(graph, { org, input: report('TH-ACCEPT-1'), secret: SECRET });
    expect(outcome.kind).toBe('created');
    const stored = await graph.read(async (tx) => {
      const r = await tx.run(
        'MATCH (r:Report {id: $id})-[:FROM]->(o:Organisation) OPTIONAL MATCH (r)-[:HAS_NOTE]->(n) ' +
          'RETURN r, o.slug AS org, n.text AS note',
        { id: outcome.id },
      );
      return r.records[0]!;
    });
    const props = stored.get('r').properties as Record<string, unknown>;
    expect(props.status).toBe('received');
    expect(stored.get('org')).toBe(org);
    expect(JSON.stringify(props)).not.toContain('TH-ACCEPT-1');
    expect(JSON.stringify(props)).not.toContain('NOTE-MARKER');
    expect(props.caseRefHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.get('note')).toBe('NOTE-MARKER-should-stay-apart');
  });

  it('returns the first report again for the same payload from the same organisation', async () => {
    const first = await acceptReport(graph, { org, input: report('TH-ACCEPT-2'), secret: SECRET });
    const again = await acceptReport(graph, { org, input: report('TH-ACCEPT-2'), secret: SECRET });
    expect(again).toEqual({ kind: 'replayed', id: first.id, status: 'received' });
  });

  it('treats the same payload from another organisation as a different report', async () => {
    const mine = await acceptReport(graph, { org, input: report('TH-ACCEPT-3'), secret: SECRET });
    const theirs = await acceptReport(graph, { org: `${org}-other`, input: report('TH-ACCEPT-3'), secret: SECRET });
    expect(theirs.id).not.toBe(mine.id);
  });

  it('answers a reused Idempotency-Key with a different payload as a conflict, creating nothing', async () => {
    const first = await acceptReport(graph, {
      org,
      input: report('TH-ACCEPT-4'),
      secret: SECRET,
      idempotencyKey: 'k-4',
    });
    const reused = await acceptReport(graph, {
      org,
      input: report('TH-ACCEPT-5'),
      secret: SECRET,
      idempotencyKey: 'k-4',
    });
    expect(reused).toEqual({ kind: 'key-reused', id: first.id });
    const count = await graph.read(async (tx) =>
      (await tx.run('MATCH (r:Report {orgId: $org}) RETURN count(r) AS n', { org })).records[0]!.get('n'),
    );
    const replay = await acceptReport(graph, {
      org,
      input: report('TH-ACCEPT-4'),
      secret: SECRET,
      idempotencyKey: 'k-4',
    });
    expect(replay.id).toBe(first.id);
    expect(
      await graph.read(async (tx) =>
        (await tx.run('MATCH (r:Report {orgId: $org}) RETURN count(r) AS n', { org })).records[0]!.get('n'),
      ),
    ).toBe(count);
  });

  it('creates exactly one report when the same submission arrives ten times at once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => acceptReport(graph, { org, input: report('TH-ACCEPT-RACE'), secret: SECRET })),
    );
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
  });

  it('hashes one case reference the same way every time, so reports of one case can be recognised', async () => {
    const a = await acceptReport(graph, {
      org,
      input: report('TH-ACCEPT-SAME', { reportedAt: '2024-01-01' }),
      secret: SECRET,
    });
    const b = await acceptReport(graph, {
      org,
      input: report('TH-ACCEPT-SAME', { reportedAt: '2024-02-01' }),
      secret: SECRET,
    });
    const hashes = await graph.read(
      async (tx) =>
        (await tx.run('MATCH (r:Report) WHERE r.id IN $ids RETURN DISTINCT r.caseRefHash AS h', { ids: [a.id, b.id] }))
          .records,
    );
    expect(hashes).toHaveLength(1);
  });
  describe('in batches, as the API commits reports that arrive together', () => {
    const count = (query: string, params: Record<string, unknown>) =>
      graph.read(async (tx) => Number((await tx.run(query, params)).records[0]!.get('n')));

    it('answers every report of the batch as if it had been sent alone, in order', async () => {
      const before = await acceptReport(graph, { org, input: report('TH-BATCH-OLD'), secret: SECRET });
      const outcomes = await acceptReports(graph, [
        { org, input: report('TH-BATCH-A'), secret: SECRET },
        { org, input: report('TH-BATCH-A'), secret: SECRET },
        { org, input: report('TH-BATCH-OLD'), secret: SECRET, idempotencyKey: 'batch-k-old' },
        { org, input: report('TH-BATCH-B'), secret: SECRET, idempotencyKey: 'batch-k-b' },
        { org, input: report('TH-BATCH-C'), secret: SECRET, idempotencyKey: 'batch-k-b' },
      ]);
      expect(outcomes[0]).toMatchObject({ kind: 'created' });
      expect(outcomes[1]).toEqual({ kind: 'replayed', id: outcomes[0]!.id, status: 'received' });
      expect(outcomes[2]).toEqual({ kind: 'replayed', id: before.id, status: 'received' });
      expect(outcomes[3]).toMatchObject({ kind: 'created' });
      expect(outcomes[4]).toEqual({ kind: 'key-reused', id: outcomes[3]!.id });
      const ids = [outcomes[0]!.id, outcomes[3]!.id];
      expect(
        await count(
          'MATCH (r:Report) WHERE r.id IN $ids AND r.status = "received" AND r.attempts = 0 RETURN count(r) AS n',
          { ids },
        ),
      ).toBe(2);
      expect(
        await count(
          'MATCH (r:Report {orgId: $org}) WHERE r.payloadHash IS NOT NULL RETURN count(DISTINCT r.payloadHash) AS n',
          { org },
        ),
      ).toBe(await count('MATCH (r:Report {orgId: $org}) RETURN count(r) AS n', { org }));
      // The key first used for an existing payload now names that payload's report, as a lone request's would.
      const again = await acceptReport(graph, {
        org,
        input: report('TH-BATCH-OLD'),
        secret: SECRET,
        idempotencyKey: 'batch-k-old',
      });
      expect(again).toEqual({ kind: 'replayed', id: before.id, status: 'received' });
    });

    it('stores notes apart and audits each submission of a batch in the same transaction', async () => {
      const batchOrg = `${org}-audited`;
      const outcomes = await acceptReports(graph, [
        {
          org: batchOrg,
          input: report('TH-BATCH-AUDIT-1'),
          secret: SECRET,
          submittedBy: 'key_batch',
          auditRole: 'caseworker',
        },
        {
          org: batchOrg,
          input: report('TH-BATCH-AUDIT-2', { notes: undefined }),
          secret: SECRET,
          submittedBy: 'key_batch',
          auditRole: 'caseworker',
        },
      ]);
      const ids = outcomes.map((o) => o.id);
      expect(
        await count(
          'MATCH (a:AuditEvent {action: "report.submitted", actor: "key_batch"}) WHERE a.target IN $ids ' +
            'RETURN count(a) AS n',
          { ids },
        ),
      ).toBe(2);
      expect(
        await count('MATCH (r:Report)-[:HAS_NOTE]->(:ReportNote) WHERE r.id IN $ids RETURN count(r) AS n', { ids }),
      ).toBe(1);
      expect(
        await count('MATCH (r:Report)-[:FROM]->(:Organisation {slug: $org}) WHERE r.id IN $ids RETURN count(r) AS n', {
          ids,
          org: batchOrg,
        }),
      ).toBe(2);
    });

    it('creates nothing twice when the driver runs a committed batch again', async () => {
      const cmds = [
        { org, input: report('TH-BATCH-RETRY-1'), secret: SECRET },
        { org, input: report('TH-BATCH-RETRY-2'), secret: SECRET },
      ];
      let runs = 0;
      // A write that commits but whose confirmation is lost: the driver runs the same function again.
      const flaky = {
        write: async <T>(work: (tx: never) => Promise<T>) => {
          runs += 1;
          await graph.write(work as never);
          return graph.write(work as never) as Promise<T>;
        },
      } as unknown as Graph;
      const outcomes = await acceptReports(flaky, cmds);
      expect(runs).toBe(1);
      expect(outcomes.map((o) => o.kind)).toEqual(['created', 'created']);
      expect(
        await count('MATCH (r:Report) WHERE r.id IN $ids RETURN count(r) AS n', { ids: outcomes.map((o) => o.id) }),
      ).toBe(2);
    });
  });
});
