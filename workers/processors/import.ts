import { UnrecoverableError } from 'bullmq';
import type { Graph } from '../../graph/driver';
import { failImport, finishImport, importSource, recordImportProgress, startImport } from '../../graph/imports/store';
import { acceptReports } from '../../graph/reports/accept';
import { parseImportCsv } from '../../src/domain/csvImport';
import type { QueueJob } from '../queues';

export interface ImportDeps {
  graph: Graph;
  /** HMAC secret for case references, the same the API uses. */
  secret: string;
  enqueueIngest: (reportId: string) => Promise<void>;
  /** Reports accepted in one transaction, and between two progress writes. */
  batchSize?: number;
}

export interface ImportResult {
  reports: number;
  accepted: number;
  failed: number;
}

/**
 * Import: the stored CSV becomes reports, each accepted exactly as `POST /reports` would accept it (in
 * the importing organisation, in its submitter's name) and queued for ingest. Running it again is
 * harmless: `acceptReports` returns the report it already made for the same payload, and every count is
 * recomputed from the file rather than added to.
 */
export function importProcessor(deps: ImportDeps) {
  const batchSize = deps.batchSize ?? 50;
  return async (job: QueueJob<'imports'>): Promise<ImportResult> => {
    const { importId } = job.data;
    const source = await importSource(deps.graph, importId);
    if (!source) throw new UnrecoverableError(`import ${importId} does not exist`);
    if (source.status === 'done' || source.status === 'failed' || source.csv === null)
      return { reports: 0, accepted: 0, failed: 0 };

    const parsed = parseImportCsv(source.csv);
    const acceptedRows = parsed.reports.reduce((n, r) => n + r.rows.length, 0);
    const failed = parsed.rows - acceptedRows;
    await startImport(deps.graph, importId, { rows: parsed.rows, failed, errors: parsed.errors });

    const reportIds: string[] = [];
    let accepted = 0;
    for (let start = 0; start < parsed.reports.length; start += batchSize) {
      const batch = parsed.reports.slice(start, start + batchSize);
      const outcomes = await acceptReports(
        deps.graph,
        batch.map((report) => ({
          org: source.orgId,
          input: report.input,
          secret: deps.secret,
          submittedBy: source.submittedBy ?? undefined,
        })),
      );
      // A report made by an earlier run that died before queueing it is queued now; queued twice is one job.
      await Promise.all(
        outcomes.filter((o) => o.kind !== 'key-reused' && o.status === 'received').map((o) => deps.enqueueIngest(o.id)),
      );
      const ids = outcomes.map((o) => o.id);
      reportIds.push(...ids);
      accepted += batch.reduce((n, r) => n + r.rows.length, 0);
      await recordImportProgress(deps.graph, importId, {
        processedRows: failed + accepted,
        accepted,
        newReportIds: ids,
      });
    }

    const nothingTaken = accepted === 0 && parsed.errors.length > 0;
    await finishImport(deps.graph, importId, {
      status: nothingTaken ? 'failed' : 'done',
      processedRows: parsed.rows,
      accepted,
      reportIds,
    });
    return { reports: reportIds.length, accepted, failed };
  };
}

/**
 * For `onFinalFailure`: an import whose job keeps failing is marked failed. The caller sees a plain
 * reason; the cause itself is in the worker's log, since driver errors can quote stored data.
 */
export function importFailedForGood(graph: Graph) {
  return async (job: QueueJob<'imports'>): Promise<void> => {
    await failImport(
      graph,
      job.data.importId,
      `processing stopped after ${job.attemptsMade} attempts; ` +
        'the reports listed were made and are kept, and an operator can queue the import again',
    );
  };
}
