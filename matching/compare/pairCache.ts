/**
 * Results of comparing two numbered tokens (matching/prepare.ts numbers each distinct token): names
 * come from a limited stock, so the same token pairs recur across thousands of comparisons. Keyed by
 * the two numbers, which costs two small-integer look-ups instead of building and hashing a string per
 * pair; everything is forgotten at the capacity, which changes no result.
 */
import { type PreparedToken, UNNUMBERED_TOKEN } from '../prepared';

export class TokenPairCache<V> {
  private readonly rows = new Map<number, Map<number, V>>();
  private kept = 0;

  constructor(
    private readonly compute: (a: PreparedToken, b: PreparedToken) => V,
    private readonly capacity = 500_000,
  ) {}

  get(a: PreparedToken, b: PreparedToken): V {
    if (a.id === UNNUMBERED_TOKEN || b.id === UNNUMBERED_TOKEN) return this.compute(a, b);
    let row = this.rows.get(a.id);
    const known = row?.get(b.id);
    if (known !== undefined) return known;
    const value = this.compute(a, b);
    if (this.kept >= this.capacity) {
      this.rows.clear();
      this.kept = 0;
      row = undefined;
    }
    if (!row) {
      row = new Map();
      this.rows.set(a.id, row);
    }
    row.set(b.id, value);
    this.kept += 1;
    return value;
  }
}
