import { displayNameOfNames, leadTitle } from '../../../graph/read/displayName';

describe("a lead's title", () => {
  it('names the person or company it is about, not the account listed first', () => {
    const subjects = [
      { schema: 'BankAccount', displayName: '123-4-56789-0' },
      { schema: 'Company', displayName: 'Golden Lotus Recruitment Co.' },
      { schema: 'Person', displayName: 'Somsak Wongsawat' },
    ];
    expect(leadTitle(subjects, 'lead_1')).toBe('Somsak Wongsawat');
    expect(leadTitle(subjects.slice(0, 2), 'lead_1')).toBe('Golden Lotus Recruitment Co.');
    expect(leadTitle(subjects.slice(0, 1), 'lead_1')).toBe('123-4-56789-0');
    expect(leadTitle([], 'lead_1')).toBe('lead_1');
  });
});

describe('a display name from distinct names', () => {
  it('says what the entity is when none of its names is one', () => {
    expect(displayNameOfNames('Person', ['0891234567', '· ·'])).toBe('Unnamed Person');
    expect(displayNameOfNames('Person', ['0891234567', 'Kyaw Zin Htet'])).toBe('Kyaw Zin Htet');
  });
});
