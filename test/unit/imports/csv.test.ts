import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, parseImportCsv } from '../../../src/domain/csvImport';

// Invented people, companies and numbers from the region; none is real.
const HEADER =
  'caseRef,country,reportedAt,ref,schema,role,name,alias,phone,email,accountNumber,bankName,registrationNumber,' +
  'link_type,link_to';
const file = (...rows: string[]): string => `${[HEADER, ...rows].join('\n')}\n`;

const THAI_CASE = [
  'TH-2024-0101,TH,2024-03-02,p1,Person,RecruiterOrIntermediary,' +
    'Prasert Wongsakul | ประเสริฐ วงศ์สกุล,Sia Sert,089-555-0142,,,,,Ownership,a1',
  'TH-2024-0101,TH,2024-03-02,a1,BankAccount,,,,,,123-4-56789-0,Kasikornbank,,,',
  'TH-2024-0101,TH,2024-03-02,c1,Company,Exploiter,Chao Phraya Manpower Co. Ltd.,,,,,,0105561234567,,',
];
const KHMER_CASE = ['KH-0042,KH,2024-05-19,p1,Person,Transporter,Sokha Chanthou | សុខា ចន្ធូ,,+855 12 555 019,,,,,,'];

describe('reading a CSV import into reports', () => {
  it('makes one report per caseRef from its rows, in the order the cases first appear', () => {
    const parsed = parseImportCsv(file(THAI_CASE[0]!, KHMER_CASE[0]!, THAI_CASE[1]!, THAI_CASE[2]!));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toBe(4);
    expect(parsed.reports.map((r) => [r.caseRef, r.rows])).toEqual([
      ['TH-2024-0101', [2, 4, 5]],
      ['KH-0042', [3]],
    ]);
    expect(parsed.reports[0]!.input).toEqual({
      caseRef: 'TH-2024-0101',
      country: 'TH',
      reportedAt: '2024-03-02',
      subjects: [
        {
          ref: 'p1',
          schema: 'Person',
          role: 'RecruiterOrIntermediary',
          properties: {
            name: ['Prasert Wongsakul', 'ประเสริฐ วงศ์สกุล'],
            alias: ['Sia Sert'],
            phone: ['089-555-0142'],
          },
        },
        {
          ref: 'a1',
          schema: 'BankAccount',
          properties: { accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] },
        },
        {
          ref: 'c1',
          schema: 'Company',
          role: 'Exploiter',
          properties: { name: ['Chao Phraya Manpower Co. Ltd.'], registrationNumber: ['0105561234567'] },
        },
      ],
      links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
    });
  });

  it('splits a cell on | into several values, trimming each and ignoring empty ones', () => {
    const parsed = parseImportCsv(
      file('VN-7,VN,,p1,Person,,Tran Thi Mai Anh|  Trần Thị Mai Anh  | | ,Chi Mai,0912 555 031 | 0988 555 207,,,,,,'),
    );
    expect(parsed.reports[0]!.input.subjects[0]!.properties).toEqual({
      name: ['Tran Thi Mai Anh', 'Trần Thị Mai Anh'],
      alias: ['Chi Mai'],
      phone: ['0912 555 031', '0988 555 207'],
    });
  });

  it('links a row to every ref listed in its link_to, with the one link_type', () => {
    const parsed = parseImportCsv(
      file(
        'MY-3,MY,,p1,Person,Exploiter,Ahmad Faizal bin Rahman,,,,,,,Ownership,a1 | a2',
        'MY-3,MY,,a1,BankAccount,,,,,,5641 2233 9087,Maybank,,,',
        'MY-3,MY,,a2,BankAccount,,,,,,8001 4455 1200,CIMB,,,',
      ),
    );
    expect(parsed.reports[0]!.input.links).toEqual([
      { type: 'Ownership', from: 'p1', to: 'a1' },
      { type: 'Ownership', from: 'p1', to: 'a2' },
    ]);
  });

  it('gives a row without a ref the ref row<N>, and needs no ref column at all', () => {
    const parsed = parseImportCsv(
      'caseRef,country,schema,name\nKH-9,KH,Person,Vannak Pich\nKH-9,KH,Person,Srey Leak Mao\n',
    );
    expect(parsed.reports[0]!.input.subjects.map((s) => s.ref)).toEqual(['row2', 'row3']);
  });

  it('matches header names ignoring case, spaces, underscores and dashes', () => {
    const parsed = parseImportCsv('Case Ref,COUNTRY,Schema,Name,Link-Type,linkto\nTH-5,TH,Person,Kanokwan Srisuk,,\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.reports).toHaveLength(1);
  });

  it('reads a UTF-8 byte order mark, CRLF line ends and a quoted cell spanning lines as one spreadsheet row', () => {
    const text =
      '\ufeffcaseRef,country,schema,name,address\r\nVN-1,VN,Person,"Nguyen Duc Hoang","12 Tran Phu\r\nHoi ' +
      'An"\r\nVN-1,VN,Person,Le Van Tuan,bad|\r\nVN-1,VN,Person,,\r\n';
    const parsed = parseImportCsv(text);
    expect(parsed.reports[0]!.input.subjects[0]!.properties.address).toEqual(['12 Tran Phu\r\nHoi An']);
    // The third spreadsheet row is the Le Van Tuan one; the empty person is row 4.
    expect(parsed.errors).toEqual([
      { row: 4, message: expect.stringContaining('a Person needs at least one of: name') },
    ]);
  });

  it('skips blank rows without counting them, but keeps spreadsheet row numbers', () => {
    const parsed = parseImportCsv(file('', KHMER_CASE[0]!, '', 'KH-0042,KH,2024-05-19,p2,Persn,,Dara Sok,,,,,,,,'));
    expect(parsed.rows).toBe(2);
    expect(parsed.reports[0]!.rows).toEqual([3]);
    expect(parsed.errors).toEqual([{ row: 5, column: 'schema', message: expect.stringContaining('"Person"') }]);
  });

  it('stores values verbatim, formula-like ones included (exports neutralise them)', () => {
    const parsed = parseImportCsv(file('TH-8,TH,,p1,Person,,"=HYPERLINK(""http://x"")",,,,,,,,'));
    expect(parsed.reports[0]!.input.subjects[0]!.properties.name).toEqual(['=HYPERLINK("http://x")']);
  });
});

describe('rows that cannot be imported', () => {
  it('keeps the valid rows of a case and drops the bad ones with the links that point at them', () => {
    const parsed = parseImportCsv(
      file(
        'TH-2024-0101,TH,2024-03-02,p1,Person,RecruiterOrIntermediary,Prasert Wongsakul,,089-555-0142,,,,,Ownership,a1',
        'TH-2024-0101,TH,2024-03-02,a1,BankAccount,Boss,,,,,123-4-56789-0,Kasikornbank,,,',
        'TH-2024-0101,TH,2024-03-02,c1,Company,,Chao Phraya Manpower Co. Ltd.,,,,,,,,',
        KHMER_CASE[0]!,
      ),
    );
    expect(parsed.errors).toEqual([{ row: 3, column: 'role', message: expect.stringContaining('Invalid option') }]);
    expect(parsed.reports.map((r) => r.rows)).toEqual([[2, 4], [5]]);
    expect(parsed.reports[0]!.input.subjects.map((s) => s.ref)).toEqual(['p1', 'c1']);
    expect(parsed.reports[0]!.input.links).toEqual([]);
  });

  it('names a property column the schema does not allow and lists the columns it does', () => {
    const parsed = parseImportCsv(file('TH-4,TH,,a1,BankAccount,,,,081-555-0199,,555-1-00001-2,Bangkok Bank,,,'));
    expect(parsed.errors).toEqual([
      {
        row: 2,
        column: 'phone',
        message: 'is not a BankAccount column; a BankAccount row may fill: accountNumber, iban, bic, bankName',
      },
    ]);
    expect(parsed.reports).toEqual([]);
  });

  it('refuses a row whose country or reportedAt disagrees with the first row of its case', () => {
    const parsed = parseImportCsv(
      file(
        'TH-6,TH,2024-03-02,p1,Person,,Somsak Thongdee,,,,,,,,',
        'TH-6,KH,2024-03-02,p2,Person,,Boonmee Kaewmanee,,,,,,,,',
        'TH-6,,2024-03-09,p3,Person,,Wichai Rattanakul,,,,,,,,',
        'TH-6,,,p4,Person,,Nong Ploy,,,,,,,,',
      ),
    );
    expect(parsed.errors).toEqual([
      {
        row: 3,
        column: 'country',
        message: "is 'KH' but row 2 of the same case says 'TH': all rows of a case share one country",
      },
      {
        row: 4,
        column: 'reportedAt',
        message:
          "is '2024-03-09' but row 2 of the same case says '2024-03-02': all rows of a case share one reportedAt",
      },
    ]);
    expect(parsed.reports[0]!.rows).toEqual([2, 5]);
    expect(parsed.reports[0]!.input).toMatchObject({ country: 'TH', reportedAt: '2024-03-02' });
  });

  it('refuses a row without a caseRef', () => {
    const parsed = parseImportCsv(file(',TH,,p1,Person,,Somsak Thongdee,,,,,,,,'));
    expect(parsed.errors).toEqual([
      { row: 2, column: 'caseRef', message: 'must not be empty: rows with the same caseRef form one report' },
    ]);
  });

  it('refuses half a link: link_type without link_to, or link_to without link_type', () => {
    const parsed = parseImportCsv(
      file(
        'MY-8,MY,,p1,Person,,Siti Noraini binti Ismail,,,,,,,Associate,',
        'MY-8,MY,,p2,Person,,Mohd Hafiz bin Osman,,,,,,,,p1',
      ),
    );
    expect(parsed.errors).toEqual([
      { row: 2, column: 'link_to', message: expect.stringContaining('link_type is set') },
      {
        row: 3,
        column: 'link_type',
        message: expect.stringContaining('Ownership, Directorship, Employment, Associate, UnknownLink'),
      },
    ]);
  });

  it('refuses a link to a ref no row of the case has, and a link type that does not exist', () => {
    const parsed = parseImportCsv(
      file(
        'MY-9,MY,,p1,Person,,Siti Noraini binti Ismail,,,,,,,Associate,p9',
        'MY-9,MY,,p2,Person,,Mohd Hafiz bin Osman,,,,,,,Friendship,p1',
        'MY-9,MY,,p3,Person,,Tan Ah Kow,,,,,,,,',
      ),
    );
    expect(parsed.errors).toEqual([
      { row: 2, column: 'link_to', message: "'p9' is not the ref of a subject in this report" },
      { row: 3, column: 'link_type', message: expect.stringContaining('Invalid option') },
    ]);
    expect(parsed.reports[0]!.rows).toEqual([4]);
  });

  it('maps a problem with one value of a cell to that row and column', () => {
    const parsed = parseImportCsv(
      file(
        `VN-2,VN,,p1,Person,,Pham Van Long,,0912 555 031 | ${'9'.repeat(501)},,,,,,`,
        'VN-2,VN,,p2,Person,,Hoang Thi Lan,,,,,,,,',
      ),
    );
    expect(parsed.errors).toEqual([{ row: 2, column: 'phone', message: 'must be at most 500 characters' }]);
    expect(parsed.reports[0]!.rows).toEqual([3]);
  });

  it('refuses two rows of a case with the same ref, naming the second', () => {
    const parsed = parseImportCsv(
      file('KH-3,KH,,p1,Person,,Sokha Chanthou,,,,,,,,', 'KH-3,KH,,p1,Person,,Vannak Pich,,,,,,,,'),
    );
    expect(parsed.errors).toEqual([
      { row: 3, column: 'ref', message: "duplicate ref 'p1'; each subject needs its own" },
    ]);
  });

  it('refuses a subject with nothing to match on, without naming a column', () => {
    const parsed = parseImportCsv(file('TH-7,TH,,a1,BankAccount,,,,,,,Siam Commercial Bank,,,'));
    expect(parsed.errors).toEqual([{ row: 2, message: 'a BankAccount needs at least one of: accountNumber, iban' }]);
  });

  it('gives a report-level problem to every row of the case, in its column', () => {
    const parsed = parseImportCsv(
      file(
        'KH-5,Cambodia,05/19/2024,p1,Person,,Dara Sok,,,,,,,,',
        'KH-5,,,p2,Person,,Srey Leak Mao,,,,,,,,',
        KHMER_CASE[0]!,
      ),
    );
    expect(parsed.errors).toEqual([
      { row: 2, column: 'country', message: expect.stringContaining('ISO 3166-1 alpha-2') },
      { row: 2, column: 'reportedAt', message: 'must be a date written YYYY-MM-DD' },
      { row: 3, column: 'country', message: expect.stringContaining('ISO 3166-1 alpha-2') },
      { row: 3, column: 'reportedAt', message: 'must be a date written YYYY-MM-DD' },
    ]);
    expect(parsed.reports.map((r) => r.caseRef)).toEqual(['KH-0042']);
  });

  it('refuses every row of a case that has more subjects than a report may hold', () => {
    const rows = Array.from({ length: 201 }, (_, i) => `TH-BIG,TH,,p${i},Person,,Somsak Thongdee ${i},,,,,,,,`);
    const parsed = parseImportCsv(file(...rows, KHMER_CASE[0]!));
    expect(parsed.errors).toHaveLength(201);
    expect(parsed.errors[0]).toEqual({ row: 2, message: 'subjects: must hold at most 200 subjects' });
    expect(parsed.reports.map((r) => r.caseRef)).toEqual(['KH-0042']);
  });

  it('refuses a value in a column the header does not name', () => {
    const parsed = parseImportCsv(
      'caseRef,country,schema,name\nTH-1,TH,Person,Somsak Thongdee,stray\nTH-1,TH,Person,Nong Ploy,\n',
    );
    expect(parsed.errors).toEqual([
      { row: 2, message: 'cell E2 holds a value but its column has no name in the header' },
    ]);
    expect(parsed.reports[0]!.rows).toEqual([3]);
  });
});

describe('files that cannot be imported at all', () => {
  it('refuses an unknown column on row 1, naming it and listing the columns', () => {
    const parsed = parseImportCsv('caseRef,country,schema,name,phnoe\nTH-1,TH,Person,Somsak Thongdee,081\n');
    expect(parsed).toEqual({
      reports: [],
      rows: 1,
      errors: [
        {
          row: 1,
          column: 'phnoe',
          message: `is not a column of the import; the columns are: ${IMPORT_COLUMNS.join(', ')}`,
        },
      ],
    });
    expect(IMPORT_COLUMNS).toEqual(
      expect.arrayContaining([
        'caseRef',
        'country',
        'reportedAt',
        'ref',
        'schema',
        'role',
        'name',
        'alias',
        'birthDate',
        'nationality',
        'phone',
        'email',
        'accountNumber',
        'iban',
        'bic',
        'bankName',
        'registrationNumber',
        'service',
        'username',
        'link_type',
        'link_to',
      ]),
    );
  });

  it('refuses a header that repeats a column or lacks a required one', () => {
    expect(parseImportCsv('caseRef,schema,name,Name\nTH-1,Person,a,b\n').errors).toEqual([
      { row: 1, column: 'name', message: 'appears twice in the header; each column may appear once' },
      {
        row: 1,
        column: 'country',
        message: 'is missing from the header; every file needs the columns caseRef, country, schema',
      },
    ]);
  });

  it('refuses an empty file and a file with only its header', () => {
    expect(parseImportCsv('')).toEqual({
      reports: [],
      rows: 0,
      errors: [{ row: 1, message: expect.stringContaining('the file is empty') }],
    });
    expect(parseImportCsv(' \n\n')).toEqual({
      reports: [],
      rows: 0,
      errors: [{ row: 1, message: expect.stringContaining('the file is empty') }],
    });
    expect(parseImportCsv(`${HEADER}\n`)).toEqual({
      reports: [],
      rows: 0,
      errors: [{ row: 2, message: 'the file has a header but no rows' }],
    });
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows, pointing at the first row over the limit`, () => {
    const row = 'TH-1,TH,,,Person,,Somsak Thongdee,,,,,,,,';
    const parsed = parseImportCsv(file(...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row)));
    expect(parsed).toEqual({
      reports: [],
      rows: MAX_IMPORT_ROWS + 1,
      errors: [{ row: MAX_IMPORT_ROWS + 2, message: expect.stringContaining(`at most ${MAX_IMPORT_ROWS}`) }],
    });
  });

  it('refuses text that was not valid UTF-8, naming the first row that shows it', () => {
    const latin1 = Buffer.from('caseRef,country,schema,name\nVN-1,VN,Person,Hoang\nVN-1,VN,Person,Tr\xe2n\n', 'latin1');
    const parsed = parseImportCsv(new TextDecoder('utf-8').decode(latin1));
    expect(parsed.reports).toEqual([]);
    expect(parsed.errors).toEqual([{ row: 3, message: expect.stringContaining('not valid UTF-8') }]);
  });

  it('refuses broken quoting as a whole, naming the row where it starts', () => {
    const parsed = parseImportCsv(
      'caseRef,country,schema,name\nTH-1,TH,Person,Somsak\nTH-1,TH,Person,"Nong Ploy\nTH-1,TH,Person,Wichai\n',
    );
    expect(parsed).toEqual({
      reports: [],
      rows: 0,
      errors: [{ row: 3, message: expect.stringContaining('never closed') }],
    });
    expect(parseImportCsv('caseRef,country,schema,name\nTH-1,TH,Person,"Somsak" Thongdee\n').errors).toEqual([
      { row: 2, message: expect.stringContaining('after its closing quote') },
    ]);
  });
});

describe('the value rules of a report, row by row', () => {
  const person = (caseRef: string, ref: string, name: string, phone = '', email = '') =>
    `${caseRef},TH,2024-03-02,${ref},Person,,${name},,${phone},${email},,,,,`;

  it('reports each bad value with its row and column and imports the rest of the case', () => {
    const parsed = parseImportCsv(
      file(
        person('TH-V1', 'p1', 'Somchai Jaidee', 'abc'),
        person('TH-V1', 'p2', 'Kanokwan Srisuk', '081-234-5678', 'not-an-email'),
        person('TH-V1', 'p3', '\u200B\u200D'),
        person('TH-V1', 'p4', 'Prasert \u202EWongsakul'),
        person('TH-V1', 'p5', 'Malee Suksan', '0812xxxxxx', 'malee.s@example.co.th'),
      ),
    );
    expect(parsed.errors.map(({ row, column, message }) => [row, column, message.split(/[,;(]/)[0]])).toEqual([
      [2, 'phone', 'must be a phone number valid in TH'],
      [3, 'email', 'must be an e-mail address such as somchai.k@example.co.th '],
      [4, 'name', 'must hold visible characters'],
      [5, 'name', 'must not hold bidirectional override or isolate characters '],
    ]);
    expect(parsed.reports.map((r) => r.rows)).toEqual([[6]]);
  });

  it('refuses every row of a case whose reportedAt is not plausible, in its column', () => {
    const parsed = parseImportCsv(file('TH-V2,TH,9999-01-01,p1,Person,,Somchai Jaidee,,,,,,,,', KHMER_CASE[0]!));
    expect(parsed.errors).toEqual([
      { row: 2, column: 'reportedAt', message: expect.stringMatching(/^must be a date between 1970-01-01 and /) },
    ]);
    expect(parsed.reports.map((r) => r.caseRef)).toEqual(['KH-0042']);
  });
});
