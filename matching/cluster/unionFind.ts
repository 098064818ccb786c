/**
 * Disjoint sets over record indices. The representative of a set is its smallest index, so the
 * partition's labels, like the partition itself, do not depend on the order of unions.
 */
export class UnionFind {
  private readonly parent: number[] = [];

  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }

  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    for (let node = index; node !== root; ) {
      const next = this.parent[node] as number;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }

  /** Joins two sets; returns false when they already were one. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }

  get size(): number {
    return this.parent.length;
  }
}
