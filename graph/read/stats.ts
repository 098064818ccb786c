import type { QueryResult, RecordShape } from 'neo4j-driver';
import { z } from 'zod';
import { StoredLead } from '../../src/domain/leads';
import type { Graph } from '../driver';
import { effectiveStatus } from '../leads/store';
import { parseFirstRow, parseRows } from '../records';

export interface GraphCounts {
  reportsByStatus: Record<string, number>;
  reportsByMonth: Array<{ month: string; count: number }>;
  entitiesBySchema: Record<string, number>;
  mentions: number;
  openReviews: number;
  leadsByStatus: Record<string, number>;
  exports: number;
}

const Count = z.object({ n: z.number() });
const Counted = Count.extend({ key: z.string() });
const Month = Count.extend({ month: z.string() });
const LeadDates = StoredLead.pick({ status: true, reviewBy: true });

const countsOf = (result: QueryResult<RecordShape>): Record<string, number> =>
  Object.fromEntries(parseRows(result, Counted).map((r) => [r.key, r.n]));
const countOf = (result: QueryResult<RecordShape>): number => parseFirstRow(result, Count)?.n ?? 0;

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
      "MATCH (a:Entity)-[p:POSSIBLE_MATCH {status: 'open'}]->(b:Entity) " +
        'WHERE a.mergedInto IS NULL AND b.mergedInto IS NULL ' +
        'RETURN count(p) AS n',
    );
    const leads = await tx.run('MATCH (l:Lead) RETURN l.status AS status, l.reviewBy AS reviewBy');
    const exports = await tx.run('MATCH (x:Export) RETURN count(x) AS n');
    const leadsByStatus: Record<string, number> = {};
    for (const lead of parseRows(leads, LeadDates)) {
      const status = effectiveStatus(lead, now);
      leadsByStatus[status] = (leadsByStatus[status] ?? 0) + 1;
    }
    return {
      reportsByStatus: countsOf(reports),
      reportsByMonth: parseRows(months, Month).map((r) => ({ month: r.month, count: r.n })),
      entitiesBySchema: countsOf(entities),
      mentions: countOf(mentions),
      openReviews: countOf(reviews),
      leadsByStatus,
      exports: countOf(exports),
    };
  });
}
