import { z } from 'zod';

/*
 * `lantern import --bulk` (docs/csv-import.md, "Bulk import"): the labelled JSONL lines it reads besides
 * CSV, and the summary it prints.
 */

const IdLike = z.union([z.string(), z.number()]).transform(String);

/**
 * One line of a labelled JSONL file, the record format `lantern eval clusters` reads: one subject, which
 * becomes a report of its own (its `id` the case reference). `cluster`, the true entity, is ignored.
 */
export const BulkRecordLine = z.object({
  id: IdLike,
  cluster: IdLike.optional(),
  schema: z.string().default('Person'),
  properties: z.record(z.string(), z.array(z.string())),
  defaultCountry: z.string().optional(),
  role: z.string().optional(),
  reportedAt: z.string().optional(),
});
export type BulkRecordLine = z.infer<typeof BulkRecordLine>;

/** The last line of `lantern import --bulk` on stdout. */
export const BulkImportSummary = z.object({
  file: z.string(),
  format: z.enum(['csv', 'jsonl']),
  org: z.string(),
  rows: z.number().int(),
  accepted: z.number().int(),
  failed: z.number().int(),
  reports: z.number().int(),
  /** Reports this run created (a second run of the same file creates none). */
  createdReports: z.number().int(),
  mentions: z.number().int(),
  /** Mentions decided by this run (new, or left pending by an interrupted one). */
  decided: z.number().int(),
  entities: z.number().int(),
  matchedPairs: z.number().int(),
  seconds: z.number(),
  recordsPerSecond: z.number(),
});
export type BulkImportSummary = z.infer<typeof BulkImportSummary>;
