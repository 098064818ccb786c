import { z } from 'zod';
import type { Neighbourhood } from '../../src/domain/api';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';

const Entity = z.object({ id: z.string(), schema: z.string(), names: z.array(z.string()).nullable() });
const Step = Entity.extend({
  source: z.string(),
  target: z.string(),
  type: z.string(),
  via: z.object({ key: z.string(), kind: z.string(), value: z.string() }).nullable(),
});

export const MAX_DEPTH = 3;
/** An identifier held by more entities than this (a hotline, a bank's switchboard) is not followed. */
const IDENTIFIER_FAN_OUT = 25;

/**
 * The entities around one entity up to `depth` hops through reported relations, shared identifiers and
 * open possible matches: the picture an analyst needs to see a network. Walked breadth-first one hop
 * per query, so a hub cannot blow the walk up, and capped at `maxNodes` entities.
 */
export async function neighbourhood(graph: Graph, id: string, depth: number, maxNodes = 200): Promise<Neighbourhood> {
  const hops = Math.max(1, Math.min(MAX_DEPTH, Math.floor(depth)));
  return graph.read(async (tx) => {
    const start = await tx.run(
      'MATCH (e:Entity {id: $id}) WHERE e.mergedInto IS NULL RETURN e.id AS id, e.schema AS schema, e.names AS names',
      { id },
    );
    const first = parseFirstRow(start, Entity);
    if (!first) return { nodes: [], edges: [], truncated: false };
    const nodes = new Map<string, Neighbourhood['nodes'][number]>();
    const edges = new Map<string, Neighbourhood['edges'][number]>();
    const addEntity = (eid: string, schema: string, names: string[] | null) =>
      nodes.set(eid, { id: eid, kind: 'entity', schema, label: names?.[0] ?? eid });
    addEntity(first.id, first.schema, first.names);
    let frontier = [id];
    let truncated = false;
    for (let hop = 0; hop < hops && frontier.length > 0 && !truncated; hop += 1) {
      const step = await tx.run(
        `UNWIND $frontier AS fid
         MATCH (e:Entity {id: fid})
         CALL (e) {
           MATCH (e)-[r:RELATED]-(o:Entity) WHERE o.mergedInto IS NULL
           RETURN o, CASE WHEN startNode(r) = e THEN e.id ELSE o.id END AS source,
                  CASE WHEN startNode(r) = e THEN o.id ELSE e.id END AS target, r.type AS type, null AS via
           UNION
           MATCH (e)-[p:POSSIBLE_MATCH {status: 'open'}]-(o:Entity) WHERE o.mergedInto IS NULL
           RETURN o, e.id AS source, o.id AS target, 'POSSIBLE_MATCH' AS type, null AS via
           UNION
           MATCH (e)-[:HAS_IDENTIFIER]->(i:Identifier)<-[:HAS_IDENTIFIER]-(o:Entity)
           WHERE o.mergedInto IS NULL AND o <> e AND COUNT { (i)<-[:HAS_IDENTIFIER]-(:Entity) } <= $fanOut
           RETURN o, e.id AS source, o.id AS target, 'SHARED_IDENTIFIER' AS type, i { .key, .kind, .value } AS via
         }
         RETURN o.id AS id, o.schema AS schema, o.names AS names, source, target, type, via`,
        { frontier, fanOut: IDENTIFIER_FAN_OUT },
      );
      const next: string[] = [];
      for (const r of parseRows(step, Step)) {
        const oid = r.id;
        if (!nodes.has(oid)) {
          if (nodes.size >= maxNodes) {
            truncated = true;
            continue;
          }
          addEntity(oid, r.schema, r.names);
          next.push(oid);
        }
        const via = r.via;
        if (via) {
          nodes.set(via.key, {
            id: via.key,
            kind: 'identifier',
            label: `${via.kind} ·${via.value.slice(-4)}`,
            identifierKind: via.kind,
            title: `${via.kind}: ${via.value}`,
          });
          for (const end of [r.source, oid]) {
            edges.set(`${end}|${via.key}`, { source: end, target: via.key, type: 'HAS_IDENTIFIER' });
          }
        } else {
          const { source, target, type } = r;
          edges.set(`${source}|${target}|${type}`, { source, target, type });
        }
      }
      frontier = next;
    }
    const present = (e: Neighbourhood['edges'][number]) => nodes.has(e.source) && nodes.has(e.target);
    return { nodes: [...nodes.values()], edges: [...edges.values()].filter(present), truncated };
  });
}
