import fc from 'fast-check';
import { type EvidenceMention, evaluateNetworks, type NeighbourhoodEvidence } from '../../../graph/leads/rules';
import type { LinkTypeName, SubjectSchemaName } from '../../../src/domain/ftm';
import { DEFAULT_LEAD_RULES, type SubjectEvaluation } from '../../../src/domain/leads';
import { type EvaluatedNetwork, TYPOLOGIES, TYPOLOGY_IDS, typologiesOf } from '../../../src/domain/typologies';

/*
 * The typologies of FinCEN advisory FIN-2020-A008, each tested on networks written by hand, then once
 * through the lead rules from evidence. Invented names and numbers only.
 */

const subject = (entityId: string, schema: SubjectSchemaName, over: Partial<SubjectEvaluation> = {}) => ({
  entityId,
  schema,
  names: [entityId],
  mentionIds: [`men_${entityId}`],
  independentReports: 2,
  organisations: 1,
  roles: [],
  identifiers: [],
  strongestIdentifier: null,
  firstSeen: null,
  lastSeen: null,
  reportCountries: ['TH'],
  providers: [],
  ...over,
});

const account = (entityId: string, number: string, over: Partial<SubjectEvaluation> = {}) =>
  subject(entityId, 'BankAccount', { identifiers: [{ kind: 'account', value: number }], ...over });

function network(subjects: SubjectEvaluation[], links: Array<[LinkTypeName, string, string]> = []): EvaluatedNetwork {
  return {
    entityIds: subjects.map((s) => s.entityId),
    subjects,
    links: links.map(([type, from, to]) => ({ type, from, to })),
    qualifies: true,
    score: 3,
    reasons: [],
    shortfalls: [],
    evidence: {
      independentReports: 2,
      organisations: 1,
      reportIds: [],
      tyingIdentifiers: [],
      heldIdentifiers: [],
      analystConfirmedTies: 0,
      nameTies: 0,
      commonNameTiesIgnored: 0,
      roles: [],
      firstSeen: null,
      lastSeen: null,
      unlistedEntities: 0,
    },
    points: [],
  };
}

const indicatorsOf = (n: EvaluatedNetwork) => Object.fromEntries(typologiesOf(n).map((t) => [t.id, t.indicator]));

describe('front companies', () => {
  it('are companies tied to people by ownership, directorship or employment that hold an account themselves', () => {
    const net = network(
      [subject('p1', 'Person'), subject('c1', 'Company'), account('a1', '1740583216')],
      [
        ['Directorship', 'p1', 'c1'],
        ['Ownership', 'c1', 'a1'],
      ],
    );
    expect(indicatorsOf(net)).toEqual({
      front_company: 'a company holds bank account ·3216 and is tied to 1 person by directorship',
    });
  });

  it('are not shown by a company whose director holds the account in her own name', () => {
    const net = network(
      [subject('p1', 'Person'), subject('c1', 'Company'), account('a1', '1740583216')],
      [
        ['Directorship', 'p1', 'c1'],
        ['Ownership', 'p1', 'a1'],
      ],
    );
    expect(typologiesOf(net)).toEqual([]);
  });
});

describe('exploitative employment practices', () => {
  it('are shown by an employment link between subjects and by recruiter or broker roles', () => {
    const net = network(
      [
        subject('c1', 'Company'),
        subject('p1', 'Person', { roles: ['RecruiterOrIntermediary', 'Exploiter'] }),
        subject('p2', 'Person', { roles: ['BrokerTravelAgent'] }),
      ],
      [['Employment', 'c1', 'p1']],
    );
    expect(indicatorsOf(net)).toEqual({
      exploitative_employment:
        '1 employment link between the subjects; 2 subjects reported as broker or travel agent or as recruiter or ' +
        'intermediary',
    });
  });

  it('are not shown by exploiters and directors alone', () => {
    const net = network(
      [subject('c1', 'Company'), subject('p1', 'Person', { roles: ['Exploiter', 'Transporter'] })],
      [['Directorship', 'p1', 'c1']],
    );
    expect(typologiesOf(net)).toEqual([]);
  });
});

describe('funnel accounts', () => {
  it('are accounts tied to three reports, or to reports from two countries, or to two people', () => {
    expect(indicatorsOf(network([account('a1', '20327741584821', { independentReports: 3 })]))).toEqual({
      funnel_account: 'bank account ·4821 is tied to 3 reports from 1 country',
    });
    expect(indicatorsOf(network([account('a1', '4821', { reportCountries: ['KH', 'TH'] })]))).toEqual({
      funnel_account: 'bank account ·4821 is tied to 2 reports from 2 countries',
    });
    const iban = subject('a1', 'BankAccount', { identifiers: [{ kind: 'iban', value: 'DE89370400440532013000' }] });
    const shared = network(
      [iban, subject('p1', 'Person'), subject('p2', 'Person')],
      [
        ['Ownership', 'p1', 'a1'],
        ['Ownership', 'p2', 'a1'],
      ],
    );
    expect(indicatorsOf(shared)).toEqual({
      funnel_account: 'IBAN ·3000 is tied to 2 reports from 1 country and to 2 people',
    });
  });

  it('are not an account that two reports from one country name for one person', () => {
    const net = network([account('a1', '1740583216'), subject('p1', 'Person')], [['Ownership', 'p1', 'a1']]);
    expect(typologiesOf(net)).toEqual([]);
  });
});

describe('alternative payment methods', () => {
  it('are handles on payment apps and accounts at money transfer services, prepaid cards and exchanges', () => {
    const net = network([
      subject('u1', 'UserAccount', { providers: ['TrueMoney Wallet'] }),
      account('a1', '774120', { providers: ['Western Union'] }),
      account('a2', '990031', { providers: ['Prepaid Visa'] }),
      subject('u2', 'UserAccount', { providers: ['Binance'] }),
    ]);
    expect(indicatorsOf(net)).toEqual({
      alternative_payment:
        'a handle on TrueMoney Wallet (payment app); an account at Western Union (money transfer service); an ' +
        'account at Prepaid Visa (prepaid card); a handle on Binance (virtual currency)',
    });
  });

  it('are not banks, messaging apps, nor a bank whose name merely starts like a provider', () => {
    const net = network([
      account('a1', '774120', { providers: ['Kasikornbank'] }),
      account('a2', '774121', { providers: ['Wisely Bank'] }),
      subject('u1', 'UserAccount', { providers: ['Telegram', 'LINE'] }),
    ]);
    expect(typologiesOf(net)).toEqual([]);
  });
});

describe('the list of typologies', () => {
  it('has one row per typology of the advisory, in its order', () => {
    expect(TYPOLOGIES.map((t) => [t.id, t.name])).toEqual([
      ['front_company', 'Front companies'],
      ['exploitative_employment', 'Exploitative employment practices'],
      ['funnel_account', 'Funnel accounts'],
      ['alternative_payment', 'Alternative payment methods'],
    ]);
    expect(TYPOLOGIES.map((t) => t.id)).toEqual([...TYPOLOGY_IDS]);
  });

  it('gives a network that shows none of them no typology at all, whatever its people and accounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9]{6,18}$/), { maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (numbers, people) => {
          const accounts = numbers.map((n, i) => account(`a${i}`, n, { providers: ['Bangkok Bank'] }));
          const persons = Array.from({ length: people }, (_, i) =>
            subject(`p${i}`, 'Person', { roles: ['Exploiter'] }),
          );
          const links = accounts.map((a, i): [LinkTypeName, string, string] => ['Ownership', `p${i}`, a.entityId]);
          const owned = links.filter(([, from]) => persons.some((p) => p.entityId === from));
          expect(typologiesOf(network([...persons, ...accounts], owned))).toEqual([]);
        },
      ),
    );
  });

  it('never writes more of an account number than its last four characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{5,20}$/), fc.integer({ min: 3, max: 9 }), (number, reports) => {
        const [funnel] = typologiesOf(network([account('a1', number, { independentReports: reports })]));
        expect(funnel?.indicator).toContain(`·${number.slice(-4)} `);
        expect(funnel?.indicator).not.toContain(number.slice(-5));
      }),
    );
  });
});

describe('typologies through the lead rules', () => {
  it('are stored on the evaluation from what the reports say: countries of the reports, the bank named', () => {
    const mention = (
      id: string,
      entity: string,
      report: string,
      country: string,
      schema: SubjectSchemaName,
    ): EvidenceMention => ({
      id,
      entityId: entity,
      reportId: `rep_${report}`,
      caseKey: `case-${report}`,
      org: `org-${report}`,
      country,
      schema,
      role: schema === 'Person' ? 'Exploiter' : null,
      reportedAt: '2024-05-01',
      names: [],
      record:
        schema === 'Person'
          ? { schema, properties: { name: ['Thida Kyaw Win'] } }
          : { schema, properties: { accountNumber: ['0918-3364-4821'], bankName: ['TrueMoney'] } },
    });
    const evidence: NeighbourhoodEvidence = {
      entities: [
        { id: 'acct', schema: 'BankAccount' },
        { id: 'thida', schema: 'Person' },
      ],
      mentions: [
        mention('m1', 'acct', 'r1', 'TH', 'BankAccount'),
        mention('m2', 'acct', 'r2', 'MM', 'BankAccount'),
        mention('m3', 'thida', 'r1', 'TH', 'Person'),
      ],
      identifiers: [
        {
          key: 'account:091833644821',
          kind: 'account',
          value: '091833644821',
          generic: false,
          mentionIds: ['m1', 'm2'],
        },
      ],
      ties: [],
      different: [],
      relations: [{ type: 'Ownership', from: 'thida', to: 'acct' }],
    };
    const [net] = evaluateNetworks(evidence, DEFAULT_LEAD_RULES);
    expect(net?.qualifies).toBe(true);
    expect(net?.subjects.find((s) => s.entityId === 'acct')).toMatchObject({
      reportCountries: ['MM', 'TH'],
      providers: ['TrueMoney'],
    });
    expect(net?.typologies).toEqual([
      {
        id: 'funnel_account',
        name: 'Funnel accounts',
        indicator: 'bank account ·4821 is tied to 2 reports from 2 countries',
      },
      {
        id: 'alternative_payment',
        name: 'Alternative payment methods',
        indicator: 'an account at TrueMoney (payment app)',
      },
    ]);
  });
});
