/**
 * Model configuration: version, thresholds and every weight, in one place.
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
  exact: 1, alias: 0.85, transcription: 1, transliteration: 0.85, phonetic: 0.85, typo: 0.8, prefix: 0.35, acronym: 0.8,
  initial: 0, near: 0, different: 0,
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
 * Weights per feature and level. Positive supports a match.
 */
export const FEATURE_WEIGHTS = {
  /**
   * Tokens present in both names that cannot be aligned (Mosuli / Tikriti, Frank / Frederik). The
   * same person rarely has a different token in the same slot (P ≈ 0.00005 per record pair for a
   * substitution, against ≈ 1 for different people who share the other tokens, who are often
   * relatives): the strongest evidence against. Set so that one substitution outweighs the most a
   * chain of shared tokens can add (REFERENCE_TOKEN_INFORMATION times the sum of TOKEN_DISCOUNTS,
   * about 17.4) less the prior: a name that differs in one part is never a match on the name alone.
   * A near miss (one or two letters off, too short to be a typo) is much less telling: mishearing a
   * name produces those.
   *
   * lantern-match-4: family_name_changed. One conflicting token that is the family name on both sides,
   * while the given name, a full birth date (not 1 January) and the address or an identifier agree
   * (score/features.ts, familyNameChange). Different people rarely share all of those, so among such
   * pairs the question is only how often one person's family name changes between two records: a
   * married name (or a maiden name again) appears in a few percent of a person's record pairs, hence
   * about ln(0.02) ≈ -4 instead of -12.
   */
  name_conflict: { near: -3.5, one: -12, several: -18, family_name_changed: -4 },
  /**
   * Tokens one name has and the other lacks. People drop middle names and patronymics; a company
   * name with an extra word is more often another company of the same group (a branch, a fund).
   */
  name_extra_tokens_person: { descriptive: -1, one: -1, two: -2, several: -3.5 },
  /**
   * descriptive: only words common across organisations' names ("center", "child care", "services")
   * are missing or differ: how one writer describes the organisation, -1 however many.
   */
  name_extra_tokens_organization: { descriptive: -1, one: -3.5, two: -5, several: -6.5 },
  /**
   * Family-name-first against given-name-first is routine in the region; other reorderings are
   * not. In names that chain kinship (bin, ibn, binti, s/o) a reordering changes who is whose child
   * (Salman bin Muhammad / Muhammad bin Salman): as strong as a different name (name_conflict.one).
   */
  name_order: { same: 0, swapped: -0.5, reordered: -4, reordered_kinship: -12 },
  /**
   * From titles (Mr / Mrs, U / Daw, Ông / Bà), bin / binti, Vietnamese Văn / Thị, or a gender property.
   * lantern-match-3: a contradiction weighs -4 when the names agree on at most one part (relatives of
   * one family name are of either gender about equally), but only -1 when two or more name parts agree:
   * different people who share a given name are of one gender nineteen times in twenty, so a
   * contradiction between them is about as likely a slip of the form or the title as a second person.
   */
  gender: { same: 0.3, different: -4, different_names_agree: -1 },
  /** Legal forms of different families (AG / GmbH) describe different companies. */
  legal_form: { same: 0.7, compatible: 0, conflict: -5 },
  /** Golden Star 1 is not Golden Star 2; a number on one side only is weaker evidence against. */
  name_numbers: { same: 1, one_sided: -2, different: -7 },
  /**
   * Birth dates: a full date agrees by chance about once in 20,000 pairs (ln ≈ 9.9); counted lower
   * because documents of the region often carry placeholder dates and relatives' dates get mixed up.
   * 1 January is read as a placeholder and weighs as the year alone (compare/facts.ts). Typists swap
   * day and month and mistype one digit. Different dates are strong evidence against, less so within
   * one year (victims often know a trafficker's age only roughly).
   *
   * lantern-match-2: levels weighed by how often each occurs for the same person against different
   * people among candidates (Splink's m and u). A date one digit off is a typing slip of an exact date:
   * it agrees by chance about once in 2,000 pairs and is much likelier between two records of one
   * person (typo 3). Dates within one month (different_day 0) or within a year (different_month -1,
   * within_year -1.5) are near neutral: different people of one name fall in one year only about once
   * in 40 pairs, and records of one person carry such slips often enough. Beyond a year, a different
   * date stays strong evidence against (a father and son of one name).
   *
   * lantern-match-3: "different_day" now means within a month of each other, across a month's end too
   * (1991-04-30 / 1991-05-02). Two people's dates fall within one month about once in 600 pairs, one
   * person's two records often enough (a day misheard, a date computed from an age in days): +1, and
   * it corroborates a name together with another weak agreement. A year one digit off while the day
   * of the year is within a month (1986-05-12 / 1976-05-15: two slips of one date) weighs as a date
   * within a year (year_slip -1.5). Dates 1 to 10 years apart (years_apart -2) are what an age
   * guessed by a victim or a misread year produce, and fall in that range for about a quarter of
   * different people of one name; beyond ten years (different, -4.5) they are a father and a son.
   * Placeholder dates (1 January) count as their year alone, and year-only dates a year apart as
   * within_year instead of different.
   */
  birth_date: {
    exact: 7, swapped: 3, month: 3, year: 1.5, typo: 3, different_day: 1, different_month: -1, within_year: -1.5, year_slip: -1.5,
    years_apart: -2, different: -4.5,
  },
  /**
   * Addresses: the same address is shared by everyone living or working there (a dormitory, a
   * boarding house, a company's office), so agreement is only moderate evidence.
   */
  address: { same: 2.5, similar: 1, different: -0.5, different_site: -3 },
  /**
   * Place of birth: one town is the birthplace of about one person in a few hundred of a country's
   * caseload, but people named alike often come from one region, so agreement is weak evidence.
   */
  birth_place: { same: 1 },
  /**
   * Occupation or position (FtM `position`): one occupation is shared by a few percent of a caseload
   * (driver, broker, painter) and by most records of one person that state it: moderate evidence for
   * (+1.5); people change jobs and describe one job in many ways, so a difference is not counted.
   */
  position: { same: 1.5 },
  /** Nationality or country: agreement is common by chance in one region's caseload, so it is weak. */
  country: { same: 0.5, different: -1.5 },
  /**
   * A shared strong identifier (account number, IBAN, E.164 phone, e-mail) is decisive; a masked or
   * partial one only supports. Different values of a kind the thing has only one of (an account's
   * number, a company's registration) mean different things; different phones mean little.
   */
  /**
   * E-mail addresses one or two typing slips apart (compare/identifiers.ts, nearEmails) are most
   * often one mailbox typed twice: different people's addresses rarely come that close outside one
   * family, hence the same first character is required and the weight stays moderate.
   */
  identifiers: { strong_match: 12, partial_match: 2.5, near_match: 3, shared_generic: 0, conflict: -0.7, defining_conflict: -10 },
  /**
   * A shared strong value weighs by its kind (the strongest kind shared): a document or registration
   * number is issued to one holder (ln of about 1 in 150,000 by chance); an account or IBAN belongs to
   * its holder; a handle to its user; a phone is shared by a household, a couple or an office more
   * often (about 1 in 20,000 pairs of different people who also look alike by name); an e-mail
   * address by a staff (info@, sales@) more often still. `strong_match` above is the strongest level.
   */
  /**
   * Both records are reported in relation with subjects that hold one strong identifier (one bank
   * account, one director's phone, one employer's registration): two look-alike names tied to the
   * same resolved thing are far likelier one than two. Moderate, since an account or an employer is
   * shared by a network; it corroborates a common name on its own (score/index.ts).
   */
  related_identifiers: { shared: 2.5 },
  identifier_kind: { idNumber: 12, registration: 12, account: 12, iban: 12, username: 11, phone: 10, email: 9, bic: 4 },
} as const;

/**
 * Name-only evidence links automatically only when at least two agreeing tokens are uncommon
 * (shared by fewer than COMMON_TOKEN_SHARE of names): "Nguyen Van Nam" alone, or a one-word name,
 * never reaches autoLink, whatever the term frequencies say.
 */
export const MIN_UNCOMMON_TOKENS_FOR_AUTOLINK = 2;

export type FeatureWeights = typeof FEATURE_WEIGHTS;

export interface MatchConfig {
  model: string;
  thresholds: MatchThresholds;
  priorLogOdds: number;
  weights: FeatureWeights;
}

export const DEFAULT_CONFIG: Readonly<MatchConfig> = {
  model: MODEL_VERSION,
  thresholds: DEFAULT_THRESHOLDS,
  priorLogOdds: PRIOR_LOG_ODDS,
  weights: FEATURE_WEIGHTS,
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

