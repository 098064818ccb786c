/**
 * The declared feature table, one row per feature. A row compares one aspect of two prepared records
 * and names the level of agreement it found; its `levels` table gives each level's weight and the
 * sentence an analyst reads, with the reasoning for each number beside it. The score is the prior
 * plus the sum of all weights, passed through the logistic function.
 *
 * Weights are log-likelihood ratios (natural log, positive supports a match): ln P(observation | same
 * entity) / P(observation | different entities), set from reasoning about those two probabilities,
 * not fitted to any labelled set. They change only with MODEL_VERSION (config.ts); docs/matching.md
 * tells what changed when.
 */

import { identifierValueKey } from '../blocking/valueKeys';
import {
  type AddressLevel,
  type BirthDateLevel,
  type BirthPlaceLevel,
  type Compared,
  type CountryLevel,
  compareAddresses,
  compareBirthDates,
  compareBirthPlaces,
  compareCountries,
  compareGender,
  compareLegalForms,
  compareNumbers,
  comparePositions,
  type GenderLevel,
  type LegalFormLevel,
  type NumberLevel,
  type PositionLevel,
} from '../compare/facts';
import { compareIdentifiers, type IdentifierLevel } from '../compare/identifiers';
import { type NameOrder, nameOverlap, nameSimilarity } from '../compare/names';
import { levenshteinRatio } from '../compare/strings';
import type { TokenLevel } from '../compare/tokens';
import { INITIAL_AGREEMENT, REFERENCE_TOKEN_INFORMATION, TOKEN_LEVEL_FACTOR } from '../config';
import type { Identifier, IdentifierKind } from '../identifiers';
import type { Gender } from '../normalize/honorifics';
import type { PreparedRecord, SchemaGroup } from '../prepared';
import type { GenericValues, TermFrequencies } from '../types';
import { COMMON_TOKEN_SHARE, establishmentWord, listedShare, priorShare, tokenShare } from './frequencies';
import type { NameEvidence } from './nameEvidence';

export interface PairContext {
  a: PreparedRecord;
  b: PreparedRecord;
  tf?: TermFrequencies;
  /** Shared values that stopped being evidence of identity (see GenericValues). */
  generic?: GenericValues;
  /** Evidence of the pair of names (one of each record) that agree best. */
  names?: NameEvidence;
}

export interface FeatureOutcome<L extends string> extends Compared<L> {
  /** For features whose weight is a sum over tokens rather than one level's weight. */
  weight?: number;
}

/** One level of a feature: what it weighs and what it tells the analyst. */
export interface FeatureLevel {
  /** Log-likelihood ratio; an outcome's own weight (a sum over tokens) takes its place. */
  weight: number;
  /** The analyst's sentence, from the outcome's detail (the values behind the level). */
  sentence(detail: string): string;
}

export interface FeatureSpec<L extends string = string> {
  name: string;
  /** What the feature compares, for the documentation and the analyst. */
  description: string;
  appliesTo: readonly SchemaGroup[];
  /** Evaluated per pair of names when choosing the best pair. */
  usesNames: boolean;
  compare(ctx: PairContext): FeatureOutcome<L> | undefined;
  /** Every level compare can return. */
  levels: Readonly<Record<L, FeatureLevel>>;
}

const ALL: readonly SchemaGroup[] = ['person', 'organization', 'account', 'address', 'other'];
const NAMED_THINGS: readonly SchemaGroup[] = ['organization', 'address', 'other'];

const quote = (tokens: readonly string[]): string => tokens.map((t) => `'${t}'`).join(', ');
/** The first of two values "x / y" that agree. */
const first = (detail: string): string => detail.split(' / ')[0]!;
const says = (sentence: string) => (): string => sentence;

/** Level names of token agreement, in analyst words. */
const TOKEN_LEVEL_WORDS: Readonly<Record<TokenLevel, string>> = {
  exact: 'identical',
  alias: 'alias forms',
  transcription: 'the same name written in two scripts',
  transliteration: 'transliterations of each other',
  phonetic: 'spelling variants that sound alike',
  typo: 'one typing error apart',
  prefix: 'a shortened form',
  acronym: 'an acronym',
  initial: 'an initial',
  near: 'similar but different',
  different: 'different',
};

function agreementSentence(ctx: PairContext): string {
  const names = ctx.names!;
  const parts = names.agreements.map((t) =>
    t.a === t.b ? `'${t.a}'` : `'${t.a}' / '${t.b}' (${TOKEN_LEVEL_WORDS[t.level]})`,
  );
  return `Both names contain ${parts.join(', ')}`;
}

/** Levels at which tokens agree; the feature reports the weakest level among its tokens. */
type AgreementLevel = Exclude<TokenLevel, 'near' | 'different'>;
const AGREEMENT_LEVELS: readonly AgreementLevel[] = [
  'exact',
  'alias',
  'transcription',
  'transliteration',
  'phonetic',
  'typo',
  'acronym',
  'prefix',
  'initial',
];
type RarityLevel = 'rare' | 'somewhat_common' | 'common' | 'very_common';
type ConflictLevel = 'near' | 'one' | 'several' | 'family_name_changed';
type ExtraLevel = 'descriptive' | 'one' | 'two' | 'several';

/**
 * In organisations' names, words common across organisations ("center", "school", "family services")
 * describe what the organisation is rather than which one it is, and vary between writings of one
 * name: missing or different, they weigh little. A rare word (a proper name) still counts in full.
 * Persons' names have no such words: a common given name that differs is still another person.
 */
export function descriptive(token: string, ctx: PairContext): boolean {
  return (
    ctx.a.group === 'organization' &&
    ctx.b.group === 'organization' &&
    token.split(' ').every((t) => knownShare(t, ctx.tf) >= COMMON_TOKEN_SHARE)
  );
}

/**
 * A token's share where something is known about it (the priors' table, or counts), never the
 * length-based guess for unknown tokens: a short word ("oil", "gas") is not thereby descriptive.
 */
function knownShare(token: string, tf: TermFrequencies | undefined): number {
  const prior = listedShare(token);
  const counted = tf?.tokenShare(token);
  if (prior === undefined && counted === undefined) return 0;
  return tokenShare(token, prior ?? priorShare(token), tf);
}

/** Two organisations' names that differ only in what kind of establishment they name (centre / school). */
const establishmentWords = (c: { a: string; b: string }, ctx: PairContext): boolean =>
  ctx.a.group === 'organization' &&
  ctx.b.group === 'organization' &&
  [c.a, c.b].every((text) => text.split(' ').every((t) => establishmentWord(t, ctx.tf)));

/** The tokens only one name has that tell organisations apart (not descriptive words). */
export const distinctiveExtra = (ctx: PairContext): string[] =>
  (ctx.names?.extra ?? []).filter((t) => !descriptive(t, ctx));

const commonTokens = (detail: string): string => `The shared tokens ${detail} are common names, shared by many people`;
const namesDiffer = (detail: string): string => `The names differ in ${detail}`;
const onlyOneContains = (detail: string): string => `Only one of the names contains ${detail}`;
const onlyDescriptiveWords = (detail: string): string =>
  `Only one of the names contains the descriptive words ${detail}`;

/** Persons' and organisations' extra tokens are compared alike and weigh differently. */
const extraTokens = (
  name: string,
  appliesTo: readonly SchemaGroup[],
  levels: Record<ExtraLevel, FeatureLevel>,
): FeatureSpec<ExtraLevel> => ({
  name,
  description:
    "Tokens one name has and the other lacks (a name that is a subset of the other); in organisations' names, " +
    'descriptive words (center, school, services) weigh as one small difference.',
  appliesTo,
  usesNames: true,
  compare(ctx) {
    const all = ctx.names?.extra ?? [];
    if (all.length === 0) return undefined;
    const extra = distinctiveExtra(ctx);
    const level: ExtraLevel =
      extra.length === 0 ? 'descriptive' : extra.length === 1 ? 'one' : extra.length === 2 ? 'two' : 'several';
    return { level, value: nameOverlap(ctx.names!.comparison), detail: quote(all) };
  },
  levels,
});

const ORDER_VALUE: Readonly<Record<NameOrder, number>> = {
  same: 1,
  swapped: 0.7,
  reordered: 0.3,
  reordered_kinship: 0,
};

/**
 * A row of FEATURES (the last), declared apart because its compare weighs a shared strong value by the
 * row's own table of kinds.
 */
const IDENTIFIERS: FeatureSpec<IdentifierLevel> & { kinds: Readonly<Record<IdentifierKind, number>> } = {
  name: 'identifiers',
  description:
    'Phones, e-mails, account numbers, IBANs, usernames, registration and ID numbers: a shared strong ' +
    'identifier, a partial (masked) one that fits, or conflicting values of one kind.',
  appliesTo: ALL,
  usesNames: false,
  compare: (ctx) => {
    const group = ctx.a.group === ctx.b.group ? ctx.a.group : 'other';
    const outcome = compareIdentifiers(ctx.a.identifiers, ctx.b.identifiers, group, isGenericIdentifier(ctx.generic));
    if (outcome?.level === 'strong_match' && outcome.kind) {
      return { ...outcome, weight: IDENTIFIERS.kinds[outcome.kind] };
    }
    return outcome;
  },
  /**
   * A shared strong identifier (account number, IBAN, E.164 phone, e-mail) is decisive; a masked or
   * partial one only supports. Different values of a kind the thing has only one of (an account's
   * number, a company's registration) mean different things; different phones mean little.
   */
  levels: {
    // The strongest kind's weight (kinds below); the weight of a shared value of unknown kind.
    strong_match: { weight: 12, sentence: (d) => `Both records hold ${d}` },
    partial_match: { weight: 2.5, sentence: (d) => `A partial identifier fits: ${d}` },
    // E-mail addresses one or two typing slips apart (compare/identifiers.ts, nearEmails) are most often one
    // mailbox typed twice: different people's addresses rarely come that close outside one family, hence the
    // same first character is required and the weight stays moderate.
    near_match: { weight: 3, sentence: (d) => `Identifiers differ only by a typing slip: ${d}` },
    shared_generic: {
      weight: 0,
      sentence: (d) =>
        `Both records hold ${d}, which entities with conflicting names hold too: ` +
        'a shared line or address, not evidence that they are one',
    },
    conflict: { weight: -0.7, sentence: (d) => `Different identifiers of the same kind: ${d}` },
    defining_conflict: { weight: -10, sentence: (d) => `Identifiers that define the record differ: ${d}` },
  },
  /**
   * A shared strong value weighs by its kind (the strongest kind shared): a document or registration
   * number is issued to one holder (ln of about 1 in 150,000 by chance); an account or IBAN belongs to
   * its holder; a handle to its user; a phone is shared by a household, a couple or an office more
   * often (about 1 in 20,000 pairs of different people who also look alike by name); an e-mail
   * address by a staff (info@, sales@) more often still.
   */
  kinds: { idNumber: 12, registration: 12, account: 12, iban: 12, username: 11, phone: 10, email: 9, bic: 4 },
};

export const FEATURES: readonly FeatureSpec[] = [
  {
    name: 'name_agreement',
    description:
      'Tokens the two names share, aligned one to one: identical, alias (nickname, family-name variant), ' +
      'transliteration, phonetic variant, typo, acronym, shortened form or initial. Each agreeing token adds the ' +
      'weight of its level (listed per token), the second and later ones discounted (tokens of one name are ' +
      'correlated).',
    appliesTo: ALL,
    usesNames: true,
    compare(ctx): FeatureOutcome<AgreementLevel> | undefined {
      const names = ctx.names;
      if (!names || names.agreements.length === 0) return undefined;
      const present = new Set(names.agreements.map((t) => t.level));
      const level = [...AGREEMENT_LEVELS].reverse().find((l) => present.has(l)) ?? 'exact';
      return {
        level,
        value: nameSimilarity(names.comparison),
        weight: names.agreementWeight,
        detail: agreementSentence(ctx),
      };
    },
    // The outcome weighs the sum over its tokens (nameEvidence.ts); a level's weight is what one token of
    // ordinary rarity at that level adds (config.ts: TOKEN_LEVEL_FACTOR, INITIAL_AGREEMENT). The sentence
    // lists every token with its own level.
    levels: Object.fromEntries(
      AGREEMENT_LEVELS.map((l): [AgreementLevel, FeatureLevel] => [
        l,
        {
          weight: l === 'initial' ? INITIAL_AGREEMENT : TOKEN_LEVEL_FACTOR[l] * REFERENCE_TOKEN_INFORMATION,
          sentence: (d) => d,
        },
      ]),
    ) as Record<AgreementLevel, FeatureLevel>,
  } satisfies FeatureSpec<AgreementLevel>,
  {
    name: 'name_rarity',
    description:
      'Term-frequency adjustment of the agreeing tokens: a token shared by many names (Nguyen, Tan, Muhammad) is ' +
      'weak evidence, a rare one strong. Shares come from the graph and built-in priors.',
    appliesTo: ALL,
    usesNames: true,
    compare(ctx): FeatureOutcome<RarityLevel> | undefined {
      const names = ctx.names;
      if (!names || names.agreements.every((t) => t.level === 'initial')) return undefined;
      const w = names.rarityWeight;
      const level: RarityLevel = w > -0.5 ? 'rare' : w > -2.5 ? 'somewhat_common' : w > -5 ? 'common' : 'very_common';
      const common = names.agreements.filter((t) => t.rarity < -0.5).map((t) => t.a);
      return {
        level,
        value: Math.min(1, Math.exp(w / 6)),
        weight: w,
        detail: common.length > 0 ? quote(common) : quote(names.agreements.map((t) => t.a)),
      };
    },
    // The weight is the continuous adjustment; the levels name its bands, listed by upper bound.
    levels: {
      rare: { weight: 0, sentence: (d) => `The shared tokens ${d} are uncommon names` },
      somewhat_common: { weight: -0.5, sentence: commonTokens },
      common: { weight: -2.5, sentence: commonTokens },
      very_common: { weight: -5, sentence: commonTokens },
    },
  } satisfies FeatureSpec<RarityLevel>,
  {
    name: 'name_conflict',
    description:
      'Tokens present in both names that cannot be aligned: a different given name, family name, patronymic or ' +
      'company word in the same place.',
    appliesTo: ALL,
    usesNames: true,
    compare(ctx): FeatureOutcome<ConflictLevel> | undefined {
      const conflicts = ctx.names?.conflicts ?? [];
      if (conflicts.length === 0) return undefined;
      const mass = conflicts.reduce((sum, c) => sum + (c.near || establishmentWords(c, ctx) ? 0.5 : 1), 0);
      const level: ConflictLevel = mass <= 0.5 ? 'near' : mass <= 1 ? 'one' : 'several';
      // How close the closest conflicting pair is spelled, for the analyst (a near miss or a new word).
      const value = Math.max(...conflicts.map((c) => levenshteinRatio(c.a, c.b)));
      const detail = conflicts.map((c) => `'${c.a}' / '${c.b}'`).join(', ');
      if (level === 'one') {
        const changed = familyNameChange(ctx);
        if (changed) return { level: 'family_name_changed', value, detail: `${detail}|${changed}` };
      }
      return { level, value, detail };
    },
    /**
     * Tokens present in both names that cannot be aligned (Mosuli / Tikriti, Frank / Frederik). The
     * same person rarely has a different token in the same slot (P ≈ 0.00005 per record pair for a
     * substitution, against ≈ 1 for different people who share the other tokens, who are often
     * relatives): the strongest evidence against.
     */
    levels: {
      // Mishearing a name produces near misses (one or two letters off, too short to be a typo): much less telling.
      near: { weight: -3.5, sentence: namesDiffer },
      // One substitution outweighs the most a chain of shared tokens can add (REFERENCE_TOKEN_INFORMATION times
      // the sum of TOKEN_DISCOUNTS, about 17.4) less the prior: a name that differs in one part is never a match
      // on the name alone.
      one: { weight: -12, sentence: namesDiffer },
      several: { weight: -18, sentence: namesDiffer },
      // One conflicting token that is the family name on both sides, while the given name, a full birth date
      // (not 1 January) and the address or an identifier agree (familyNameChange). Different people rarely
      // share all of those, so among such pairs the question is only how often one person's family name
      // changes between two records: a married name (or a maiden name again) appears in a few percent of a
      // person's record pairs, hence about ln(0.02) ≈ -4 instead of -12.
      family_name_changed: {
        weight: -4,
        sentence: (d) => {
          const [names, support] = d.split('|');
          return (
            `The family names differ (${names}) while the given name, the full birth date and ${support} agree: ` +
            'weighed as a possible change of family name (e.g. on marriage)'
          );
        },
      },
    },
  } satisfies FeatureSpec<ConflictLevel>,
  // People drop middle names and patronymics.
  extraTokens('name_extra_tokens_person', ['person'], {
    descriptive: { weight: -1, sentence: onlyDescriptiveWords },
    one: { weight: -1, sentence: onlyOneContains },
    two: { weight: -2, sentence: onlyOneContains },
    several: { weight: -3.5, sentence: onlyOneContains },
  }),
  // A company name with an extra word is more often another company of the same group (a branch, a fund).
  extraTokens('name_extra_tokens_organization', [...NAMED_THINGS, 'account'], {
    // Only words common across organisations' names ("center", "child care", "services") are missing or differ:
    // how one writer describes the organisation, however many.
    descriptive: { weight: -1, sentence: onlyDescriptiveWords },
    one: { weight: -3.5, sentence: onlyOneContains },
    two: { weight: -5, sentence: onlyOneContains },
    several: { weight: -6.5, sentence: onlyOneContains },
  }),
  {
    name: 'name_order',
    description:
      'Order of the agreeing tokens: same, swapped (family name moved from first to last), or otherwise reordered.',
    appliesTo: ['person'],
    usesNames: true,
    compare(ctx) {
      const order = ctx.names?.comparison.order;
      if (!order) return undefined;
      return { level: order, value: ORDER_VALUE[order], detail: order };
    },
    levels: {
      same: { weight: 0, sentence: says('The names are written in the same order') },
      // Family-name-first against given-name-first is routine in the region; other reorderings are not.
      swapped: { weight: -0.5, sentence: says('One name puts the family name first, the other last') },
      reordered: { weight: -4, sentence: says('The name parts appear in a different order') },
      // In names that chain kinship (bin, ibn, binti, s/o) a reordering changes who is whose child (Salman bin
      // Muhammad / Muhammad bin Salman): as strong as a different name (name_conflict's one).
      reordered_kinship: {
        weight: -12,
        sentence: says(
          'The name parts around bin/binti are in a different order: ' +
            'the names describe different parent-child relations',
        ),
      },
    },
  } satisfies FeatureSpec<NameOrder>,
  {
    name: 'name_numbers',
    description:
      'Numbers in the names (Golden Star 1 vs Golden Star 2; number words and roman numerals read as numbers).',
    appliesTo: ALL,
    usesNames: true,
    compare: (ctx) =>
      ctx.names
        ? compareNumbers(ctx.names.comparison.a.normalized.numbers, ctx.names.comparison.b.normalized.numbers)
        : undefined,
    // Golden Star 1 is not Golden Star 2; a number on one side only is weaker evidence against.
    levels: {
      same: { weight: 1, sentence: (d) => `Both names carry the number ${first(d)}` },
      one_sided: { weight: -2, sentence: (d) => `Only one name carries a number (${d})` },
      different: { weight: -7, sentence: (d) => `The names carry different numbers: ${d}` },
    },
  } satisfies FeatureSpec<NumberLevel>,
  {
    name: 'legal_form',
    description:
      'Company legal forms mapped to canonical codes: same form, compatible forms (same family, or a generic ' +
      '"Company"/"Corp"), or forms that cannot describe the same company.',
    appliesTo: NAMED_THINGS,
    usesNames: false,
    compare: (ctx) => compareLegalForms(legalForms(ctx.a), legalForms(ctx.b)),
    levels: {
      same: { weight: 0.7, sentence: (d) => `Same legal form (${first(d)})` },
      compatible: { weight: 0, sentence: (d) => `Compatible legal forms: ${d}` },
      // Legal forms of different families (AG / GmbH) describe different companies.
      conflict: { weight: -5, sentence: (d) => `Legal forms differ: ${d}` },
    },
  } satisfies FeatureSpec<LegalFormLevel>,
  {
    name: 'gender',
    description:
      'Gender implied by titles (Mr/Mrs, U/Daw, Ông/Bà, Nai/Nang), bin/binti, Vietnamese Văn/Thị, or a gender ' +
      'property.',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => compareGender(gender(ctx.a), gender(ctx.b), givenNamesAgree(ctx)),
    levels: {
      same: { weight: 0.3, sentence: (d) => `Both records describe a ${genderWord(d)}` },
      // The names agree on at most one part: relatives of one family name are of either gender about equally.
      different: { weight: -4, sentence: says('One record describes a man, the other a woman') },
      // Two or more name parts agree: different people who share a given name are of one gender nineteen times
      // in twenty, so a contradiction between them is about as likely a slip of the form or the title as a
      // second person.
      different_names_agree: {
        weight: -1,
        sentence: says(
          'One record describes a man, the other a woman, although the names agree beyond the family name ' +
            '(most likely a recording slip)',
        ),
      },
    },
  } satisfies FeatureSpec<GenderLevel>,
  {
    name: 'birth_date',
    description:
      'Birth dates: full agreement, same year and month, same year, day and month swapped, one digit off, within ' +
      'a month, within a year, a year one digit off, up to ten years apart, or further apart.',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => compareBirthDates(ctx.a.birthDates, ctx.b.birthDates),
    /**
     * Each level weighed by how often it occurs for the same person against different people among
     * candidates (Splink's m and u). 1 January is read as a placeholder and weighs as the year alone
     * (compare/facts.ts); year-only dates a year apart weigh as within_year instead of different.
     */
    levels: {
      // A full date agrees by chance about once in 20,000 pairs (ln ≈ 9.9); counted lower because documents of
      // the region often carry placeholder dates and relatives' dates get mixed up.
      exact: { weight: 7, sentence: (d) => `Same birth date (${first(d)})` },
      // Typists swap day and month.
      swapped: { weight: 3, sentence: (d) => `Birth dates agree with day and month swapped: ${d}` },
      month: { weight: 3, sentence: (d) => `Birth dates agree on year and month: ${d}` },
      year: { weight: 1.5, sentence: (d) => `Birth years agree: ${d}` },
      // A date one digit off is a typing slip of an exact date: it agrees by chance about once in 2,000 pairs
      // and is much likelier between two records of one person.
      typo: { weight: 3, sentence: (d) => `Birth dates differ by one digit or year: ${d}` },
      // Within a month of each other, across a month's end too (1991-04-30 / 1991-05-02): two people's dates
      // fall that close about once in 600 pairs, one person's two records often enough (a day misheard, a date
      // computed from an age in days); it corroborates a name together with another weak agreement.
      different_day: { weight: 1, sentence: (d) => `Birth dates are within a month of each other: ${d}` },
      // Within a year, near neutral: different people of one name fall in one year only about once in 40 pairs,
      // and records of one person carry such slips often enough (victims often know a trafficker's age only
      // roughly).
      different_month: { weight: -1, sentence: (d) => `Birth dates differ in the month: ${d}` },
      within_year: { weight: -1.5, sentence: (d) => `Birth dates differ by less than a year: ${d}` },
      // A year one digit off while the day of the year is within a month (1986-05-12 / 1976-05-15): two slips of
      // one date, weighed as a date within a year.
      year_slip: { weight: -1.5, sentence: (d) => `Birth dates differ in one digit of the year and by days: ${d}` },
      // What an age guessed by a victim or a misread year produce; about a quarter of different people of one
      // name fall 1 to 10 years apart.
      years_apart: { weight: -2, sentence: (d) => `Birth dates are between one and ten years apart: ${d}` },
      // Beyond ten years: a father and a son of one name.
      different: { weight: -4.5, sentence: (d) => `Birth dates differ: ${d}` },
    },
  } satisfies FeatureSpec<BirthDateLevel>,
  {
    name: 'birth_place',
    description: 'Places of birth: the same place (a difference is not counted: places are spelled many ways).',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => compareBirthPlaces(ctx.a.birthPlaces ?? [], ctx.b.birthPlaces ?? []),
    levels: {
      // One town is the birthplace of about one person in a few hundred of a country's caseload, but people
      // named alike often come from one region, so agreement is weak evidence.
      same: { weight: 1, sentence: (d) => `Same place of birth: ${d}` },
    },
  } satisfies FeatureSpec<BirthPlaceLevel>,
  {
    name: 'position',
    description:
      'Occupations or positions held: the same occupation (a difference is not counted: people change jobs).',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => comparePositions(ctx.a.positions ?? [], ctx.b.positions ?? []),
    levels: {
      // One occupation (FtM `position`) is shared by a few percent of a caseload (driver, broker, painter) and
      // by most records of one person that state it: moderate evidence for. People change jobs and describe one
      // job in many ways, so a difference is not counted.
      same: { weight: 1.5, sentence: (d) => `Same occupation: ${d}` },
    },
  } satisfies FeatureSpec<PositionLevel>,
  {
    name: 'address',
    description:
      'Addresses compared as sets of words and numbers: the same, similar, or (for long addresses) different. For ' +
      'organisations, addresses with different house numbers are different sites. An address that several ' +
      'differently-named entities share is not compared.',
    appliesTo: ['person', 'organization', 'other'],
    usesNames: false,
    compare: (ctx) =>
      compareAddresses(
        specificAddresses(ctx.a, ctx.generic),
        specificAddresses(ctx.b, ctx.generic),
        ctx.a.group === 'organization' && ctx.b.group === 'organization',
      ),
    // The same address is shared by everyone living or working there (a dormitory, a boarding house, a
    // company's office), so agreement is only moderate evidence.
    levels: {
      same: { weight: 2.5, sentence: (d) => `Same address: ${d}` },
      similar: { weight: 1, sentence: (d) => `Similar addresses: ${d}` },
      different: { weight: -0.5, sentence: (d) => `Addresses differ: ${d}` },
      different_site: { weight: -3, sentence: (d) => `Different sites (other house numbers): ${d}` },
      // An organisation's site: the same house number on the same street. Most records of one site give
      // it (m about 0.8); different organisations with compatible names share one about once in a
      // hundred candidate pairs (a head office beside one of its programmes), ln(0.8 / 0.01) = 4.4, taken
      // down to 4. An office block many names give is generic and not compared at all.
      same_site: { weight: 4, sentence: (d) => `Same site (house number and street): ${d}` },
    },
  } satisfies FeatureSpec<AddressLevel>,
  {
    name: 'country',
    description: 'Nationality, country or jurisdiction (ISO codes).',
    appliesTo: ['person', 'organization', 'other'],
    usesNames: false,
    compare: (ctx) => compareCountries(ctx.a.countries, ctx.b.countries),
    // Agreement is common by chance in one region's caseload, so it is weak.
    levels: {
      same: { weight: 0.5, sentence: (d) => `Same country (${first(d)})` },
      different: { weight: -1.5, sentence: (d) => `Countries differ: ${d}` },
    },
  } satisfies FeatureSpec<CountryLevel>,
  {
    name: 'related_identifiers',
    description:
      'Both records are reported in relation with subjects holding one strong identifier (the same account, ' +
      'director, employer or phone): a tie through the graph.',
    appliesTo: ALL,
    usesNames: false,
    compare: (ctx) => {
      const generic = isGenericIdentifier(ctx.generic);
      const keys = new Set((ctx.b.relatedIdentifiers ?? []).filter((id) => !generic(id)).map(identifierValueKey));
      const shared = (ctx.a.relatedIdentifiers ?? []).filter((id) => keys.has(identifierValueKey(id)));
      if (shared.length === 0) return undefined;
      return {
        level: 'shared' as const,
        value: 1,
        detail: [...new Set(shared.map((id) => `${id.kind} ${id.value}`))].join(', '),
      };
    },
    levels: {
      // One bank account, one director's phone, one employer's registration: two look-alike names tied to the
      // same resolved thing are far likelier one than two. Moderate, since an account or an employer is shared
      // by a network; it corroborates a common name on its own (score/index.ts).
      shared: { weight: 2.5, sentence: (d) => `Both are reported in relation with a subject holding ${d}` },
    },
  } satisfies FeatureSpec<'shared'>,
  IDENTIFIERS,
];

/**
 * Each feature's weight per level (name -> level -> weight), from the rows; identifier_kind is the
 * identifiers row's weight per kind of a shared strong value.
 */
export const FEATURE_WEIGHTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  ...Object.fromEntries(
    FEATURES.map((f) => [
      f.name,
      Object.fromEntries(Object.entries(f.levels).map(([level, { weight }]) => [level, weight])),
    ]),
  ),
  identifier_kind: IDENTIFIERS.kinds,
};

type LegalForms = PreparedRecord['names'][number]['normalized']['legalForms'];

/** A record's distinct legal forms, kept per prepared record: it is compared with many candidates. */
const LEGAL_FORMS = new WeakMap<PreparedRecord, LegalForms>();

function legalForms(record: PreparedRecord): LegalForms {
  let forms = LEGAL_FORMS.get(record);
  if (!forms) {
    forms = [...new Map(record.names.flatMap((n) => n.normalized.legalForms).map((f) => [f.code, f])).values()];
    LEGAL_FORMS.set(record, forms);
  }
  return forms;
}

const GENDER_PROPERTY: Readonly<Record<string, Gender>> = { male: 'male', m: 'male', female: 'female', f: 'female' };

function gender(record: PreparedRecord): Gender | undefined {
  const found = new Set<Gender>();
  for (const name of record.names) if (name.normalized.gender) found.add(name.normalized.gender);
  for (const value of record.record.properties.gender ?? []) {
    const g = GENDER_PROPERTY[value.trim().toLowerCase()];
    if (g) found.add(g);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Two or more name parts agree (more than a family name), none of them an initial or a shortened form. */
function givenNamesAgree(ctx: PairContext): boolean {
  const agreements = ctx.names?.agreements ?? [];
  return agreements.filter((t) => t.level !== 'initial' && t.level !== 'prefix').length >= 2;
}

/** Every word of a name part belongs to the record's family name. */
function withinFamily(text: string, family: ReadonlySet<string>): boolean {
  return text.split(' ').every((t) => family.has(t));
}

/**
 * A family name replaced outright (on marriage, or back after a divorce) while the
 * given name, a full birth date and one further independent fact agree. Returns what else agrees
 * (for the explanation), or undefined when the conflict must weigh as an ordinary substitution.
 *
 * - exactly one conflicting token on each side, and it is the family name on both: the record's
 *   lastName / familyName when stated, otherwise the last token of a name of two or more tokens;
 * - the given name agrees (a token outside the family name, not an initial nor a shortened form);
 * - the birth dates agree exactly, day and month included, and not on the placeholder 1 January
 *   (compareBirthDates reports a placeholder as its year);
 * - a further agreement independent of name and date: the same or a similar address, or a shared,
 *   fitting or near identifier. When the given name is common on its own (share of at least
 *   COMMON_TOKEN_SHARE), a similar address is not enough: the same address or an identifier.
 */
function familyNameChange(ctx: PairContext): string | undefined {
  const names = ctx.names;
  if (names?.conflicts.length !== 1 || ctx.a.group !== 'person' || ctx.b.group !== 'person') return undefined;
  const { comparison } = names;
  if (comparison.a.part !== 'full' || comparison.b.part !== 'full') return undefined;
  const conflict = names.conflicts[0]!;
  if (conflict.near) return undefined;
  const familyA = familyTokensOf(
    ctx.a,
    comparison.tokensA.map((t) => t.text),
  );
  const familyB = familyTokensOf(
    ctx.b,
    comparison.tokensB.map((t) => t.text),
  );
  if (!familyA || !familyB) return undefined;
  if (!withinFamily(conflict.a, familyA) || !withinFamily(conflict.b, familyB)) return undefined;
  const given = names.agreements.filter(
    (t) =>
      t.level !== 'initial' &&
      t.level !== 'prefix' &&
      !t.a.split(' ').some((x) => familyA.has(x)) &&
      !t.b.split(' ').some((x) => familyB.has(x)),
  );
  if (given.length === 0) return undefined;
  if (compareBirthDates(ctx.a.birthDates, ctx.b.birthDates)?.level !== 'exact') return undefined;
  const common = given.every((t) => t.share >= COMMON_TOKEN_SHARE);
  const ids = compareIdentifiers(ctx.a.identifiers, ctx.b.identifiers, 'person');
  if (ids && (ids.level === 'strong_match' || ids.level === 'partial_match' || ids.level === 'near_match'))
    return 'an identifier';
  const address = compareAddresses(ctx.a.addresses, ctx.b.addresses)?.level;
  if (address === 'same' || (address === 'similar' && !common)) return 'the address';
  return undefined;
}

/** Tokens of a record's family name: stated apart, or the last token of a name of two or more tokens. */
function familyTokensOf(record: PreparedRecord, tokens: readonly string[]): ReadonlySet<string> | undefined {
  if (record.familyTokens && record.familyTokens.length > 0) return new Set(record.familyTokens);
  return tokens.length >= 2 ? new Set([tokens[tokens.length - 1]!]) : undefined;
}

const genderWord = (g: string): string => (g === 'female' ? 'woman' : 'man');

const isGenericIdentifier =
  (generic: GenericValues | undefined) =>
  (id: Identifier): boolean =>
    generic?.isGeneric(identifierValueKey(id)) ?? false;

/** A record's addresses that are not generic (an office block many differently-named companies give). */
function specificAddresses(record: PreparedRecord, generic: GenericValues | undefined): string[][] {
  if (!generic || !record.addressKeys) return record.addresses;
  return record.addresses.filter((_, i) => !generic.isGeneric(record.addressKeys![i]!));
}
