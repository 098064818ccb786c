/**
 * Comparison of two prepared names: the token alignment plus the facts drawn from it (which tokens
 * agree and how, which conflict, which one side lacks, whether the order changed).
 */
import type { PreparedName, PreparedToken } from '../prepared';
import { type AlignedPair, type Alignment, alignTokens, type LevelMatrix, levelMatrix } from './alignment';
import { crossScriptTokens } from './crossScript';
import { TokenPairCache } from './pairCache';
import { jaroWinklerSimilarity, mongeElkan, tokenSetOverlap } from './strings';
import { compareTokens } from './tokens';

/**
 * same: written order kept; swapped: one block moved to the other end (family name first vs last);
 * reordered_kinship: reordered in a name whose order says who is whose child (bin, binti).
 */
export type NameOrder = 'same' | 'swapped' | 'reordered' | 'reordered_kinship';

const KINSHIP_PARTICLES = new Set(['bin', 'ibn', 'ben', 'binti', 'bint', 'binte', 'bte', 'anak']);

const chainsKinship = (name: PreparedName): boolean =>
  name.normalized.tokens.some((t, i) => name.normalized.roles[i] === 'particle' && KINSHIP_PARTICLES.has(t));

export interface NameComparison {
  a: PreparedName;
  b: PreparedName;
  /** The tokens aligned: the names' tokens, or their syllables when both are in one syllabic script. */
  tokensA: readonly PreparedToken[];
  tokensB: readonly PreparedToken[];
  levels: LevelMatrix;
  alignment: Alignment;
  /** undefined when fewer than two tokens agree. */
  order?: NameOrder;
}

export function compareNames(a: PreparedName, b: PreparedName): NameComparison {
  const sameScript = a.syllables && b.syllables && a.syllables.script === b.syllables.script;
  // A name in another script against a Latin one: its romanisation is read as a transcription, its
  // syllables joined where they spell one word (compare/crossScript.ts).
  const cross = sameScript ? undefined : crossScriptTokens(a, b, compareTokens);
  const tokensA = cross?.tokensA ?? (sameScript ? a.syllables!.tokens : a.tokens);
  const tokensB = cross?.tokensB ?? (sameScript ? b.syllables!.tokens : b.tokens);
  const levels = cross?.levels ?? levelMatrix(tokensA, tokensB);
  const alignment = alignTokens(tokensA, tokensB, levels, { compounds: !cross });
  const order = nameOrder(alignment.pairs);
  const kinship = order === 'reordered' && (chainsKinship(a) || chainsKinship(b));
  return { a, b, tokensA, tokensB, levels, alignment, order: kinship ? 'reordered_kinship' : order };
}

const increasing = (s: readonly number[]): boolean => s.every((v, i) => i === 0 || v > s[i - 1]!);

/** Order of the agreeing tokens of one name as found in the other. */
export function nameOrder(pairs: readonly AlignedPair[]): NameOrder | undefined {
  if (pairs.length < 2) return undefined;
  const sequence = [...pairs].sort((x, y) => x.a[0]! - y.a[0]!).map((p) => p.b[0]!);
  if (increasing(sequence)) return 'same';
  for (let cut = 1; cut < sequence.length; cut += 1) {
    if (increasing([...sequence.slice(cut), ...sequence.slice(0, cut)])) return 'swapped';
  }
  return 'reordered';
}

/** Texts of the tokens a pair covers, joined as written. */
export function pairText(side: readonly PreparedToken[], indices: readonly number[]): string {
  return indices.map((i) => side[i]!.text).join(' ');
}

const texts = (side: readonly PreparedToken[]): string[] => side.map((t) => t.text);

const JARO_WINKLER = new TokenPairCache<number>((x, y) => jaroWinklerSimilarity(x.text, y.text));
const tokenSimilarity = (x: PreparedToken, y: PreparedToken): number => JARO_WINKLER.get(x, y);

/** Symmetric Monge-Elkan over Jaro-Winkler of the two names' tokens. */
export function nameSimilarity(comparison: NameComparison): number {
  return mongeElkan(comparison.tokensA, comparison.tokensB, tokenSimilarity);
}

/** Jaccard overlap of the two names' tokens. */
export function nameOverlap(comparison: NameComparison): number {
  return tokenSetOverlap(texts(comparison.tokensA), texts(comparison.tokensB));
}
