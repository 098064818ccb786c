import type { ReportInput } from '../../src/domain/report';
import { auditIn } from '../audit';
import type { Graph } from '../driver';
import { canonicalJson, caseRefHash, sha256Hex } from './canonical';
import { sealCaseRef } from './caseRefSeal';
import { type ChangeRefusal, changeOwnReport } from './ownReport';

export interface AmendCommand {
  id: string;
  org: string;
  input: ReportInput;
  secret: string;
  /** The caseworker's key id, the person holding it, and its role, for the audit trail. */
  actor: string;
  person: string;
  role: string;
}

export type AmendResult = { kind: 'amended' | 'unchanged'; revision: number } | ChangeRefusal;

/**
 * Stores a new revision of a report before the caller answers (the outbox: the report is `received`
 * again, and the reconciler queues it if the caller cannot). What the revision replaces is kept as a
 * `ReportRevision`, its notes with it; the ingest step then takes the older revision's mentions out of
 * their entities and writes the new ones. The same content as the current revision changes nothing.
 */
export async function amendReport(graph: Graph, cmd: AmendCommand): Promise<AmendResult> {
  const payloadHash = sha256Hex(canonicalJson({ org: cmd.org, input: cmd.input }));
  return changeOwnReport(graph, cmd.id, cmd.org, async (tx, report): Promise<AmendResult> => {
    const now = new Date().toISOString();
    if (report.payloadHash === payloadHash) return { kind: 'unchanged', revision: report.revision };
    const revision = report.revision + 1;
    await tx.run(
      `MATCH (r:Report {id: $id})
       CREATE (r)-[:REVISED_FROM]->(v:ReportRevision)
       SET v.reportId = r.id, v.revision = coalesce(r.revision, 1), v.payload = r.payload,
           v.payloadHash = r.payloadHash, v.caseRefHash = r.caseRefHash, v.caseRefSealed = r.caseRefSealed,
           v.country = r.country, v.reportedAt = r.reportedAt, v.subjectCount = r.subjectCount,
           v.receivedAt = coalesce(r.revisedAt, r.receivedAt), v.supersededAt = $now, v.supersededBy = $actor
       WITH r, v
       CALL (r, v) {
         MATCH (r)-[h:HAS_NOTE]->(n:ReportNote)
         CREATE (v)-[:HAS_NOTE]->(n)
         DELETE h
       }
       SET r += $props, r.status = 'received', r.attempts = 0, r.error = null, r.processedAt = null,
           r.revisedAt = $now, r.updatedAt = $now
       FOREACH (text IN $notes | CREATE (r)-[:HAS_NOTE]->(:ReportNote {reportId: r.id, text: text}))
       MERGE (k:IdempotencyRecord {key: $payloadKey})
         ON CREATE SET k.reportId = r.id, k.payloadHash = $props.payloadHash, k.createdAt = $now`,
      {
        id: cmd.id,
        now,
        actor: cmd.actor,
        payloadKey: `${cmd.org}:payload:${payloadHash}`,
        notes: cmd.input.notes === undefined ? [] : [cmd.input.notes],
        props: {
          revision,
          caseRefHash: caseRefHash(cmd.secret, cmd.org, cmd.input.caseRef),
          caseRefSealed: sealCaseRef(cmd.secret, cmd.org, cmd.input.caseRef),
          country: cmd.input.country,
          reportedAt: cmd.input.reportedAt ?? null,
          payloadHash,
          payload: canonicalJson({ subjects: cmd.input.subjects, links: cmd.input.links }),
          subjectCount: cmd.input.subjects.length,
        },
      },
    );
    await auditIn(tx, {
      actor: cmd.actor,
      person: cmd.person,
      role: cmd.role,
      org: cmd.org,
      action: 'report.amended',
      target: cmd.id,
      details: { revision, subjects: cmd.input.subjects.length },
    });
    return { kind: 'amended', revision };
  });
}
