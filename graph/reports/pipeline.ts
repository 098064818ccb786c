import neo4j from 'neo4j-driver';
import type { Graph } from '../driver';
import { mentionId, type MentionInput, type MentionLink } from '../../src/domain/mention';
import type { ReportLink, ReportSubject } from '../../src/domain/report';

export type ReportStatus = 'received' | 'processing' | 'processed' | 'failed';

export interface StoredReport {
  id: string;
  orgId: string;
  country: string;
  reportedAt: string | null;
  receivedAt: string;
  status: ReportStatus;
  error: string | null;
  subjects: ReportSubject[];
  links: ReportLink[];
}

function storedReport(p: Record<string, unknown>): StoredReport {
  const payload = JSON.parse(p.payload as string) as { subjects: ReportSubject[]; links: ReportLink[] };
  return {
    id: p.id as string,
    orgId: p.orgId as string,
    country: p.country as string,
    reportedAt: (p.reportedAt as string | null) ?? null,
    receivedAt: p.receivedAt as string,
    status: p.status as ReportStatus,
    error: (p.error as string | null) ?? null,
    subjects: payload.subjects,
    links: payload.links ?? [],
  };
}

/** The reports among `ids` that exist, by id: workers read a whole batch in one round trip. */
export async function loadReports(graph: Graph, ids: readonly string[]): Promise<Map<string, StoredReport>> {
  return graph.read(async (tx) => {
    const r = await tx.run('UNWIND $ids AS id MATCH (r:Report {id: id}) RETURN r', { ids: [...ids] });
    const reports = r.records.map((row) => storedReport((row.get('r') as { properties: Record<string, unknown> }).properties));
    return new Map(reports.map((report) => [report.id, report]));
  });
}

export async function loadReport(graph: Graph, id: string): Promise<StoredReport | undefined> {
  return (await loadReports(graph, [id])).get(id);
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
    id: mentionId(report.id, s.ref),
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
  const links = report.links.map((l) => ({ type: l.type, fromMentionId: mentionId(report.id, l.from), toMentionId: mentionId(report.id, l.to), reportId: report.id }));
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
};

export async function setReportsStatus(graph: Graph, ids: readonly string[], status: ReportStatus, error?: string): Promise<void> {
  if (ids.length === 0) return;
  await graph.write((tx) =>
    tx.run(
      `UNWIND $ids AS id
       MATCH (r:Report {id: id}) WHERE r.status IN $from
       SET r.status = $status, r.error = $error, r.updatedAt = $now,
           r.processedAt = CASE WHEN $status = 'processed' THEN $now ELSE r.processedAt END`,
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
export async function reportsToRequeue(graph: Graph, receivedBefore: string, stuckBefore: string, limit = 1000): Promise<string[]> {
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
         WHERE r.status = 'processing' AND r.receivedAt IS NOT NULL AND coalesce(r.updatedAt, r.receivedAt) < $stuckBefore
         RETURN r
       }
       RETURN r.id AS id ORDER BY r.receivedAt LIMIT $limit`,
      { receivedBefore, stuckBefore, limit: neo4j.int(limit) },
    );
    return r.records.map((row) => row.get('id') as string);
  });
}

export interface ReportView {
  id: string;
  status: ReportStatus;
  error?: string;
  country: string;
  reportedAt: string | null;
  receivedAt: string;
  orgId: string;
  subjects: Array<{ ref: string; schema: string; entityId: string | null }>;
}

/** A report as its submitter sees it: status and, once processed, the current entity of each subject. */
export async function reportView(graph: Graph, id: string): Promise<ReportView | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (r:Report {id: $id})
       OPTIONAL MATCH (r)-[:MENTIONS]->(m:Mention)-[:RESOLVED_TO]->(e:Entity)
       RETURN r, collect({ref: m.ref, schema: m.schema, entityId: coalesce(e.mergedInto, e.id)}) AS subjects`,
      { id },
    );
    const row = r.records[0];
    if (!row) return undefined;
    const p = (row.get('r') as { properties: Record<string, unknown> }).properties;
    const resolved = new Map((row.get('subjects') as Array<{ ref: string | null; entityId: string | null }>).filter((s) => s.ref).map((s) => [s.ref as string, s.entityId]));
    const payload = JSON.parse(p.payload as string) as { subjects: ReportSubject[] };
    const status = p.status as ReportStatus;
    return {
      id,
      status,
      ...(p.error ? { error: p.error as string } : {}),
      country: p.country as string,
      reportedAt: (p.reportedAt as string | null) ?? null,
      receivedAt: p.receivedAt as string,
      orgId: p.orgId as string,
      subjects: payload.subjects.map((s) => ({ ref: s.ref, schema: s.schema, entityId: status === 'processed' ? (resolved.get(s.ref) ?? null) : null })),
    };
  });
}

export async function listReports(graph: Graph, options: { org?: string; limit: number; offset: number }): Promise<{ items: Array<Omit<ReportView, 'subjects'> & { subjectCount: number }>; total: number }> {
  return graph.read(async (tx) => {
    const where = 'WHERE $org IS NULL OR r.orgId = $org';
    const total = await tx.run(`MATCH (r:Report) ${where} RETURN count(r) AS n`, { org: options.org ?? null });
    const rows = await tx.run(`MATCH (r:Report) ${where} RETURN r ORDER BY r.receivedAt DESC, r.id DESC SKIP $offset LIMIT $limit`, {
      org: options.org ?? null,
      offset: neo4j.int(options.offset),
      limit: neo4j.int(options.limit),
    });
    return {
      total: Number(total.records[0]?.get('n') ?? 0),
      items: rows.records.map((row) => {
        const p = (row.get('r') as { properties: Record<string, unknown> }).properties;
        return {
          id: p.id as string,
          status: p.status as ReportStatus,
          ...(p.error ? { error: p.error as string } : {}),
          country: p.country as string,
          reportedAt: (p.reportedAt as string | null) ?? null,
          receivedAt: p.receivedAt as string,
          orgId: p.orgId as string,
          subjectCount: Number(p.subjectCount ?? 0),
        };
      }),
    };
  });
}

/** The mention ids of each report among `ids`, sorted. */
export async function reportMentionIds(graph: Graph, ids: readonly string[]): Promise<Map<string, string[]>> {
  return graph.read(async (tx) => {
    const r = await tx.run('UNWIND $ids AS id MATCH (:Report {id: id})-[:MENTIONS]->(m:Mention) RETURN id, m.id AS mention ORDER BY mention', { ids: [...ids] });
    const byReport = new Map<string, string[]>();
    for (const row of r.records) {
      const id = row.get('id') as string;
      byReport.set(id, [...(byReport.get(id) ?? []), row.get('mention') as string]);
    }
    return byReport;
  });
}
