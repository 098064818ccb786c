import { z } from 'zod';
import type { LinkTypeName, SubjectSchemaName } from './ftm';
import type { NetworkEvaluation, SubjectEvaluation } from './leads';

/*
 * The money-laundering typologies of FinCEN's advisory FIN-2020-A008 on human trafficking (which
 * supplements FIN-2014-A008), as data: each row names one, says in words what in this lead shows it,
 * and tests the network as the lead rules evaluated it. A lead shows none, one or several; there is no
 * catch-all, because a bank files on the typology it was told of. docs/leads.md "Typologies" gives
 * each indicator and why.
 */

export const TYPOLOGY_IDS = [
  'front_company',
  'exploitative_employment',
  'funnel_account',
  'alternative_payment',
] as const;
export const TypologyId = z.enum(TYPOLOGY_IDS);
export type TypologyId = z.infer<typeof TypologyId>;

export const TypologyMatch = z.object({
  id: TypologyId,
  name: z.string().describe("the typology's name in FinCEN advisory FIN-2020-A008"),
  indicator: z.string().describe('what in this lead shows it, in words (accounts by their last four characters only)'),
});
export type TypologyMatch = z.infer<typeof TypologyMatch>;

/**
 * What FinCEN asks filers to write in SAR field 2 (Filing Institution Note to FinCEN) and in the narrative
 * of a SAR that relates to the advisory, besides ticking SAR field 38(h), human trafficking.
 */
export const SAR_KEY_TERM = 'HUMAN TRAFFICKING FIN-2020-A008';
export const SAR_GUIDANCE =
  'FinCEN advisory FIN-2020-A008 asks filers to include this key term in SAR field 2 (Filing Institution Note ' +
  'to FinCEN) and in the narrative, and to select SAR field 38(h) (human trafficking)';

/** A network as the rules evaluated it, before the typologies are read from it. */
export type EvaluatedNetwork = Omit<NetworkEvaluation, 'typologies'>;

export interface Typology {
  id: TypologyId;
  name: string;
  /** The typology as shown by this network, or undefined when the network does not show it. */
  match(network: EvaluatedNetwork): TypologyMatch | undefined;
}

/**
 * One row of the list: `test` finds each fact that shows the typology (a company, an account, a
 * channel), `indicator` puts one fact in words; no fact, no match.
 */
function typology<F>(row: {
  id: TypologyId;
  name: string;
  test: (network: EvaluatedNetwork) => F[];
  indicator: (fact: F) => string;
}): Typology {
  return {
    id: row.id,
    name: row.name,
    match(network) {
      const facts = row.test(network);
      return facts.length === 0
        ? undefined
        : { id: row.id, name: row.name, indicator: facts.map(row.indicator).join('; ') };
    },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const words = (list: readonly string[]) =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;

const COMPANY_SCHEMAS: readonly SubjectSchemaName[] = ['Company', 'Organization'];
const ACCOUNT_KINDS = ['iban', 'account'] as const;

/** An account by kind and its last four characters: enough to point at it, in a sentence a SAR may quote. */
function accountLabel(subject: SubjectEvaluation): string | undefined {
  const id = ACCOUNT_KINDS.map((kind) => subject.identifiers.find((i) => i.kind === kind)).find((i) => i);
  return id && `${id.kind === 'iban' ? 'IBAN' : 'bank account'} ·${id.value.slice(-4)}`;
}

/** The subjects linked to `entityId` by one of `types`, in either direction. */
function linked(network: EvaluatedNetwork, entityId: string, types: readonly LinkTypeName[]): SubjectEvaluation[] {
  const ids = new Set(
    network.links
      .filter((l) => types.includes(l.type) && (l.from === entityId || l.to === entityId))
      .map((l) => (l.from === entityId ? l.to : l.from)),
  );
  return network.subjects.filter((s) => ids.has(s.entityId));
}

const linkTypesBetween = (network: EvaluatedNetwork, a: string, b: readonly string[]) =>
  [
    ...new Set(
      network.links
        .filter((l) => (l.from === a && b.includes(l.to)) || (l.to === a && b.includes(l.from)))
        .map((l) => l.type.toLowerCase()),
    ),
  ].sort();

const PERSON_TIES: readonly LinkTypeName[] = ['Ownership', 'Directorship', 'Employment'];

const frontCompany = typology({
  id: 'front_company',
  name: 'Front companies',
  test: (network) =>
    network.subjects
      .filter((s) => COMPANY_SCHEMAS.includes(s.schema))
      .flatMap((company) => {
        const people = linked(network, company.entityId, PERSON_TIES).filter((s) => s.schema === 'Person');
        const accounts = linked(network, company.entityId, ['Ownership'])
          .filter((s) => s.schema === 'BankAccount')
          .map((s) => accountLabel(s) ?? 'an account');
        if (people.length === 0 || accounts.length === 0) return [];
        const ties = linkTypesBetween(
          network,
          company.entityId,
          people.map((p) => p.entityId),
        ).filter((t) => PERSON_TIES.some((p) => p.toLowerCase() === t));
        return [{ schema: company.schema, accounts: accounts.sort(), people: people.length, ties }];
      }),
  indicator: (f) =>
    `${f.schema === 'Company' ? 'a company' : 'an organisation'} holds ${words(f.accounts)} and is tied to ` +
    `${plural(f.people, 'person', 'people')} by ${words(f.ties)}`,
});

/** Roles that recruit or place workers: where debt bondage and recruitment fees begin. */
const RECRUITER_ROLES: ReadonlyMap<string, string> = new Map([
  ['RecruiterOrIntermediary', 'recruiter or intermediary'],
  ['BrokerTravelAgent', 'broker or travel agent'],
]);

const exploitativeEmployment = typology({
  id: 'exploitative_employment',
  name: 'Exploitative employment practices',
  test: (network) => {
    const employment = network.links.filter((l) => l.type === 'Employment').length;
    const recruiters = network.subjects.filter((s) => s.roles.some((r) => RECRUITER_ROLES.has(r)));
    const roles = [...new Set(recruiters.flatMap((s) => s.roles.flatMap((r) => RECRUITER_ROLES.get(r) ?? [])))].sort();
    return [
      ...(employment > 0 ? [`${plural(employment, 'employment link')} between the subjects`] : []),
      ...(recruiters.length > 0
        ? [`${plural(recruiters.length, 'subject')} reported as ${roles.join(' or as ')}`]
        : []),
    ];
  },
  indicator: (sentence) => sentence,
});

/** When an account counts as a funnel: what several means (FinCEN: many depositors, another place). */
const FUNNEL = { reports: 3, countries: 2, people: 2 } as const;

const funnelAccount = typology({
  id: 'funnel_account',
  name: 'Funnel accounts',
  test: (network) =>
    network.subjects.flatMap((account) => {
      const label = account.schema === 'BankAccount' ? accountLabel(account) : undefined;
      if (!label) return [];
      const people = linked(network, account.entityId, ['Ownership', 'UnknownLink']).filter(
        (s) => s.schema === 'Person',
      ).length;
      const { independentReports: reports } = account;
      const countries = account.reportCountries.length;
      const funnel = reports >= FUNNEL.reports || countries >= FUNNEL.countries || people >= FUNNEL.people;
      return funnel ? [{ label, reports, countries, people }] : [];
    }),
  indicator: (f) =>
    `${f.label} is tied to ${plural(f.reports, 'report')}` +
    `${f.countries > 0 ? ` from ${plural(f.countries, 'country', 'countries')}` : ''}` +
    `${f.people >= FUNNEL.people ? ` and to ${f.people} people` : ''}`,
});

type Channel = 'payment app' | 'money transfer service' | 'prepaid card' | 'virtual currency';

/**
 * Payment apps, e-wallets, money transfer services and virtual-currency platforms used in the region and
 * beyond, in lower-case words; a provider matches when its words appear in a record's service or bank
 * name in a row ("TrueMoney Wallet" is TrueMoney, "Wisely Bank" is not Wise).
 */
const CHANNELS: ReadonlyArray<readonly [Channel, readonly string[]]> = [
  [
    'payment app',
    [
      'promptpay',
      'truemoney',
      'true money',
      'rabbit line pay',
      'line pay',
      'gcash',
      'maya',
      'paymaya',
      'grabpay',
      'shopeepay',
      'touch n go',
      'tng',
      'boost',
      'dana',
      'ovo',
      'gopay',
      'momo',
      'zalopay',
      'viettelpay',
      'viettel money',
      'wing',
      'pi pay',
      'kbzpay',
      'kbz pay',
      'wavepay',
      'wave money',
      'alipay',
      'wechat pay',
      'wechatpay',
      'paypal',
      'venmo',
      'cash app',
      'cashapp',
      'zelle',
      'paytm',
      'phonepe',
      'bkash',
      'easypaisa',
      'jazzcash',
      'm pesa',
      'mpesa',
      'revolut',
      'e wallet',
      'ewallet',
    ],
  ],
  [
    'money transfer service',
    [
      'western union',
      'moneygram',
      'ria',
      'wise',
      'transferwise',
      'remitly',
      'worldremit',
      'xoom',
      'skrill',
      'neteller',
      'payoneer',
    ],
  ],
  ['prepaid card', ['prepaid', 'pre paid', 'gift card']],
  ['virtual currency', ['binance', 'coinbase', 'bitcoin', 'usdt', 'tether', 'crypto']],
];

const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function channelOf(provider: string): Channel | undefined {
  const have = ` ${tokens(provider).join(' ')} `;
  return CHANNELS.find(([, names]) => names.some((name) => have.includes(` ${name} `)))?.[0];
}

const alternativePayment = typology({
  id: 'alternative_payment',
  name: 'Alternative payment methods',
  test: (network) =>
    network.subjects
      .filter((s) => s.schema === 'UserAccount' || s.schema === 'BankAccount')
      .flatMap((s) =>
        s.providers.flatMap((provider) => {
          const channel = channelOf(provider);
          return channel ? [{ handle: s.schema === 'UserAccount', provider, channel }] : [];
        }),
      ),
  indicator: (f) => `${f.handle ? 'a handle on' : 'an account at'} ${f.provider} (${f.channel})`,
});

/** The typologies in the order of the advisory. */
export const TYPOLOGIES: readonly Typology[] = [
  frontCompany,
  exploitativeEmployment,
  funnelAccount,
  alternativePayment,
];

/** Every typology the network shows, in the order of the list. */
export function typologiesOf(network: EvaluatedNetwork): TypologyMatch[] {
  return TYPOLOGIES.flatMap((t) => t.match(network) ?? []);
}
