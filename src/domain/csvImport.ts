import { CsvError, parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { LINK_TYPES, PROPERTIES_BY_SCHEMA, SubjectSchema, type SubjectSchemaName } from './ftm';
import type { ImportedReport, ImportRowError, ParsedImport } from './imports';
import { MAX_VALUE_LENGTH, MAX_VALUES_PER_PROPERTY, ReportInput } from './report';

/**
 * The CSV import format (docs/csv-import.md): one row per subject, rows with the same caseRef form one
 * report. Pure: text in, reports and per-row errors out. Row numbers are the ones a spreadsheet shows
 * (the header is row 1), because that is where a caseworker goes to fix them.
 */

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
/**
 * Separates several values in one cell. Not `;`: spreadsheets set to many European locales save CSV
 * with `;` between cells, and a pipe never appears in a name, number or address.
 */
export const VALUE_SEPARATOR = '|';

const REPORT_COLUMNS = ['caseRef', 'country', 'reportedAt'] as const;
const SUBJECT_COLUMNS = ['ref', 'schema', 'role'] as const;
const LINK_COLUMNS = ['link_type', 'link_to'] as const;
/**
 * Every property the API accepts, except `country`, whose column is the report's country. Taking them
 * all (not only the common ones) keeps Address rows (`full`, `street`) and the rest importable.
 */
export const PROPERTY_COLUMNS: readonly string[] = [...new Set(Object.values(PROPERTIES_BY_SCHEMA).flat())].filter(
  (p) => p !== 'country',
);
export const IMPORT_COLUMNS: readonly string[] = [
  ...REPORT_COLUMNS,
  ...SUBJECT_COLUMNS,
  ...PROPERTY_COLUMNS,
  ...LINK_COLUMNS,
];
const REQUIRED_COLUMNS: readonly string[] = ['caseRef', 'country', 'schema'];
/**
 * The longest row a valid file can have: every column full of values of the longest length. csv-parse
 * slows down more than linearly on a single enormous field, so anything longer is refused at once.
 */
export const MAX_ROW_CHARS = IMPORT_COLUMNS.length * MAX_VALUES_PER_PROPERTY * (MAX_VALUE_LENGTH + 1);
/** Unknown header cells named one by one; a header of thousands of junk cells gets a count for the rest. */
const MAX_UNKNOWN_COLUMNS_NAMED = 20;
/** How much of an unknown header cell an error quotes: enough to find it, never the whole of a junk cell. */
const QUOTED_CELL_CHARS = 100;

/** One data row on its way to becoming a subject; pre-validation problems are already repaired out of it. */
interface DraftRow {
  row: number;
  caseRef: string;
  country: string;
  reportedAt: string;
  subject: { ref: string; schema: string; role?: string; properties: Record<string, string[]> };
  /** Links from this row's subject to other subjects of the case, all of one type. */
  link?: { type: string; to: string[] };
}

/** Collects errors once each, whatever number of validation passes finds them. */
class ErrorSink {
  private readonly seen = new Set<string>();
  readonly list: ImportRowError[] = [];
  readonly failedRows = new Set<number>();

  add(error: ImportRowError): void {
    const key = JSON.stringify([error.row, error.column ?? null, error.message]);
    this.failedRows.add(error.row);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(error.column === undefined ? { row: error.row, message: error.message } : error);
  }
}

const fold = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '');
const COLUMN_BY_FOLDED = new Map(IMPORT_COLUMNS.map((c) => [fold(c), c]));

const isBlank = (record: string[]): boolean => record.every((cell) => cell === '');

/** A column letter as a spreadsheet shows it: 0 -> A, 25 -> Z, 26 -> AA. */
function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const splitValues = (cell: string): string[] =>
  cell
    .split(VALUE_SEPARATOR)
    .map((v) => v.trim())
    .filter((v) => v !== '');

const fileRejected = (error: ImportRowError, rows = 0): ParsedImport => ({ reports: [], errors: [error], rows });

const CSV_SYNTAX_MESSAGES: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell starts here and is never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell has text after its closing quote; inside a quoted cell write a quote as ""',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'a quoted cell has text after its closing quote; inside a quoted cell write a quote as ""',
  INVALID_OPENING_QUOTE: 'a cell has a quote in the middle; quote the whole cell and write the quote as ""',
  CSV_MAX_RECORD_SIZE: `this row is longer than any valid row can be (${MAX_ROW_CHARS} characters)`,
};

function readRecords(text: string): string[][] | ImportRowError {
  try {
    // Blank lines are kept as records so that record i is spreadsheet row i + 1.
    return parse(text, {
      bom: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: MAX_ROW_CHARS,
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // A quoting error leaves no way to tell where the following rows begin, so the whole file is refused
    // rather than importing rows that may be pieces of others.
    const before = typeof err.records === 'number' ? err.records : 0;
    const reason = CSV_SYNTAX_MESSAGES[err.code] ?? 'this row cannot be read as CSV';
    return { row: before + 1, message: `${reason}; nothing was imported from this file` };
  }
}

function readHeader(cells: string[], row: number): { columns: Array<string | undefined>; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  let unknown = 0;
  const columns = cells.map((cell) => {
    if (cell === '') return undefined;
    const column = COLUMN_BY_FOLDED.get(fold(cell));
    if (!column) {
      unknown += 1;
      if (unknown <= MAX_UNKNOWN_COLUMNS_NAMED) {
        const quoted = cell.length > QUOTED_CELL_CHARS ? `${cell.slice(0, QUOTED_CELL_CHARS)}…` : cell;
        errors.push({
          row,
          column: quoted,
          message: `is not a column of the import; the columns are: ${IMPORT_COLUMNS.join(', ')}`,
        });
      }
      return undefined;
    }
    if (seen.has(column))
      errors.push({ row, column, message: 'appears twice in the header; each column may appear once' });
    seen.add(column);
    return column;
  });
  if (unknown > MAX_UNKNOWN_COLUMNS_NAMED)
    errors.push({
      row,
      message: `and ${unknown - MAX_UNKNOWN_COLUMNS_NAMED} more cells of the header are not columns of the import`,
    });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required))
      errors.push({
        row,
        column: required,
        message: `is missing from the header; every file needs the columns ${REQUIRED_COLUMNS.join(', ')}`,
      });
  }
  return { columns, errors };
}

/** The properties a row of this schema may fill in, as import columns. */
const columnsAllowedFor = (schema: SubjectSchemaName): string[] =>
  PROPERTIES_BY_SCHEMA[schema].filter((p) => PROPERTY_COLUMNS.includes(p));

function draftRow(record: string[], row: number, columns: Array<string | undefined>, errors: ErrorSink): DraftRow {
  const cells = new Map<string, string>();
  record.forEach((value, index) => {
    const column = columns[index];
    if (column) cells.set(column, value.trim());
    else if (value !== '')
      errors.add({
        row,
        message: `cell ${columnLetter(index)}${row} holds a value but its column has no name in the header`,
      });
  });
  const cell = (column: string): string => cells.get(column) ?? '';

  const schema = SubjectSchema.safeParse(cell('schema'));
  const properties: Record<string, string[]> = {};
  for (const column of PROPERTY_COLUMNS) {
    const values = splitValues(cell(column));
    if (values.length === 0) continue;
    if (schema.success && !PROPERTIES_BY_SCHEMA[schema.data].includes(column)) {
      errors.add({
        row,
        column,
        message:
          `is not a ${schema.data} column; a ${schema.data} row may ` +
          `fill: ${columnsAllowedFor(schema.data).join(', ')}`,
      });
      continue;
    }
    properties[column] = values;
  }

  const caseRef = cell('caseRef');
  if (caseRef === '')
    errors.add({ row, column: 'caseRef', message: 'must not be empty: rows with the same caseRef form one report' });
  const linkType = cell('link_type');
  const linkTo = splitValues(cell('link_to'));
  if (linkType !== '' && linkTo.length === 0)
    errors.add({
      row,
      column: 'link_to',
      message: 'is empty but link_type is set: give the ref of the subject this row links to',
    });
  if (linkType === '' && linkTo.length > 0)
    errors.add({
      row,
      column: 'link_type',
      message: `is empty but link_to is set: give one of ${LINK_TYPES.join(', ')}`,
    });

  const role = cell('role');
  return {
    row,
    caseRef,
    country: cell('country'),
    reportedAt: cell('reportedAt'),
    subject: { ref: cell('ref') || `row${row}`, schema: cell('schema'), ...(role ? { role } : {}), properties },
    ...(linkType !== '' && linkTo.length > 0 ? { link: { type: linkType, to: linkTo } } : {}),
  };
}

/** Rows of one case must agree on a report-level value; the first row that gives one sets it. */
function agreedValue(rows: DraftRow[], column: 'country' | 'reportedAt', errors: ErrorSink): string {
  const first = rows.find((r) => r[column] !== '');
  if (!first) return '';
  for (const r of rows) {
    if (r[column] !== '' && r[column] !== first[column]) {
      errors.add({
        row: r.row,
        column,
        message:
          `is '${r[column]}' but row ${first.row} of the same case says '${first[column]}': all rows of a ` +
          `case share one ${column}`,
      });
    }
  }
  return first[column];
}

const LINK_FIELD_COLUMNS: Readonly<Record<string, string>> = { type: 'link_type', to: 'link_to', from: 'ref' };

/**
 * The rows a zod issue on the assembled report points at, in the words of the file; report-level issues concern every
 * row.
 */
function locate(
  issue: z.core.$ZodIssue,
  rows: DraftRow[],
  subjectRows: number[],
  linkRows: number[],
): ImportRowError[] {
  const [head, index, field, property] = issue.path;
  const { message } = issue;
  if (head === 'subjects' && typeof index === 'number') {
    // subjects.2.properties.phone.0 is the phone column of subject 2's row; subjects.2.role its role column.
    const column = field === 'properties' ? property : field;
    return [
      {
        row: subjectRows[index]!,
        ...(typeof column === 'string' && IMPORT_COLUMNS.includes(column) ? { column } : {}),
        message,
      },
    ];
  }
  if (head === 'links' && typeof index === 'number')
    return [{ row: linkRows[index]!, column: LINK_FIELD_COLUMNS[String(field)], message }];
  const column = typeof head === 'string' && IMPORT_COLUMNS.includes(head) ? head : undefined;
  return rows.map((r) =>
    column
      ? { row: r.row, column, message }
      : { row: r.row, message: `${issue.path.join('.') || 'report'}: ${message}` },
  );
}

/**
 * Builds and validates the report of one case. Rows with errors are dropped (with the links that point
 * at them) and the rest validated again, until what is left is a valid report or nothing is left: one
 * bad row never costs a caseworker the rest of the case.
 */
function buildReport(caseRef: string, rows: DraftRow[], errors: ErrorSink): ImportedReport | undefined {
  const country = agreedValue(rows, 'country', errors);
  const reportedAt = agreedValue(rows, 'reportedAt', errors);
  const everyRef = new Set(rows.map((r) => r.subject.ref));
  let kept = rows;
  for (;;) {
    const keptRefs = new Set(kept.map((r) => r.subject.ref));
    const linkRows: number[] = [];
    const links = kept.flatMap(({ row, subject, link }) => {
      if (!link) return [];
      // A link to a row that was dropped goes with it; a link to a ref no row has stays, to be reported.
      const targets = link.to.filter((to) => keptRefs.has(to) || !everyRef.has(to));
      linkRows.push(...targets.map(() => row));
      return targets.map((to) => ({ type: link.type, from: subject.ref, to }));
    });
    const result = ReportInput.safeParse({
      caseRef,
      country,
      ...(reportedAt ? { reportedAt } : {}),
      subjects: kept.map((r) => r.subject),
      links,
    });
    if (!result.success) {
      const subjectRows = kept.map((r) => r.row);
      for (const issue of result.error.issues)
        for (const error of locate(issue, kept, subjectRows, linkRows)) errors.add(error);
    }
    const clean = kept.filter((r) => !errors.failedRows.has(r.row));
    if (result.success && clean.length === kept.length)
      return { caseRef, rows: kept.map((r) => r.row), input: result.data };
    if (clean.length === 0) return undefined;
    kept = clean;
  }
}

/** Reads an import file into reports ready for `acceptReport`, and an error for every row that is not. */
export function parseImportCsv(text: string): ParsedImport {
  const records = readRecords(text);
  if (!Array.isArray(records)) return fileRejected(records);

  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0)
    return fileRejected({
      row: 1,
      message: 'the file is empty; its first row names the columns, e.g. caseRef,country,ref,schema,name',
    });
  const data = records
    .map((record, i) => ({ record, row: i + 1 }))
    .filter((r, i) => i > headerIndex && !isBlank(r.record));

  // Bytes a decoder could not read arrive as U+FFFD; importing them would store mangled names for good.
  for (const { record, row } of [{ record: records[headerIndex]!, row: headerIndex + 1 }, ...data]) {
    if (record.some((cell) => cell.includes('\uFFFD'))) {
      return fileRejected(
        {
          row,
          message:
            'this row holds text that is not valid UTF-8; ' +
            'save the file as "CSV UTF-8" and submit it again (nothing was imported)',
        },
        data.length,
      );
    }
  }
  if (data.length === 0) return fileRejected({ row: headerIndex + 2, message: 'the file has a header but no rows' });
  if (data.length > MAX_IMPORT_ROWS) {
    return fileRejected(
      {
        row: data[MAX_IMPORT_ROWS]!.row,
        message:
          `the file has ${data.length} rows; an import takes at most ${MAX_IMPORT_ROWS}: split it into ` +
          `several files (nothing was imported)`,
      },
      data.length,
    );
  }

  const header = readHeader(records[headerIndex]!, headerIndex + 1);
  if (header.errors.length > 0) return { reports: [], errors: header.errors, rows: data.length };

  const errors = new ErrorSink();
  const cases = new Map<string, DraftRow[]>();
  for (const { record, row } of data) {
    const draft = draftRow(record, row, header.columns, errors);
    if (draft.caseRef === '') continue;
    const rows = cases.get(draft.caseRef) ?? [];
    rows.push(draft);
    cases.set(draft.caseRef, rows);
  }
  const reports = [...cases].flatMap(([caseRef, rows]) => buildReport(caseRef, rows, errors) ?? []);
  return { reports, errors: [...errors.list].sort((a, b) => a.row - b.row), rows: data.length };
}
