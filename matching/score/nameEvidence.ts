/**
 * The evidence one pair of names gives, token by token: which tokens agree and how much each is
 * worth given its rarity, which conflict, which one side lacks.
 */
import type { AlignedPair } from '../compare/alignment';
import { compareNames, type NameComparison, pairText } from '../compare/names';
import { sameSoundClass, swappedLetters, type TokenLevel } from '../compare/tokens';
import { INITIAL_AGREEMENT, REFERENCE_TOKEN_INFORMATION, TOKEN_DISCOUNTS, TOKEN_LEVEL_FACTOR } from '../config';
import type { PreparedName, PreparedToken } from '../prepared';
import type { TermFrequencies } from '../types';
import { COMMON_TOKEN_SHARE, establishmentWord, tokenInformation, tokenShare } from './frequencies';

export interface TokenAgreement {
  a: string;
  b: string;
  level: TokenLevel;
  /** Share of names holding the token (the more common spelling of the two). */
  share: number;
  /** Discount for being the n-th agreeing token of the name. */
  discount: number;
  /** Log-likelihood ratio at the token's level, for a token of reference rarity, discounted. */
  weight: number;
  /** Adjustment for the token's actual rarity, discounted. */
  rarity: number;
}

export interface TokenConflict {
  a: string;
  b: string;
  near: boolean;
}

export interface NameEvidence {
  comparison: NameComparison;
  agreements: TokenAgreement[];
  conflicts: TokenConflict[];
  /** Tokens only one of the names has. */
  extra: string[];
  agreementWeight: number;
  rarityWeight: number;
  /** Agreeing tokens that are not initials and are shared by fewer than COMMON_TOKEN_SHARE of names. */
  uncommonAgreements: number;
}

function share(side: readonly PreparedToken[], indices: readonly number[], tf?: TermFrequencies): number {
  return Math.max(...indices.map((i) => tokenShare(side[i]!.text, side[i]!.prior, tf)));
}

/**
 * A word written as one on one side and as two or three on the other ("Ramimakhlouf") carries the
 * information of each of the separate tokens; an acronym only that of its few letters.
 */
function splitCompound(pair: AlignedPair): AlignedPair[] {
  if (pair.level === 'acronym') return [pair];
  if (pair.a.length > 1) return pair.a.map((i) => ({ a: [i], b: pair.b, level: pair.level }));
  if (pair.b.length > 1) return pair.b.map((j) => ({ a: pair.a, b: [j], level: pair.level }));
  return [pair];
}

const writtenInLatin = (name: PreparedName): boolean =>
  name.normalized.scripts.every((script) => script === 'Latin' || script === 'Common');

/**
 * Two names of one token each have nothing else to corroborate them, and the stock of given names is
 * dense with near neighbours one letter apart (an inserted syllable, another consonant: different
 * people). Such a pair agrees only when its tokens are one name in one sound class (a romanisation
 * variant: th/t, ee/i, -orn/-on) or one keyboard slip apart (two letters swapped, which writes no
 * other letter); any other near spelling alone is a near miss. This holds between spellings people
 * wrote: a name machine-transliterated from another script is a guess at its spelling, and the near
 * spelling is what absorbs the guess.
 */
function loneNameNeedsSoundClass(
  a: PreparedName,
  b: PreparedName,
  { alignment, tokensA, tokensB }: NameComparison,
): NameComparison['alignment'] {
  const [pair] = alignment.pairs;
  const lonePersonNames =
    a.normalized.kind === 'person' &&
    b.normalized.kind === 'person' &&
    tokensA.length === 1 &&
    tokensB.length === 1 &&
    alignment.pairs.length === 1;
  if (!pair || !lonePersonNames || !writtenInLatin(a) || !writtenInLatin(b)) return alignment;
  if (pair.level !== 'typo' && pair.level !== 'phonetic') return alignment;
  const [x, y] = [tokensA[0]!, tokensB[0]!];
  if (sameSoundClass(x, y) || swappedLetters(x.text, y.text)) return alignment;
  return { ...alignment, pairs: [], conflicts: [...alignment.conflicts, { ...pair, level: 'near' }] };
}

/**
 * Whether two leftover words stand in the same place of their names: between the same agreeing
 * words (as many agreeing words before each). An organisation's name has no slots like a person's
 * given and family name: words one name puts before the shared part ("Catholic Charities - Our Lady
 * of Lourdes") and words the other puts after it ("Our Lady of Lourdes Early Childhood Center") are
 * extra words on both sides, not substitutions, when one of them only says what kind of
 * establishment it is; "Hoang Long Trading" / "Hoang Long Travel" differ in one place, and two lines
 * of business in different places are still a difference.
 */
function sameGap(pair: AlignedPair, agreeing: readonly AlignedPair[]): boolean {
  return agreeingBefore(agreeing, pair.a[0]!, 'a') === agreeingBefore(agreeing, pair.b[0]!, 'b');
}

function agreeingBefore(agreeing: readonly AlignedPair[], index: number, side: 'a' | 'b'): number {
  return agreeing.filter((p) => p[side].some((k) => k < index)).length;
}

/** Ties are broken on content that does not depend on which name is a and which b. */
function tieKey(t: { a: string; b: string }): string {
  return [t.a, t.b].sort().join('|');
}

/** Whether a leftover pair holds a word that only says what kind of establishment a name is. */
function describesEstablishment(
  pair: AlignedPair,
  { tokensA, tokensB }: Pick<NameComparison, 'tokensA' | 'tokensB'>,
  tf: TermFrequencies | undefined,
): boolean {
  return [...pair.a.map((i) => tokensA[i]!.text), ...pair.b.map((j) => tokensB[j]!.text)].some((t) =>
    establishmentWord(t, tf),
  );
}

/**
 * Evidence of two names, or undefined when they cover different parts of a name (a given name alone
 * against a family name alone) and so cannot be compared. When one covers only a part, its tokens
 * that find no counterpart are not substitutions: the other name's extra tokens are the other part.
 */
export function nameEvidence(a: PreparedName, b: PreparedName, tf?: TermFrequencies): NameEvidence | undefined {
  const partial = a.part !== 'full' || b.part !== 'full';
  if (partial && a.part !== 'full' && b.part !== 'full' && a.part !== b.part) return undefined;
  const sameParts = a.part === b.part;
  const comparison = compareNames(a, b);
  const { tokensA, tokensB } = comparison;
  const alignment = loneNameNeedsSoundClass(a, b, comparison);
  const base = alignment.pairs.flatMap(splitCompound).map((pair) => {
    const tokenShareOfPair = Math.max(share(tokensA, pair.a, tf), share(tokensB, pair.b, tf));
    const information = tokenInformation(tokenShareOfPair);
    const factor = TOKEN_LEVEL_FACTOR[pair.level];
    return {
      a: pairText(tokensA, pair.a),
      b: pairText(tokensB, pair.b),
      level: pair.level,
      share: tokenShareOfPair,
      full: pair.level === 'initial' ? INITIAL_AGREEMENT : factor * REFERENCE_TOKEN_INFORMATION,
      adjustment: pair.level === 'initial' ? 0 : factor * (information - REFERENCE_TOKEN_INFORMATION),
    };
  });
  base.sort(
    (x, y) =>
      y.full + y.adjustment - (x.full + x.adjustment) ||
      y.full - x.full ||
      (tieKey(x) < tieKey(y) ? -1 : tieKey(x) > tieKey(y) ? 1 : 0),
  );
  const agreements = base.map((t, i): TokenAgreement => {
    const discount = TOKEN_DISCOUNTS[Math.min(i, TOKEN_DISCOUNTS.length - 1)]!;
    return {
      a: t.a,
      b: t.b,
      level: t.level,
      share: t.share,
      discount,
      weight: discount * t.full,
      rarity: discount * t.adjustment,
    };
  });
  const organization = a.normalized.kind === 'organization' && b.normalized.kind === 'organization';
  const placed = alignment.conflicts.map((pair) =>
    sameParts
      ? pair.level === 'near' ||
        !organization ||
        sameGap(pair, alignment.pairs) ||
        !describesEstablishment(pair, comparison, tf)
      : pair.level === 'near',
  );
  const substitutions = alignment.conflicts.filter((_, k) => placed[k]);
  const unpaired = alignment.conflicts.filter((_, k) => !placed[k]);
  const conflicts = substitutions.map((pair) => ({
    a: pairText(tokensA, pair.a),
    b: pairText(tokensB, pair.b),
    near: pair.level === 'near',
  }));
  const extra = [
    ...alignment.missingA.map((i) => tokensA[i]!.text),
    ...alignment.missingB.map((j) => tokensB[j]!.text),
    ...unpaired.flatMap((pair) => [pairText(tokensA, pair.a), pairText(tokensB, pair.b)]),
  ];
  return {
    comparison,
    agreements,
    conflicts,
    extra,
    agreementWeight: agreements.reduce((sum, t) => sum + t.weight, 0),
    rarityWeight: agreements.reduce((sum, t) => sum + t.rarity, 0),
    uncommonAgreements: agreements.filter(
      (t) => t.level !== 'initial' && t.level !== 'prefix' && t.share < COMMON_TOKEN_SHARE,
    ).length,
  };
}
