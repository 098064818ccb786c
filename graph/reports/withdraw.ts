import { auditIn } from '../audit';
import type { Graph } from '../driver';
import type { CandidateIndex } from '../resolve/candidateIndex';
import type { ResolverEngine } from '../resolve/engine';
import { type ChangeRefusal, changeOwnReport } from './ownReport';
import { type Retirement, retireMentions } from './retireMentions';

export interface WithdrawCommand {
  id: string;
  org: string;
  /** The caseworker's key id, the person holding it, and its role, for the audit trail. */
  actor: string;
  person: string;
  role: string;
  reason?: string;
}

export type WithdrawResult =
  | { kind: 'withdrawn'; withdrawnAt: string; changed: string[] }
  | Exclude<ChangeRefusal, { kind: 'withdrawn' }>;

/**
 * Withdraws a report: its mentions leave their entities, which are recomputed without them, in one
 * transaction with the audit event; the report stays, marked withdrawn, for its organisation to see.
 * Its payload no longer answers a resubmission, so that the same content submitted again makes a new
 * report. Withdrawing a withdrawn report again changes nothing and answers as the first time did.
 */
export async function withdrawReport(
  graph: Graph,
  index: CandidateIndex,
  engine: ResolverEngine,
  cmd: WithdrawCommand,
): Promise<WithdrawResult> {
  let retired: Retirement['retired'] = [];
  const outcome = await changeOwnReport(graph, cmd.id, cmd.org, async (tx, report) => {
    const now = new Date().toISOString();
    const retirement = await retireMentions(tx, report.mentions, {
      thresholds: engine.thresholds,
      model: engine.model,
      by: cmd.actor,
      now,
    });
    const { changed } = retirement;
    retired = retirement.retired;
    await tx.run(
      `MATCH (r:Report {id: $id})
       SET r.status = 'withdrawn', r.withdrawnAt = $now, r.withdrawReason = $reason, r.updatedAt = $now
       WITH r
       UNWIND [r.payloadHash] + [(r)-[:REVISED_FROM]->(v:ReportRevision) | v.payloadHash] AS hash
       MATCH (k:IdempotencyRecord {key: $org + ':payload:' + hash}) WHERE k.reportId = r.id
       DELETE k`,
      { id: cmd.id, now, reason: cmd.reason || null, org: cmd.org },
    );
    await auditIn(tx, {
      actor: cmd.actor,
      person: cmd.person,
      role: cmd.role,
      org: cmd.org,
      action: 'report.withdrawn',
      target: cmd.id,
      details: { mentions: report.mentions.length, entities: changed.length },
    });
    return { kind: 'withdrawn' as const, withdrawnAt: now, changed };
  });
  // Once committed; should this process stop first, resolvers take them off when they meet them.
  await index.forgetRecords(retired);
  return outcome.kind === 'withdrawn' && !('changed' in outcome) ? { ...outcome, changed: [] } : outcome;
}
