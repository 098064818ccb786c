import { loadDemoReports } from '../../fixtures/demo';
import {
  DECOYS,
  decoyMentions,
  type MentionRef,
  mentionKey,
  PLANTED_NETWORKS,
  plantedEntityId,
} from '../../fixtures/demo/expectations';
import type { Graph } from '../../graph/driver';
import { reevaluateLeads } from '../../graph/leads/reevaluate';
import { approveLead, expireDueLeads, type LeadPolicy, listLeads, loadLead, rejectLead } from '../../graph/leads/store';
import { acceptReport } from '../../graph/reports/accept';
import { loadReport, mentionsOf } from '../../graph/reports/pipeline';
import { split } from '../../graph/resolve/judgements';
import { Resolver } from '../../graph/resolve/resolver';
import { DEFAULT_LEAD_RULES } from '../../src/domain/leads';
import { mentionId } from '../../src/domain/mention';
import { ReportInput } from '../../src/domain/report';
import { resetGraph, testCandidateIndex, testGraph } from '../support/services';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const POLICY: LeadPolicy = { rules: DEFAULT_LEAD_RULES, twoPersonRule: true, reviewDays: 180 };

describe('leads from the graph', () => {
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  let resolver: Resolver;
  beforeAll(() => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'leads');
  });
  beforeEach(async () => {
    await resetGraph(graph);
    resolver = new Resolver(graph, { index: candidates.index });
  });
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

  /** A report through the accept path and the real resolver, then the leads step, as the workers run them. */
  async function resolve(org: string, report: unknown) {
    const accepted = await acceptReport(graph, { org, input: ReportInput.parse(report), secret: SECRET });
    const { mentions, links } = mentionsOf((await loadReport(graph, accepted.id))!);
    return { reportId: accepted.id, changed: (await resolver.resolve(mentions, links)).changedEntities };
  }

  async function submit(org: string, report: unknown) {
    const { reportId, changed } = await resolve(org, report);
    return { reportId, leads: await reevaluateLeads(graph, changed, POLICY) };
  }

  const active = async () =>
    (await listLeads(graph, { limit: 200, offset: 0 })).items.filter((l) => l.status !== 'retracted');

  const funnelReport = (caseRef: string, owner: Record<string, string[]>, role = 'Exploiter') => ({
    caseRef,
    country: 'TH',
    reportedAt: '2024-03-01',
    subjects: [
      { ref: 'p1', schema: 'Person', role, properties: owner },
      {
        ref: 'a1',
        schema: 'BankAccount',
        properties: { accountNumber: ['174-0-58321-6'], bankName: ['Bangkok Bank'] },
      },
    ],
    links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
  });

  it('makes no lead from a single report, however strong its identifiers', async () => {
    await submit('ngo-a', funnelReport('A-1', { name: ['Kyaw Min Thein'], phone: ['095-118-7720'] }));
    expect(await active()).toEqual([]);
  });

  it('makes no lead from a common name alone, reported by two organisations', async () => {
    for (const [org, caseRef] of [
      ['ngo-a', 'A-1'],
      ['ngo-b', 'B-1'],
    ] as const) {
      await submit(org, {
        caseRef,
        country: 'VN',
        reportedAt: '2024-01-01',
        subjects: [{ ref: 'p1', schema: 'Person', role: 'Exploiter', properties: { name: ['Nguyen Van Nam'] } }],
      });
    }
    expect(await active()).toEqual([]);
  });

  it('makes a lead of an account shared across two cases, with the network of its owners', async () => {
    await submit('ngo-a', funnelReport('A-1', { name: ['Pranee Saengthongkham'], phone: ['086-392-4718'] }));
    expect(await active()).toEqual([]);
    const second = await submit(
      'ngo-b',
      funnelReport('B-7', { name: ['Somsak Wongsawat'], phone: ['081-111-2233'] }, 'RecruiterOrIntermediary'),
    );
    expect(second.leads.created).toHaveLength(1);
    const [lead] = await active();
    expect(lead).toMatchObject({ status: 'new', revision: 1, approved: false });
    expect(lead!.subjects.map((s) => s.names[0]).sort()).toEqual(
      ['174-0-58321-6', 'Pranee Saengthongkham', 'Somsak Wongsawat'].sort(),
    );
    expect(lead!.reasons).toEqual(
      expect.arrayContaining([
        '2 independent reports (different case references) tied together, from 2 organisations',
        'shared across reports: bank account 1740583216 (2 reports)',
        'perpetrator roles reported: Exploiter, RecruiterOrIntermediary',
      ]),
    );
    const stored = await loadLead(graph, lead!.id);
    expect(stored!.evaluation.links.map((l) => l.type)).toEqual(['Ownership', 'Ownership']);
    // A second run over the same entities finds nothing to change.
    const again = await reevaluateLeads(graph, stored!.evaluation.entityIds, POLICY);
    expect(again).toMatchObject({ created: [], revised: [], retracted: [] });
  });

  it('creates one lead when two workers evaluate the same change at once', async () => {
    await submit('ngo-a', funnelReport('A-1', { name: ['Pranee Saengthongkham'], phone: ['086-392-4718'] }));
    const { changed } = await resolve('ngo-b', funnelReport('B-7', { name: ['Somsak Wongsawat'] }));
    const outcomes = await Promise.all([
      reevaluateLeads(graph, changed, POLICY),
      reevaluateLeads(graph, [...changed].reverse(), POLICY),
    ]);
    expect(outcomes.flatMap((o) => o.created)).toHaveLength(1);
    expect(await active()).toHaveLength(1);
  });

  /** Two analysts, one of whom holds two keys. */
  const NOK = { keyId: 'key_nok_laptop', person: 'usr_nok' };
  const NOK_PHONE = { keyId: 'key_nok_phone', person: 'usr_nok' };
  const RATANA = { keyId: 'key_ratana', person: 'usr_ratana' };

  /** A lead of two reports sharing an account, at its first revision. */
  async function twoReportLead(): Promise<string> {
    await submit('ngo-a', funnelReport('A-1', { name: ['Pranee Saengthongkham'], phone: ['086-392-4718'] }));
    await submit('ngo-b', funnelReport('B-7', { name: ['Somsak Wongsawat'] }));
    return (await active())[0]!.id;
  }

  /** A third case about the same account: the network changes, and so does the lead's revision. */
  const thirdCase = () => submit('ngo-c', funnelReport('C-3', { name: ['Mae Nee'], phone: ['+66 86 392 4718'] }));

  it('needs two different people, asks again when the network changes, and expires without re-approval', async () => {
    const id = await twoReportLead();

    const first = await approveLead(graph, id, { by: NOK, revision: 1 }, POLICY);
    expect(first).toMatchObject({
      counted: true,
      approvals: 1,
      needed: 2,
      lead: { status: 'in_review', approved: false },
    });
    const twice = await approveLead(graph, id, { by: NOK, revision: 1 }, POLICY);
    expect(twice).toMatchObject({ counted: false, approvals: 1, lead: { status: 'in_review', approved: false } });
    const second = await approveLead(graph, id, { by: RATANA, revision: 1 }, POLICY);
    expect(second).toMatchObject({ counted: true, lead: { status: 'approved', approved: true, revision: 1 } });
    expect((await loadLead(graph, id))!.approvedBy).toEqual(['usr_nok', 'usr_ratana']);
    const reviewBy = Date.parse(second.lead.reviewBy!);
    expect(Math.round((reviewBy - Date.now()) / 86_400_000)).toBe(180);

    // The third case changes what was approved: a new revision, approved again.
    await thirdCase();
    const changed = (await loadLead(graph, id))!;
    expect(changed).toMatchObject({ status: 'new', revision: 2, approvedRevision: 1 });
    const onePerson = { ...POLICY, twoPersonRule: false };
    expect(await approveLead(graph, id, { by: NOK, revision: 2 }, onePerson)).toMatchObject({
      lead: { status: 'approved', approved: true, revision: 2 },
    });

    const later = new Date(reviewBy + 86_400_000);
    expect(await expireDueLeads(graph, later)).toEqual([id]);
    expect((await loadLead(graph, id))!.status).toBe('expired');
    expect(await approveLead(graph, id, { by: RATANA, revision: 2 }, onePerson, later)).toMatchObject({
      lead: { status: 'approved', approved: true },
    });
  });

  it('counts two keys of one person once: the lead stays unapproved under the two-person rule', async () => {
    const id = await twoReportLead();
    expect(await approveLead(graph, id, { by: NOK, revision: 1 }, POLICY)).toMatchObject({ counted: true });
    expect(await approveLead(graph, id, { by: NOK_PHONE, revision: 1 }, POLICY)).toMatchObject({
      counted: false,
      approvals: 1,
      needed: 2,
      lead: { status: 'in_review', approved: false },
    });
    const stored = (await loadLead(graph, id))!;
    expect(stored.approvals).toEqual([{ by: 'key_nok_laptop', person: 'usr_nok', at: expect.any(String) }]);
    expect(stored).toMatchObject({ approvedRevision: null, approvedBy: [] });
  });

  it('refuses an approval of a revision the lead has moved on from, and records nothing', async () => {
    const id = await twoReportLead();
    await approveLead(graph, id, { by: NOK, revision: 1 }, POLICY);
    await thirdCase();
    expect(await loadLead(graph, id)).toMatchObject({ revision: 2, approvals: [] });
    const stored = () =>
      graph.read(async (tx) => {
        const r = await tx.run('MATCH (l:Lead {id: $id}) RETURN properties(l) AS p', { id });
        return r.records[0]!.get('p') as Record<string, unknown>;
      });
    const before = await stored();
    await expect(approveLead(graph, id, { by: RATANA, revision: 1 }, POLICY)).rejects.toMatchObject({
      name: 'StaleRevisionError',
      reviewed: 1,
      current: 2,
      message:
        `lead ${id} changed: its current revision is 2, not the revision 1 you reviewed; ` +
        'review it again before approving',
    });
    expect(await stored()).toEqual(before);
  });

  it('lets no approval of an earlier revision count towards a new one', async () => {
    const id = await twoReportLead();
    await approveLead(graph, id, { by: NOK, revision: 1 }, POLICY);
    await thirdCase();
    // Ratana's approval of revision 2 is the first of that revision: Nok's of revision 1 lapsed with it.
    expect(await approveLead(graph, id, { by: RATANA, revision: 2 }, POLICY)).toMatchObject({
      counted: true,
      approvals: 1,
      lead: { revision: 2, approved: false },
    });
    expect(await approveLead(graph, id, { by: NOK_PHONE, revision: 2 }, POLICY)).toMatchObject({
      counted: true,
      approvals: 2,
      lead: { revision: 2, status: 'approved', approved: true },
    });
  });

  it("stops a lead on one analyst's rejection", async () => {
    const id = await twoReportLead();
    expect(await rejectLead(graph, id, 'key_analyst_a', 'known to us: a landlord')).toMatchObject({
      status: 'rejected',
    });
    await expect(approveLead(graph, id, { by: RATANA, revision: 1 }, POLICY)).rejects.toThrow('is rejected');
  });

  it('retracts a lead when an analyst undoes the merge it rests on', async () => {
    await submit('ngo-a', funnelReport('A-1', { name: ['Pranee Saengthongkham'], phone: ['086-392-4718'] }));
    const { reportId } = await submit('ngo-b', {
      caseRef: 'B-2',
      country: 'TH',
      subjects: [
        {
          ref: 'p1',
          schema: 'Person',
          role: 'Exploiter',
          properties: { name: ['Khun Pranee'], phone: ['+66 86 392 4718'] },
        },
      ],
    });
    const [lead] = await active();
    const person = lead!.subjects.find((s) => s.schema === 'Person')!;
    const outcome = await split(graph, resolver.engine, {
      entityId: person.entityId,
      mentionIds: [mentionId(reportId, 'p1')],
      by: 'key_analyst_a',
      reason: 'two different women',
    });
    const after = await reevaluateLeads(graph, outcome.changed, POLICY);
    expect(after.retracted).toEqual([lead!.id]);
    expect((await loadLead(graph, lead!.id))!.closedReason).toMatch(
      /^no longer meets the lead rules: no two independent reports are tied together/,
    );
    expect(await active()).toEqual([]);
  });

  it('gives leads for the planted demo networks and none for the decoys', async () => {
    const reportIdOf = new Map<string, string>();
    for (const { org, report } of loadDemoReports()) {
      const { reportId } = await submit(org, report);
      reportIdOf.set(`${org}/${report.caseRef}`, reportId);
    }
    const entityOf = async (m: MentionRef) =>
      graph.read(async (tx) => {
        const id = mentionId(reportIdOf.get(`${m.org}/${m.caseRef}`)!, m.ref);
        const r = await tx.run('MATCH (:Mention {id: $id})-[:RESOLVED_TO]->(e:Entity) RETURN e.id AS e', { id });
        return r.records[0]!.get('e') as string;
      });
    const leads = await active();
    const networkOfEntity = new Map<string, string>();
    for (const network of PLANTED_NETWORKS) {
      for (const entity of network.entities) {
        for (const m of [...entity.mentions, ...(entity.weakMentions ?? []).map((w) => w.mention)])
          networkOfEntity.set(await entityOf(m), network.id);
      }
    }
    // Every lead lies within one planted network.
    for (const lead of leads) {
      expect(
        new Set(lead.subjects.map((s) => networkOfEntity.get(s.entityId) ?? `not planted: ${s.names.join(', ')}`)).size,
      ).toBe(1);
      expect(networkOfEntity.has(lead.subjects[0]!.entityId)).toBe(true);
    }
    // Every planted network is a lead, with each entity corroborated on its own as a subject.
    const subjects = new Set(leads.flatMap((l) => l.subjects.map((s) => s.entityId)));
    for (const network of PLANTED_NETWORKS) {
      const required = network.entities.filter((e) => e.mustBeLeadSubject);
      for (const entity of required) {
        expect([plantedEntityId(network, entity), subjects.has(await entityOf(entity.mentions[0]!))]).toEqual([
          plantedEntityId(network, entity),
          true,
        ]);
      }
    }
    // No decoy, look-alike or context, is a subject of any lead.
    for (const { decoyId, mention } of decoyMentions()) {
      expect([decoyId, mentionKey(mention), subjects.has(await entityOf(mention))]).toEqual([
        decoyId,
        mentionKey(mention),
        false,
      ]);
    }
    expect(DECOYS.length).toBeGreaterThan(0);
  }, 900_000);
});
