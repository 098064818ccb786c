import type { ManagedTransaction } from 'neo4j-driver';
import type { SubjectSchemaName } from '../../src/domain/ftm';

/** Writes as unit subqueries (`CALL () { ... }` blocks), with the parameters they name. */
export interface Writes {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * Runs writes as one statement, in the order given: each round trip to Neo4j costs more than most of
 * these writes. The subqueries run one after the other, each seeing the writes of those before it; a
 * subquery given an empty list writes nothing.
 */
export async function runWrites(tx: ManagedTransaction, writes: Writes[]): Promise<void> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of writes.flatMap((w) => Object.entries(w.params))) {
    if (name in params && params[name] !== value) {
      throw new Error(`Two writes name the parameter $${name} with different values`);
    }
    params[name] = value;
  }
  await tx.run(writes.map((w) => w.cypher).join('\n'), params);
}

/** An entity id with the schema it shows (also its label). */
export interface EntitySchema {
  id: string;
  schema: SubjectSchemaName;
}

export function createEntities(created: EntitySchema[], now: string): Writes {
  return {
    cypher: `CALL () {
       UNWIND $created AS c
       CREATE (e:Entity {id: c.id, schema: c.schema, createdAt: $now})
       SET e:$(c.schema)
     }`,
    params: { created, now },
  };
}

/** A mention that changes entity, with the RESOLVED_TO properties that say which decision placed it. */
export interface MentionMove {
  mention: string;
  entity: string;
  props: { decision: string; score: number | null; explanation: string | null; at: string; by: string; model: string };
}

export function moveMentions(moves: MentionMove[]): Writes {
  return {
    cypher: `CALL () {
       UNWIND $moves AS mv
       MATCH (m:Mention {id: mv.mention})-[old:RESOLVED_TO]->()
       DELETE old
       WITH m, mv
       MATCH (e:Entity {id: mv.entity})
       CREATE (m)-[r:RESOLVED_TO]->(e)
       SET r = mv.props
     }`,
    params: { moves },
  };
}

/**
 * Tombstones drop their identifiers, relations and review-queue entries. Older tombstones that pointed
 * at an entity that is now itself a tombstone point on, so that every old id resolves in one step.
 */
export function tombstoneEntities(tombstones: Array<{ id: string; mergedInto: string }>, now: string): Writes {
  return {
    cypher: `CALL () {
       UNWIND $tombstones AS t
       MATCH (e:Entity {id: t.id})
       SET e.mergedInto = t.mergedInto, e.mergedAt = $now
       WITH e
       OPTIONAL MATCH (e)-[r:HAS_IDENTIFIER|RELATED|POSSIBLE_MATCH]-()
       DELETE r
     }
     CALL () {
       UNWIND $tombstones AS t
       MATCH (old:Entity {mergedInto: t.id})
       SET old.mergedInto = t.mergedInto
     }`,
    params: { tombstones, now },
  };
}

/**
 * Re-derives what an entity shows from its mentions: names, schema, countries, roles, counts and first
 * and last sighting, the identifiers it holds, and the relations reported between subjects. Identifiers
 * and relations are deleted, then merged again.
 */
export function refreshEntities(dirty: string[], now: string): Writes {
  return {
    cypher: `CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})<-[:RESOLVED_TO]-(m:Mention)
       UNWIND CASE WHEN size(m.names) = 0 THEN [null] ELSE m.names END AS name
       WITH e, collect(DISTINCT name) AS names, collect(DISTINCT m.country) AS countries,
            collect(DISTINCT m.role) AS roles, collect(DISTINCT m.reportId) AS reports,
            collect(DISTINCT m.orgId) AS orgs, min(m.reportedAt) AS firstSeen, max(m.reportedAt) AS lastSeen,
            count(DISTINCT m) AS mentions
       SET e.names = names, e.countries = countries, e.roles = roles, e.reportCount = size(reports),
           e.orgCount = size(orgs), e.firstSeen = firstSeen, e.lastSeen = lastSeen, e.mentionCount = mentions,
           e.updatedAt = $now
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})-[h:HAS_IDENTIFIER]->()
       DELETE h
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})<-[:RESOLVED_TO]-(:Mention)-[:HAS_IDENTIFIER]->(i:Identifier)
       WITH e, i ORDER BY i.key
       MERGE (e)-[:HAS_IDENTIFIER]->(i)
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})-[r:RELATED]-()
       DELETE r
     }
     CALL () {
       UNWIND $dirty AS id
       MATCH (e:Entity {id: id})<-[:RESOLVED_TO]-(m:Mention)
       MATCH (m)-[rep:REPORTED]-(o:Mention)-[:RESOLVED_TO]->(oe:Entity)
       WITH CASE WHEN startNode(rep) = m THEN e ELSE oe END AS source,
            CASE WHEN startNode(rep) = m THEN oe ELSE e END AS target, rep.type AS type, rep.reportId AS reportId
       WHERE source <> target
       WITH source, target, type, collect(DISTINCT reportId) AS reportIds
       MERGE (source)-[r:RELATED {type: type}]->(target)
       SET r.reportIds = reportIds
     }`,
    params: { dirty, now },
  };
}

/**
 * An entity shows the schema most of its mentions give (a Company reported once as an Organization
 * stays a Company), label included.
 */
export function fixSchemas(rows: EntitySchema[]): Writes {
  return {
    cypher: `CALL () {
       UNWIND $schemas AS row
       MATCH (e:Entity {id: row.id}) WHERE e.schema <> row.schema
       REMOVE e:Person:Company:Organization:BankAccount:UserAccount:Address
       SET e:$(row.schema), e.schema = row.schema
     }`,
    params: { schemas: rows },
  };
}
