import neo4j from 'neo4j-driver';
import { z } from 'zod';
import {
  type CaseworkerReportItem,
  type CaseworkerReportView,
  CaseworkerReportItem as ItemSchema,
  CaseworkerReportView as ViewSchema,
  type SubjectProgress,
} from '../../src/domain/caseworkerReport';
import { StoredReport } from '../../src/domain/report';
import type { Graph } from '../driver';
import { json, parseFirstRow, parseRows } from '../records';
import { openCaseRef } from './caseRefSeal';
import { currentMentionId } from './pipeline';

/*
 * Reports as their own organisation sees them. Nothing here reads an entity beyond whether its
 * matching is settled, and every answer is parsed by the strict caseworker schemas before it leaves.
 */

const HEADING = `r.id AS id, r.orgId AS orgId, r.caseRefSealed AS caseRefSealed, r.status AS status, r.error AS error,
  r.country AS country, r.reportedAt AS reportedAt, r.receivedAt AS receivedAt, coalesce(r.revision, 1) AS revision,
  r.withdrawnAt AS withdrawnAt`;

const Heading = StoredReport.pick({ id: true, orgId: true, status: true, error: true, country: true, revision: true })
  .extend({ reportedAt: z.string().nullable(), receivedAt: z.string() })
  .extend({ caseRefSealed: z.string().nullable(), withdrawnAt: z.string().nullable() });

const Payload = json(StoredReport.pick({ subjects: true }).extend({ links: StoredReport.shape.links.default([]) }));
const ViewRow = Heading.extend({
  payload: Payload,
  notes: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  mentions: z.array(z.object({ id: z.string().nullable(), resolved: z.boolean(), waiting: z.boolean() })),
});
const ListRow = Heading.extend({ subjectCount: z.number() });
const Total = z.object({ n: z.number() });

type Heading = z.infer<typeof Heading>;

function heading(secret: string, { orgId, caseRefSealed, error, ...row }: Heading) {
  return { ...row, caseRef: openCaseRef(secret, orgId, caseRefSealed), ...(error ? { error } : {}) };
}

/** Where a subject stands: the report's own status first, then its mention's. */
function progressOf(
  status: Heading['status'],
  mention: { resolved: boolean; waiting: boolean } | undefined,
): SubjectProgress {
  if (status === 'withdrawn' || status === 'failed' || status === 'received') return status;
  if (!mention?.resolved) return 'being matched';
  return mention.waiting ? 'waiting for an analyst' : 'matched';
}

/** One of the organisation's reports as submitted (current revision), or undefined if it is not theirs. */
export async function caseworkerReportView(
  graph: Graph,
  secret: string,
  id: string,
  org: string,
): Promise<CaseworkerReportView | undefined> {
  const r = await graph.read((tx) =>
    tx.run(
      `MATCH (r:Report {id: $id}) WHERE r.orgId = $org
       OPTIONAL MATCH (r)-[:HAS_NOTE]->(n:ReportNote)
       WITH r, head(collect(n.text)) AS notes
       OPTIONAL MATCH (r)-[:MENTIONS]->(m:Mention)
       OPTIONAL MATCH (m)-[:RESOLVED_TO]->(e:Entity)
       WITH r, notes, m, EXISTS { (e)-[:POSSIBLE_MATCH {status: 'open'}]-() } AS waiting
       RETURN ${HEADING}, r.payload AS payload, notes, r.withdrawReason AS withdrawReason,
              collect({id: m.id, resolved: m.status = 'resolved', waiting: coalesce(waiting, false)}) AS mentions`,
      { id, org },
    ),
  );
  const row = parseFirstRow(r, ViewRow);
  if (!row) return undefined;
  const { payload, notes, withdrawReason, mentions, ...rest } = row;
  const byId = new Map(mentions.flatMap((m) => (m.id ? [[m.id, m]] : [])));
  return ViewSchema.parse({
    ...heading(secret, rest),
    notes,
    withdrawReason,
    subjects: payload.subjects.map((s) => ({
      ref: s.ref,
      schema: s.schema,
      ...(s.role ? { role: s.role } : {}),
      properties: s.properties,
      status: progressOf(row.status, byId.get(currentMentionId(row, s.ref))),
    })),
    links: payload.links.map((l) => ({ type: l.type, from: l.from, to: l.to })),
  });
}

/** One page of the organisation's reports, newest first, each with its case reference and status. */
export async function caseworkerReportList(
  graph: Graph,
  secret: string,
  options: { org: string; limit: number; offset: number },
): Promise<{ items: CaseworkerReportItem[]; total: number }> {
  return graph.read(async (tx) => {
    const total = await tx.run('MATCH (r:Report) WHERE r.orgId = $org RETURN count(r) AS n', { org: options.org });
    const rows = await tx.run(
      `MATCH (r:Report) WHERE r.orgId = $org
       RETURN ${HEADING}, coalesce(r.subjectCount, 0) AS subjectCount
       ORDER BY r.receivedAt DESC, r.id DESC SKIP $offset LIMIT $limit`,
      { org: options.org, offset: neo4j.int(options.offset), limit: neo4j.int(options.limit) },
    );
    return {
      total: parseFirstRow(total, Total)?.n ?? 0,
      items: parseRows(rows, ListRow).map(({ subjectCount, ...row }) =>
        ItemSchema.parse({ ...heading(secret, row), subjectCount }),
      ),
    };
  });
}
