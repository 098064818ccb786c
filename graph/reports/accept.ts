import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import type { ReportInput } from '../../src/domain/report';
import { auditEventProps } from '../audit';
import type { Graph } from '../driver';
import { canonicalJson, caseRefHash, sha256Hex } from './canonical';
import { sealCaseRef } from './caseRefSeal';

export interface AcceptReportCommand {
  org: string;
  input: ReportInput;
  secret: string;
  /** The caller's `Idempotency-Key`, if any. */
  idempotencyKey?: string;
  /** Who submitted it (an API key id), for the audit trail; never exported. */
  submittedBy?: string;
  /** The person holding that key, for the audit trail. */
  submitterPerson?: string;
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

interface Claim {
  reportId: string;
  payloadHash: string;
  /** Whether this row's own report exists already (see `acceptReports`). */
  stored: boolean;
  /** The status of the report the key points at, when that report exists. */
  status: string | null;
}

/**
 * Claims idempotency keys for reports about to be created: each key is MERGEd under a uniqueness
 * constraint, so it holds the first report's id however many submissions race for it, in this batch
 * (later rows see earlier rows' records) or in other transactions. Rows are sorted by key so that two
 * batches lock shared keys in one order.
 */
async function claimKeys(
  tx: ManagedTransaction,
  rows: Array<{ i: number; key: string; id: string; payloadHash: string; now: string }>,
): Promise<Map<number, Claim>> {
  if (rows.length === 0) return new Map();
  const result = await tx.run<Claim & { i: number }>(
    `UNWIND $rows AS row
     MERGE (k:IdempotencyRecord {key: row.key})
       ON CREATE SET k.reportId = row.id, k.payloadHash = row.payloadHash, k.createdAt = row.now
     WITH row, k
     OPTIONAL MATCH (mine:Report {id: row.id})
     OPTIONAL MATCH (held:Report {id: k.reportId})
     RETURN row.i AS i, k.reportId AS reportId, k.payloadHash AS payloadHash, mine IS NOT NULL AS stored,
            held.status AS status`,
    { rows: [...rows].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0)) },
  );
  return new Map(
    result.records.map((r) => {
      const { i, ...claim } = r.toObject();
      return [Number(i), claim];
    }),
  );
}

/** Writes one accepted report durably; see `acceptReports`. */
export async function acceptReport(graph: Graph, cmd: AcceptReportCommand): Promise<AcceptReportOutcome> {
  const [outcome] = await acceptReports(graph, [cmd]);
  return outcome!;
}

/**
 * Writes accepted reports durably with status `received`: the outbox from which the ingest queue is fed
 * (and refed after a Redis loss). Idempotent twice over: the same Idempotency-Key, or the same payload
 * from the same organisation, returns the first report instead of creating another, also between
 * reports of one call. One transaction (two statements) serves the whole batch, so that the API can
 * commit the reports arriving together at once: each commit waits for the disk, and each statement
 * costs a round trip and a query set-up in Neo4j whatever its size.
 */
export async function acceptReports(
  graph: Graph,
  cmds: readonly AcceptReportCommand[],
): Promise<AcceptReportOutcome[]> {
  const items = cmds.map((cmd) => {
    const payloadHash = sha256Hex(canonicalJson({ org: cmd.org, input: cmd.input }));
    return {
      cmd,
      id: newReportId(),
      payloadHash,
      now: (cmd.now ?? new Date()).toISOString(),
      headerKey: cmd.idempotencyKey ? `${cmd.org}:header:${cmd.idempotencyKey}` : undefined,
      payloadKey: `${cmd.org}:payload:${payloadHash}`,
    };
  });
  return graph.write(async (tx) => {
    const outcomes: AcceptReportOutcome[] = new Array(items.length);
    const byHeader = await claimKeys(
      tx,
      items.flatMap((it, i) =>
        it.headerKey ? [{ i, key: it.headerKey, id: it.id, payloadHash: it.payloadHash, now: it.now }] : [],
      ),
    );
    const open = items.flatMap((it, i) => {
      const claim = byHeader.get(i);
      if (!claim || claim.reportId === it.id) return [{ it, i }];
      outcomes[i] =
        claim.payloadHash !== it.payloadHash
          ? { kind: 'key-reused', id: claim.reportId }
          : { kind: 'replayed', id: claim.reportId, status: claim.status ?? 'received' };
      return [];
    });
    const byPayload = await claimKeys(
      tx,
      open.map(({ it, i }) => ({ i, key: it.payloadKey, id: it.id, payloadHash: it.payloadHash, now: it.now })),
    );
    const headerFixes: Array<{ key: string; reportId: string }> = [];
    const reports: Array<{ org: string; now: string; props: Record<string, unknown>; notes: string[] }> = [];
    const audits: Array<Record<string, string | null>> = [];
    for (const { it, i } of open) {
      const claim = byPayload.get(i)!;
      if (claim.reportId !== it.id) {
        if (it.headerKey) headerFixes.push({ key: it.headerKey, reportId: claim.reportId });
        outcomes[i] = { kind: 'replayed', id: claim.reportId, status: claim.status ?? 'received' };
        continue;
      }
      outcomes[i] = { kind: 'created', id: it.id, status: 'received' };
      // The driver runs this function again when the connection drops before the commit is confirmed
      // (a Neo4j restart), with the same ids: if the first run did commit, the report exists already and
      // creating it again would violate its uniqueness constraint and answer 500 for a stored report.
      if (claim.stored) continue;
      const { cmd } = it;
      reports.push({
        org: cmd.org,
        now: it.now,
        props: {
          id: it.id,
          orgId: cmd.org,
          caseRefHash: caseRefHash(cmd.secret, cmd.org, cmd.input.caseRef),
          caseRefSealed: sealCaseRef(cmd.secret, cmd.org, cmd.input.caseRef),
          revision: 1,
          country: cmd.input.country,
          reportedAt: cmd.input.reportedAt ?? null,
          receivedAt: it.now,
          payloadHash: it.payloadHash,
          payload: canonicalJson({ subjects: cmd.input.subjects, links: cmd.input.links }),
          subjectCount: cmd.input.subjects.length,
          submittedBy: cmd.submittedBy ?? null,
        },
        // Notes live apart from the report so that no query that feeds an export can reach them by accident.
        notes: cmd.input.notes === undefined ? [] : [cmd.input.notes],
      });
      if (cmd.auditRole) {
        audits.push(
          auditEventProps({
            actor: cmd.submittedBy ?? 'unknown',
            person: cmd.submitterPerson,
            role: cmd.auditRole,
            org: cmd.org,
            action: 'report.submitted',
            target: it.id,
            details: { subjects: cmd.input.subjects.length },
          }),
        );
      }
    }
    if (headerFixes.length + reports.length > 0) {
      // Sorted by organisation so that concurrent batches take the organisation nodes in one order.
      reports.sort((p, q) => (p.org < q.org ? -1 : p.org > q.org ? 1 : 0));
      await tx.run(
        `CALL () {
           UNWIND $headerFixes AS fix
           MATCH (k:IdempotencyRecord {key: fix.key})
           SET k.reportId = fix.reportId
         }
         CALL () {
           UNWIND $reports AS row
           MERGE (o:Organisation {slug: row.org})
             ON CREATE SET o.createdAt = row.now, o.name = row.org
           CREATE (r:Report)
           SET r = row.props, r.status = 'received', r.attempts = 0
           CREATE (r)-[:FROM]->(o)
           FOREACH (text IN row.notes | CREATE (r)-[:HAS_NOTE]->(:ReportNote {reportId: row.props.id, text: text}))
         }
         CALL () {
           UNWIND $audits AS props
           CREATE (a:AuditEvent)
           SET a = props
         }`,
        { headerFixes, reports, audits },
      );
    }
    return outcomes;
  });
}
