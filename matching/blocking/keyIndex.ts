/**
 * An in-memory inverted index from blocking key to record ids, with the generic-key rule applied:
 * a generic key keeps its count but no longer its postings, so neither memory nor candidate lists grow
 * with the most common names. Used by the in-memory resolver and the blocking benchmark; the graph
 * resolver keeps the same structure in Redis (graph/resolve/candidateIndex.ts).
 */
import { CANDIDATE_SUPPORT, isGenericKey, keySupport } from './generic';

export interface Candidate {
  id: number;
  /**
   * Support from the keys shared with the query (see keySupport): at least CANDIDATE_SUPPORT, and
   * more is a better candidate. (Weighting keys by rarity ranked the original of a generated variant
   * no higher: rare keys include chance n-gram band collisions.)
   */
  support: number;
}

/**
 * The candidates of a record with these keys, given how many records hold each key and which ones
 * (no list is needed for a generic key): every holder whose shared keys give enough support
 * (keySupport), best first, ties broken by the lower id so that every run ranks alike, at most `cap`.
 * The one rule of the in-memory index, the graph resolver's derived index and the analysts' search.
 */
export function rankBySupport<Id extends number | string>(
  keys: readonly string[],
  countOf: (key: string) => number,
  holdersOf: (key: string) => readonly Id[] | undefined,
  cap: number,
): Array<{ id: Id; support: number }> {
  const support = new Map<Id, number>();
  for (const key of keys) {
    const share = keySupport(key, countOf(key));
    if (share === 0) continue;
    for (const id of holdersOf(key) ?? []) support.set(id, (support.get(id) ?? 0) + share);
  }
  const ranked: Array<{ id: Id; support: number }> = [];
  for (const [id, total] of support) if (total >= CANDIDATE_SUPPORT) ranked.push({ id, support: total });
  ranked.sort((a, b) => b.support - a.support || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.length > cap ? ranked.slice(0, cap) : ranked;
}

export class KeyIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly counts = new Map<string, number>();

  /**
   * @param frozenCounts key frequencies counted beforehand (two-pass resolution): genericity then
   *   depends on the whole data set, not on the order of arrival.
   */
  constructor(private readonly frozenCounts?: ReadonlyMap<string, number>) {}

  count(key: string): number {
    return this.frozenCounts?.get(key) ?? this.counts.get(key) ?? 0;
  }

  isGeneric(key: string): boolean {
    return isGenericKey(key, this.count(key));
  }

  add(id: number, keys: readonly string[]): void {
    for (const key of keys) {
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      if (this.isGeneric(key)) {
        this.postings.delete(key);
        continue;
      }
      const list = this.postings.get(key);
      if (list) list.push(id);
      else this.postings.set(key, [id]);
    }
  }

  /**
   * Records whose shared keys give enough support, best first (most support, then lowest id, so ties
   * break the same way in every run), at most `cap` of them.
   */
  candidates(keys: readonly string[], cap: number): Candidate[] {
    return rankBySupport(
      keys,
      (key) => this.count(key),
      (key) => this.postings.get(key),
      cap,
    );
  }

  /** Number of distinct keys held, generic ones included. */
  get size(): number {
    return this.counts.size;
  }
}
