/** String similarity primitives, each `(a, b) -> [0, 1]` or a distance. */
import { distance } from 'fastest-levenshtein';
import jaroWinkler from 'natural/lib/natural/distance/jaro-winkler_distance';

export function jaroWinklerSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  return jaroWinkler(a, b);
}

/** 1 - edit distance / longer length. */
export function levenshteinRatio(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

/**
 * Edit distance counting a swap of two adjacent letters as one edit (Marcon/Macron), as typists make
 * them.
 */
export function typingDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i += 1) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j!] && a[j!] === b[i!] ? 1 : d;
}

/**
 * Symmetrised Monge-Elkan: each token of one side takes its best match on the other side, averaged,
 * in both directions; the mean of both directions makes it symmetric.
 */
export function mongeElkan(a: readonly string[], b: readonly string[], similarity = jaroWinklerSimilarity): number {
  if (a.length === 0 || b.length === 0) return 0;
  const oneWay = (x: readonly string[], y: readonly string[]): number =>
    x.reduce((sum, token) => sum + Math.max(...y.map((other) => similarity(token, other))), 0) / x.length;
  return (oneWay(a, b) + oneWay(b, a)) / 2;
}

/** Share of distinct tokens the two sides have in common (Jaccard). */
export function tokenSetOverlap(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return shared / (left.size + right.size - shared);
}
