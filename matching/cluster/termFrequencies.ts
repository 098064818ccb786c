/**
 * Name-token frequencies counted from the records themselves, so that a token common in this
 * caseload ("nguyen", "van") weighs less than a rare one.
 *
 * Counting as records arrive makes every score depend on what came before, which breaks sequence
 * neutrality; the eval therefore counts all records first and resolves second (two passes). The graph
 * resolver counts from the graph and re-decides earlier pairs when the counts have moved (redo).
 */
import type { TermFrequencies } from '../types';

/** A name's tokens in a canonical order: one key for "Nguyen Van Nam" and "Nam Nguyen Van". */
export const nameForm = (tokens: Iterable<string>): string => [...new Set(tokens)].sort().join(' ');

export class CountingTermFrequencies implements TermFrequencies {
  private readonly counts = new Map<string, number>();
  private readonly forms = new Set<string>();
  private names = 0;

  /**
   * Counts one distinct name; a token repeated inside the name counts once, and a name written the
   * same way again (after normalisation, in any order) not at all: rarity is how many different
   * names carry a token, so a company reported fifty times does not make its own name common.
   */
  addName(tokens: Iterable<string>): void {
    const distinct = new Set(tokens);
    const form = nameForm(distinct);
    if (this.forms.has(form)) return;
    this.forms.add(form);
    this.names += 1;
    for (const token of distinct) this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
  }

  tokenShare(token: string): number | undefined {
    const count = this.counts.get(token);
    return count === undefined ? undefined : count / this.names;
  }

  get nameCount(): number {
    return this.names;
  }
}
