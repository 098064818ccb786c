import { z } from 'zod';
import { ReportInput } from './report';

/*
 * CSV imports (docs/csv-import.md): what the parser makes of a file, what the store keeps of an import,
 * and what the API answers about it.
 */

export const ImportStatus = z.enum(['received', 'processing', 'done', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** A row of an import file that did not become (part of) a report, and why. */
export const ImportRowError = z.object({
  row: z.number().int().describe('the row as a spreadsheet shows it; 1 is the header'),
  column: z.string().optional().describe('the column, when the problem is in one cell'),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** One case of the file as a report ready for `acceptReport`. */
export const ImportedReport = z.object({
  caseRef: z.string(),
  /** The rows this report was built from, so that progress and failures can be counted in rows. */
  rows: z.array(z.number().int()),
  input: ReportInput,
});
export type ImportedReport = z.infer<typeof ImportedReport>;

/** What parsing a file found: its reports, and an error for every row that is not part of one. */
export const ParsedImport = z.object({
  reports: z.array(ImportedReport),
  errors: z.array(ImportRowError),
  /** Data rows in the file (blank rows not counted). */
  rows: z.number().int(),
});
export type ParsedImport = z.infer<typeof ParsedImport>;

export const ImportAccepted = z.object({ id: z.string(), status: z.literal('received') });
export type ImportAccepted = z.infer<typeof ImportAccepted>;

/** An import as the store holds it: progress, counts in rows, the reports made and the rows refused. */
export const ImportRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  status: ImportStatus,
  rows: z.number().int().describe('data rows in the file; 0 until a worker has read it'),
  processedRows: z.number().int(),
  accepted: z.number().int().describe('rows that are now part of a report'),
  failed: z.number().int().describe('rows refused; accepted + failed = rows'),
  reportIds: z.array(z.string()),
  errors: z.array(ImportRowError),
  error: z.string().optional().describe('why processing stopped, when it was not the rows'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/** An import as its submitter sees it (the answer of GET /imports/:id); analysts also see whose it is. */
export const ImportView = ImportRecord.omit({ orgId: true }).extend({
  org: z.string().optional().describe('the submitting organisation; shown to analysts'),
});
export type ImportView = z.infer<typeof ImportView>;

/** What a worker needs to process an import; `csv` is null once the import is over. */
export const ImportSource = z.object({
  id: z.string(),
  orgId: z.string(),
  submittedBy: z.string().nullable(),
  status: ImportStatus,
  csv: z.string().nullable(),
});
export type ImportSource = z.infer<typeof ImportSource>;
