import { z } from 'zod';
import { EntityView, JudgementRecord } from '../../src/domain/api';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';
import { displayNameOfNames, entityDisplayName } from './displayName';
import { explanationOf } from './explanation';

/** An entity the way the graph holds it; its judgements are read on their own (`judgementHistory`). */
export type StoredEntity = Omit<EntityView, 'judgements'>;

export type EntityLookup =
  | { kind: 'entity'; entity: StoredEntity }
  | { kind: 'tombstone'; id: string; mergedInto: string }
  | { kind: 'missing' };

const Relation = EntityView.shape.relations.element.omit({ displayName: true }).extend({ schema: z.string() });
const Possible = EntityView.shape.possibleMatches.element
  .omit({ displayName: true })
  .extend({ schema: z.string(), names: z.array(z.string()) });
const Summary = EntityView.pick({
  schema: true,
  names: true,
  countries: true,
  roles: true,
  reportCount: true,
  orgCount: true,
  firstSeen: true,
  lastSeen: true,
}).extend({ mentionCount: EntityView.shape.mentionCount.nullable(), mergedInto: z.null() });
/** A merged id keeps only the way to its survivor. */
const Head = z.union([z.object({ mergedInto: z.string() }), Summary]);
const Id = z.object({ id: z.string() });
const Current = z.object({ current: z.string() });

/** An entity with its mentions and why each was placed there; a merged id answers with its survivor. */
export async function getEntity(graph: Graph, id: string): Promise<EntityLookup> {
  return graph.read(async (tx) => {
    const head = await tx.run(
      `MATCH (e:Entity {id: $id})
       RETURN e.mergedInto AS mergedInto, e.schema AS schema, coalesce(e.names, []) AS names,
              coalesce(e.countries, []) AS countries, coalesce(e.roles, []) AS roles, e.mentionCount AS mentionCount,
              coalesce(e.reportCount, 0) AS reportCount, coalesce(e.orgCount, 0) AS orgCount,
              e.firstSeen AS firstSeen, e.lastSeen AS lastSeen`,
      { id },
    );
    const found = parseFirstRow(head, Head);
    if (!found) return { kind: 'missing' };
    if (found.mergedInto !== null) return { kind: 'tombstone', id, mergedInto: found.mergedInto };
    const mentions = await tx.run(
      `MATCH (m:Mention)-[r:RESOLVED_TO]->(:Entity {id: $id})
       OPTIONAL MATCH (o:Organisation {slug: m.orgId})
       RETURN m.id AS id, m.reportId AS reportId, m.orgId AS orgId, coalesce(o.name, m.orgId) AS orgName,
              m.schema AS schema, m.role AS role,
              m.country AS country, m.reportedAt AS reportedAt, coalesce(m.names, []) AS names,
              r.decision AS decision, r.score AS score, r.explanation AS explanation, r.at AS decidedAt,
              r.by AS decidedBy, r.model AS model
       ORDER BY m.reportedAt, m.id`,
      { id },
    );
    const identifiers = await tx.run(
      `MATCH (:Entity {id: $id})-[:HAS_IDENTIFIER]->(i:Identifier)
       OPTIONAL MATCH (i)<-[:HAS_IDENTIFIER]-(other:Entity) WHERE other.id <> $id AND other.mergedInto IS NULL
       RETURN i.kind AS kind, i.value AS value, count(other) AS sharedWith ORDER BY kind, value`,
      { id },
    );
    const relations = await tx.run(
      `MATCH (e:Entity {id: $id})-[r:RELATED]-(o:Entity)
       RETURN r.type AS type, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction, o.id AS entityId,
              o.schema AS schema, coalesce(o.names, []) AS names, coalesce(r.reportIds, []) AS reportIds
       ORDER BY type, entityId`,
      { id },
    );
    const possible = await tx.run(
      `MATCH (:Entity {id: $id})-[p:POSSIBLE_MATCH]-(o:Entity)
       RETURN o.id AS entityId, o.schema AS schema, coalesce(o.names, []) AS names, p.score AS score,
              p.status AS status
       ORDER BY score DESC, entityId`,
      { id },
    );
    const merged = await tx.run('MATCH (t:Entity {mergedInto: $id}) RETURN t.id AS id ORDER BY id', { id });
    const { mergedInto, mentionCount, ...fields } = found;
    const mentionRows = parseRows(mentions, EntityView.shape.mentions.element);
    const entity: StoredEntity = {
      id,
      ...fields,
      displayName: entityDisplayName(
        fields.schema,
        mentionRows.length > 0 ? mentionRows.map((m) => m.names) : fields.names.map((n) => [n]),
      ),
      identifiers: parseRows(identifiers, EntityView.shape.identifiers.element),
      mentionCount: mentionCount ?? mentionRows.length,
      mentions: mentionRows.map((m) => ({ ...m, explanation: explanationOf(m.explanation) })),
      relations: parseRows(relations, Relation).map(({ schema, ...r }) => ({
        ...r,
        displayName: displayNameOfNames(schema, r.names),
      })),
      possibleMatches: parseRows(possible, Possible).map(({ schema, names, ...p }) => ({
        ...p,
        displayName: displayNameOfNames(schema, names),
      })),
      mergedIds: parseRows(merged, Id).map((r) => r.id),
    };
    return { kind: 'entity', entity };
  });
}

/** The id an old or current entity id resolves to now, or undefined for an unknown id. */
export async function resolveEntityId(graph: Graph, id: string): Promise<string | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run('MATCH (e:Entity {id: $id}) RETURN coalesce(e.mergedInto, e.id) AS current', { id });
    return parseFirstRow(r, Current)?.current;
  });
}

/** Judgements about any mention of the entity, newest first. */
export async function judgementHistory(graph: Graph, id: string): Promise<JudgementRecord[]> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (:Entity {id: $id})<-[:RESOLVED_TO]-(:Mention)<-[:LEFT|RIGHT]-(j:Judgement)
       RETURN DISTINCT j.id AS id, j.verdict AS verdict, j.kind AS kind, j.by AS by, j.at AS at, j.reason AS reason,
              j.entityA AS entityA, j.entityB AS entityB
       ORDER BY at DESC`,
      { id },
    );
    return parseRows(r, JudgementRecord);
  });
}
