import type { Graph } from '../driver';

export interface EntityMention {
  id: string;
  reportId: string;
  orgId: string;
  schema: string;
  role: string | null;
  country: string;
  reportedAt: string | null;
  names: string[];
  decision: string;
  score: number | null;
  explanation: unknown;
  decidedAt: string;
  decidedBy: string;
  model: string | null;
}

export interface EntityView {
  id: string;
  schema: string;
  names: string[];
  countries: string[];
  roles: string[];
  identifiers: Array<{ kind: string; value: string; sharedWith: number }>;
  mentionCount: number;
  reportCount: number;
  orgCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  mentions: EntityMention[];
  relations: Array<{ type: string; direction: 'out' | 'in'; entityId: string; names: string[]; reportIds: string[] }>;
  possibleMatches: Array<{ entityId: string; score: number; status: string }>;
  /** Ids that were merged into this entity and still resolve to it. */
  mergedIds: string[];
}

export type EntityLookup = { kind: 'entity'; entity: EntityView } | { kind: 'tombstone'; id: string; mergedInto: string } | { kind: 'missing' };

const parse = (text: unknown): unknown => {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** An entity with its mentions and why each was placed there; a merged id answers with its survivor. */
export async function getEntity(graph: Graph, id: string): Promise<EntityLookup> {
  return graph.read(async (tx) => {
    const head = await tx.run('MATCH (e:Entity {id: $id}) RETURN e', { id });
    const node = head.records[0]?.get('e') as { properties: Record<string, unknown> } | undefined;
    if (!node) return { kind: 'missing' };
    const p = node.properties;
    if (p.mergedInto) return { kind: 'tombstone', id, mergedInto: p.mergedInto as string };
    const mentions = await tx.run(
      `MATCH (m:Mention)-[r:RESOLVED_TO]->(:Entity {id: $id})
       RETURN m, r ORDER BY m.reportedAt, m.id`,
      { id },
    );
    const identifiers = await tx.run(
      `MATCH (:Entity {id: $id})-[:HAS_IDENTIFIER]->(i:Identifier)
       OPTIONAL MATCH (i)<-[:HAS_IDENTIFIER]-(other:Entity) WHERE other.id <> $id AND other.mergedInto IS NULL
       RETURN i.kind AS kind, i.value AS value, count(other) AS shared ORDER BY kind, value`,
      { id },
    );
    const relations = await tx.run(
      `MATCH (e:Entity {id: $id})-[r:RELATED]-(o:Entity)
       RETURN r.type AS type, startNode(r) = e AS out, o.id AS other, o.names AS names, r.reportIds AS reportIds ORDER BY type, other`,
      { id },
    );
    const possible = await tx.run(
      `MATCH (:Entity {id: $id})-[p:POSSIBLE_MATCH]-(o:Entity) RETURN o.id AS other, p.score AS score, p.status AS status ORDER BY score DESC`,
      { id },
    );
    const merged = await tx.run('MATCH (t:Entity {mergedInto: $id}) RETURN t.id AS id ORDER BY id', { id });
    const entity: EntityView = {
      id,
      schema: p.schema as string,
      names: (p.names as string[] | undefined) ?? [],
      countries: (p.countries as string[] | undefined) ?? [],
      roles: (p.roles as string[] | undefined) ?? [],
      identifiers: identifiers.records.map((r) => ({ kind: r.get('kind') as string, value: r.get('value') as string, sharedWith: Number(r.get('shared')) })),
      mentionCount: Number(p.mentionCount ?? mentions.records.length),
      reportCount: Number(p.reportCount ?? 0),
      orgCount: Number(p.orgCount ?? 0),
      firstSeen: (p.firstSeen as string | null) ?? null,
      lastSeen: (p.lastSeen as string | null) ?? null,
      mentions: mentions.records.map((row) => {
        const m = (row.get('m') as { properties: Record<string, unknown> }).properties;
        const r = (row.get('r') as { properties: Record<string, unknown> }).properties;
        return {
          id: m.id as string,
          reportId: m.reportId as string,
          orgId: m.orgId as string,
          schema: m.schema as string,
          role: (m.role as string | null) ?? null,
          country: m.country as string,
          reportedAt: (m.reportedAt as string | null) ?? null,
          names: (m.names as string[]) ?? [],
          decision: r.decision as string,
          score: (r.score as number | null) ?? null,
          explanation: parse(r.explanation),
          decidedAt: r.at as string,
          decidedBy: r.by as string,
          model: (r.model as string | null) ?? null,
        };
      }),
      relations: relations.records.map((r) => ({
        type: r.get('type') as string,
        direction: r.get('out') ? 'out' : 'in',
        entityId: r.get('other') as string,
        names: (r.get('names') as string[]) ?? [],
        reportIds: (r.get('reportIds') as string[]) ?? [],
      })),
      possibleMatches: possible.records.map((r) => ({ entityId: r.get('other') as string, score: Number(r.get('score')), status: r.get('status') as string })),
      mergedIds: merged.records.map((r) => r.get('id') as string),
    };
    return { kind: 'entity', entity };
  });
}

/** The id an old or current entity id resolves to now, or undefined for an unknown id. */
export async function resolveEntityId(graph: Graph, id: string): Promise<string | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run('MATCH (e:Entity {id: $id}) RETURN coalesce(e.mergedInto, e.id) AS current', { id });
    return (r.records[0]?.get('current') as string | undefined) ?? undefined;
  });
}

/** Judgements about any mention of the entity, newest first. */
export async function judgementHistory(graph: Graph, id: string): Promise<Array<{ id: string; verdict: string; kind: string; by: string; at: string; reason: string | null; entityA: string; entityB: string }>> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (:Entity {id: $id})<-[:RESOLVED_TO]-(:Mention)<-[:LEFT|RIGHT]-(j:Judgement)
       RETURN DISTINCT j ORDER BY j.at DESC`,
      { id },
    );
    return r.records.map((row) => {
      const j = (row.get('j') as { properties: Record<string, unknown> }).properties;
      return { id: j.id as string, verdict: j.verdict as string, kind: j.kind as string, by: j.by as string, at: j.at as string, reason: (j.reason as string | null) ?? null, entityA: j.entityA as string, entityB: j.entityB as string };
    });
  });
}
