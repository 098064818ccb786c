import type { Graph } from '../../graph/driver';

/** The partition of the given mentions into entities, as sorted groups: comparable across runs. */
export async function partitionOf(graph: Graph, mentionIds: readonly string[]): Promise<string[][]> {
  const rows = await graph.read(async (tx) => {
    const r = await tx.run('UNWIND $ids AS id MATCH (m:Mention {id: id})-[:RESOLVED_TO]->(e:Entity) RETURN m.id AS m, e.id AS e', { ids: mentionIds });
    return r.records.map((x) => [x.get('m') as string, x.get('e') as string] as const);
  });
  const groups = new Map<string, string[]>();
  for (const [m, e] of rows) groups.set(e, [...(groups.get(e) ?? []), m]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Relabels a partition by position in `order`, so partitions of differently-named mentions compare. */
export function shape(partition: string[][], order: readonly string[]): number[][] {
  return partition.map((g) => g.map((m) => order.indexOf(m)).sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}
