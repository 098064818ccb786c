import type { Graph } from '../driver';
import { effectiveStatus } from '../leads/store';
import type { LeadStatus } from '../../src/domain/leads';

export interface GraphCounts {
  reportsByStatus: Record<string, number>;
  reportsByMonth: Array<{ month: string; count: number }>;
  entitiesBySchema: Record<string, number>;
  mentions: number;
  openReviews: number;
  leadsByStatus: Record<string, number>;
  exports: number;
}

const countsOf = (rows: Array<{ get(key: string): unknown }>): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [String(r.get('key')), Number(r.get('n'))]));

/**
 * The counts behind the dashboard, in one read transaction so that the cards agree with each other.
 * Aggregates only: no names, identifiers or case data leave this function.
 */
export async function graphCounts(graph: Graph, now = new Date()): Promise<GraphCounts> {
  return graph.read(async (tx) => {
    const reports = await tx.run('MATCH (r:Report) RETURN r.status AS key, count(*) AS n');
    // The month the victim spoke is what analysts follow; a report without a date counts when received.
    const months = await tx.run(
      `MATCH (r:Report)
       WITH substring(coalesce(r.reportedAt, r.receivedAt), 0, 7) AS month
       RETURN month, count(*) AS n ORDER BY month`,
    );
    const entities = await tx.run('MATCH (e:Entity) WHERE e.mergedInto IS NULL RETURN e.schema AS key, count(*) AS n');
    const mentions = await tx.run('MATCH (m:Mention) RETURN count(m) AS n');
    // Counted as the review queue counts them: open, between two live entities, each pair once.
    const reviews = await tx.run(
      "MATCH (a:Entity)-[p:POSSIBLE_MATCH {status: 'open'}]->(b:Entity) WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL RETURN count(p) AS n",
    );
    const leads = await tx.run('MATCH (l:Lead) RETURN l.status AS status, l.reviewBy AS reviewBy');
    const exports = await tx.run('MATCH (x:Export) RETURN count(x) AS n');
    const leadsByStatus: Record<string, number> = {};
    for (const row of leads.records) {
      const status = effectiveStatus({ status: row.get('status') as LeadStatus, reviewBy: (row.get('reviewBy') as string | null) ?? null }, now);
      leadsByStatus[status] = (leadsByStatus[status] ?? 0) + 1;
    }
    return {
      reportsByStatus: countsOf(reports.records),
      reportsByMonth: months.records.map((r) => ({ month: String(r.get('month')), count: Number(r.get('n')) })),
      entitiesBySchema: countsOf(entities.records),
      mentions: Number(mentions.records[0]?.get('n') ?? 0),
      openReviews: Number(reviews.records[0]?.get('n') ?? 0),
      leadsByStatus,
      exports: Number(exports.records[0]?.get('n') ?? 0),
    };
  });
}
