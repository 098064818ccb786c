import type { Graph } from '../../graph/driver';

/** Groups (member, group) pairs into sorted groups, sorted by their first member: comparable across runs. */
export function groupPartition(rows: ReadonlyArray<readonly [string, string]>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [member, group] of rows) groups.set(group, [...(groups.get(group) ?? []), member]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** The partition of the given mentions into entities, as sorted groups: comparable across runs. */
export async function partitionOf(graph: Graph, mentionIds: readonly string[]): Promise<string[][]> {
  const rows = await graph.read(async (tx) => {
    const r = await tx.run(
      'UNWIND $ids AS id MATCH (m:Mention {id: id})-[:RESOLVED_TO]->(e:Entity) RETURN m.id AS m, e.id AS e',
      { ids: mentionIds },
    );
    return r.records.map((x) => [x.get('m') as string, x.get('e') as string] as const);
  });
  return groupPartition(rows);
}

/** Relabels a partition by position in `order`, so partitions of differently-named mentions compare. */
export function shape(partition: string[][], order: readonly string[]): number[][] {
  return partition.map((g) => g.map((m) => order.indexOf(m)).sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/** A fixed permutation, different per seed, so every run in another order is reproducible. */
export function permute<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
