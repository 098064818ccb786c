import neo4j from 'neo4j-driver';
import { ulid } from 'ulid';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Graph } from './driver';

export interface AuditEntry {
  actor: string;
  role: string;
  org: string;
  action: string;
  target?: string;
  /** Identifiers and counts only: never notes, case references or report contents. */
  details?: Record<string, unknown>;
}

export interface AuditEvent extends AuditEntry {
  id: string;
  at: string;
}

/** The stored form of one audit event (details as JSON): what `auditIn` writes, one or many at a time. */
export function auditEventProps(entry: AuditEntry): Record<string, string | null> {
  return {
    id: `aud_${ulid()}`,
    at: new Date().toISOString(),
    actor: entry.actor,
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
  return props.id as string;
}

export async function audit(graph: Graph, entry: AuditEntry): Promise<string> {
  return graph.write((tx) => auditIn(tx, entry));
}

export async function listAudit(graph: Graph, options: { limit: number; offset: number; action?: string }): Promise<{ items: AuditEvent[]; total: number }> {
  return graph.read(async (tx) => {
    const where = 'WHERE $action IS NULL OR a.action = $action';
    const total = await tx.run(`MATCH (a:AuditEvent) ${where} RETURN count(a) AS n`, { action: options.action ?? null });
    const rows = await tx.run(`MATCH (a:AuditEvent) ${where} RETURN a ORDER BY a.at DESC, a.id DESC SKIP $offset LIMIT $limit`, {
      action: options.action ?? null,
      offset: neo4j.int(options.offset),
      limit: neo4j.int(options.limit),
    });
    return {
      total: Number(total.records[0]?.get('n') ?? 0),
      items: rows.records.map((r) => {
        const a = (r.get('a') as { properties: Record<string, unknown> }).properties;
        return {
          id: a.id as string,
          at: a.at as string,
          actor: a.actor as string,
          role: a.role as string,
          org: a.org as string,
          action: a.action as string,
          target: (a.target as string | null) ?? undefined,
          details: JSON.parse((a.details as string) ?? '{}') as Record<string, unknown>,
        };
      }),
    };
  });
}
