/**
 * The lead scenario of the typology tests: a recruiter directs a spa company whose account she also
 * holds, reported in Thailand and in Cambodia. It shows three typologies of FinCEN FIN-2020-A008: a
 * front company, exploitative employment practices (a recruiter) and a funnel account (reports from
 * two countries). Invented names and numbers only.
 */
export function spaReports(caseRefPrefix: string) {
  const recruiter = { ref: 'p1', schema: 'Person', role: 'RecruiterOrIntermediary' };
  const account = { ref: 'a1', schema: 'BankAccount', properties: { accountNumber: ['408-1-27735-9'] } };
  const th = {
    caseRef: `${caseRefPrefix}-1`,
    country: 'TH',
    reportedAt: '2025-03-04',
    subjects: [
      { ...recruiter, properties: { name: ['Sunisa Wongsakul'], phone: ['084-615-2093'] } },
      {
        ref: 'c1',
        schema: 'Company',
        properties: { name: ['Golden Lotus Spa Co., Ltd.'], registrationNumber: ['0105560098113'] },
      },
      { ...account, properties: { ...account.properties, bankName: ['Siam Commercial Bank'] } },
    ],
    links: [
      { type: 'Directorship', from: 'p1', to: 'c1' },
      { type: 'Ownership', from: 'c1', to: 'a1' },
    ],
  };
  const kh = {
    caseRef: `${caseRefPrefix}-2`,
    country: 'KH',
    reportedAt: '2025-04-11',
    subjects: [{ ...recruiter, properties: { name: ['Sunisa'], phone: ['+66 84 615 2093'] } }, account],
    links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
  };
  return { th, kh };
}

/** The typologies the spa's lead shows, as the API and the manifest give them. */
export const SPA_TYPOLOGIES = [
  {
    id: 'front_company',
    name: 'Front companies',
    indicator: 'a company holds bank account ·7359 and is tied to 1 person by directorship',
  },
  {
    id: 'exploitative_employment',
    name: 'Exploitative employment practices',
    indicator: '1 subject reported as recruiter or intermediary',
  },
  {
    id: 'funnel_account',
    name: 'Funnel accounts',
    indicator: 'bank account ·7359 is tied to 2 reports from 2 countries',
  },
];
