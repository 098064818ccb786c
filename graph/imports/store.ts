import neo4j from 'neo4j-driver';
import { ulid } from 'ulid';
import { z } from 'zod';
import { type ImportAccepted, ImportRecord, ImportRowError, ImportSource } from '../../src/domain/imports';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';

/** The row errors are stored as one JSON string: Neo4j properties hold no maps. */
const StoredImport = ImportRecord.omit({ errors: true, error: true }).extend({
  errors: z
    .string()
    .transform((json): unknown => JSON.parse(json))
    .pipe(z.array(ImportRowError)),
  error: z.string().nullable(),
});

const newImportId = (): string => `imp_${ulid()}`;

/** Stores the file durably with status `received`, before the caller is answered: the outbox of imports. */
export async function createImport(
  graph: Graph,
  input: { orgId: string; csv: string; submittedBy: string; now?: Date },
): Promise<ImportAccepted> {
  const id = newImportId();
  const now = (input.now ?? new Date()).toISOString();
  await graph.write((tx) =>
    tx.run(
      `CREATE (:Import {id: $id, orgId: $orgId, status: 'received', csv: $csv, rows: 0, processedRows: 0,
                        accepted: 0, failed: 0, reportIds: [], errors: '[]', createdAt: $now, updatedAt: $now,
                        submittedBy: $submittedBy})`,
      { id, orgId: input.orgId, csv: input.csv, submittedBy: input.submittedBy, now },
    ),
  );
  return { id, status: 'received' };
}

export async function getImport(graph: Graph, id: string): Promise<ImportRecord | undefined> {
  // Properties are named one by one so that polling never reads the stored file.
  const query = `MATCH (i:Import {id: $id})
       RETURN i.id AS id, i.orgId AS orgId, i.status AS status, i.rows AS rows, i.processedRows AS processedRows,
              i.accepted AS accepted, i.failed AS failed, i.reportIds AS reportIds, i.errors AS errors,
              i.error AS error, i.createdAt AS createdAt, i.updatedAt AS updatedAt`;
  const stored = await graph.read(async (tx) => parseFirstRow(await tx.run(query, { id }), StoredImport));
  if (!stored) return undefined;
  const { error, ...rest } = stored;
  return { ...rest, ...(error ? { error } : {}) };
}

export async function importSource(graph: Graph, id: string): Promise<ImportSource | undefined> {
  return graph.read(async (tx) => {
    const query = `MATCH (i:Import {id: $id})
       RETURN i.id AS id, i.orgId AS orgId, i.submittedBy AS submittedBy, i.status AS status, i.csv AS csv`;
    return parseFirstRow(await tx.run(query, { id }), ImportSource);
  });
}

/**
 * Marks an import as being processed, with what parsing found. Counts are set, never added to, so that
 * processing the same import again (at-least-once delivery) counts nothing twice.
 */
export async function startImport(
  graph: Graph,
  id: string,
  parsed: { rows: number; failed: number; errors: ImportRowError[] },
): Promise<void> {
  await graph.write((tx) =>
    tx.run(
      `MATCH (i:Import {id: $id})
       SET i.status = 'processing', i.rows = $rows, i.failed = $failed, i.processedRows = $failed, i.accepted = 0,
           i.errors = $errors, i.updatedAt = $now`,
      {
        id,
        rows: neo4j.int(parsed.rows),
        failed: neo4j.int(parsed.failed),
        errors: JSON.stringify(parsed.errors),
        now: new Date().toISOString(),
      },
    ),
  );
}

/** Progress so far, with the reports made since the last call (added once each, so a second run adds none). */
export async function recordImportProgress(
  graph: Graph,
  id: string,
  progress: { processedRows: number; accepted: number; newReportIds: string[] },
): Promise<void> {
  await graph.write((tx) =>
    tx.run(
      `MATCH (i:Import {id: $id})
       SET i.processedRows = $processedRows, i.accepted = $accepted, i.updatedAt = $now,
           i.reportIds = i.reportIds + [r IN $newReportIds WHERE NOT r IN i.reportIds]`,
      {
        id,
        processedRows: neo4j.int(progress.processedRows),
        accepted: neo4j.int(progress.accepted),
        newReportIds: progress.newReportIds,
        now: new Date().toISOString(),
      },
    ),
  );
}

/**
 * Ends an import. The stored file is dropped: every row it held is now a report or a row error, and the
 * file holds case references in clear, which Lantern otherwise keeps only as keyed hashes.
 */
export async function finishImport(
  graph: Graph,
  id: string,
  outcome: { status: 'done' | 'failed'; processedRows: number; accepted: number; reportIds: string[] },
): Promise<void> {
  await graph.write((tx) =>
    tx.run(
      `MATCH (i:Import {id: $id})
       SET i.status = $status, i.processedRows = $processedRows, i.accepted = $accepted, i.reportIds = $reportIds,
           i.updatedAt = $now, i.finishedAt = $now
       REMOVE i.csv`,
      {
        id,
        status: outcome.status,
        processedRows: neo4j.int(outcome.processedRows),
        accepted: neo4j.int(outcome.accepted),
        reportIds: outcome.reportIds,
        now: new Date().toISOString(),
      },
    ),
  );
}

/**
 * Records that processing gave up (retries exhausted). The file is kept so that an operator can set the
 * import back to `received` once the cause is fixed, and the reconciler queues it again.
 */
export async function failImport(graph: Graph, id: string, error: string): Promise<void> {
  await graph.write((tx) =>
    tx.run(
      "MATCH (i:Import {id: $id}) WHERE i.status <> 'done' " +
        "SET i.status = 'failed', i.error = $error, i.updatedAt = $now",
      { id, error, now: new Date().toISOString() },
    ),
  );
}

/**
 * The imports outbox: queues again every import that should be on the queue but may not be, because
 * Redis was down when it was submitted (`received` for over `receivedGraceMs`) or a worker died with it
 * (`processing` and still for over `stuckAfterMs`). Safe to run anywhere, any number of times: job ids
 * deduplicate and the processor is idempotent. Returns how many were queued.
 */
export async function requeueStaleImports(
  graph: Graph,
  enqueue: (importId: string) => Promise<boolean>,
  options: { now?: number; receivedGraceMs?: number; stuckAfterMs?: number; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? Date.now();
  const ids = await graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (i:Import)
       WHERE (i.status = 'received' AND i.createdAt < $receivedBefore)
          OR (i.status = 'processing' AND i.updatedAt < $stuckBefore)
       RETURN i.id AS id ORDER BY i.createdAt LIMIT $limit`,
      {
        receivedBefore: new Date(now - (options.receivedGraceMs ?? 60_000)).toISOString(),
        stuckBefore: new Date(now - (options.stuckAfterMs ?? 10 * 60_000)).toISOString(),
        limit: neo4j.int(options.limit ?? 1000),
      },
    );
    return parseRows(r, z.object({ id: z.string() })).map((row) => row.id);
  });
  let queued = 0;
  for (const id of ids) if (await enqueue(id)) queued += 1;
  return queued;
}
