import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { leadsCsv, neutraliseCell } from '../../../graph/exports/csv';
import { LEADS_CSV_COLUMNS, type LeadsCsvRow } from '../../../src/domain/leads';

/** What spreadsheets (Excel, LibreOffice, Google Sheets) read as the start of a formula, written out independently. */
const RUNS_AS_FORMULA = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u3000', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

/** Strings built to start like formulas, and any strings at all. */
const cellText = fc.oneof(
  fc
    .tuple(fc.array(fc.constantFrom(...TRIGGERS), { minLength: 1, maxLength: 4 }), fc.string())
    .map(([lead, rest]) => lead.join('') + rest),
  fc.string({ unit: 'binary' }),
);

describe('CSV formula injection in the files Lantern writes', () => {
  it('neutralises formulas behind leading spaces and in full-width forms too', () => {
    expect([' =1+1', '\u3000=1', '\uFF1D1+1', '\uFF20SUM(A1)', '\n=1', '  -2'].map(neutraliseCell)).toEqual([
      "' =1+1",
      "'\u3000=1",
      "'\uFF1D1+1",
      "'\uFF20SUM(A1)",
      "'\n=1",
      "'  -2",
    ]);
    expect(['Somchai', '0812345678', 'a=b', 'Co., Ltd. - Bangkok'].map(neutraliseCell)).toEqual([
      'Somchai',
      '0812345678',
      'a=b',
      'Co., Ltd. - Bangkok',
    ]);
  });

  it('leaves no cell a spreadsheet would run, and loses no character of any cell', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const cell = neutraliseCell(text);
        expect(RUNS_AS_FORMULA.test(cell)).toBe(false);
        expect(cell === text || cell === `'${text}`).toBe(true);
      }),
      { numRuns: 2000, seed: 808 },
    );
  });

  it('writes leads.csv so that every column of every row, read back, starts safely', () => {
    const row = fc.record(
      Object.fromEntries(LEADS_CSV_COLUMNS.map((c) => [c, cellText])) as Record<
        (typeof LEADS_CSV_COLUMNS)[number],
        fc.Arbitrary<string>
      >,
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const read = parse(leadsCsv(rows as LeadsCsvRow[]), { columns: true, relax_quotes: false }) as Array<
          Record<string, string>
        >;
        expect(read).toHaveLength(rows.length);
        for (const cells of read)
          for (const cell of Object.values(cells)) expect(RUNS_AS_FORMULA.test(cell)).toBe(false);
      }),
      { numRuns: 300, seed: 808 },
    );
  });
});
