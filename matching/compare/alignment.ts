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

/** Two or three adjacent tokens of a name read as one word, and as an acronym. */
interface Run {
  start: number;
  length: number;
  word: string;
  sea: string;
  initials: string;
  texts: string;
}

/** Runs depend on one name only; names are prepared once and compared often, so they are cached. */
const RUNS = new WeakMap<readonly PreparedToken[], Run[]>();

function runsOf(tokens: readonly PreparedToken[]): Run[] {
  let runs = RUNS.get(tokens);
  if (runs) return runs;
  runs = [];
  for (let length = 2; length <= MAX_RUN; length += 1) {
    for (let start = 0; start + length <= tokens.length; start += 1) {
      const run = tokens.slice(start, start + length);
      const word = run.map((t) => t.text).join('');
      runs.push({
        start,
        length,
        word,
        sea: seaKey(word),
        initials: run.every((t) => t.text.length > 1) ? run.map((t) => t.text[0]).join('') : '',
        texts: run.map((t) => t.text).join(' '),
      });
    }
  }
  RUNS.set(tokens, runs);
  return runs;
}

function runLevel(single: PreparedToken, run: Run): TokenLevel | undefined {
  if (single.text.length >= 5) {
    if (run.word === single.text) return 'exact';
    if (run.sea === single.sea) return 'phonetic';
    // The joined word is long: one slip, or two when the first letter agrees, as for single tokens.
    if (Math.abs(run.word.length - single.text.length) <= 2) {
      const d = typingDistance(run.word, single.text);
      if (d <= 1 || (d === 2 && run.word[0] === single.text[0])) return 'typo';
    }
  }
  return run.initials === single.text && /^[a-z]{2,6}$/u.test(single.text) ? 'acronym' : undefined;
}

function runCandidates(
  single: readonly PreparedToken[],
  multi: readonly PreparedToken[],
  singleIsA: boolean,
): Candidate[] {
  const out: Candidate[] = [];
  const runs = runsOf(multi);
  single.forEach((token, i) => {
    if (token.syllabic) return;
    for (const run of runs) {
      const level = runLevel(token, run);
      if (!level) continue;
      const range = Array.from({ length: run.length }, (_, k) => run.start + k);
      out.push({
        a: singleIsA ? [i] : range,
        b: singleIsA ? range : [i],
        level,
        // Just under the single-token level, so that a plain pair wins a tie.
        similarity: TOKEN_LEVEL_SIMILARITY[level] - 0.01,
        rarity: -token.prior,
        displacement: 0,
        key: [token.text, run.texts].sort().join('|'),
      });
    }
  });
  return out;
}

/** Level of every token pair, computed once per pair of names. */
export type LevelMatrix = readonly (readonly TokenLevel[])[];

export function levelMatrix(a: readonly PreparedToken[], b: readonly PreparedToken[]): LevelMatrix {
  return a.map((ta) => b.map((tb) => compareTokens(ta, tb)));
}

function pairCandidates(a: readonly PreparedToken[], b: readonly PreparedToken[], levels: LevelMatrix): Candidate[] {
  const out: Candidate[] = [];
  a.forEach((ta, i) => {
    b.forEach((tb, j) => {
      const level = levels[i]![j]!;
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
    });
  });
  return out;
}

const byPreference = (x: Candidate, y: Candidate): number =>
  y.similarity - x.similarity ||
  y.rarity - x.rarity ||
  x.displacement - y.displacement ||
  (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);

/**
 * One table reused by every assignment (a comparison is synchronous), since allocating it per pair of
 * names cost more than filling it.
 */
let table = new Float64Array(1024);
function scratch(size: number): Float64Array {
  if (table.length < size) table = new Float64Array(size);
  return table;
}

/** Largest side, in tokens, for which the exact assignment is computed (2^n states). */
const EXACT_ASSIGNMENT_LIMIT = 10;

/**
 * The best one-to-one assignment of the remaining single tokens: maximum total similarity, ties
 * broken towards rarer tokens and pairs nearer in position. Dynamic programming over subsets of the
 * smaller side; the side roles are fixed by content, not by argument order, so that the result does
 * not depend on which name is a and which b.
 */
function assignSingles(
  a: readonly PreparedToken[],
  b: readonly PreparedToken[],
  levels: LevelMatrix,
  freeA: number[],
  freeB: number[],
): AlignedPair[] {
  if (freeA.length === 1 && freeB.length === 1) {
    const [i, j] = [freeA[0]!, freeB[0]!];
    return pairValue(a, b, levels, i, j) > 0 ? [{ a: [i], b: [j], level: levels[i]![j]! }] : [];
  }
  const aIsSmall =
    freeA.length !== freeB.length ? freeA.length < freeB.length : sortedTexts(a, freeA) <= sortedTexts(b, freeB);
  const small = aIsSmall ? freeA : freeB;
  const large = aIsSmall ? freeB : freeA;
  if (small.length === 0 || small.length > EXACT_ASSIGNMENT_LIMIT) return [];
  const width = large.length;
  const states = 1 << small.length;
  // best[k * states + mask]: best total using large tokens k.. with the small tokens in mask taken;
  // after it, values[s * width + l]: the similarity of small token s with large token l
  const cells = (width + 1) * states;
  const buffer = scratch(cells + small.length * width);
  const best = buffer.subarray(0, cells);
  const values = buffer.subarray(cells);
  best.fill(0, width * states, cells);
  for (let s = 0; s < small.length; s += 1) {
    for (let l = 0; l < width; l += 1) {
      const [i, j] = aIsSmall ? [small[s]!, large[l]!] : [large[l]!, small[s]!];
      values[s * width + l] = pairValue(a, b, levels, i, j);
    }
  }
  for (let k = width - 1; k >= 0; k -= 1) {
    for (let mask = 0; mask < states; mask += 1) {
      let top = best[(k + 1) * states + mask]!;
      for (let s = 0; s < small.length; s += 1) {
        if (mask & (1 << s)) continue;
        const v = values[s * width + k]!;
        if (v > 0) top = Math.max(top, v + best[(k + 1) * states + (mask | (1 << s))]!);
      }
      best[k * states + mask] = top;
    }
  }
  const pairs: AlignedPair[] = [];
  let mask = 0;
  for (let k = 0; k < width; k += 1) {
    const here = best[k * states + mask]!;
    if (here === best[(k + 1) * states + mask]) continue;
    for (let s = 0; s < small.length; s += 1) {
      if (mask & (1 << s)) continue;
      const v = values[s * width + k]!;
      if (v > 0 && v + best[(k + 1) * states + (mask | (1 << s))]! === here) {
        mask |= 1 << s;
        const [i, j] = aIsSmall ? [small[s]!, large[k]!] : [large[k]!, small[s]!];
        pairs.push({ a: [i], b: [j], level: levels[i]![j]! });
        break;
      }
    }
  }
  return pairs;
}

/** Similarity of token i of a with token j of b, ties broken towards rarer tokens and nearer positions. */
function pairValue(
  a: readonly PreparedToken[],
  b: readonly PreparedToken[],
  levels: LevelMatrix,
  i: number,
  j: number,
): number {
  const level = levels[i]![j]!;
  if (level === 'different') return 0;
  const rarity = 1 - Math.max(a[i]!.prior, b[j]!.prior);
  const displacement = Math.abs(i / Math.max(1, a.length - 1) - j / Math.max(1, b.length - 1));
  return TOKEN_LEVEL_SIMILARITY[level] + 1e-4 * rarity + 1e-6 * (1 - displacement);
}

/** A whole name's sorted texts, kept per name: most assignments leave every token free. */
const WHOLE_NAME_TEXTS = new WeakMap<readonly PreparedToken[], string>();

function sortedTexts(side: readonly PreparedToken[], free: readonly number[]): string {
  const whole = free.length === side.length;
  const known = whole ? WHOLE_NAME_TEXTS.get(side) : undefined;
  if (known !== undefined) return known;
  const texts = free
    .map((i) => side[i]!.text)
    .sort()
    .join(' ');
  if (whole) WHOLE_NAME_TEXTS.set(side, texts);
  return texts;
}

export interface AlignOptions {
  /**
   * Look for compounds and acronyms. Off when the runs were already read as transcriptions
   * (compare/crossScript.ts): a romanisation's joined syllables one letter from a Latin word are
   * not a typing slip.
   */
  compounds: boolean;
}

export function alignTokens(
  a: readonly PreparedToken[],
  b: readonly PreparedToken[],
  levels = levelMatrix(a, b),
  options: AlignOptions = { compounds: true },
): Alignment {
  // Compounds and acronyms first, where they beat every plain pair of their tokens; then the exact
  // assignment of what is left.
  const runs = options.compounds
    ? [...runCandidates(a, b, true), ...runCandidates(b, a, false)].sort(byPreference)
    : [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const chosen: AlignedPair[] = [];
  let singles = assignFree(a, b, levels, usedA, usedB);
  for (const run of runs) {
    if (run.a.some((i) => usedA.has(i)) || run.b.some((j) => usedB.has(j))) continue;
    // A run is taken when the alignment as a whole gains: its tokens' plain pairs may be better
    // spent elsewhere ("US" / "United States" beside "State" / "State").
    const withRun = assignFree(a, b, levels, new Set([...usedA, ...run.a]), new Set([...usedB, ...run.b]));
    if (run.similarity + totalSimilarity(withRun) <= totalSimilarity(singles)) continue;
    for (const i of run.a) usedA.add(i);
    for (const j of run.b) usedB.add(j);
    chosen.push({ a: run.a, b: run.b, level: run.level });
    singles = withRun;
  }
  chosen.push(...singles);
  const leftA = unpaired(a.length, chosen, 'a');
  const leftB = unpaired(b.length, chosen, 'b');
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

/** Indices of one side's tokens that no chosen pair covers, in order. */
function unpaired(length: number, chosen: readonly AlignedPair[], side: 'a' | 'b'): number[] {
  const taken = new Uint8Array(length);
  for (const pair of chosen) for (const i of pair[side]) taken[i] = 1;
  const left: number[] = [];
  for (let i = 0; i < length; i += 1) if (!taken[i]) left.push(i);
  return left;
}

/** The assignment of the tokens no compound or acronym took. */
function assignFree(
  a: readonly PreparedToken[],
  b: readonly PreparedToken[],
  levels: LevelMatrix,
  usedA: ReadonlySet<number>,
  usedB: ReadonlySet<number>,
): AlignedPair[] {
  const freeA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const freeB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  return Math.min(freeA.length, freeB.length) > EXACT_ASSIGNMENT_LIMIT
    ? greedy(pairCandidates(a, b, levels).sort(byPreference), new Set(usedA), new Set(usedB))
    : assignSingles(a, b, levels, freeA, freeB);
}

const totalSimilarity = (pairs: readonly AlignedPair[]): number =>
  pairs.reduce((sum, p) => sum + TOKEN_LEVEL_SIMILARITY[p.level], 0);

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
