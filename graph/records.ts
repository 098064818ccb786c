/**
 * Rows of a Cypher result as domain shapes. The graph is outside data for this process (older code,
 * a restore, a hand edit may have written it), so rows that leave `graph/` are parsed by the domain's
 * zod schema here, at the edge, and their types come from the schema: no cast in the caller.
 */
import type { QueryResult, RecordShape } from 'neo4j-driver';
import { z } from 'zod';

function parse<S extends z.ZodType>(schema: S, row: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new Error(`graph ${where} does not fit its schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Every row of the result, parsed by the schema (keys are the RETURN clause's names). */
export function parseRows<S extends z.ZodType>(result: QueryResult<RecordShape>, schema: S): Array<z.infer<S>> {
  return result.records.map((record, i) => parse(schema, record.toObject(), `row ${i}`));
}

/** The first row, parsed, or undefined when the query returned none. */
export function parseFirstRow<S extends z.ZodType>(
  result: QueryResult<RecordShape>,
  schema: S,
): z.infer<S> | undefined {
  const record = result.records[0];
  return record === undefined ? undefined : parse(schema, record.toObject(), 'row 0');
}

/** A node's properties, parsed by the schema (for `RETURN n` queries). */
export function parseNode<S extends z.ZodType>(node: unknown, schema: S): z.infer<S> {
  const properties = typeof node === 'object' && node !== null && 'properties' in node ? node.properties : node;
  return parse(schema, properties, 'node');
}

/** A property stored as JSON text (Neo4j holds no nested maps), parsed by the schema of what it holds. */
export function json<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text): unknown => JSON.parse(text))
    .pipe(schema);
}
