import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { ReportStatus } from '../../src/domain/api';
import {
  type CaseworkerReportItem,
  CaseworkerReportView,
  type SubjectProgress,
} from '../../src/domain/caseworkerReport';
import { StoredReport } from '../../src/domain/report';
import type { Graph } from '../driver';
import { json, parseFirstRow, parseRows } from '../records';
import { openCaseRef } from './caseRefSeal';
import { currentMentionId } from './pipeline';

const Payload = json(StoredReport.pick({ subjects: true }).extend({ links: StoredReport.shape.links.default([]) }));

const Heading = z.object({
  id: z.string(),
  orgId: z.string(),
  status: ReportStatus,
  error: z.string().nullable(),
  country: z.string(),
  reportedAt: z.string().nullable(),
  receivedAt: z.string(),
  revision: z.number().int(),
  withdrawnAt: z.string().nullable(),
  caseRefSealed: z.string().nullable(),
});
const HEADING = `r.id AS id, r.orgId AS orgId, r.status AS status, r.error AS error, r.country AS country,
  r.reportedAt AS reportedAt, r.receivedAt AS receivedAt, coalesce(r.revision, 1) AS revision,
  r.withdrawnAt AS withdrawnAt, r.caseRefSealed AS caseRefSealed`;

const ViewRow = Heading.extend({
  payload: Payload,
  notes: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  // Per mention only whether it is settled: never its entity, nor what else that entity holds.
  mentions: z.array(z.object({ id: z.string().nullable(), resolved: z.boolean(), inReview: z.boolean() })),
});
const ListRow = Heading.extend({ subjectCount: z.number().int() });
const Total = z.object({ n: z.number() });

type Heading = z.infer<typeof Heading>;

const PROGRESS_OF_REPORT: Partial<Record<ReportStatus, SubjectProgress>> = {
  received: 'received',
  processing: 'being matched',
  failed: 'failed',
  withdrawn: 'withdrawn',
};

function headingOf<T extends Heading>(row: T, secret: string) {
  const { orgId, caseRefSealed, error, ...rest } = row;
  return { ...rest, ...(error ? { error } : {}), caseRef: openCaseRef(secret, orgId, caseRefSealed) };
}

/**
 * A report as its own organisation sees it, or undefined when it does not exist or is another's. The
 * answer is parsed with the strict caseworker schema, so that nothing naming an entity can slip in.
 */
export async function caseworkerReportView(
  graph: Graph,
  id: string,
  org: string,
  secret: string,
): Promise<CaseworkerReportView | undefined> {
  const r = await graph.read((tx) =>
    tx.run(
      `MATCH (r:Report {id: $id, orgId: $org})
       OPTIONAL MATCH (r)-[:MENTIONS]->(m:Mention)
       OPTIONAL MATCH (m)-[:RESOLVED_TO]->(e:Entity)
       WITH r, collect({id: m.id, resolved: e IS NOT NULL,
                        inReview: e IS NOT NULL AND EXISTS { (e)-[:POSSIBLE_MATCH {status: 'open'}]-() }}) AS mentions
       RETURN ${HEADING}, r.payload AS payload, r.withdrawReason AS withdrawReason, mentions,
              head([(r)-[:HAS_NOTE]->(n:ReportNote) | n.text]) AS notes`,
      { id, org },
    ),
  );
  const row = parseFirstRow(r, ViewRow);
  if (!row) return undefined;
  const { payload, notes, withdrawReason, mentions, ...heading } = row;
  const byId = new Map(mentions.flatMap((m) => (m.id ? [[m.id, m]] : [])));
  const progress = (ref: string): SubjectProgress => {
    const fromReport = PROGRESS_OF_REPORT[row.status];
    if (fromReport) return fromReport;
    const m = byId.get(currentMentionId(row, ref));
    if (!m?.resolved) return 'being matched';
    return m.inReview ? 'waiting for an analyst' : 'matched';
  };
  return CaseworkerReportView.parse({
    ...headingOf(heading, secret),
    notes,
    withdrawReason,
    subjects: payload.subjects.map((s) => ({
      ref: s.ref,
      schema: s.schema,
      ...(s.role ? { role: s.role } : {}),
      properties: s.properties,
      status: progress(s.ref),
    })),
    links: payload.links.map((l) => ({ type: l.type, from: l.from, to: l.to })),
  });
}

/** One page of an organisation's reports, newest first, with their case references. */
export async function caseworkerReportList(
  graph: Graph,
  options: { org: string; secret: string; limit: number; offset: number },
): Promise<{ items: CaseworkerReportItem[]; total: number }> {
  return graph.read(async (tx) => {
    const total = await tx.run('MATCH (r:Report {orgId: $org}) RETURN count(r) AS n', { org: options.org });
    const rows = await tx.run(
      `MATCH (r:Report {orgId: $org})
       RETURN ${HEADING}, coalesce(r.subjectCount, 0) AS subjectCount
       ORDER BY r.receivedAt DESC, r.id DESC SKIP $offset LIMIT $limit`,
      { org: options.org, offset: neo4j.int(options.offset), limit: neo4j.int(options.limit) },
    );
    return {
      total: parseFirstRow(total, Total)?.n ?? 0,
      items: parseRows(rows, ListRow).map((row) => headingOf(row, options.secret)),
    };
  });
}
