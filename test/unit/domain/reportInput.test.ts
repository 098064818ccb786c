import { ReportInput, StoredReport } from '../../../src/domain/report';

const valid = () => ({
  caseRef: 'TH-2024-0101',
  country: 'TH',
  reportedAt: '2024-03-02',
  notes: 'free text, analysts only',
  subjects: [
    {
      ref: 'p1',
      schema: 'Person',
      role: 'Exploiter',
      properties: { name: ['Somchai Jaidee'], phone: ['081-234-5678'] },
    },
    { ref: 'a1', schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] } },
  ],
  links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
});

function issuesOf(input: unknown) {
  const result = ReportInput.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('the report a caseworker submits', () => {
  it('accepts the documented example', () => {
    expect(issuesOf(valid())).toEqual([]);
  });

  it('names a property that does not belong to the schema and lists the allowed ones', () => {
    const input = valid();
    (input.subjects[1]!.properties as unknown as Record<string, string[]>).phone = ['081'];
    expect(issuesOf(input)).toEqual([
      {
        path: 'subjects.1.properties.phone',
        message: 'is not a BankAccount property; allowed: accountNumber, iban, bic, bankName, country',
      },
    ]);
  });

  it('refuses a country that is not an ISO 3166-1 alpha-2 code', () => {
    expect(issuesOf({ ...valid(), country: 'Thailand' })[0]).toMatchObject({
      path: 'country',
      message: expect.stringMatching(/ISO 3166-1 alpha-2/),
    });
  });

  it('refuses a role outside HTCDS per_RoleInProcess', () => {
    const input = valid();
    (input.subjects[0] as { role: string }).role = 'Boss';
    expect(issuesOf(input)[0]!.path).toBe('subjects.0.role');
  });

  it('refuses a link to a ref that no subject has', () => {
    const input = valid();
    input.links[0]!.to = 'nobody';
    expect(issuesOf(input)).toEqual([
      { path: 'links.0.to', message: "'nobody' is not the ref of a subject in this report" },
    ]);
  });

  it('refuses two subjects with the same ref', () => {
    const input = valid();
    input.subjects[1]!.ref = 'p1';
    expect(issuesOf(input).map((i) => i.path)).toContain('subjects.1.ref');
  });

  it('refuses a subject with nothing to match on', () => {
    const input = valid();
    input.subjects[1]!.properties = { bankName: ['Kasikornbank'] } as never;
    expect(issuesOf(input)).toEqual([
      { path: 'subjects.1.properties', message: 'a BankAccount needs at least one of: accountNumber, iban' },
    ]);
  });

  it('refuses blank values and unknown top-level fields', () => {
    const input = { ...valid(), victimName: 'x' };
    input.subjects[0]!.properties.name = ['   '];
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['subjects.0.properties.name.0', '']));
  });

  it('reports an empty case reference once, as empty, not also as invisible', () => {
    expect(issuesOf({ ...valid(), caseRef: '   ' })).toEqual([{ path: 'caseRef', message: 'must not be empty' }]);
  });

  it('refuses a reportedAt that is not YYYY-MM-DD', () => {
    expect(issuesOf({ ...valid(), reportedAt: '02/03/2024' })[0]!.path).toBe('reportedAt');
  });
});

describe('the values of a report', () => {
  it('names each bad value with its path, all at once', () => {
    const input = valid();
    Object.assign(input.subjects[0]!.properties, {
      phone: ['abc'],
      email: ['not-an-email'],
      birthDate: ['1990-02-31'],
      alias: ['\u200B'],
    });
    expect(issuesOf({ ...input, reportedAt: '0000-01-01', caseRef: 'TH\u202E-1' }).map((i) => i.path)).toEqual([
      'caseRef',
      'reportedAt',
      'subjects.0.properties.phone.0',
      'subjects.0.properties.email.0',
      'subjects.0.properties.birthDate.0',
      'subjects.0.properties.alias.0',
    ]);
  });

  it('reads phones against the country of the report', () => {
    const input = { ...valid(), country: 'KH' };
    expect(issuesOf(input)).toEqual([
      { path: 'subjects.0.properties.phone.0', message: expect.stringContaining('valid in KH, e.g. +855') },
    ]);
  });

  it('refuses a __proto__ property instead of dropping it', () => {
    const body = JSON.stringify(valid()).replace('"name":', '"__proto__":["x"],"name":');
    expect(issuesOf(JSON.parse(body))).toEqual([
      { path: 'subjects.0.properties.__proto__', message: expect.stringContaining('is not a property') },
    ]);
  });

  it('keeps line breaks in notes and addresses, refuses them in names', () => {
    const input = { ...valid(), notes: 'met at the border\nsecond visit' };
    input.subjects[0]!.properties = { name: ['Somchai\nJaidee'], address: ['12 Soi 4\nBangkok'] } as never;
    expect(issuesOf(input)).toEqual([
      { path: 'subjects.0.properties.name.0', message: expect.stringContaining('control characters') },
    ]);
  });
});

describe('a report read back from the store', () => {
  it('is not held to value rules made after it was accepted', () => {
    const stored = {
      id: 'r1',
      orgId: 'o1',
      country: 'TH',
      reportedAt: null,
      receivedAt: '2024-03-02T00:00:00Z',
      status: 'received',
      error: null,
      revision: 1,
      subjects: [{ ref: 'p1', schema: 'Person', properties: { name: ['Som\u202Echai'], phone: ['abc'] } }],
      links: [],
    };
    expect(StoredReport.safeParse(stored).success).toBe(true);
  });
});

describe('a report whose country is refused', () => {
  it('is not also refused for phones that cannot be read without a country', () => {
    expect(issuesOf({ ...valid(), country: 'Vietnam' }).map((i) => i.path)).toEqual(['country']);
  });
});
