import { MAX_ROW_CHARS, parseImportCsv } from '../../../src/domain/csvImport';

describe('huge CSV files', () => {
  it('names twenty unknown header cells, counts the rest, and quotes none of them whole', () => {
    const header = [
      'caseRef',
      'country',
      'schema',
      ...Array.from({ length: 20_000 }, (_, i) => `j${i}`),
      'w'.repeat(5000),
    ].join(',');
    const parsed = parseImportCsv(`${header}\nTH-1,TH,Person\n`);
    expect(parsed.reports).toEqual([]);
    expect(parsed.errors).toHaveLength(21);
    expect(parsed.errors[20]).toEqual({
      row: 1,
      message: 'and 19981 more cells of the header are not columns of the import',
    });
    expect(JSON.stringify(parsed.errors).length).toBeLessThan(20_000);
  });

  it('refuses a row longer than any valid row at once, instead of parsing megabytes of one cell', () => {
    const started = Date.now();
    const parsed = parseImportCsv(`caseRef,country,schema,${'z'.repeat(8_000_000)}\nTH-1,TH,Person\n`);
    expect(parsed).toEqual({
      reports: [],
      rows: 0,
      errors: [
        {
          row: 1,
          message:
            `this row is longer than any valid row can be (${MAX_ROW_CHARS} characters); nothing was ` +
            `imported from this file`,
        },
      ],
    });
    // A generous bound: unbounded, this file takes csv-parse tens of seconds.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('still reads a row of the largest valid size', () => {
    const values = Array.from({ length: 20 }, (_, i) => `${i}${'n'.repeat(400)}`).join('|');
    const parsed = parseImportCsv(`caseRef,country,schema,name,alias\nTH-1,TH,Person,${values},${values}\n`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.reports[0]?.input.subjects[0]?.properties.alias).toHaveLength(20);
  });
});
