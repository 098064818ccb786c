import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { leadsCsv } from '../../../graph/exports/csv';
import { subjectEntity } from '../../../graph/exports/ftm';
import { LEADS_CSV_COLUMNS, type LeadsCsvRow } from '../../../src/domain/leads';
import { textProblem } from '../../../src/domain/validation/text';

// Invented values; control and bidi characters as a report stored before validation could hold them.
const UNSAFE = fc.constantFrom('\u0000', '\u001b[31m', '\u202E', '\u2066', '\u0085', '\uFFFE', '\r\n', '\t');
const hostile = fc.tuple(fc.string(), UNSAFE, fc.string()).map(([a, u, b]) => a + u + b);

describe('values stored before validation, on their way to a bank', () => {
  it('reach leads.csv without control, bidi or non-characters, and never as a formula', () => {
    const row = fc.record(
      Object.fromEntries(LEADS_CSV_COLUMNS.map((c) => [c, hostile])) as Record<
        (typeof LEADS_CSV_COLUMNS)[number],
        fc.Arbitrary<string>
      >,
    );
    fc.assert(
      fc.property(row, (cells) => {
        const [read] = parse(leadsCsv([cells as LeadsCsvRow]), { columns: true }) as Array<Record<string, string>>;
        for (const cell of Object.values(read!)) {
          expect(textProblem(cell)).toBeUndefined();
          expect(cell).not.toMatch(/^[\s]*[=+\-@]/u);
        }
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('reach the FtM entities without them, the visible text kept', () => {
    const entity = subjectEntity('ent_1', 'Person', [
      { schema: 'Person', properties: { name: ['Som\u202Echai\u0000 Jaidee'], alias: ['\u001b[2JSia Sert'] } },
    ]);
    expect(entity.properties).toMatchObject({ name: ['Somchai Jaidee'], alias: ['[2JSia Sert'] });
  });
});
