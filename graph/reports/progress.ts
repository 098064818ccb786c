/**
 * How far one organisation's reports have come through the pipeline: what the benchmarks watch while
 * they load the stack and measure it afterwards.
 */
import { z } from 'zod';
import { ReportStatus } from '../../src/domain/api';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';

const Count = z.number().int().min(0);

const Progress = z.object({
  total: Count,
  processed: Count,
  mentions: Count,
  firstReceived: z.string().nullable(),
  lastProcessed: z.string().nullable(),
});
export type ReportProgress = z.infer<typeof Progress>;

/** The organisation's reports, those processed, their mentions, the first received and the last processed. */
export async function reportProgress(graph: Graph, org: string): Promise<ReportProgress> {
  const r = await graph.read((tx) =>
    tx.run(
      `MATCH (r:Report {orgId: $org})
       RETURN count(r) AS total, count(CASE WHEN r.status = 'processed' THEN 1 END) AS processed,
              coalesce(sum(COUNT { (r)-[:MENTIONS]->() }), 0) AS mentions,
              min(r.receivedAt) AS firstReceived, max(r.processedAt) AS lastProcessed`,
      { org },
    ),
  );
  return (
    parseFirstRow(r, Progress) ?? { total: 0, processed: 0, mentions: 0, firstReceived: null, lastProcessed: null }
  );
}

const Timing = z.object({ received: z.string(), processed: z.string().nullable(), mentions: Count });
export type ReportTiming = z.infer<typeof Timing>;

/** When each of the organisation's reports was received and processed, and how many mentions it carried. */
export async function reportTimings(graph: Graph, org: string): Promise<ReportTiming[]> {
  const r = await graph.read((tx) =>
    tx.run(
      `MATCH (r:Report {orgId: $org})
       RETURN r.receivedAt AS received, r.processedAt AS processed, COUNT { (r)-[:MENTIONS]->() } AS mentions`,
      { org },
    ),
  );
  return parseRows(r, Timing);
}

const Finished = z.object({ status: ReportStatus.extract(['processed', 'failed']), n: Count });

/** How many of the organisation's reports have finished, by outcome (an outcome none reached is absent). */
export async function finishedReports(graph: Graph, org: string): Promise<Map<'processed' | 'failed', number>> {
  const r = await graph.read((tx) =>
    tx.run(
      `MATCH (r:Report {orgId: $org}) WHERE r.status IN ['processed', 'failed']
       RETURN r.status AS status, count(*) AS n`,
      { org },
    ),
  );
  return new Map(parseRows(r, Finished).map((row) => [row.status, row.n]));
}

const Any = z.object({ any: z.boolean() });

/** True once the database holds any report at all. */
export async function hasReports(graph: Graph): Promise<boolean> {
  const r = await graph.read((tx) => tx.run('MATCH (r:Report) RETURN count(r) > 0 AS any'));
  return parseFirstRow(r, Any)?.any === true;
}

const Pending = z.object({ pending: z.number() });

/** How many of these reports are still on their way (neither processed nor failed). */
export async function unfinishedReports(graph: Graph, ids: readonly string[]): Promise<number> {
  const r = await graph.read((tx) =>
    tx.run(
      "MATCH (r:Report) WHERE r.id IN $ids AND NOT r.status IN ['processed', 'failed'] RETURN count(r) AS pending",
      {
        ids: [...ids],
      },
    ),
  );
  return parseFirstRow(r, Pending)?.pending ?? 0;
}
