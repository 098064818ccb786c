/**
 * One-to-one alignment of the tokens of two names: the assignment with the highest total similarity
 * (so that Michele / Michaela does not leave Nichaela / Michaela in conflict), rarer tokens and
 * pairs nearer in position preferred among equals.
 *
 * A token may also align with two or three adjacent tokens of the other name written as one word
 * ("Ramimakhlouf" / "Rami Makhlouf", "Chin-ping" / "Jinping") or abbreviated to their initials
 * ("PLA" / "People's Liberation Army").
 */
import { seaKey } from '../phonetic';
import type { PreparedToken } from '../prepared';
import { typingDistance } from './strings';
import { compareTokens, TOKEN_LEVEL_SIMILARITY, type TokenLevel } from './tokens';

export interface AlignedPair {
  /** Token indices on each side; more than one on a side for a compound or an acronym. */
  a: number[];
  b: number[];
  level: TokenLevel;
}

export interface Alignment {
  /** Pairs that agree (level better than "near"). */
  pairs: AlignedPair[];
  /** Leftover tokens of both sides paired up: near misses, then outright substitutions. */
  conflicts: AlignedPair[];
  /** Leftover tokens with no counterpart on the other side. */
  missingA: number[];
  missingB: number[];
}

interface Candidate extends AlignedPair {
  similarity: number;
  rarity: number;
  displacement: number;
  /** Final tie-break independent of which name is a and which b, so that scores are symmetric. */
  key: string;
}

const MAX_RUN = 3;

function runLevel(single: PreparedToken, run: readonly PreparedToken[]): TokenLevel | undefined {
  const word = run.map((t) => t.text).join('');
  if (single.text.length >= 5) {
    if (word === single.text) return 'exact';
    if (typingDistance(word, single.text) <= 1) return 'typo';
    if (seaKey(word) === single.sea) return 'phonetic';
  }
  const letters = single.text;
  const acronym = run.every((t) => t.text.length > 1) && run.map((t) => t.text[0]).join('') === letters;
  return acronym && /^[a-z]{2,6}$/u.test(letters) ? 'acronym' : undefined;
}

function runCandidates(single: readonly PreparedToken[], multi: readonly PreparedToken[], singleIsA: boolean): Candidate[] {
  const out: Candidate[] = [];
  single.forEach((token, i) => {
    for (let length = 2; length <= MAX_RUN; length += 1) {
      for (let start = 0; start + length <= multi.length; start += 1) {
        const run = multi.slice(start, start + length);
        const level = runLevel(token, run);
        if (!level) continue;
        const range = run.map((_, k) => start + k);
        out.push({
          a: singleIsA ? [i] : range,
          b: singleIsA ? range : [i],
          level,
          // Just under the single-token level, so that a plain pair wins a tie.
          similarity: TOKEN_LEVEL_SIMILARITY[level] - 0.01,
          rarity: -token.prior,
          displacement: 0,
          key: [token.text, run.map((t) => t.text).join(' ')].sort().join('|'),
        });
      }
    }
  });
  return out;
}

function pairCandidates(a: readonly PreparedToken[], b: readonly PreparedToken[]): Candidate[] {
  const out: Candidate[] = [];
  a.forEach((ta, i) =>
    b.forEach((tb, j) => {
      const level = compareTokens(ta, tb);
      if (level === 'different') return;
      out.push({
        a: [i],
        b: [j],
        level,
        similarity: TOKEN_LEVEL_SIMILARITY[level],
        rarity: -Math.max(ta.prior, tb.prior),
        displacement: Math.abs(i / Math.max(1, a.length - 1) - j / Math.max(1, b.length - 1)),
        key: [ta.text, tb.text].sort().join('|'),
      });
    }),
  );
  return out;
}

const byPreference = (x: Candidate, y: Candidate): number =>
  y.similarity - x.similarity || y.rarity - x.rarity || x.displacement - y.displacement || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);

/** Largest side, in tokens, for which the exact assignment is computed (2^n states). */
const EXACT_ASSIGNMENT_LIMIT = 10;

/**
 * The best one-to-one assignment of the remaining single tokens: maximum total similarity, ties
 * broken towards rarer tokens and pairs nearer in position. Dynamic programming over subsets of the
 * smaller side; the side roles are fixed by content, not by argument order, so that the result does
 * not depend on which name is a and which b.
 */
function assignSingles(a: readonly PreparedToken[], b: readonly PreparedToken[], freeA: number[], freeB: number[]): AlignedPair[] {
  const value = (i: number, j: number): number => {
    const level = compareTokens(a[i]!, b[j]!);
    if (level === 'different') return 0;
    const rarity = 1 - Math.max(a[i]!.prior, b[j]!.prior);
    const displacement = Math.abs(i / Math.max(1, a.length - 1) - j / Math.max(1, b.length - 1));
    return TOKEN_LEVEL_SIMILARITY[level] + 1e-4 * rarity + 1e-6 * (1 - displacement);
  };
  const textsA = freeA.map((i) => a[i]!.text).sort().join(' ');
  const textsB = freeB.map((j) => b[j]!.text).sort().join(' ');
  const aIsSmall = freeA.length < freeB.length || (freeA.length === freeB.length && textsA <= textsB);
  const small = aIsSmall ? freeA : freeB;
  const large = aIsSmall ? freeB : freeA;
  if (small.length === 0 || small.length > EXACT_ASSIGNMENT_LIMIT) return [];
  const score = (s: number, l: number): number => (aIsSmall ? value(small[s]!, large[l]!) : value(large[l]!, small[s]!));
  const states = 1 << small.length;
  // best[k][mask]: best total using large tokens k.. with small tokens in mask already taken
  const best: Float64Array[] = Array.from({ length: large.length + 1 }, () => new Float64Array(states));
  for (let k = large.length - 1; k >= 0; k -= 1) {
    for (let mask = 0; mask < states; mask += 1) {
      let top = best[k + 1]![mask]!;
      for (let s = 0; s < small.length; s += 1) {
        if (mask & (1 << s)) continue;
        const v = score(s, k);
        if (v > 0) top = Math.max(top, v + best[k + 1]![mask | (1 << s)]!);
      }
      best[k]![mask] = top;
    }
  }
  const pairs: AlignedPair[] = [];
  let mask = 0;
  for (let k = 0; k < large.length; k += 1) {
    if (best[k]![mask] === best[k + 1]![mask]) continue;
    for (let s = 0; s < small.length; s += 1) {
      if (mask & (1 << s)) continue;
      const v = score(s, k);
      if (v > 0 && v + best[k + 1]![mask | (1 << s)]! === best[k]![mask]) {
        mask |= 1 << s;
        const [i, j] = aIsSmall ? [small[s]!, large[k]!] : [large[k]!, small[s]!];
        pairs.push({ a: [i], b: [j], level: compareTokens(a[i]!, b[j]!) });
        break;
      }
    }
  }
  return pairs;
}

export function alignTokens(a: readonly PreparedToken[], b: readonly PreparedToken[]): Alignment {
  // Compounds and acronyms first, where they beat every plain pair of their tokens; then the exact
  // assignment of what is left.
  const singles = pairCandidates(a, b).sort(byPreference);
  const runs = [...runCandidates(a, b, true), ...runCandidates(b, a, false)].sort(byPreference);
  const bestSingle = (side: 'a' | 'b', index: number): number =>
    singles.find((c) => c[side][0] === index)?.similarity ?? 0;
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const chosen: AlignedPair[] = [];
  for (const run of runs) {
    if (run.a.some((i) => usedA.has(i)) || run.b.some((j) => usedB.has(j))) continue;
    const beaten = run.a.some((i) => bestSingle('a', i) >= run.similarity) || run.b.some((j) => bestSingle('b', j) >= run.similarity);
    if (beaten) continue;
    run.a.forEach((i) => usedA.add(i));
    run.b.forEach((j) => usedB.add(j));
    chosen.push({ a: run.a, b: run.b, level: run.level });
  }
  const freeA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const freeB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  const assigned = Math.min(freeA.length, freeB.length) > EXACT_ASSIGNMENT_LIMIT ? greedy(singles, usedA, usedB) : assignSingles(a, b, freeA, freeB);
  chosen.push(...assigned);
  const inA = new Set(chosen.flatMap((p) => p.a));
  const inB = new Set(chosen.flatMap((p) => p.b));
  const leftA = a.map((_, i) => i).filter((i) => !inA.has(i));
  const leftB = b.map((_, j) => j).filter((j) => !inB.has(j));
  const substitutions = Math.min(leftA.length, leftB.length);
  return {
    pairs: chosen.filter((p) => p.level !== 'near'),
    conflicts: [
      ...chosen.filter((p) => p.level === 'near'),
      ...leftA.slice(0, substitutions).map((i, k): AlignedPair => ({ a: [i], b: [leftB[k]!], level: 'different' })),
    ],
    missingA: leftA.slice(substitutions),
    missingB: leftB.slice(substitutions),
  };
}

/** For very long names: best pair first. */
function greedy(candidates: readonly Candidate[], usedA: Set<number>, usedB: Set<number>): AlignedPair[] {
  const out: AlignedPair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a[0]!) || usedB.has(c.b[0]!)) continue;
    usedA.add(c.a[0]!);
    usedB.add(c.b[0]!);
    out.push({ a: c.a, b: c.b, level: c.level });
  }
  return out;
}
