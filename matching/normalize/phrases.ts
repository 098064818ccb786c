/**
 * Multi-token phrase lookup (legal forms, titles): phrases are stored as token arrays, indexed by
 * their first token, and matched longest first.
 */

export class PhraseTable<V> {
  private readonly byFirst = new Map<string, Array<{ tokens: readonly string[]; value: V }>>();

  add(tokens: readonly string[], value: V): void {
    const first = tokens[0];
    if (first === undefined) return;
    const list = this.byFirst.get(first) ?? [];
    list.push({ tokens, value });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(first, list);
  }

  /** Longest phrase starting at tokens[start], as [length, value]. */
  matchAt(tokens: readonly string[], start: number): [number, V] | undefined {
    for (const entry of this.byFirst.get(tokens[start] ?? '') ?? []) {
      if (entry.tokens.every((t, k) => tokens[start + k] === t)) return [entry.tokens.length, entry.value];
    }
    return undefined;
  }

  /** Longest phrase ending at tokens[end - 1], as [length, value]. */
  matchEndingAt(tokens: readonly string[], end: number): [number, V] | undefined {
    let best: [number, V] | undefined;
    for (let start = Math.max(0, end - 8); start < end; start += 1) {
      const found = this.matchAt(tokens, start);
      if (found && start + found[0] === end && (!best || found[0] > best[0])) best = found;
    }
    return best;
  }
}
