/**
 * Entities as the connected components of accepted links, under analysts' constraints.
 *
 * Links are considered strongest first (an analyst's "same" before a shared identifier before a model
 * score, then by score, then by the ids of their ends, so that the order is total). A link is accepted
 * unless it would put two items that an analyst called "different" into one component: then it gives
 * way, and since every stronger link was taken first, the one that gives way is always the weakest link
 * of the chain that would have joined them. That is Kruskal's algorithm with cannot-link constraints.
 *
 * The result depends only on the set of links and constraints, never on the order they were recorded
 * in, which is what keeps resolution sequence-neutral.
 */

export type LinkKind = 'judgement' | 'identifier' | 'score';

export interface CandidateLink {
  a: string;
  b: string;
  kind: LinkKind;
  /** Model score in [0, 1]; breaks ties within a kind. */
  score: number;
}

export interface PartitionInput<L extends CandidateLink = CandidateLink> {
  items: readonly string[];
  links: readonly L[];
  /** Pairs that must never share a component (analysts' "different" judgements). */
  cannotLink: ReadonlyArray<readonly [string, string]>;
}

export interface PartitionResult<L extends CandidateLink = CandidateLink> {
  /** Components, each sorted, ordered by their smallest item. */
  components: string[][];
  /** Links that gave way to a cannot-link constraint (the caller's own objects): they go to an analyst for review. */
  rejected: L[];
}

const KIND_RANK: Readonly<Record<LinkKind, number>> = { judgement: 0, identifier: 1, score: 2 };

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Strongest first; a total order so that equal-strength links are taken in one fixed order. */
export function compareLinks(p: CandidateLink, q: CandidateLink): number {
  const [p1, p2] = [p.a, p.b].sort(compareText) as [string, string];
  const [q1, q2] = [q.a, q.b].sort(compareText) as [string, string];
  return KIND_RANK[p.kind] - KIND_RANK[q.kind] || q.score - p.score || compareText(p1, q1) || compareText(p2, q2);
}

export function constrainedPartition<L extends CandidateLink>(input: PartitionInput<L>): PartitionResult<L> {
  const parent = new Map<string, string>();
  /** For each root, the items its component must never join. */
  const forbidden = new Map<string, Set<string>>();
  for (const item of input.items) {
    parent.set(item, item);
    forbidden.set(item, new Set());
  }
  const find = (item: string): string => {
    let root = item;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let node = item; node !== root; ) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const [x, y] of input.cannotLink) {
    if (!parent.has(x) || !parent.has(y)) continue;
    forbidden.get(x)?.add(y);
    forbidden.get(y)?.add(x);
  }
  const members = new Map<string, string[]>(input.items.map((i) => [i, [i]]));
  const violates = (rootA: string, rootB: string): boolean => {
    const forbiddenOfA = forbidden.get(rootA) as Set<string>;
    if (forbiddenOfA.size === 0) return false;
    return (members.get(rootB) as string[]).some((item) => forbiddenOfA.has(item));
  };

  const rejected: L[] = [];
  for (const link of [...input.links].sort(compareLinks)) {
    if (!parent.has(link.a) || !parent.has(link.b)) continue;
    const ra = find(link.a);
    const rb = find(link.b);
    if (ra === rb) continue;
    if (violates(ra, rb)) {
      rejected.push(link);
      continue;
    }
    const [keep, drop] = compareText(ra, rb) < 0 ? [ra, rb] : [rb, ra];
    parent.set(drop, keep);
    (members.get(keep) as string[]).push(...(members.get(drop) as string[]));
    members.delete(drop);
    const keptForbidden = forbidden.get(keep) as Set<string>;
    for (const item of forbidden.get(drop) as Set<string>) keptForbidden.add(item);
    forbidden.delete(drop);
  }
  const components = [...members.values()]
    .map((c) => [...c].sort(compareText))
    .sort((p, q) => compareText(p[0] as string, q[0] as string));
  return { components, rejected };
}
