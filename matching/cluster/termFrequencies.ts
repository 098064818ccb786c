/**
 * Name-token frequencies counted from the records themselves, so that a token common in this
 * caseload ("nguyen", "van") weighs less than a rare one.
 *
 * Counting as records arrive makes every score depend on what came before, which breaks sequence
 * neutrality; the eval therefore counts all records first and resolves second (two passes). The graph
 * resolver counts from the graph and accepts that early decisions used fewer counts.
 */
import type { TermFrequencies } from '../types';

export class CountingTermFrequencies implements TermFrequencies {
  private readonly counts = new Map<string, number>();
  private names = 0;

  /** Counts one name; a token repeated inside the name counts once. */
  addName(tokens: Iterable<string>): void {
    this.names += 1;
    for (const token of new Set(tokens)) this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
  }

  tokenShare(token: string): number | undefined {
    const count = this.counts.get(token);
    return count === undefined ? undefined : count / this.names;
  }

  get nameCount(): number {
    return this.names;
  }
}
