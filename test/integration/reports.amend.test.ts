import { defaultResolverEngine } from '../../graph/resolve/engine';
import { waitFor } from '../support/cli';
import { startConsoleStack } from '../support/consoleStack';
import { managerReports, markersFor } from '../support/managerReports';
import { type TestStack, untilProcessed } from '../support/stack';

/*
 * A caseworker's own reports: what they see of them (never an entity, never another organisation's
 * data), and how amending, withdrawing and resubmitting change the graph and the leads over it.
 * Invented names and numbers only.
 */

const MARKERS = markersFor('AMEND');
const { reportA, reportB } = managerReports(MARKERS);

type Json = Record<string, unknown>;

/** The lead scenario again about another manager: her phone, account and company registration end in `n`. */
function anotherManager(n: number) {
  const swap = (text: string) =>
    text
      .replace('392-4718', `392-47${n}`)
      .replace('392 4718', `392 47${n}`)
      .replace('58321-6', `58321-${n % 10}`)
      .replace('0105562117346', `01055621173${n}`);
  return {
    a: { ...JSON.parse(swap(JSON.stringify(reportA))), caseRef: `TH-MANAGER-${n}` },
    b: { ...JSON.parse(swap(JSON.stringify(reportB))), caseRef: `KH-MANAGER-${n}` },
  };
}

describe("a caseworker's own reports: the view, amend, withdraw and resubmission", () => {
  let stack: TestStack & { stop(): Promise<void> };
  let thai: string;
  let khmer: string;
  let analyst: string;

  const post = async (key: string, path: string, json?: unknown, method = 'POST') => {
    const res = await stack.call(path, { method, key, json });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const get = async (key: string, path: string) => post(key, path, undefined, 'GET');
  const submit = async (key: string, json: unknown) => {
    const { status, body } = await post(key, '/api/v1/reports', json);
    expect(status).toBe(202);
    return body.id as string;
  };
  /** The entity of the report's person (subject p1), as analysts see it. */
  const personOf = async (id: string) => {
    const subjects = (await untilProcessed(stack, id, analyst)).subjects as Array<{ ref: string; entityId: string }>;
    return subjects.find((s) => s.ref === 'p1')!.entityId;
  };
  const entity = async (id: string) => (await get(analyst, `/api/v1/entities/${id}`)).body;
  /** The leads, not retracted, whose evaluation rests on a mention of this report. */
  const leadsCiting = async (reportId: string) => {
    const { body } = await get(analyst, '/api/v1/leads?limit=200');
    const live = (body.items as Array<{ id: string; status: string }>).filter((l) => l.status !== 'retracted');
    const details = await Promise.all(live.map(async (l) => (await get(analyst, `/api/v1/leads/${l.id}`)).body));
    return details.filter((d) => d.status !== 'retracted' && JSON.stringify(d).includes(`men_${reportId}`));
  };
  const untilLeadCites = (reportId: string) =>
    waitFor(async () => (await leadsCiting(reportId))[0], 60_000, `a lead resting on ${reportId}`);
  const untilNoLeadCites = (reportId: string) =>
    waitFor(
      async () => ((await leadsCiting(reportId)).length === 0 ? true : undefined),
      60_000,
      `no lead on ${reportId}`,
    );

  beforeAll(async () => {
    // The stack with the leads worker and API, for the leads an amendment or a withdrawal changes.
    stack = await startConsoleStack('reports-amend');
    thai = await stack.keyFor('caseworker', 'th-lotus');
    khmer = await stack.keyFor('caseworker', 'kh-mekong');
    analyst = await stack.keyFor('analyst', 'hub');
  });
  afterAll(() => stack?.stop());

  it('shows a caseworker what they submitted and where each subject stands, with no entity id', async () => {
    const a = await submit(thai, reportA);
    const b = await submit(khmer, reportB);
    await untilProcessed(stack, a, thai);
    await untilProcessed(stack, b, khmer);
    const { status, body } = await get(thai, `/api/v1/reports/${a}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: a,
      caseRef: MARKERS.caseA,
      notes: reportA.notes,
      status: 'processed',
      revision: 1,
      links: reportA.links,
      subjects: reportA.subjects.map((s) => ({ ref: s.ref, schema: s.schema, properties: s.properties })),
    });
    for (const s of body.subjects as Array<{ status: string }>)
      expect(['matched', 'waiting for an analyst']).toContain(s.status);
    const list = (await get(thai, '/api/v1/reports')).body;
    expect(list.items).toEqual([
      expect.objectContaining({ id: a, caseRef: MARKERS.caseA, subjectCount: 3, status: 'processed' }),
    ]);
    // The Khmer report joined the Thai manager's entity: nothing of that reaches either caseworker.
    for (const [key, id] of [
      [thai, a],
      [khmer, b],
    ] as const) {
      const answers = JSON.stringify([
        (await get(key, `/api/v1/reports/${id}`)).body,
        (await get(key, '/api/v1/reports')).body,
      ]);
      expect(answers).not.toMatch(/ent_|entityId/);
      const other = key === thai ? [MARKERS.caseB, MARKERS.noteB, 'Jae Nee', 'kh-mekong'] : [MARKERS.caseA, 'Pranee'];
      for (const foreign of other) expect(answers).not.toContain(foreign);
    }
    const personA = await personOf(a);
    const personB = await personOf(b);
    expect(personA).toMatch(/^ent_/);
    expect(personB).toBe(personA);
  });

  it('refuses to let another organisation amend or withdraw a report, and lets analysts only read it', async () => {
    const { body } = await get(thai, '/api/v1/reports');
    const id = (body.items as Array<{ id: string }>)[0]!.id;
    expect((await post(khmer, `/api/v1/reports/${id}`, reportA, 'PUT')).status).toBe(403);
    expect((await post(khmer, `/api/v1/reports/${id}/withdraw`, {})).status).toBe(403);
    expect((await post(analyst, `/api/v1/reports/${id}/withdraw`, {})).status).toBe(403);
    expect((await get(khmer, `/api/v1/reports/${id}`)).status).toBe(404);
    expect((await get(analyst, `/api/v1/reports/${id}`)).body).toMatchObject({ id, org: 'th-lotus' });
    expect((await post(thai, '/api/v1/reports/rep_nonesuch/withdraw', {})).status).toBe(404);
  });

  it('answers a resubmission of the same case and content with the first report', async () => {
    const first = await submit(thai, { ...reportA, caseRef: 'TH-RESUB-1' });
    const again = await post(thai, '/api/v1/reports', { ...reportA, caseRef: 'TH-RESUB-1' });
    expect(again).toEqual({ status: 202, body: { id: first, status: 'received' } });
    const changed = await submit(thai, { ...reportA, caseRef: 'TH-RESUB-1', notes: 'a second interview' });
    expect(changed).not.toBe(first);
    await untilProcessed(stack, first, thai);
    await untilProcessed(stack, changed, thai);
  });

  it('amends a report: the new revision replaces its mentions, and the lead built on the old one goes', async () => {
    const scenario = anotherManager(21);
    await untilProcessed(stack, await submit(thai, scenario.a), thai);
    const b = await submit(khmer, scenario.b);
    await untilProcessed(stack, b, khmer);
    const shared = await personOf(b);
    await untilLeadCites(b);

    // The second interview: the phone was someone else's, and the manager was a different woman.
    const amended = {
      ...scenario.b,
      notes: 'corrected after a second interview',
      subjects: [{ ref: 'p1', schema: 'Person', properties: { name: ['Sokha Chann'], phone: ['+855 12 684 203'] } }],
    };
    const answer = await post(khmer, `/api/v1/reports/${b}`, amended, 'PUT');
    expect(answer).toEqual({ status: 202, body: { id: b, status: 'received', revision: 2 } });
    const seen = await untilProcessed(stack, b, khmer);
    expect(seen).toMatchObject({
      revision: 2,
      notes: 'corrected after a second interview',
      subjects: [{ ref: 'p1', properties: { name: ['Sokha Chann'] }, status: 'matched' }],
    });
    const now = await personOf(b);
    expect(now).not.toBe(shared);
    expect((await entity(now)).names).toEqual(['Sokha Chann']);
    expect(JSON.stringify(await entity(shared))).not.toContain(`men_${b}`);
    const stored = await stack.graph.read(async (tx) =>
      (
        await tx.run(
          `MATCH (r:Report {id: $id})
           RETURN COUNT { (r)-[:REVISED_FROM]->(:ReportRevision) } AS revisions,
                  COUNT { (r)-[:MENTIONS]->() } AS mentions,
                  COUNT { MATCH (a:AuditEvent {action: 'report.amended', target: $id}) } AS audits`,
          { id: b },
        )
      ).records[0]!.toObject(),
    );
    expect(stored).toEqual({ revisions: 1, mentions: 1, audits: 1 });
    await untilNoLeadCites(b);
  });

  it('withdraws a report: its mentions leave entities and the index, leads are re-evaluated, it stays', async () => {
    const scenario = anotherManager(35);
    await untilProcessed(stack, await submit(thai, scenario.a), thai);
    const b = await submit(khmer, scenario.b);
    await untilProcessed(stack, b, khmer);
    const shared = await personOf(b);
    const before = (await entity(shared)).mentions as unknown[];
    await untilLeadCites(b);
    const [mention] = await stack.graph.read(async (tx) =>
      (
        await tx.run('MATCH (:Report {id: $id})-[:MENTIONS]->(m:Mention) RETURN m.id AS id, m.record AS record', {
          id: b,
        })
      ).records.map((r) => ({ id: r.get('id') as string, record: JSON.parse(r.get('record') as string) })),
    );
    const engine = defaultResolverEngine();
    const keys = engine.blockingKeys(engine.prepare(mention!.record));
    const filed = async () =>
      [...(await stack.ctx.index.read(keys)).values()].filter((h) => h.ids.includes(mention!.id)).length;
    expect(await filed()).toBeGreaterThan(0);

    const answer = await post(khmer, `/api/v1/reports/${b}/withdraw`, { reason: 'the survivor asked us to' });
    expect(answer).toMatchObject({ status: 200, body: { id: b, status: 'withdrawn' } });
    expect((await entity(shared)).mentions).toHaveLength(before.length - 1);
    expect(JSON.stringify(await entity(shared))).not.toContain(`men_${b}`);
    expect(await filed()).toBe(0);
    const seen = (await get(khmer, `/api/v1/reports/${b}`)).body;
    expect(seen).toMatchObject({
      status: 'withdrawn',
      withdrawReason: 'the survivor asked us to',
      subjects: [{ ref: 'p1', status: 'withdrawn' }],
    });
    expect((await post(khmer, `/api/v1/reports/${b}/withdraw`, {})).status).toBe(200);
    expect((await post(khmer, `/api/v1/reports/${b}`, scenario.b, 'PUT')).status).toBe(409);
    await untilNoLeadCites(b);
    const audits = await stack.graph.read(async (tx) =>
      (
        await tx.run("MATCH (a:AuditEvent {action: 'report.withdrawn', target: $id}) RETURN count(a) AS n", { id: b })
      ).records[0]!.get('n'),
    );
    expect(Number(audits)).toBe(1);
  });
});
