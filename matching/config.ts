/**
 * Model configuration outside the features: version, thresholds, prior and the constants that token
 * agreement and transcription are weighed with. Each feature's weights live in its row of the feature
 * table (score/features.ts), beside its levels and sentences.
 *
 * Weights are log-likelihood ratios (natural log): ln P(observation | same entity) / P(observation |
 * different entities). They are set from reasoning about those two probabilities, written next to
 * each value, not fitted to any labelled set. The application's environment may override the two
 * thresholds; the weights change only with MODEL_VERSION.
 */
import type { TokenLevel } from './compare/tokens';
import type { MatchThresholds } from './types';

export const MODEL_VERSION = 'lantern-match-5 (2026-12-01)';

/**
 * review: even odds. A pair the model thinks more likely the same than not is worth an analyst's look.
 * autoLink: 0.98, fewer than one wrong automatic link in fifty if calibrated; the graph resolver also
 * links on a shared strong identifier regardless of the score.
 */
export const DEFAULT_THRESHOLDS: Readonly<MatchThresholds> = { review: 0.5, autoLink: 0.98 };

/**
 * Log-odds before any evidence: about 1 in 250 for a candidate pair that blocking put together (a
 * shared phonetic key or n-gram band), which is far from a random pair but still mostly different
 * people.
 */
export const PRIOR_LOG_ODDS = -5.5;

/**
 * Information of a token of ordinary rarity (share 1 in 2,000 names): ln(0.95 / 0.0005). Token
 * agreement weights are this times the level's factor; the rarity feature adjusts for the actual
 * share of each token.
 */
export const REFERENCE_TOKEN_INFORMATION = Math.log(0.95 / 0.0005);

/**
 * How much of a token's information a level of agreement keeps. A typo or a romanisation variant
 * is almost as telling as an exact match (those variants are what the same name looks like when
 * typed by different caseworkers); a shortened form (Alex / Alexander) much less; an acronym
 * (PLA / People's Liberation Army) counts as one token of its own rarity. Initials are
 * weighed on their own (INITIAL_AGREEMENT), near misses and differences are conflicts.
 *
 * A transcription (compare/transcription.ts, 'full') is the same name written in two scripts, every
 * sound unit of one corresponding to a sound unit of the other, the final vowel an abjad writes and
 * the whole written word included: a spelling in another script cannot agree more than that, so it
 * keeps all of the token's information, as an identical spelling does. A transliteration (a vowel of
 * another quality, a final vowel or syllables of the word left over) leaves room for the neighbouring
 * names and keeps 0.85.
 */
export const TOKEN_LEVEL_FACTOR: Readonly<Record<TokenLevel, number>> = {
  exact: 1,
  alias: 0.85,
  transcription: 1,
  transliteration: 0.85,
  phonetic: 0.85,
  typo: 0.8,
  prefix: 0.35,
  acronym: 0.8,
  initial: 0,
  near: 0,
  different: 0,
};

/** An initial agrees by chance with about one name in twelve: ln(0.9 / 0.08). */
export const INITIAL_AGREEMENT = 2.4;

/**
 * Tokens of one name are not independent: relatives share family and father's names, Arabic and
 * Russian names chain the father's name. The strongest agreeing token counts fully, the next ones
 * less and less.
 */
export const TOKEN_DISCOUNTS: readonly number[] = [1, 0.7, 0.3, 0.15, 0.1, 0.05];

/**
 * Name-only evidence links automatically only when at least two agreeing tokens are uncommon
 * (shared by fewer than COMMON_TOKEN_SHARE of names): "Nguyen Van Nam" alone, or a one-word name,
 * never reaches autoLink, whatever the term frequencies say.
 */
export const MIN_UNCOMMON_TOKENS_FOR_AUTOLINK = 2;

export interface MatchConfig {
  model: string;
  thresholds: MatchThresholds;
  priorLogOdds: number;
}

export const DEFAULT_CONFIG: Readonly<MatchConfig> = {
  model: MODEL_VERSION,
  thresholds: DEFAULT_THRESHOLDS,
  priorLogOdds: PRIOR_LOG_ODDS,
};

/**
 * A name romanised from Arabic, Hebrew, Cyrillic, Chinese, Korean or Japanese agrees with a Latin
 * spelling when their sound units align at a cost of at most TRANSCRIPTION_MAX_COST
 * (compare/transcription.ts: an unmatched or unwritable consonant costs 3, a vowel of another
 * quality or a Latin vowel the script lacks 1, a vowel the script wrote and the Latin spelling lacks
 * 2). So no consonant may differ (the most similar other name usually differs in one), and at most
 * two vowels, since every script renders foreign vowels approximately.
 */
export const TRANSCRIPTION_MAX_COST = 2;

/**
 * Fewer than two matched consonants (y and w included) say too little: with vowels loose, "li"
 * agrees with Lee, Leigh, Lie and Ly alike.
 */
export const TRANSCRIPTION_MIN_CONSONANTS = 2;
