import type { ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { ulid } from 'ulid';
import { z } from 'zod';
import { AuditEvent } from '../src/domain/api';
import type { Principal } from '../src/domain/auth';
import type { Graph } from './driver';
import { json, parseFirstRow, parseNode } from './records';

/**
 * What a caller records; `details` holds identifiers and counts only, never notes, case references or
 * report contents.
 */
export type AuditEntry = Omit<AuditEvent, 'id' | 'at' | 'details' | 'orgName'> & Partial<Pick<AuditEvent, 'details'>>;

/** Who an event is recorded against: the calling key, the person holding it, its role and its organisation. */
export const actedBy = (who: Principal): Pick<AuditEntry, 'actor' | 'person' | 'role' | 'org'> => ({
  actor: who.keyId,
  person: who.person,
  role: who.role,
  org: who.org,
});

/** Neo4j keeps no nested maps, so details are stored in JSON text. */
const StoredAuditEvent = AuditEvent.omit({ orgName: true }).extend({
  details: json(AuditEvent.shape.details).default({}),
});
const OrgName = z.object({ orgName: z.string() });
const Total = z.object({ n: z.number() });

/** The stored form of one audit event (details as JSON): what `auditIn` writes, one or many at a time. */
export function auditEventProps(entry: AuditEntry) {
  return {
    id: `aud_${ulid()}`,
    at: new Date().toISOString(),
    actor: entry.actor,
    person: entry.person ?? null,
    role: entry.role,
    org: entry.org,
    action: entry.action,
    target: entry.target ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
}

/** Records the event inside the caller's transaction, so that it commits (or not) with what it records. */
export async function auditIn(tx: ManagedTransaction, entry: AuditEntry): Promise<string> {
  const props = auditEventProps(entry);
  await tx.run('CREATE (a:AuditEvent) SET a = $props', { props });
  return props.id;
}

export async function audit(graph: Graph, entry: AuditEntry): Promise<string> {
  return graph.write((tx) => auditIn(tx, entry));
}

export async function listAudit(
  graph: Graph,
  options: { limit: number; offset: number; action?: string },
): Promise<{ items: AuditEvent[]; total: number }> {
  return graph.read(async (tx) => {
    const where = 'WHERE $action IS NULL OR a.action = $action';
    const total = await tx.run(`MATCH (a:AuditEvent) ${where} RETURN count(a) AS n`, {
      action: options.action ?? null,
    });
    const rows = await tx.run(
      `MATCH (a:AuditEvent) ${where}
       WITH a ORDER BY a.at DESC, a.id DESC SKIP $offset LIMIT $limit
       OPTIONAL MATCH (o:Organisation {slug: a.org})
       RETURN a, coalesce(o.name, a.org) AS orgName ORDER BY a.at DESC, a.id DESC`,
      {
        action: options.action ?? null,
        offset: neo4j.int(options.offset),
        limit: neo4j.int(options.limit),
      },
    );
    return {
      total: parseFirstRow(total, Total)?.n ?? 0,
      items: rows.records.map((r) => ({
        ...parseNode(r.get('a'), StoredAuditEvent),
        ...OrgName.parse({ orgName: r.get('orgName') }),
      })),
    };
  });
}
