import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { ReportStatus } from '../../src/domain/api';
import type { Graph } from '../driver';
import { parseFirstRow } from '../records';

const Held = z.object({
  orgId: z.string(),
  status: ReportStatus,
  revision: z.number().int(),
  payloadHash: z.string(),
  withdrawnAt: z.string().nullable(),
  mentions: z.array(z.string()),
});
export type HeldReport = z.infer<typeof Held>;

/** Why a caseworker may not change a report now; `busy` while a revision is still being processed. */
export type ChangeRefusal =
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'busy' }
  | { kind: 'withdrawn'; withdrawnAt: string };

/**
 * Takes the write lock of a report its organisation is about to change (withdraw or amend), so that
 * two changes of one report queue, and says whether the change may go ahead: only the submitting
 * organisation changes a report, and only once its current revision is processed (or failed), so that
 * no ingest still writing the mentions of a revision races the change.
 */
async function holdOwnReport(
  tx: ManagedTransaction,
  id: string,
  org: string,
): Promise<{ kind: 'held'; report: HeldReport } | ChangeRefusal> {
  const result = await tx.run(
    `MATCH (r:Report {id: $id})
     SET r.lockSeq = coalesce(r.lockSeq, 0) + 1
     RETURN r.orgId AS orgId, r.status AS status, coalesce(r.revision, 1) AS revision, r.payloadHash AS payloadHash,
            r.withdrawnAt AS withdrawnAt, [(r)-[:MENTIONS]->(m:Mention) | m.id] AS mentions`,
    { id },
  );
  const report = parseFirstRow(result, Held);
  if (!report) return { kind: 'not-found' };
  if (report.orgId !== org) return { kind: 'forbidden' };
  if (report.status === 'withdrawn') return { kind: 'withdrawn', withdrawnAt: report.withdrawnAt ?? '' };
  if (report.status === 'received' || report.status === 'processing') return { kind: 'busy' };
  return { kind: 'held', report };
}

/** Thrown inside the transaction so that a refused change rolls back the lock it took. */
class RefusedChange extends Error {
  constructor(readonly refusal: ChangeRefusal) {
    super(`report change refused: ${refusal.kind}`);
  }
}

/**
 * Runs `change` on a report its organisation holds, in one write transaction with the lock. A refusal
 * leaves the store exactly as it was (the lock's write is rolled back with it): a 4xx changes nothing.
 */
export async function changeOwnReport<T>(
  graph: Graph,
  id: string,
  org: string,
  change: (tx: ManagedTransaction, report: HeldReport) => Promise<T>,
): Promise<T | ChangeRefusal> {
  try {
    return await graph.write(async (tx) => {
      const held = await holdOwnReport(tx, id, org);
      if (held.kind !== 'held') throw new RefusedChange(held);
      return change(tx, held.report);
    });
  } catch (err) {
    if (err instanceof RefusedChange) return err.refusal;
    throw err;
  }
}
