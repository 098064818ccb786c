import neo4j from 'neo4j-driver';
import { z } from 'zod';
import type { ReportPage, ReportStatus, ReportView } from '../../src/domain/api';
import { type MentionInput, type MentionLink, mentionId } from '../../src/domain/mention';
import { type ReportSubject, StoredReport } from '../../src/domain/report';
import type { Graph } from '../driver';
import { json, parseFirstRow, parseRows } from '../records';

const REPORT_COLUMNS = `r.id AS id, r.orgId AS orgId, r.country AS country, r.reportedAt AS reportedAt,
  r.receivedAt AS receivedAt, r.status AS status, r.error AS error, coalesce(r.revision, 1) AS revision`;

/** The subjects and links, kept in one JSON property the way they were submitted. */
const Payload = json(StoredReport.pick({ subjects: true }).extend({ links: StoredReport.shape.links.default([]) }));
const ReportRow = StoredReport.omit({ subjects: true, links: true }).extend({ payload: Payload });

/** The API names a failure's reason only when there is one. */
const withError = <T extends { error: string | null }>({ error, ...row }: T) => ({
  ...row,
  ...(error ? { error } : {}),
});

/** A report as the API shows it, with its organisation still attached (`orgId`) for the caller to decide on. */
export type OwnedReportView = Omit<ReportView, 'org' | 'notes'> & { orgId: string };
type ReportListItem = Omit<z.infer<typeof ReportPage>['items'][number], 'org'> & { orgId: string };

const ViewRow = ReportRow.extend({
  subjects: z.array(z.object({ mention: z.string().nullable(), entityId: z.string().nullable() })),
});
const ListRow = ReportRow.omit({ payload: true }).extend({ subjectCount: z.number() });
const Total = z.object({ n: z.number() });
const Id = z.object({ id: z.string() });
const ReportMention = z.object({ id: z.string(), mention: z.string() });

/** The reports among `ids` that exist, by id: workers read a whole batch in one round trip. */
export async function loadReports(graph: Graph, ids: readonly string[]): Promise<Map<string, StoredReport>> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `UNWIND $ids AS id MATCH (r:Report {id: id}) RETURN ${REPORT_COLUMNS}, r.payload AS payload`,
      { ids: [...ids] },
    );
    const reports = parseRows(r, ReportRow).map(({ payload, ...row }): StoredReport => ({ ...row, ...payload }));
    return new Map(reports.map((report) => [report.id, report]));
  });
}

export async function loadReport(graph: Graph, id: string): Promise<StoredReport | undefined> {
  return (await loadReports(graph, [id])).get(id);
}

/**
 * The id of a subject's mention in the report's current revision. Amended revisions get their own ids
 * ('.' never occurs in a report id or a ref), so that the mentions of an older revision can be told apart.
 */
export function currentMentionId(report: Pick<StoredReport, 'id' | 'revision'>, ref: string): string {
  return mentionId(report.revision > 1 ? `${report.id}.r${report.revision}` : report.id, ref);
}

/** The mentions and reported links of a report, with ids derived from it so that re-ingesting is a no-op. */
export function mentionsOf(report: StoredReport): { mentions: MentionInput[]; links: MentionLink[] } {
  const byRef = new Map(report.subjects.map((s) => [s.ref, s]));
  const relatedOf = (ref: string) =>
    report.links
      .flatMap((l) => (l.from === ref ? [l.to] : l.to === ref ? [l.from] : []))
      .map((other) => byRef.get(other))
      .filter((s): s is ReportSubject => s !== undefined)
      .map((s) => ({ schema: s.schema, properties: s.properties }));
  const mentions = report.subjects.map((s) => ({
    id: currentMentionId(report, s.ref),
    reportId: report.id,
    orgId: report.orgId,
    ref: s.ref,
    schema: s.schema,
    role: s.role,
    country: report.country,
    reportedAt: report.reportedAt ?? report.receivedAt.slice(0, 10),
    properties: s.properties,
    ...(relatedOf(s.ref).length > 0 ? { related: relatedOf(s.ref) } : {}),
  }));
  const links = report.links.map((l) => ({
    type: l.type,
    fromMentionId: currentMentionId(report, l.from),
    toMentionId: currentMentionId(report, l.to),
    reportId: report.id,
  }));
  return { mentions, links };
}

/**
 * The statuses a report may move to each status from. Delivery is at least once, and the reconciler
 * may queue a report again while its first run is still finishing, so a late ingest (or a late final
 * failure) must never move a processed report back to `processing` or `failed`.
 */
const MAY_FOLLOW: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ['received'],
  processing: ['received', 'processing'],
  processed: ['received', 'processing', 'processed', 'failed'],
  failed: ['received', 'processing', 'failed'],
  // Only a caseworker withdraws a report (graph/reports/withdraw.ts); no processing step ever does.
  withdrawn: [],
};

export async function setReportsStatus(
  graph: Graph,
  ids: readonly string[],
  status: ReportStatus,
  error?: string,
): Promise<void> {
  if (ids.length === 0) return;
  await graph.write((tx) =>
    tx.run(
      `UNWIND $ids AS id
       MATCH (r:Report {id: id}) WHERE r.status IN $from
       SET r.status = $status, r.error = $error, r.updatedAt = $now,
           r.processedAt = CASE WHEN $status = 'processed' THEN $now ELSE r.processedAt END,
           r.leadsPending = CASE WHEN $status = 'processed' THEN null ELSE r.leadsPending END`,
      { ids: [...ids].sort(), status, from: MAY_FOLLOW[status], error: error ?? null, now: new Date().toISOString() },
    ),
  );
}

export async function setReportStatus(graph: Graph, id: string, status: ReportStatus, error?: string): Promise<void> {
  await setReportsStatus(graph, [id], status, error);
}

/**
 * The outbox: reports accepted but not yet (or no longer) on a queue. `received` ones older than the
 * grace period were never picked up (Redis was down, or lost its data); `processing` ones that have not
 * moved for longer were dropped by a worker that died with Redis. Re-queuing is safe: processors are
 * idempotent and job ids deduplicate.
 */
export async function reportsToRequeue(
  graph: Graph,
  receivedBefore: string,
  stuckBefore: string,
  limit = 1000,
): Promise<string[]> {
  return graph.read(async (tx) => {
    // Two seeks of the (status, receivedAt) index: written as one OR, the planner scanned every report
    // (a quarter of a second at 2,000 reports, on every reconciler pass, growing with the caseload). The
    // `processing` case tests receivedAt for presence only because a composite index serves a query
    // with a predicate on each of its properties; every report has it.
    const r = await tx.run(
      `CALL () {
         MATCH (r:Report) USING INDEX r:Report(status, receivedAt)
         WHERE r.status = 'received' AND r.receivedAt < $receivedBefore
         RETURN r
         UNION
         MATCH (r:Report) USING INDEX r:Report(status, receivedAt)
         WHERE r.status = 'processing' AND r.receivedAt IS NOT NULL
           AND coalesce(r.updatedAt, r.receivedAt) < $stuckBefore
         RETURN r
       }
       RETURN r.id AS id ORDER BY r.receivedAt LIMIT $limit`,
      { receivedBefore, stuckBefore, limit: neo4j.int(limit) },
    );
    return parseRows(r, Id).map((row) => row.id);
  });
}

/** A report as its submitter sees it: status and, once processed, the current entity of each subject. */
export async function reportView(graph: Graph, id: string): Promise<OwnedReportView | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (r:Report {id: $id})
       OPTIONAL MATCH (r)-[:MENTIONS]->(m:Mention)-[:RESOLVED_TO]->(e:Entity)
       RETURN ${REPORT_COLUMNS}, r.payload AS payload,
              collect({mention: m.id, entityId: coalesce(e.mergedInto, e.id)}) AS subjects`,
      { id },
    );
    const row = parseFirstRow(r, ViewRow);
    if (!row) return undefined;
    const { payload, subjects, ...heading } = row;
    const resolved = new Map(subjects.flatMap((s) => (s.mention ? [[s.mention, s.entityId]] : [])));
    const processed = row.status === 'processed';
    return {
      ...withError(heading),
      subjects: payload.subjects.map((s) => ({
        ref: s.ref,
        schema: s.schema,
        entityId: processed ? (resolved.get(currentMentionId(row, s.ref)) ?? null) : null,
      })),
    };
  });
}

export async function listReports(
  graph: Graph,
  options: { org?: string; limit: number; offset: number },
): Promise<{ items: ReportListItem[]; total: number }> {
  return graph.read(async (tx) => {
    const where = 'WHERE $org IS NULL OR r.orgId = $org';
    const total = await tx.run(`MATCH (r:Report) ${where} RETURN count(r) AS n`, { org: options.org ?? null });
    const rows = await tx.run(
      `MATCH (r:Report) ${where}
       RETURN ${REPORT_COLUMNS}, coalesce(r.subjectCount, 0) AS subjectCount
       ORDER BY r.receivedAt DESC, r.id DESC SKIP $offset LIMIT $limit`,
      { org: options.org ?? null, offset: neo4j.int(options.offset), limit: neo4j.int(options.limit) },
    );
    return {
      total: parseFirstRow(total, Total)?.n ?? 0,
      items: parseRows(rows, ListRow).map(withError),
    };
  });
}

/** The mention ids of each report among `ids`, sorted. */
export async function reportMentionIds(graph: Graph, ids: readonly string[]): Promise<Map<string, string[]>> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      'UNWIND $ids AS id MATCH (:Report {id: id})-[:MENTIONS]->(m:Mention) RETURN id, m.id AS mention ORDER BY mention',
      { ids: [...ids] },
    );
    const byReport = new Map<string, string[]>();
    for (const { id, mention } of parseRows(r, ReportMention)) byReport.set(id, [...(byReport.get(id) ?? []), mention]);
    return byReport;
  });
}
