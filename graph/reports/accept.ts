import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import type { ReportInput } from '../../src/domain/report';
import { auditIn } from '../audit';
import type { Graph } from '../driver';
import { canonicalJson, caseRefHash, sha256Hex } from './canonical';

export interface AcceptReportCommand {
  org: string;
  input: ReportInput;
  secret: string;
  /** The caller's `Idempotency-Key`, if any. */
  idempotencyKey?: string;
  /** Who submitted it (an API key id), for the audit trail; never exported. */
  submittedBy?: string;
  /** The submitter's role: when given, the submission is audited in the same transaction. */
  auditRole?: string;
  now?: Date;
}

export type AcceptReportOutcome =
  | { kind: 'created'; id: string; status: 'received' }
  | { kind: 'replayed'; id: string; status: string }
  | { kind: 'key-reused'; id: string };

export function newReportId(): string {
  return `rep_${ulid()}`;
}

/**
 * Writes an accepted report durably with status `received`: the outbox from which the ingest queue is fed
 * (and refed after a Redis loss). Idempotent twice over: the same Idempotency-Key, or the same payload
 * from the same organisation, returns the first report instead of creating another. Both records are
 * MERGEd under uniqueness constraints, so two concurrent identical submissions still create one report.
 */
export async function acceptReport(graph: Graph, cmd: AcceptReportCommand): Promise<AcceptReportOutcome> {
  const { input, org } = cmd;
  const payloadHash = sha256Hex(canonicalJson({ org, input }));
  const id = newReportId();
  const now = (cmd.now ?? new Date()).toISOString();
  const payload = canonicalJson({ subjects: input.subjects, links: input.links });
  // Each claim also says whether this attempt's report exists already (see below): one round trip.
  const claim = async (tx: ManagedTransaction, key: string) => {
    const result = await tx.run(
      `MERGE (k:IdempotencyRecord {key: $key})
         ON CREATE SET k.reportId = $id, k.payloadHash = $payloadHash, k.createdAt = $now
       WITH k
       OPTIONAL MATCH (r:Report {id: $id})
       RETURN k.reportId AS reportId, k.payloadHash AS payloadHash, r IS NOT NULL AS stored`,
      { key, id, payloadHash, now },
    );
    const row = result.records[0];
    return { reportId: row?.get('reportId') as string, payloadHash: row?.get('payloadHash') as string, stored: row?.get('stored') === true };
  };
  return graph.write(async (tx) => {
    const headerKey = cmd.idempotencyKey ? `${org}:header:${cmd.idempotencyKey}` : undefined;
    if (headerKey) {
      const byKey = await claim(tx, headerKey);
      if (byKey.reportId !== id) {
        if (byKey.payloadHash !== payloadHash) return { kind: 'key-reused', id: byKey.reportId };
        return { kind: 'replayed', id: byKey.reportId, status: await statusOf(tx, byKey.reportId) };
      }
    }
    const byPayload = await claim(tx, `${org}:payload:${payloadHash}`);
    if (byPayload.reportId !== id) {
      if (headerKey) await tx.run('MATCH (k:IdempotencyRecord {key: $key}) SET k.reportId = $reportId', { key: headerKey, reportId: byPayload.reportId });
      return { kind: 'replayed', id: byPayload.reportId, status: await statusOf(tx, byPayload.reportId) };
    }
    // The driver runs this function again when the connection drops before the commit is confirmed
    // (a Neo4j restart), with the same id: if the first run did commit, the report exists already and
    // creating it again would violate its uniqueness constraint and answer 500 for a stored report.
    if (byPayload.stored) return { kind: 'created', id, status: 'received' };
    await tx.run(
      `MERGE (o:Organisation {slug: $org})
         ON CREATE SET o.createdAt = $now
       CREATE (r:Report {
         id: $id, orgId: $org, caseRefHash: $caseRefHash, country: $country, reportedAt: $reportedAt,
         receivedAt: $now, status: 'received', payloadHash: $payloadHash, payload: $payload,
         subjectCount: $subjectCount, submittedBy: $submittedBy, attempts: 0
       })
       CREATE (r)-[:FROM]->(o)`,
      {
        org,
        id,
        now,
        caseRefHash: caseRefHash(cmd.secret, org, input.caseRef),
        country: input.country,
        reportedAt: input.reportedAt ?? null,
        payloadHash,
        payload,
        subjectCount: input.subjects.length,
        submittedBy: cmd.submittedBy ?? null,
      },
    );
    if (cmd.auditRole) {
      await auditIn(tx, { actor: cmd.submittedBy ?? 'unknown', role: cmd.auditRole, org, action: 'report.submitted', target: id, details: { subjects: input.subjects.length } });
    }
    if (input.notes !== undefined) {
      // Notes live apart from the report so that no query that feeds an export can reach them by accident.
      await tx.run('MATCH (r:Report {id: $id}) CREATE (r)-[:HAS_NOTE]->(:ReportNote {reportId: $id, text: $notes})', { id, notes: input.notes });
    }
    return { kind: 'created', id, status: 'received' };
  });
}

async function statusOf(tx: ManagedTransaction, reportId: string): Promise<string> {
  const result = await tx.run('MATCH (r:Report {id: $id}) RETURN r.status AS status', { id: reportId });
  return (result.records[0]?.get('status') as string | undefined) ?? 'received';
}
