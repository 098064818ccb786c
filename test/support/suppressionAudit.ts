import { isSmall, type Shown, suppressWithTotal } from '../../src/domain/suppression';

/*
 * The observer small-count suppression must defeat, as strong as can be assumed: one who knows the
 * rule, every count shown, the total when it is shown (or that it is small when it is not), and that a
 * withheld count is at least 1. For a withheld count to stay unknown, that observer must find at least
 * two tables that the rule would have shown exactly as it was shown, with different values in that cell.
 */

export const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);

/** Every way to give `cells` positive counts adding up to `total`. */
function* splits(cells: number, total: number): Generator<number[]> {
  if (cells === 0) {
    if (total === 0) yield [];
    return;
  }
  for (let first = 1; first <= total - (cells - 1); first += 1)
    for (const rest of splits(cells - 1, total - first)) yield [first, ...rest];
}

export const splitCount = (cells: number, total: number): number => {
  let n = 1;
  for (let i = 1; i < cells; i += 1) n = (n * (total - i)) / i;
  return cells === 0 ? 1 : Math.round(n);
};

/** Per withheld cell, every value the observer cannot rule out. */
export function whatTheObserverCanTell(raw: readonly number[], shown: readonly Shown[]): Map<number, Set<number>> {
  const hidden = shown.flatMap((v, i) => (v === null ? [i] : []));
  const shownSum = sum(shown.map((v) => v ?? 0));
  const totals = isSmall(sum(raw)) ? Array.from({ length: 10 - shownSum }, (_, i) => shownSum + i + 1) : [sum(raw)];
  const possible = new Map(hidden.map((i) => [i, new Set<number>()]));
  for (const total of totals) {
    for (const values of splits(hidden.length, total - shownSum)) {
      const counts = shown.map((v) => v ?? 0);
      for (const [j, cell] of hidden.entries()) counts[cell] = values[j]!;
      if (!suppressWithTotal(counts)?.every((v, i) => v === shown[i])) continue;
      for (const [j, cell] of hidden.entries()) possible.get(cell)!.add(values[j]!);
    }
  }
  return possible;
}
