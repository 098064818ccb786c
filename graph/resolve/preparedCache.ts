import type { PreparedRecord } from '../../matching/prepare';

/**
 * Mentions never change once written, so their prepared form can be kept: a popular candidate is
 * prepared once per process instead of once per comparison. Least-recently-used eviction.
 */
export class PreparedCache {
  private readonly entries = new Map<string, PreparedRecord>();

  constructor(private readonly capacity = 50_000) {}

  /** The prepared record if held (and now the most recently used), else undefined. */
  lookup(id: string): PreparedRecord | undefined {
    const held = this.entries.get(id);
    if (held) {
      this.entries.delete(id);
      this.entries.set(id, held);
    }
    return held;
  }

  get(id: string, prepare: () => PreparedRecord): PreparedRecord {
    const held = this.lookup(id);
    if (held) return held;
    const made = prepare();
    this.entries.set(id, made);
    const oldest = this.entries.keys().next();
    if (this.entries.size > this.capacity && !oldest.done) this.entries.delete(oldest.value);
    return made;
  }
}
