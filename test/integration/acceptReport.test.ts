import { acceptReport } from '../../graph/reports/accept';
import type { Graph } from '../../graph/driver';
import type { ReportInput } from '../../src/domain/report';
import { testGraph } from '../support/services';

const SECRET = 'test-secret-that-is-long-enough-000000';

function report(caseRef: string, extra: Partial<ReportInput> = {}): ReportInput {
  return {
    caseRef,
    country: 'TH',
    reportedAt: '2024-03-02',
    notes: 'NOTE-MARKER-should-stay-apart',
    subjects: [{ ref: 'p1', schema: 'Person', role: 'Exploiter', properties: { name: ['Somchai Jaidee'], phone: ['081-234-5678'] } }],
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
      const r = await tx.run('MATCH (r:Report {id: $id})-[:FROM]->(o:Organisation) OPTIONAL MATCH (r)-[:HAS_NOTE]->(n) RETURN r, o.slug AS org, n.text AS note', { id: outcome.id });
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
    const first = await acceptReport(graph, { org, input: report('TH-ACCEPT-4'), secret: SECRET, idempotencyKey: 'k-4' });
    const reused = await acceptReport(graph, { org, input: report('TH-ACCEPT-5'), secret: SECRET, idempotencyKey: 'k-4' });
    expect(reused).toEqual({ kind: 'key-reused', id: first.id });
    const count = await graph.read(async (tx) => (await tx.run('MATCH (r:Report {orgId: $org}) RETURN count(r) AS n', { org })).records[0]!.get('n'));
    const replay = await acceptReport(graph, { org, input: report('TH-ACCEPT-4'), secret: SECRET, idempotencyKey: 'k-4' });
    expect(replay.id).toBe(first.id);
    expect(await graph.read(async (tx) => (await tx.run('MATCH (r:Report {orgId: $org}) RETURN count(r) AS n', { org })).records[0]!.get('n'))).toBe(count);
  });

  it('creates exactly one report when the same submission arrives ten times at once', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => acceptReport(graph, { org, input: report('TH-ACCEPT-RACE'), secret: SECRET })));
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
  });

  it('hashes one case reference the same way every time, so reports of one case can be recognised', async () => {
    const a = await acceptReport(graph, { org, input: report('TH-ACCEPT-SAME', { reportedAt: '2024-01-01' }), secret: SECRET });
    const b = await acceptReport(graph, { org, input: report('TH-ACCEPT-SAME', { reportedAt: '2024-02-01' }), secret: SECRET });
    const hashes = await graph.read(async (tx) => (await tx.run('MATCH (r:Report) WHERE r.id IN $ids RETURN DISTINCT r.caseRefHash AS h', { ids: [a.id, b.id] })).records);
    expect(hashes).toHaveLength(1);
  });
});
