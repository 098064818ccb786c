import type { LeadDetail, LeadSummary } from '../../src/domain/leads';
import { mentionId } from '../../src/domain/mention';
import { type ExportOutcomes, OUTCOME_KINDS, type OutcomeStats, type RecordedOutcome } from '../../src/domain/outcomes';
import { waitFor } from '../support/cli';
import { startConsoleStack } from '../support/consoleStack';
import { exportedLead } from '../support/exportedLead';
import { testOrgName } from '../support/keys';
import { managerReports, markersFor } from '../support/managerReports';
import type { TestStack } from '../support/stack';

/*
 * Outcomes from banks through the API, the workers and the real Neo4j: only the bank an export was made
 * for reports on it, bad fields are refused with nothing stored, a repeat is recorded once, analysts see
 * the outcomes on the lead, and the outcomes page adds up to what the banks posted.
 */

const { reportA: REPORT_A, reportB: REPORT_B } = managerReports(markersFor('OUTCOMES'));

/**
 * Two cases of one NGO sharing an account: a lead of its own (the account; the name is too common to list) that
 * goes to another bank and is never answered.
 */
const accountReport = (caseRef: string) => ({
  caseRef,
  country: 'MY',
  reportedAt: '2025-02-01',
  subjects: [
    { ref: 'p1', schema: 'Person', role: 'Exploiter', properties: { name: ['Lim Kok Seng'] } },
    { ref: 'a1', schema: 'BankAccount', properties: { accountNumber: ['5141 2398 7765'], bankName: ['Maybank'] } },
  ],
  links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
});

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('outcomes reported by partner banks', () => {
  let stack: TestStack & { stop(): Promise<void> };
  let lead: LeadSummary;
  let exportId: string;
  let reportIds: string[];
  let secondLead: LeadSummary;
  /** When the two reports behind the first lead were received: backdated so that days to freeze mean something. */
  const received = { a: Date.now() - 12 * DAY_MS, b: Date.now() - 40 * DAY_MS };

  beforeAll(async () => {
    stack = await startConsoleStack('outcomes');
    ({ lead, exportId, reportIds } = await exportedLead(stack, {
      reports: [
        ['ngo-a', REPORT_A],
        ['ngo-b', REPORT_B],
      ],
      about: 'Pranee Saengthongkham',
      partner: 'bank-a',
    }));
    ({ lead: secondLead } = await exportedLead(stack, {
      reports: [
        ['ngo-a', accountReport('MY-OUT-1')],
        ['ngo-a', accountReport('MY-OUT-2')],
      ],
      about: '5141 2398 7765',
      partner: 'bank-b',
    }));
    await stack.graph.write((tx) =>
      tx.run('UNWIND $reports AS row MATCH (r:Report {id: row.id}) SET r.receivedAt = row.at', {
        reports: [
          { id: reportIds[0], at: new Date(received.a).toISOString() },
          { id: reportIds[1], at: new Date(received.b).toISOString() },
        ],
      }),
    );
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const send = async (
    role: 'analyst' | 'partner' | 'caseworker' | 'admin',
    org: string,
    path: string,
    body?: unknown,
  ) => {
    const key = await stack.keyFor(role, org);
    const res = await stack.call(`/api/v1${path}`, body === undefined ? { key } : { method: 'POST', key, json: body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const bankA = (path: string, body?: unknown) => send('partner', 'bank-a', path, body);
  const analyst = (path: string) => send('analyst', 'hub', path);
  const subjectOf = (schema: string) => lead.subjects.find((s) => s.schema === schema)!.entityId;
  const today = () => dayOf(Date.now());
  const storedOutcomes = async () =>
    stack.graph.read(async (tx) => (await tx.run('MATCH (o:Outcome) RETURN count(o) AS n')).records[0]!.get('n'));
  const auditOf = async (action: string) => {
    const res = await send('admin', 'hub', `/audit?action=${action}&limit=200`);
    return res.body.items as Array<{ actor: string; target: string; details: Record<string, unknown> }>;
  };

  it('lets only the partner the export was made for report on it', async () => {
    const body = { subjectId: subjectOf('Person'), outcome: 'customer_monitored', date: today() };
    expect((await send('partner', 'bank-b', `/exports/${exportId}/outcomes`, body)).status).toBe(404);
    expect((await send('partner', 'bank-b', `/exports/${exportId}/outcomes`)).status).toBe(404);
    expect((await send('analyst', 'hub', `/exports/${exportId}/outcomes`, body)).status).toBe(403);
    expect((await send('caseworker', 'ngo-a', `/exports/${exportId}/outcomes`, body)).status).toBe(403);
    expect((await bankA('/exports/exp_NOSUCHEXPORT/outcomes', body)).status).toBe(404);
    expect((await bankA('/outcomes')).status).toBe(403);
    expect(await storedOutcomes()).toBe(0);
  });

  it('refuses a subject the export does not hold, an unknown outcome and a bad date, naming the field', async () => {
    const good = { subjectId: subjectOf('Person'), outcome: 'account_frozen', date: today() };
    const notInExport = secondLead.subjects[0]!.entityId;
    const cases: Array<[unknown, string, RegExp]> = [
      [
        { ...good, subjectId: notInExport },
        'subjectId',
        new RegExp(`not a subject of this export.*${subjectOf('Person')}`),
      ],
      [{ ...good, subjectId: 'ent with spaces' }, 'subjectId', /ftm_id of a subject of this export/],
      [{ ...good, outcome: 'frozen' }, 'outcome', new RegExp(`must be one of: ${OUTCOME_KINDS.join(', ')}`)],
      [{ ...good, date: '2026-02-30' }, 'date', /real date written YYYY-MM-DD/],
      [{ ...good, date: dayOf(Date.now() + 3 * DAY_MS) }, 'date', /must not be in the future/],
      [{ ...good, date: dayOf(Date.now() - DAY_MS) }, 'date', /must not be before the export was created/],
      [{ ...good, note: 'frozen\u001b[31m' }, 'note', /control characters/],
      [{ ...good, note: 'x'.repeat(2001) }, 'note', /at most 2000 characters/],
      [{ ...good, amount: 1000 }, '', /amount/],
    ];
    for (const [body, path, message] of cases) {
      const res = await bankA(`/exports/${exportId}/outcomes`, body);
      expect([path, res.status]).toEqual([path, 400]);
      const issues = res.body.issues as Array<{ path: string; message: string }>;
      expect(issues).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
    }
    expect(await storedOutcomes()).toBe(0);
    expect((await bankA(`/exports/${exportId}/outcomes`)).body.outcomes).toEqual([]);
    expect(await auditOf('outcome.recorded')).toEqual([]);
  });

  it('records several outcomes of a subject over time, and the same outcome sent twice once', async () => {
    const person = subjectOf('Person');
    const monitored = { subjectId: person, outcome: 'customer_monitored', date: today(), note: 'EDD opened' };
    const first = await bankA(`/exports/${exportId}/outcomes`, monitored);
    expect(first.status).toBe(201);
    const recorded = first.body as unknown as RecordedOutcome;
    expect(recorded).toEqual({
      alreadyRecorded: false,
      outcome: {
        id: expect.stringMatching(/^out_/),
        exportId,
        leadId: lead.id,
        subjectId: person,
        outcome: 'customer_monitored',
        date: today(),
        note: 'EDD opened',
        partner: 'bank-a',
        recordedAt: expect.any(String),
        recordedBy: expect.any(String),
        subjectWithdrawn: false,
      },
    });
    const again = await bankA(`/exports/${exportId}/outcomes`, monitored);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...recorded, alreadyRecorded: true });
    const otherNote = await bankA(`/exports/${exportId}/outcomes`, { ...monitored, note: 'another note' });
    expect(otherNote.status).toBe(409);
    expect(otherNote.body.error).toMatch(/already recorded .* with another note/);

    for (const body of [
      { subjectId: person, outcome: 'account_frozen', date: today() },
      { subjectId: subjectOf('BankAccount'), outcome: 'account_frozen', date: today() },
      { subjectId: subjectOf('BankAccount'), outcome: 'report_filed', date: today() },
    ])
      expect((await bankA(`/exports/${exportId}/outcomes`, body)).status).toBe(201);
    expect(await storedOutcomes()).toBe(4);

    // Every post is audited, the repeat too, and no note is in the trail.
    const trail = await auditOf('outcome.recorded');
    expect(trail.map((e) => e.details.alreadyRecorded).sort()).toEqual([false, false, false, false, true]);
    expect(trail.every((e) => e.target === exportId && !JSON.stringify(e.details).includes('EDD'))).toBe(true);
  });

  it('shows the outcomes to the partner on its export and to analysts on the lead', async () => {
    const own = (await bankA(`/exports/${exportId}/outcomes`)).body as unknown as ExportOutcomes;
    expect(own.subjects.map((s) => s.subjectId).sort()).toEqual(lead.subjects.map((s) => s.entityId).sort());
    expect(own.subjects.every((s) => s.leadId === lead.id && !s.withdrawn)).toBe(true);
    expect(own.outcomes.map((o) => o.outcome)).toEqual([
      'customer_monitored',
      'account_frozen',
      'account_frozen',
      'report_filed',
    ]);
    expect((await analyst(`/exports/${exportId}/outcomes`)).body).toEqual(own);
    expect((await auditOf('export.outcomes.read')).length).toBeGreaterThanOrEqual(1);

    const detail = (await analyst(`/leads/${lead.id}`)).body as unknown as LeadDetail;
    expect(detail.outcomes.map((o) => o.id).sort()).toEqual(own.outcomes.map((o) => o.id).sort());
    expect(detail.outcomes.find((o) => o.outcome === 'customer_monitored')!.note).toBe('EDD opened');
    expect(JSON.stringify(detail.outcomes)).not.toContain('firstReportAt');
    expect(((await analyst(`/leads/${secondLead.id}`)).body as unknown as LeadDetail).outcomes).toEqual([]);
  });

  it('adds up to what the banks posted: answered leads, kinds, days to freeze, per rule and organisation', async () => {
    const stats = (await analyst('/outcomes')).body as unknown as OutcomeStats;
    const none = Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0]));
    const kinds = { ...none, customer_monitored: 1, account_frozen: 2, report_filed: 1 };
    // The person was first reported by B (40 days ago), the account only by A (12 days ago); both frozen today.
    const days = [
      Math.round((Date.parse(today()) - Date.parse(dayOf(received.a))) / DAY_MS),
      Math.round((Date.parse(today()) - Date.parse(dayOf(received.b))) / DAY_MS),
    ];
    const answered = {
      leadsExported: 1,
      leadsAnswered: 1,
      outcomes: 4,
      byKind: kinds,
      daysToFreeze: {
        count: 2,
        median: (days[0]! + days[1]!) / 2,
        values: [
          { days: days[0], subjects: 1 },
          { days: days[1], subjects: 1 },
        ],
      },
    };
    const unanswered = {
      leadsExported: 1,
      leadsAnswered: 0,
      outcomes: 0,
      byKind: none,
      daysToFreeze: { count: 0, median: null, values: [] },
    };
    expect(stats).toMatchObject({ ...answered, leadsExported: 2 });

    const rules = stats.breakdowns.find((b) => b.dimension === 'rule')!;
    const pointsOf = async (id: string) =>
      ((await analyst(`/leads/${id}`)).body as unknown as LeadDetail).points
        .filter((p) => p.points > 0)
        .map((p) => p.what);
    const [firstRules, secondRules] = [await pointsOf(lead.id), await pointsOf(secondLead.id)];
    expect(rules.groups.map((g) => g.key).sort()).toEqual([...new Set([...firstRules, ...secondRules])].sort());
    for (const group of rules.groups) {
      const inFirst = firstRules.includes(group.key);
      const inSecond = secondRules.includes(group.key);
      expect(group).toMatchObject({
        ...(inFirst ? answered : unanswered),
        leadsExported: Number(inFirst) + Number(inSecond),
      });
    }

    const orgs = stats.breakdowns.find((b) => b.dimension === 'organisation')!;
    expect(orgs.groups).toEqual([
      { key: 'ngo-a', name: testOrgName('ngo-a'), ...answered, leadsExported: 2 },
      { key: 'ngo-b', name: testOrgName('ngo-b'), ...answered },
    ]);
    expect(JSON.stringify(stats)).not.toMatch(/Pranee|EDD opened/);
  });

  it('takes an outcome on a subject withdrawn from the bundle since, and marks it so', async () => {
    const person = subjectOf('Person');
    const res = await send('analyst', 'hub', `/entities/${person}/split`, {
      mentionIds: [mentionId(reportIds[1]!, 'p1')],
      reason: 'different women',
    });
    expect(res.status).toBe(201);
    await waitFor(
      async () => {
        const x = (await bankA(`/exports/${exportId}`)).body as { revision: number };
        return x.revision === 2 ? x : undefined;
      },
      120_000,
      'revision 2 of the bundle',
    );
    const closed = await bankA(`/exports/${exportId}/outcomes`, {
      subjectId: person,
      outcome: 'account_closed',
      date: today(),
    });
    expect(closed.status).toBe(201);
    expect((closed.body as unknown as RecordedOutcome).outcome).toMatchObject({
      outcome: 'account_closed',
      subjectWithdrawn: true,
    });
    const own = (await bankA(`/exports/${exportId}/outcomes`)).body as unknown as ExportOutcomes;
    expect(own.subjects.find((s) => s.subjectId === person)!.withdrawn).toBe(true);
    expect(own.outcomes).toHaveLength(5);
  });
});
