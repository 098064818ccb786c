import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { Principal } from '../../src/domain/auth';
import {
  Approval,
  type ApprovalOutcome,
  LeadDetail,
  type LeadRules,
  type LeadStatus,
  type LeadSummary,
  NetworkEvaluation,
  StoredLead,
} from '../../src/domain/leads';
import type { Graph } from '../driver';
import { displayNameOfNames, leadTitle } from '../read/displayName';
import { json, parseFirstRow, parseNode, parseRows } from '../records';

/** How leads are decided and approved; built from configuration once per process. */
export interface LeadPolicy {
  rules: LeadRules;
  /** Two different analysts must approve (LANTERN_TWO_PERSON_RULE); otherwise one is enough. */
  twoPersonRule: boolean;
  /** Days an approval (or an unreviewed lead) stays valid (LANTERN_LEAD_REVIEW_DAYS). */
  reviewDays: number;
}

export class LeadError extends Error {
  constructor(
    readonly code: 'not-found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'LeadError';
  }
}

/** An approval of a revision the lead has moved on from: the analyst has not seen what would be approved. */
export class StaleRevisionError extends LeadError {
  constructor(
    id: string,
    readonly reviewed: number,
    readonly current: number,
  ) {
    super(
      'conflict',
      `lead ${id} changed: its current revision is ${current}, not the revision ${reviewed} you reviewed; ` +
        'review it again before approving',
    );
    this.name = 'StaleRevisionError';
  }
}

/** Statuses whose review-by date runs; the others are closed or already expired. */
const RUNNING: readonly LeadStatus[] = ['new', 'in_review', 'approved', 'exported'];

export const addDays = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

/** Approvals recorded before keys had people name none: the key was its own person. */
const StoredApproval = Approval.extend({ person: Approval.shape.person.optional() }).transform(
  ({ person, ...approval }) => ({ ...approval, person: person ?? approval.by }),
);

/**
 * A Lead node: nested values are kept in JSON text, and Neo4j stores no null, so a property written
 * empty is absent and reads back as its default here.
 */
const LeadNode = StoredLead.extend({
  score: StoredLead.shape.score.default(0),
  reasons: StoredLead.shape.reasons.default([]),
  evaluation: json(NetworkEvaluation),
  revision: StoredLead.shape.revision.default(1),
  approvals: json(z.array(StoredApproval)).default([]),
  approvedRevision: StoredLead.shape.approvedRevision.default(null),
  approvedBy: StoredLead.shape.approvedBy.default([]),
  approvedAt: StoredLead.shape.approvedAt.default(null),
  reviewBy: StoredLead.shape.reviewBy.default(null),
  exportedAt: StoredLead.shape.exportedAt.default(null),
  exportedRevision: StoredLead.shape.exportedRevision.default(null),
  closedReason: StoredLead.shape.closedReason.default(null),
});

const Total = z.object({ n: z.number() });
const Id = z.object({ id: z.string() });

export function leadFromNode(node: unknown): StoredLead {
  return parseNode(node, LeadNode);
}

/** A lead past its review-by date is expired whether or not the worker has written so yet. */
export function effectiveStatus(lead: Pick<StoredLead, 'status' | 'reviewBy'>, now: Date): LeadStatus {
  return RUNNING.includes(lead.status) && lead.reviewBy !== null && lead.reviewBy < now.toISOString()
    ? 'expired'
    : lead.status;
}

/** Approved as it stands now: the current revision carries enough approvals and has not expired. */
export function isApproved(lead: StoredLead, now: Date): boolean {
  const status = effectiveStatus(lead, now);
  return (status === 'approved' || status === 'exported') && lead.approvedRevision === lead.revision;
}

/** Partners hold an older revision than the lead's own, and the lead is still one they screen for. */
export function changedSinceExport(lead: Pick<StoredLead, 'status' | 'revision' | 'exportedRevision'>): boolean {
  return (
    lead.exportedRevision !== null &&
    lead.exportedRevision < lead.revision &&
    lead.status !== 'retracted' &&
    lead.status !== 'rejected'
  );
}

export function summarise(lead: StoredLead, now: Date): LeadSummary {
  const subjects = lead.evaluation.subjects.map((s) => ({
    entityId: s.entityId,
    schema: s.schema,
    names: s.names,
    displayName: displayNameOfNames(s.schema, s.names),
  }));
  return {
    id: lead.id,
    status: effectiveStatus(lead, now),
    score: lead.score,
    title: leadTitle(subjects, lead.id),
    subjects,
    reasons: lead.reasons,
    typologies: lead.evaluation.typologies,
    revision: lead.revision,
    approved: isApproved(lead, now),
    reviewBy: lead.reviewBy,
    exportedRevision: lead.exportedRevision,
    changedSinceExport: changedSinceExport(lead),
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
  };
}

/** Reads and write-locks a lead inside a transaction, so that approvals and exports of it queue. */
export async function lockLead(tx: ManagedTransaction, id: string): Promise<StoredLead | undefined> {
  const r = await tx.run('MATCH (l:Lead {id: $id}) SET l.lockSeq = coalesce(l.lockSeq, 0) + 1 RETURN l', { id });
  const row = r.records[0];
  return row ? leadFromNode(row.get('l')) : undefined;
}

export async function loadLead(graph: Graph, id: string): Promise<StoredLead | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run('MATCH (l:Lead {id: $id}) RETURN l', { id });
    const row = r.records[0];
    return row ? leadFromNode(row.get('l')) : undefined;
  });
}

/**
 * Records an analyst's approval of the revision they reviewed, which must be the lead's current one.
 * When enough different people have approved it (two keys of one person count once), the lead is
 * approved (or, once exported, re-approved) until the review-by date.
 */
export async function approveLead(
  graph: Graph,
  id: string,
  approval: { by: Pick<Principal, 'keyId' | 'person'>; revision: number },
  policy: LeadPolicy,
  now = new Date(),
): Promise<ApprovalOutcome> {
  const needed = policy.twoPersonRule ? 2 : 1;
  const { by, revision } = approval;
  return graph.write(async (tx) => {
    const lead = await lockLead(tx, id);
    if (!lead) throw new LeadError('not-found', `no lead ${id}`);
    const status = effectiveStatus(lead, now);
    if (status === 'retracted' || status === 'rejected')
      throw new LeadError('conflict', `lead ${id} is ${status}; it cannot be approved`);
    if (revision !== lead.revision) throw new StaleRevisionError(id, revision, lead.revision);
    const at = now.toISOString();
    if (lead.approvals.some((a) => a.person === by.person)) {
      return { lead: summarise(lead, now), counted: false, approvals: lead.approvals.length, needed };
    }
    const approvals = [...lead.approvals, { by: by.keyId, person: by.person, at }];
    const complete = approvals.length >= needed;
    const approvedNow = isApproved(lead, now);
    // A lead a partner already holds stays `exported` while its new revision waits for a second analyst.
    const nextStatus: LeadStatus = complete
      ? lead.exportedAt
        ? 'exported'
        : 'approved'
      : approvedNow || status === 'exported'
        ? status
        : 'in_review';
    const props = complete
      ? {
          status: nextStatus,
          approvals: '[]',
          approvedRevision: lead.revision,
          approvedBy: approvals.map((a) => a.person),
          approvedAt: at,
          reviewBy: addDays(now, policy.reviewDays),
          updatedAt: at,
        }
      : { status: nextStatus, approvals: JSON.stringify(approvals), updatedAt: at };
    const r = await tx.run('MATCH (l:Lead {id: $id}) SET l += $props RETURN l', { id, props });
    const updated = leadFromNode(r.records[0]!.get('l'));
    return { lead: summarise(updated, now), counted: true, approvals: approvals.length, needed };
  });
}

/**
 * An analyst's rejection: one is enough to stop a lead. A lead already exported is retracted instead,
 * so that its recipients are told (the caller revises their bundles).
 */
export async function rejectLead(
  graph: Graph,
  id: string,
  by: string,
  reason: string | undefined,
  now = new Date(),
): Promise<LeadSummary> {
  return graph.write(async (tx) => {
    const lead = await lockLead(tx, id);
    if (!lead) throw new LeadError('not-found', `no lead ${id}`);
    if (lead.status === 'retracted' || lead.status === 'rejected')
      throw new LeadError('conflict', `lead ${id} is already ${lead.status}`);
    const at = now.toISOString();
    const status: LeadStatus = lead.exportedAt ? 'retracted' : 'rejected';
    // The analyst's words stay internal: only the fixed wording below ever reaches a recipient.
    const closedReason = status === 'retracted' ? 'withdrawn by the issuer after review' : 'rejected by an analyst';
    const r = await tx.run(
      'MATCH (l:Lead {id: $id}) ' +
        'SET l.status = $status, l.closedReason = $closedReason, l.closedBy = $by, l.closedNote = $note, ' +
        "l.closedAt = $at, l.updatedAt = $at, l.approvals = '[]' " +
        'RETURN l',
      { id, status, closedReason, by, note: reason ?? null, at },
    );
    return summarise(leadFromNode(r.records[0]!.get('l')), now);
  });
}

/** Writes `expired` on leads past their review-by date; their pending approvals lapse with them. */
export async function expireDueLeads(graph: Graph, now = new Date()): Promise<string[]> {
  return graph.write(async (tx) => {
    const r = await tx.run(
      `MATCH (l:Lead) WHERE l.status IN $running AND l.reviewBy < $now
       SET l.status = 'expired', l.approvals = '[]', l.updatedAt = $now
       RETURN l.id AS id ORDER BY id`,
      { running: RUNNING, now: now.toISOString() },
    );
    return parseRows(r, Id).map((row) => row.id);
  });
}

const EFFECTIVE_STATUS = "CASE WHEN l.status IN $running AND l.reviewBy < $now THEN 'expired' ELSE l.status END";

export async function listLeads(
  graph: Graph,
  query: { status?: LeadStatus; limit: number; offset: number },
  now = new Date(),
): Promise<{ items: LeadSummary[]; total: number }> {
  return graph.read(async (tx) => {
    const params = { status: query.status ?? null, running: RUNNING, now: now.toISOString() };
    const where = `WHERE $status IS NULL OR ${EFFECTIVE_STATUS} = $status`;
    const total = await tx.run(`MATCH (l:Lead) ${where} RETURN count(l) AS n`, params);
    const rows = await tx.run(
      `MATCH (l:Lead) ${where} RETURN l ORDER BY l.score DESC, l.createdAt, l.id SKIP $offset LIMIT $limit`,
      {
        ...params,
        offset: neo4j.int(query.offset),
        limit: neo4j.int(query.limit),
      },
    );
    return {
      total: parseFirstRow(total, Total)?.n ?? 0,
      items: rows.records.map((r) => summarise(leadFromNode(r.get('l')), now)),
    };
  });
}

/** The exports a lead went out in, for analysts. */
/** The reports behind a lead, each with the organisation that sent it, oldest first. */
export async function reportsOfLead(graph: Graph, ids: readonly string[]): Promise<LeadDetail['reports']> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (r:Report) WHERE r.id IN $ids
       OPTIONAL MATCH (o:Organisation {slug: r.orgId})
       RETURN r.id AS id, r.orgId AS orgId, coalesce(o.name, r.orgId) AS orgName, r.receivedAt AS receivedAt
       ORDER BY receivedAt, id`,
      { ids: [...ids] },
    );
    return parseRows(r, LeadDetail.shape.reports.element);
  });
}

export async function exportsOfLead(graph: Graph, id: string): Promise<LeadDetail['exports']> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (x:Export)-[c:CONTAINS]->(:Lead {id: $id})
       OPTIONAL MATCH (o:Organisation {slug: x.partner})
       RETURN x.id AS id, x.partner AS partner, coalesce(o.name, x.partner) AS partnerName, x.revision AS revision,
              c.revision AS leadRevision, x.createdAt AS createdAt
       ORDER BY x.createdAt`,
      { id },
    );
    return parseRows(r, LeadDetail.shape.exports.element);
  });
}
