import { type EvidenceMention, evaluateNetworks, type NeighbourhoodEvidence } from '../../../graph/leads/rules';
import type { SubjectSchemaName } from '../../../src/domain/ftm';
import { DEFAULT_LEAD_RULES, LeadRules } from '../../../src/domain/leads';

/** Evidence written by hand: one line per mention, identifiers derived from shared values. */
function evidence(
  mentions: Array<{
    id: string;
    entity: string;
    report: string;
    org?: string;
    schema?: SubjectSchemaName;
    role?: string;
    country?: string;
    props: Record<string, string[]>;
    at?: string;
  }>,
  extra: Partial<Pick<NeighbourhoodEvidence, 'ties' | 'different' | 'relations'>> & {
    identifiers?: Array<{ kind: string; value: string; mentions: string[]; generic?: boolean }>;
  } = {},
): NeighbourhoodEvidence {
  const ms: EvidenceMention[] = mentions.map((m) => ({
    id: m.id,
    entityId: m.entity,
    reportId: `rep_${m.report}`,
    caseKey: `case-${m.report}`,
    org: m.org ?? 'org-a',
    country: m.country ?? 'TH',
    schema: m.schema ?? 'Person',
    role: m.role ?? null,
    reportedAt: m.at ?? '2024-01-01',
    names: m.props.name ?? m.props.accountNumber ?? [],
    record: { schema: m.schema ?? 'Person', properties: m.props, defaultCountry: 'TH' },
  }));
  return {
    entities: [...new Map(ms.map((m) => [m.entityId, { id: m.entityId, schema: m.schema }])).values()],
    mentions: ms,
    identifiers: (extra.identifiers ?? []).map((i) => ({
      key: `${i.kind}:${i.value}`,
      kind: i.kind,
      value: i.value,
      generic: i.generic ?? false,
      mentionIds: i.mentions,
    })),
    ties: extra.ties ?? [],
    different: extra.different ?? [],
    relations: extra.relations ?? [],
  };
}

const only = (networks: ReturnType<typeof evaluateNetworks>) => {
  expect(networks).toHaveLength(1);
  return networks[0]!;
};

describe('lead rules', () => {
  it('never makes a lead from a single report, however strong its identifiers', () => {
    const net = only(
      evaluateNetworks(
        evidence(
          [
            {
              id: 'm1',
              entity: 'e1',
              report: 'r1',
              role: 'Exploiter',
              props: { name: ['Kyaw Min Thein'], phone: ['095-118-7720'] },
            },
            {
              id: 'm2',
              entity: 'e2',
              report: 'r1',
              schema: 'BankAccount',
              props: { accountNumber: ['203-2-77415-8'] },
            },
          ],
          {
            relations: [{ type: 'Ownership', from: 'e1', to: 'e2' }],
            identifiers: [
              { kind: 'phone', value: '+66951187720', mentions: ['m1'] },
              { kind: 'account', value: '2032774158', mentions: ['m2'] },
            ],
          },
        ),
        DEFAULT_LEAD_RULES,
      ),
    );
    expect(net.qualifies).toBe(false);
    expect(net.shortfalls[0]).toMatch(/no two independent reports are tied together/);
  });

  it('never makes a lead from a common name alone, even when the resolver tied two reports by it', () => {
    const net = only(
      evaluateNetworks(
        evidence(
          [
            {
              id: 'm1',
              entity: 'e1',
              report: 'r1',
              org: 'org-a',
              role: 'Exploiter',
              props: { name: ['Nguyen Van Nam'] },
            },
            {
              id: 'm2',
              entity: 'e1',
              report: 'r2',
              org: 'org-b',
              role: 'Exploiter',
              props: { name: ['Nguyễn Văn Nam'] },
            },
          ],
          { ties: [{ a: 'm1', b: 'm2', by: 'score' }] },
        ),
        DEFAULT_LEAD_RULES,
      ),
    );
    expect(net.qualifies).toBe(false);
    expect(net.evidence.commonNameTiesIgnored).toBe(1);
    expect(net.reasons).toContain('not counted: 1 tie between reports resting only on a common name');
  });

  it('makes a lead of a bank account shared across two cases, with its reasons in words', () => {
    const net = only(
      evaluateNetworks(
        evidence(
          [
            {
              id: 'm1',
              entity: 'acct',
              report: 'r1',
              schema: 'BankAccount',
              props: { accountNumber: ['046-8-52913-7'] },
              at: '2023-03-14',
            },
            {
              id: 'm2',
              entity: 'acct',
              report: 'r2',
              schema: 'BankAccount',
              props: { accountNumber: ['0468529137'] },
              at: '2024-09-09',
            },
          ],
          { identifiers: [{ kind: 'account', value: '0468529137', mentions: ['m1', 'm2'] }] },
        ),
        DEFAULT_LEAD_RULES,
      ),
    );
    expect(net.qualifies).toBe(true);
    expect(net.subjects.map((s) => s.entityId)).toEqual(['acct']);
    expect(net.score).toBe(3);
    expect(net.reasons).toEqual([
      '2 independent reports (different case references) tied together, from 1 organisation',
      'shared across reports: bank account 0468529137 (2 reports)',
      'first seen 2023-03-14, last seen 2024-09-09',
      'score 3 (minimum 3): independent reports +1, identifiers shared across reports +2',
    ]);
  });

  it('weighs other organisations, perpetrator roles and identifiers held more', () => {
    const base = (orgB: string, role?: string) =>
      only(
        evaluateNetworks(
          evidence(
            [
              {
                id: 'm1',
                entity: 'p',
                report: 'r1',
                org: 'org-a',
                role,
                props: { name: ['Heng Sovannarith'], phone: ['012 884 316'] },
              },
              {
                id: 'm2',
                entity: 'p',
                report: 'r2',
                org: orgB,
                role,
                props: { name: ['Sovannarith Heng'], phone: ['+855 12 884 316'] },
              },
              {
                id: 'm3',
                entity: 'a',
                report: 'r2',
                org: orgB,
                schema: 'BankAccount',
                props: { accountNumber: ['000 482 917'] },
              },
            ],
            {
              identifiers: [
                { kind: 'phone', value: '+85512884316', mentions: ['m1', 'm2'] },
                { kind: 'account', value: '000482917', mentions: ['m3'] },
              ],
              relations: [{ type: 'Ownership', from: 'p', to: 'a' }],
            },
          ),
          DEFAULT_LEAD_RULES,
        ),
      );
    const sameOrg = base('org-a');
    const otherOrg = base('org-b');
    const withRole = base('org-b', 'RecruiterOrIntermediary');
    expect(sameOrg.score).toBe(2.75);
    expect(sameOrg.qualifies).toBe(false);
    expect(otherOrg.score).toBe(sameOrg.score + 1);
    expect(otherOrg.qualifies).toBe(true);
    expect(withRole.score).toBe(otherOrg.score + 0.5);
    expect(withRole.reasons).toContain('perpetrator roles reported: RecruiterOrIntermediary');
    expect(withRole.reasons).toContain('strong identifiers held: bank account 000482917');
    expect(withRole.subjects.map((s) => s.entityId)).toEqual(['a', 'p']);
  });

  it('covers the network: counted relations join it, Associate and one-word names do not list anyone', () => {
    const networks = evaluateNetworks(
      evidence(
        [
          {
            id: 'm1',
            entity: 'broker',
            report: 'r1',
            org: 'org-a',
            props: { name: ['Somchai Rattanaphongsiri'], phone: ['089-771-2345'] },
          },
          {
            id: 'm2',
            entity: 'broker',
            report: 'r2',
            org: 'org-b',
            props: { name: ['Somchay Rattanapongsiri'], phone: ['+66 89 771 2345'] },
          },
          {
            id: 'm3',
            entity: 'company',
            report: 'r2',
            org: 'org-b',
            schema: 'Company',
            props: { name: ['Andaman Blue Fishery Co., Ltd.'] },
          },
          { id: 'm4', entity: 'nickname', report: 'r2', org: 'org-b', props: { name: ['Jason'] } },
          {
            id: 'm5',
            entity: 'friend',
            report: 'r2',
            org: 'org-b',
            props: { name: ['Keo Sambath'], phone: ['097 512 3864'] },
          },
        ],
        {
          identifiers: [
            { kind: 'phone', value: '+66897712345', mentions: ['m1', 'm2'] },
            { kind: 'phone', value: '+855975123864', mentions: ['m5'] },
          ],
          relations: [
            { type: 'Employment', from: 'company', to: 'broker' },
            { type: 'UnknownLink', from: 'broker', to: 'nickname' },
            { type: 'Associate', from: 'broker', to: 'friend' },
          ],
        },
      ),
      DEFAULT_LEAD_RULES,
    );
    expect(networks.map((n) => n.entityIds)).toEqual([['broker', 'company', 'nickname'], ['friend']]);
    const lead = networks[0]!;
    expect(lead.qualifies).toBe(true);
    expect(lead.subjects.map((s) => s.entityId)).toEqual(['broker', 'company']);
    expect(lead.links).toEqual([{ type: 'Employment', from: 'company', to: 'broker' }]);
    expect(lead.reasons).toContain('1 linked entity known only by a common or one-word name not listed');
    expect(networks[1]!.qualifies).toBe(false);
  });

  it('lets an analyst\'s "different" undo the tie of a shared identifier', () => {
    const mentions = [
      {
        id: 'm1',
        entity: 'p1',
        report: 'r1',
        org: 'org-a',
        props: { name: ['Pranee Saengthongkham'], phone: ['086-392-4718'] },
      },
      {
        id: 'm2',
        entity: 'p2',
        report: 'r2',
        org: 'org-b',
        props: { name: ['Pranee Saengthong'], phone: ['+66 86 392 4718'] },
      },
    ];
    const identifiers = [{ kind: 'phone', value: '+66863924718', mentions: ['m1', 'm2'] }];
    expect(evaluateNetworks(evidence(mentions, { identifiers }), DEFAULT_LEAD_RULES).map((n) => n.qualifies)).toEqual([
      true,
    ]);
    const judged = evaluateNetworks(
      evidence(mentions, { identifiers, different: [{ a: 'm1', b: 'm2' }] }),
      DEFAULT_LEAD_RULES,
    );
    expect(judged.map((n) => [n.entityIds, n.qualifies])).toEqual([
      [['p1'], false],
      [['p2'], false],
    ]);
  });

  it('ignores generic identifiers (a hotline typed for everyone)', () => {
    const net = evaluateNetworks(
      evidence(
        [
          {
            id: 'm1',
            entity: 'p1',
            report: 'r1',
            org: 'org-a',
            props: { name: ['Wilaiwan Chaiyaphruek'], phone: ['1300'] },
          },
          {
            id: 'm2',
            entity: 'p2',
            report: 'r2',
            org: 'org-b',
            props: { name: ['Boonlert Phromsawat'], phone: ['1300'] },
          },
        ],
        { identifiers: [{ kind: 'phone', value: '1300', mentions: ['m1', 'm2'], generic: true }] },
      ),
      DEFAULT_LEAD_RULES,
    );
    expect(net.map((n) => n.qualifies)).toEqual([false, false]);
  });

  it('refuses rules that would let a single report through', () => {
    expect(LeadRules.safeParse({ minIndependentReports: 1 }).success).toBe(false);
    expect(LeadRules.parse({ weights: { perpetratorRole: 2 } }).weights.tyingIdentifier.account).toBe(2);
  });
});
