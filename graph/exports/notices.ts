import { createHash } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { DeliveryStatus, type Notice, NoticeBody, type NoticeListQuery } from '../../src/domain/notices';
import type { Graph } from '../driver';
import { parseFirstRow, parseNode, parseRows } from '../records';

/**
 * Notices for partners, kept as `(:Export)-[:NOTICE]->(:Notice)`. A notice's id is derived from what it
 * is about, so that writing it again (a retried job, a second evaluation) finds the one already there:
 * the graph says once that lead L went to revision N, and every delivery of it carries the same id.
 */

/** A notice as the exports step decides it; the export, partner and time are filled in when it is written. */
export type NoticeDraft = Pick<NoticeBody, 'kind' | 'bundleRevision'> &
  Partial<Pick<NoticeBody, 'supersedes' | 'leadId' | 'leadRevision' | 'heldRevision' | 'entityIds'>>;

/** A Notice node: Neo4j keeps no null, so fields written empty are absent and read back as their defaults. */
const NoticeNode = NoticeBody.extend({
  supersedes: NoticeBody.shape.supersedes.default(null),
  leadId: NoticeBody.shape.leadId.default(null),
  leadRevision: NoticeBody.shape.leadRevision.default(null),
  heldRevision: NoticeBody.shape.heldRevision.default(null),
  entityIds: NoticeBody.shape.entityIds.default([]),
  deliveryStatus: DeliveryStatus.default('none'),
  deliveryAttempts: z.number().int().default(0),
  lastAttemptAt: z.string().nullable().default(null),
  deliveredAt: z.string().nullable().default(null),
  deliveryError: z.string().nullable().default(null),
});

function noticeFromNode(node: unknown): Notice {
  const n = parseNode(node, NoticeNode);
  const { deliveryStatus, deliveryAttempts, lastAttemptAt, deliveredAt, deliveryError, ...body } = n;
  return {
    ...body,
    delivery: { status: deliveryStatus, attempts: deliveryAttempts, lastAttemptAt, deliveredAt, error: deliveryError },
  };
}

/** What makes a notice the same notice: a lead's new revision is told once, a bundle revision once. */
function noticeId(exportId: string, draft: NoticeDraft): string {
  const about =
    draft.kind === 'lead.changed'
      ? [exportId, draft.kind, draft.leadId, draft.leadRevision]
      : [exportId, draft.kind, draft.leadId ?? '', draft.bundleRevision];
  return `ntc_${createHash('sha256').update(about.join('|')).digest('hex').slice(0, 32)}`;
}

const Written = z.object({ id: z.string(), created: z.boolean(), deliver: z.boolean() });
export type WrittenNotice = z.infer<typeof Written>;

/**
 * Writes the notices of one export inside the caller's transaction. A notice already written is left as
 * it is; a new one waits for delivery (`pending`) when the partner has a webhook.
 */
export async function recordNotices(
  tx: ManagedTransaction,
  exportId: string,
  drafts: readonly NoticeDraft[],
  at: string,
): Promise<WrittenNotice[]> {
  if (drafts.length === 0) return [];
  const rows = drafts.map((d) => ({
    id: noticeId(exportId, d),
    props: {
      kind: d.kind,
      bundleRevision: d.bundleRevision,
      supersedes: d.supersedes ?? null,
      leadId: d.leadId ?? null,
      leadRevision: d.leadRevision ?? null,
      heldRevision: d.heldRevision ?? null,
      entityIds: d.entityIds ?? [],
    },
  }));
  const r = await tx.run(
    `MATCH (x:Export {id: $exportId})
     OPTIONAL MATCH (p:Partner {slug: x.partner})
     WITH x, p.webhookUrl IS NOT NULL AS hooked
     UNWIND $rows AS row
     MERGE (n:Notice {id: row.id})
     ON CREATE SET n += row.props, n.exportId = x.id, n.partner = x.partner, n.at = $at, n.deliveryAttempts = 0,
                   n.deliveryStatus = CASE WHEN hooked THEN 'pending' ELSE 'none' END, n.fresh = true
     MERGE (x)-[:NOTICE]->(n)
     WITH n, n.fresh IS NOT NULL AS created
     REMOVE n.fresh
     RETURN n.id AS id, created, created AND n.deliveryStatus = 'pending' AS deliver`,
    { exportId, rows, at },
  );
  return parseRows(r, Written);
}

const Total = z.object({ n: z.number() });

/** Notices newest first: a partner's own (`partner` given) or all of them, optionally of one export. */
export async function listNotices(
  graph: Graph,
  query: NoticeListQuery & { partner?: string },
): Promise<{ items: Notice[]; total: number }> {
  return graph.read(async (tx) => {
    const params = { partner: query.partner ?? null, exportId: query.export ?? null };
    const where = 'WHERE ($partner IS NULL OR n.partner = $partner) AND ($exportId IS NULL OR n.exportId = $exportId)';
    const total = await tx.run(`MATCH (n:Notice) ${where} RETURN count(n) AS n`, params);
    const rows = await tx.run(
      `MATCH (n:Notice) ${where} RETURN n ORDER BY n.at DESC, n.id DESC SKIP $offset LIMIT $limit`,
      { ...params, offset: neo4j.int(query.offset), limit: neo4j.int(query.limit) },
    );
    return {
      total: parseFirstRow(total, Total)?.n ?? 0,
      items: rows.records.map((row) => noticeFromNode(row.get('n'))),
    };
  });
}

/** A notice to deliver and where to, as the partner's registration says now (null: no webhook any more). */
export async function deliveryOf(
  graph: Graph,
  id: string,
): Promise<{ notice: Notice; webhookUrl: string | null } | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (n:Notice {id: $id}) OPTIONAL MATCH (p:Partner {slug: n.partner})
       RETURN n, p.webhookUrl AS webhookUrl`,
      { id },
    );
    const row = r.records[0];
    if (!row) return undefined;
    return {
      notice: noticeFromNode(row.get('n')),
      webhookUrl: z.string().nullable().parse(row.get('webhookUrl')),
    };
  });
}

/** Records one delivery attempt: delivered, or the outcome of a failed attempt (final when `status` says so). */
export async function recordDelivery(
  graph: Graph,
  id: string,
  outcome: { status: DeliveryStatus; attempts: number; error: string | null },
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await graph.write((tx) =>
    tx.run(
      `MATCH (n:Notice {id: $id}) WHERE n.deliveryStatus <> 'delivered'
       SET n.deliveryStatus = $status, n.deliveryAttempts = $attempts, n.lastAttemptAt = $at,
           n.deliveryError = $error, n.deliveredAt = CASE WHEN $status = 'delivered' THEN $at ELSE null END`,
      { id, ...outcome, at },
    ),
  );
}

const Id = z.object({ id: z.string() });

/** The outbox of deliveries: notices still pending that were written before `before`, oldest first. */
export async function pendingDeliveries(graph: Graph, before: string, limit = 1000): Promise<string[]> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (n:Notice {deliveryStatus: 'pending'}) WHERE n.at < $before
       RETURN n.id AS id ORDER BY n.at, n.id LIMIT $limit`,
      { before, limit: neo4j.int(limit) },
    );
    return parseRows(r, Id).map((row) => row.id);
  });
}
