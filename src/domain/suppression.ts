/*
 * Small-count suppression for the counts the hub may publish, pure. A count from 1 to K−1 could single
 * out the few people behind it, so it is withheld: k = 11, the threshold the Counter-Trafficking Data
 * Collaborative applies to its published Global Dataset (docs/findings.md). Zero is shown: it singles
 * out nobody, and showing it is what lets an observer know that a withheld count is at least 1.
 *
 * Withholding a count is not enough where counts add up to a total that is shown: one withheld cell
 * of a row whose total and other cells are shown is the total minus the others. Such tables get
 * complementary suppression (`suppressWithTotal`): more cells are withheld until what is withheld can
 * be split in more than one way.
 */

/** The smallest count shown. */
export const K_ANONYMITY = 11;

/** The largest count a primary suppression withholds. */
const LARGEST_SMALL = K_ANONYMITY - 1;

/** Counts from 1 to 10: the ones that are withheld whatever the table. */
export const isSmall = (count: number): boolean => count >= 1 && count <= LARGEST_SMALL;

/** A count as the public form shows it: the count, or null where it is withheld. */
export type Shown = number | null;

/** Primary suppression alone: for counts that add up to nothing shown (overlapping categories). */
export const withholdSmall = (count: number): Shown => (isSmall(count) ? null : count);

export function suppressSmall(counts: readonly number[]): Shown[] {
  return counts.map(withholdSmall);
}

/**
 * Whether withheld cells whose sum is known can still be told apart: two or more of them, and a sum
 * that is not the smallest (every one 1) nor the largest that small counts reach (every one 10).
 */
function indistinct(withheld: readonly number[]): boolean {
  const sum = withheld.reduce((a, b) => a + b, 0);
  return withheld.length >= 2 && sum !== withheld.length && sum !== withheld.length * LARGEST_SMALL;
}

/**
 * Cells that add up to a total (a partition: each thing counted in exactly one cell). When the total is
 * itself small it is withheld, nothing can be subtracted from it, and primary suppression is enough.
 * Otherwise primary suppression first; then, while the withheld cells could be worked out from the total (one
 * alone, or all 1s, or all 10s), the first cell in the table's own order that is still shown and not
 * zero is withheld too. The cell is chosen by its place, never by its size, so that which cell was
 * chosen says nothing of how large it is. Returns undefined when no cell is left to withhold and the
 * withheld cells would still be known: the caller then withholds the measure whole.
 */
export function suppressWithTotal(counts: readonly number[]): Shown[] | undefined {
  if (isSmall(counts.reduce((a, b) => a + b, 0))) return suppressSmall(counts);
  const withheld = counts.map(isSmall);
  const values = () => counts.filter((_, i) => withheld[i]);
  while (withheld.some(Boolean) && !indistinct(values())) {
    const next = counts.findIndex((n, i) => !withheld[i] && n > 0);
    if (next < 0) return undefined;
    withheld[next] = true;
  }
  return counts.map((n, i) => (withheld[i] ? null : n));
}
