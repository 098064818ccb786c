import { mentionsOf } from '../../../graph/reports/pipeline';
import type { StoredReport } from '../../../src/domain/report';

const report: StoredReport = {
  id: 'rep_unit_1',
  orgId: 'ngo-a',
  country: 'TH',
  reportedAt: '2024-05-01',
  receivedAt: '2024-05-02T08:00:00.000Z',
  status: 'received',
  error: null,
  revision: 1,
  subjects: [
    { ref: 'c1', schema: 'Company', properties: { name: ['Andaman Pearl Seafood Co., Ltd.'] } },
    { ref: 'a1', schema: 'BankAccount', properties: { accountNumber: ['987-6-54321-0'] } },
    { ref: 'p1', schema: 'Person', properties: { name: ['Wichai Boonmak'] } },
  ],
  links: [{ type: 'Ownership', from: 'c1', to: 'a1' }],
};

describe('the mentions of a report', () => {
  it('carry the subjects each is reported in relation with, in either direction, and nothing for the unrelated', () => {
    const { mentions } = mentionsOf(report);
    const byRef = new Map(mentions.map((m) => [m.ref, m]));
    expect(byRef.get('c1')!.related).toEqual([
      { schema: 'BankAccount', properties: { accountNumber: ['987-6-54321-0'] } },
    ]);
    expect(byRef.get('a1')!.related).toEqual([
      { schema: 'Company', properties: { name: ['Andaman Pearl Seafood Co., Ltd.'] } },
    ]);
    expect(byRef.get('p1')!.related).toBeUndefined();
  });
});
