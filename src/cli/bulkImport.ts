/**
 * `lantern import --bulk FILE --org SLUG`: a whole file of reports (CSV, or labelled JSONL) resolved at
 * once against the running stack's database, with the decisions streaming would take, the graph written
 * in large transactions (graph/resolve/bulk.ts). Every row is validated first: a bad row is named with
 * its line and field on stderr and nothing of it is written; the good rows are all kept. Progress goes to
 * stderr; the last line of stdout is one JSON summary.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { audit } from '../../graph/audit';
import type { Graph } from '../../graph/driver';
import { acceptReports } from '../../graph/reports/accept';
import { loadReports, mentionsOf, setReportsStatus } from '../../graph/reports/pipeline';
import { type BulkPhase, type BulkResolveOptions, entitiesOfReports, resolveBulk } from '../../graph/resolve/bulk';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { Producer, QUEUES } from '../../workers/queues';
import { loadConfig } from '../config';
import { BulkImportSummary, BulkRecordLine } from '../domain/bulkImport';
import { parseImportCsv } from '../domain/csvImport';
import type { ImportedReport, ImportRowError, ParsedImport } from '../domain/imports';
import type { MentionInput, MentionLink } from '../domain/mention';
import { ReportInput } from '../domain/report';
import { OPERATOR, withCandidateIndex, withGraph } from './withGraph';

/** Reports accepted per transaction. */
const ACCEPT_BATCH = 2000;
/** Entities per leads job queued after a bulk import. */
const LEADS_JOB_ENTITIES = 200;

/**
 * Queues the re-evaluation of the changed entities' leads for the stack's workers, as the resolve worker
 * does after each batch. Returns how many jobs were queued (false: Redis did not answer).
 */
async function queueLeads(
  config: { redisUrl: string; queuePrefix: string },
  entityIds: readonly string[],
  runId: string,
): Promise<number | false> {
  const producer = new Producer(config.redisUrl, config.queuePrefix);
  try {
    let jobs = 0;
    for (let i = 0; i < entityIds.length; i += LEADS_JOB_ENTITIES) {
      const ok = await producer.enqueue(QUEUES.leads, `bulk-${runId}-${i / LEADS_JOB_ENTITIES}`, {
        entityIds: entityIds.slice(i, i + LEADS_JOB_ENTITIES),
        reason: `bulk import ${runId}`,
      });
      if (!ok) return false;
      jobs += 1;
    }
    return jobs;
  } finally {
    await producer.close();
  }
}

export interface BulkImportOptions {
  org: string;
  /** The reporting country of JSONL records that name none. */
  country?: string;
  /** Progress on stderr (a bar on a terminal). */
  progress?: (phase: string, done: number, total: number) => void;
  /** Called once the work is over, before the summary is written (to close a progress bar). */
  onDone?: () => void;
}

/** The line's own name of a report field the line fills (its subject's fields keep their names). */
const LINE_FIELD_OF_REPORT_FIELD: Readonly<Record<string, string>> = { country: 'defaultCountry', caseRef: 'id' };

/** A refused line, with the field that made it so when there is one. */
const rowError = (row: number, column: string, message: string): ImportRowError =>
  column ? { row, column, message } : { row, message };

/** A labelled JSONL file as reports of one subject each, with an error for every line that is not one. */
export function parseBulkJsonl(text: string, defaultCountry?: string): ParsedImport {
  const reports: ImportedReport[] = [];
  const errors: ImportRowError[] = [];
  let rows = 0;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    rows += 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ row: line, message: 'not JSON' });
      return;
    }
    const parsed = BulkRecordLine.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(rowError(line, issue.path.join('.'), issue.message));
      return;
    }
    const r = parsed.data;
    const input = ReportInput.safeParse({
      caseRef: r.id,
      country: r.defaultCountry ?? defaultCountry,
      ...(r.reportedAt ? { reportedAt: r.reportedAt } : {}),
      subjects: [{ ref: 's', schema: r.schema, properties: r.properties, ...(r.role ? { role: r.role } : {}) }],
    });
    if (!input.success) {
      for (const issue of input.error.issues) {
        // Named as the line names them: subjects.0.properties.name.0 is properties.name.0 of the line.
        const [first = '', , ...rest] = issue.path.map(String);
        const field = first === 'subjects' ? rest.join('.') : (LINE_FIELD_OF_REPORT_FIELD[first] ?? '');
        errors.push(rowError(line, field || issue.path.join('.'), issue.message));
      }
      return;
    }
    reports.push({ caseRef: r.id, rows: [line], input: input.data });
  });
  return { reports, errors, rows };
}

export function describeRowError(e: ImportRowError, unit: 'row' | 'line'): string {
  return e.column ? `${unit} ${e.row}, ${e.column}: ${e.message}` : `${unit} ${e.row}: ${e.message}`;
}

/** Imports parsed reports in bulk: accepted as `POST /reports` accepts them, then resolved at once. */
export async function importParsedInBulk(
  graph: Graph,
  index: CandidateIndex,
  parsed: ParsedImport,
  options: BulkImportOptions & { secret: string; read?: BulkResolveOptions['read'] },
): Promise<{
  reports: string[];
  created: number;
  mentions: number;
  decided: number;
  edges: number;
  changedEntities: string[];
}> {
  const progress = options.progress ?? (() => {});
  const reportIds: string[] = [];
  let created = 0;
  for (let i = 0; i < parsed.reports.length; i += ACCEPT_BATCH) {
    const batch = parsed.reports.slice(i, i + ACCEPT_BATCH);
    const outcomes = await acceptReports(
      graph,
      batch.map((report) => ({ org: options.org, input: report.input, secret: options.secret, submittedBy: 'cli' })),
    );
    for (const o of outcomes) {
      if (o.kind === 'created') created += 1;
      reportIds.push(o.id);
    }
    progress('accepting', Math.min(i + ACCEPT_BATCH, parsed.reports.length), parsed.reports.length);
  }
  // Reports this import made or found: those not yet processed are resolved now.
  const mentions: MentionInput[] = [];
  const links: MentionLink[] = [];
  const open: string[] = [];
  const unique = [...new Set(reportIds)];
  for (let i = 0; i < unique.length; i += ACCEPT_BATCH) {
    const stored = await loadReports(graph, unique.slice(i, i + ACCEPT_BATCH));
    for (const report of stored.values()) {
      if (!['received', 'processing', 'failed'].includes(report.status)) continue;
      const parts = mentionsOf(report);
      mentions.push(...parts.mentions);
      links.push(...parts.links);
      open.push(report.id);
    }
  }
  await setReportsStatus(graph, open, 'processing');
  const outcome = await resolveBulk(graph, index, mentions, links, {
    engine: defaultResolverEngine(),
    ...(options.read ? { read: options.read } : {}),
    onProgress: (phase: BulkPhase, done, total) => progress(phase, done, total),
  });
  await setReportsStatus(graph, open, 'processed');
  return {
    reports: unique,
    created,
    mentions: mentions.length,
    decided: outcome.decided,
    edges: outcome.edges,
    changedEntities: outcome.changedEntities,
  };
}

/** The command: reads, validates, imports, prints. Returns the exit code. */
export async function runBulkImport(file: string, options: BulkImportOptions): Promise<number> {
  const started = performance.now();
  const text = await readFile(file, 'utf8');
  const format = /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv';
  const parsed = format === 'jsonl' ? parseBulkJsonl(text, options.country) : parseImportCsv(text);
  for (const e of parsed.errors) process.stderr.write(`${describeRowError(e, format === 'jsonl' ? 'line' : 'row')}\n`);
  const accepted = parsed.reports.reduce((n, r) => n + r.rows.length, 0);
  if (parsed.reports.length === 0) {
    process.stderr.write(`lantern import: nothing to import from ${file}: ${parsed.errors.length} rows refused\n`);
    return 1;
  }
  const config = loadConfig();
  const result = await withGraph(async ({ graph }) => {
    const outcome = await withCandidateIndex(graph, (index) =>
      importParsedInBulk(graph, index, parsed, { ...options, secret: config.secret }),
    );
    const entities = await entitiesOfReports(graph, outcome.reports);
    await audit(graph, {
      ...OPERATOR,
      action: 'import.bulk',
      target: path.basename(file),
      details: { org: options.org, rows: parsed.rows, accepted, reports: outcome.reports.length },
    });
    return { ...outcome, entities };
  });
  const seconds = (performance.now() - started) / 1000;
  options.onDone?.();
  if (result.changedEntities.length > 0) {
    const runId = createHash('sha256').update(result.changedEntities.join(',')).digest('base64url').slice(0, 16);
    const jobs = await queueLeads(config, result.changedEntities, runId);
    process.stderr.write(
      jobs === false
        ? `leads: Redis did not answer; the ${result.changedEntities.length} changed entities' leads were not queued\n`
        : `leads: ${jobs} jobs queued for the ${result.changedEntities.length} changed entities\n`,
    );
  }
  const summary = BulkImportSummary.parse({
    file: path.basename(file),
    format,
    org: options.org,
    rows: parsed.rows,
    accepted,
    failed: parsed.rows - accepted,
    reports: result.reports.length,
    createdReports: result.created,
    mentions: result.mentions,
    decided: result.decided,
    entities: result.entities,
    matchedPairs: result.edges,
    seconds: Number(seconds.toFixed(2)),
    recordsPerSecond: Number((accepted / Math.max(seconds, 0.001)).toFixed(1)),
  });
  process.stderr.write(
    `${summary.file}: ${summary.accepted} of ${summary.rows} rows accepted in ${summary.reports} reports ` +
      `(${summary.createdReports} new), ${summary.failed} refused; ${summary.decided} mentions decided into ` +
      `${summary.entities} entities in ${summary.seconds} s (${summary.recordsPerSecond} records/s)\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
