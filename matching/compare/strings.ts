/** String similarity primitives, each `(a, b) -> [0, 1]` or a distance. */
import { distance } from 'fastest-levenshtein';

/** Match flags reused across calls: the matcher compares millions of token pairs. */
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro-Winkler similarity (prefix scale 0.1, prefix up to four letters). */
export function jaroWinklerSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length > flagsA.length || b.length > flagsB.length) {
    flagsA = new Uint8Array(Math.max(a.length, flagsA.length * 2));
    flagsB = new Uint8Array(Math.max(b.length, flagsB.length * 2));
  }
  flagsA.fill(0, 0, a.length);
  flagsB.fill(0, 0, b.length);
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const end = Math.min(i + window + 1, b.length);
    for (let j = Math.max(0, i - window); j < end; j += 1) {
      if (flagsB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      flagsA[i] = 1;
      flagsB[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i += 1) {
    if (!flagsA[i]) continue;
    while (!flagsB[j]) j += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions += 1;
    j += 1;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
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
export function mongeElkan<T>(a: readonly T[], b: readonly T[], similarity: (x: T, y: T) => number): number {
  if (a.length === 0 || b.length === 0) return 0;
  const scores = a.map((x) => b.map((y) => similarity(x, y)));
  const rows = scores.reduce((sum, row) => sum + Math.max(...row), 0) / a.length;
  const columns = b.reduce((sum, _, j) => sum + Math.max(...scores.map((row) => row[j]!)), 0) / b.length;
  return (rows + columns) / 2;
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
