/**
 * The declared feature table. Each feature compares one aspect of two prepared records, names the
 * level of agreement it found, and turns the level into a log-likelihood ratio (config.ts holds the
 * numbers and the reasoning behind them). The score is the prior plus the sum of all weights,
 * passed through the logistic function.
 */
import {
  compareAddresses, compareBirthDates, compareBirthPlaces, compareCountries, compareGender, compareLegalForms, compareNumbers, comparePositions, type BirthDateLevel,
  type Compared,
} from '../compare/facts';
import { compareIdentifiers } from '../compare/identifiers';
import { nameOverlap, nameSimilarity, type NameOrder } from '../compare/names';
import { levenshteinRatio } from '../compare/strings';
import type { TokenLevel } from '../compare/tokens';
import { TOKEN_LEVEL_FACTOR, INITIAL_AGREEMENT, REFERENCE_TOKEN_INFORMATION, type MatchConfig } from '../config';
import type { Gender } from '../normalize/honorifics';
import type { PreparedRecord, SchemaGroup } from '../prepared';
import { identifierValueKey } from '../blocking/valueKeys';
import type { Identifier } from '../identifiers';
import type { GenericValues, TermFrequencies } from '../types';
import { COMMON_TOKEN_SHARE, establishmentWord, listedShare, priorShare, tokenShare } from './frequencies';
import type { NameEvidence } from './nameEvidence';

export interface PairContext {
  a: PreparedRecord;
  b: PreparedRecord;
  config: MatchConfig;
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

export interface FeatureSpec<L extends string = string> {
  name: string;
  /** What the feature compares, for the documentation and the analyst. */
  description: string;
  appliesTo: readonly SchemaGroup[];
  /** Evaluated per pair of names when choosing the best pair. */
  usesNames: boolean;
  compare(ctx: PairContext): FeatureOutcome<L> | undefined;
  weights(config: MatchConfig): Readonly<Record<L, number>>;
  explain(outcome: FeatureOutcome<L>, ctx: PairContext): string;
}

const ALL: readonly SchemaGroup[] = ['person', 'organization', 'account', 'address', 'other'];
const NAMED_THINGS: readonly SchemaGroup[] = ['organization', 'address', 'other'];

const quote = (tokens: readonly string[]): string => tokens.map((t) => `'${t}'`).join(', ');

/** Level names of token agreement, in analyst words. */
const TOKEN_LEVEL_WORDS: Readonly<Record<TokenLevel, string>> = {
  exact: 'identical', alias: 'alias forms', transcription: 'the same name written in two scripts',
  transliteration: 'transliterations of each other',
  phonetic: 'spelling variants that sound alike', typo: 'one typing error apart', prefix: 'a shortened form',
  acronym: 'an acronym',
  initial: 'an initial', near: 'similar but different', different: 'different',
};

function agreementSentence(ctx: PairContext): string {
  const names = ctx.names!;
  const parts = names.agreements.map((t) => (t.a === t.b ? `'${t.a}'` : `'${t.a}' / '${t.b}' (${TOKEN_LEVEL_WORDS[t.level]})`));
  return `Both names contain ${parts.join(', ')}`;
}

/** Levels at which tokens agree; the feature reports the weakest level among its tokens. */
type AgreementLevel = Exclude<TokenLevel, 'near' | 'different'>;
const AGREEMENT_LEVELS: readonly AgreementLevel[] = ['exact', 'alias', 'transcription', 'transliteration', 'phonetic', 'typo', 'acronym', 'prefix', 'initial'];
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
  return ctx.a.group === 'organization' && ctx.b.group === 'organization'
    && token.split(' ').every((t) => knownShare(t, ctx.tf) >= COMMON_TOKEN_SHARE);
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
  ctx.a.group === 'organization' && ctx.b.group === 'organization'
  && [c.a, c.b].every((text) => text.split(' ').every((t) => establishmentWord(t, ctx.tf)));

/** The tokens only one name has that tell organisations apart (not descriptive words). */
export const distinctiveExtra = (ctx: PairContext): string[] => (ctx.names?.extra ?? []).filter((t) => !descriptive(t, ctx));


const extraTokens = (weights: (c: MatchConfig) => Readonly<Record<ExtraLevel, number>>, group: SchemaGroup[]): FeatureSpec<ExtraLevel> => ({
  name: group.includes('person') ? 'name_extra_tokens_person' : 'name_extra_tokens_organization',
  description: 'Tokens one name has and the other lacks (a name that is a subset of the other); in organisations\' names, descriptive words (center, school, services) weigh as one small difference.',
  appliesTo: group,
  usesNames: true,
  compare(ctx) {
    const all = ctx.names?.extra ?? [];
    if (all.length === 0) return undefined;
    const extra = distinctiveExtra(ctx);
    const level: ExtraLevel = extra.length === 0 ? 'descriptive' : extra.length === 1 ? 'one' : extra.length === 2 ? 'two' : 'several';
    return { level, value: nameOverlap(ctx.names!.comparison), detail: quote(all) };
  },
  weights,
  explain: (o) => (o.level === 'descriptive' ? `Only one of the names contains the descriptive words ${o.detail}` : `Only one of the names contains ${o.detail}`),
});

export const FEATURES: readonly FeatureSpec[] = [
  {
    name: 'name_agreement',
    description: 'Tokens the two names share, aligned one to one: identical, alias (nickname, family-name variant), transliteration, phonetic variant, typo, acronym, shortened form or initial. Each agreeing token adds the weight of its level (listed per token), the second and later ones discounted (tokens of one name are correlated).',
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
    weights: () =>
      Object.fromEntries(
        AGREEMENT_LEVELS.map((l) => [l, l === 'initial' ? INITIAL_AGREEMENT : TOKEN_LEVEL_FACTOR[l] * REFERENCE_TOKEN_INFORMATION]),
      ) as Record<AgreementLevel, number>,
    explain: (o) => o.detail,
  } satisfies FeatureSpec<AgreementLevel>,
  {
    name: 'name_rarity',
    description: 'Term-frequency adjustment of the agreeing tokens: a token shared by many names (Nguyen, Tan, Muhammad) is weak evidence, a rare one strong. Shares come from the graph and built-in priors.',
    appliesTo: ALL,
    usesNames: true,
    compare(ctx): FeatureOutcome<RarityLevel> | undefined {
      const names = ctx.names;
      if (!names || names.agreements.every((t) => t.level === 'initial')) return undefined;
      const w = names.rarityWeight;
      const level: RarityLevel = w > -0.5 ? 'rare' : w > -2.5 ? 'somewhat_common' : w > -5 ? 'common' : 'very_common';
      const common = names.agreements.filter((t) => t.rarity < -0.5).map((t) => t.a);
      return { level, value: Math.min(1, Math.exp(w / 6)), weight: w, detail: common.length > 0 ? quote(common) : quote(names.agreements.map((t) => t.a)) };
    },
    // The weight is the continuous adjustment; the levels name its bands, listed by upper bound.
    weights: () => ({ rare: 0, somewhat_common: -0.5, common: -2.5, very_common: -5 }),
    explain: (o) =>
      o.level === 'rare'
        ? `The shared tokens ${o.detail} are uncommon names`
        : `The shared tokens ${o.detail} are common names, shared by many people`,
  } satisfies FeatureSpec<RarityLevel>,
  {
    name: 'name_conflict',
    description: 'Tokens present in both names that cannot be aligned: a different given name, family name, patronymic or company word in the same place.',
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
    weights: (c) => c.weights.name_conflict,
    explain: (o) => {
      if (o.level !== 'family_name_changed') return `The names differ in ${o.detail}`;
      const [names, support] = o.detail.split('|');
      return `The family names differ (${names}) while the given name, the full birth date and ${support} agree: weighed as a possible change of family name (e.g. on marriage)`;
    },
  } satisfies FeatureSpec<ConflictLevel>,
  extraTokens((c) => c.weights.name_extra_tokens_person, ['person']),
  extraTokens((c) => c.weights.name_extra_tokens_organization, [...NAMED_THINGS, 'account']),
  {
    name: 'name_order',
    description: 'Order of the agreeing tokens: same, swapped (family name moved from first to last), or otherwise reordered.',
    appliesTo: ['person'],
    usesNames: true,
    compare(ctx) {
      const order = ctx.names?.comparison.order;
      if (!order) return undefined;
      return { level: order, value: ORDER_VALUE[order], detail: order };
    },
    weights: (c) => c.weights.name_order,
    explain: (o) => ORDER_SENTENCES[o.level],
  } satisfies FeatureSpec<NameOrder>,
  {
    name: 'name_numbers',
    description: 'Numbers in the names (Golden Star 1 vs Golden Star 2; number words and roman numerals read as numbers).',
    appliesTo: ALL,
    usesNames: true,
    compare: (ctx) => (ctx.names ? compareNumbers(ctx.names.comparison.a.normalized.numbers, ctx.names.comparison.b.normalized.numbers) : undefined),
    weights: (c) => c.weights.name_numbers,
    explain: (o) =>
      o.level === 'same' ? `Both names carry the number ${o.detail.split(' / ')[0]}`
        : o.level === 'one_sided' ? `Only one name carries a number (${o.detail})`
          : `The names carry different numbers: ${o.detail}`,
  },
  {
    name: 'legal_form',
    description: 'Company legal forms mapped to canonical codes: same form, compatible forms (same family, or a generic "Company"/"Corp"), or forms that cannot describe the same company.',
    appliesTo: NAMED_THINGS,
    usesNames: false,
    compare: (ctx) => compareLegalForms(legalForms(ctx.a), legalForms(ctx.b)),
    weights: (c) => c.weights.legal_form,
    explain: (o) =>
      o.level === 'same' ? `Same legal form (${o.detail.split(' / ')[0]})`
        : o.level === 'compatible' ? `Compatible legal forms: ${o.detail}`
          : `Legal forms differ: ${o.detail}`,
  },
  {
    name: 'gender',
    description: 'Gender implied by titles (Mr/Mrs, U/Daw, Ông/Bà, Nai/Nang), bin/binti, Vietnamese Văn/Thị, or a gender property.',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => compareGender(gender(ctx.a), gender(ctx.b), givenNamesAgree(ctx)),
    weights: (c) => c.weights.gender,
    explain: (o) =>
      o.level === 'same' ? `Both records describe a ${genderWord(o.detail)}`
        : o.level === 'different' ? `One record describes a man, the other a woman`
          : `One record describes a man, the other a woman, although the names agree beyond the family name (most likely a recording slip)`,
  },
  {
    name: 'birth_date',
    description: 'Birth dates: full agreement, same year and month, same year, day and month swapped, one digit off, within a month, within a year, a year one digit off, up to ten years apart, or further apart.',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => compareBirthDates(ctx.a.birthDates, ctx.b.birthDates),
    weights: (c) => c.weights.birth_date,
    explain: (o) => BIRTH_DATE_SENTENCES[o.level](o.detail),
  } satisfies FeatureSpec<BirthDateLevel>,
  {
    name: 'birth_place',
    description: 'Places of birth: the same place (a difference is not counted: places are spelled many ways).',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => compareBirthPlaces(ctx.a.birthPlaces ?? [], ctx.b.birthPlaces ?? []),
    weights: (c) => c.weights.birth_place,
    explain: (o) => `Same place of birth: ${o.detail}`,
  },
  {
    name: 'position',
    description: 'Occupations or positions held: the same occupation (a difference is not counted: people change jobs).',
    appliesTo: ['person'],
    usesNames: false,
    compare: (ctx) => comparePositions(ctx.a.positions ?? [], ctx.b.positions ?? []),
    weights: (c) => c.weights.position,
    explain: (o) => `Same occupation: ${o.detail}`,
  },
  {
    name: 'address',
    description: 'Addresses compared as sets of words and numbers: the same, similar, or (for long addresses) different. For organisations, addresses with different house numbers are different sites. An address that several differently-named entities share is not compared.',
    appliesTo: ['person', 'organization', 'other'],
    usesNames: false,
    compare: (ctx) =>
      compareAddresses(specificAddresses(ctx.a, ctx.generic), specificAddresses(ctx.b, ctx.generic), ctx.a.group === 'organization' && ctx.b.group === 'organization'),
    weights: (c) => c.weights.address,
    explain: (o) =>
      o.level === 'same' ? `Same address: ${o.detail}`
        : o.level === 'similar' ? `Similar addresses: ${o.detail}`
          : o.level === 'different_site' ? `Different sites (other house numbers): ${o.detail}`
            : `Addresses differ: ${o.detail}`,
  },
  {
    name: 'country',
    description: 'Nationality, country or jurisdiction (ISO codes).',
    appliesTo: ['person', 'organization', 'other'],
    usesNames: false,
    compare: (ctx) => compareCountries(ctx.a.countries, ctx.b.countries),
    weights: (c) => c.weights.country,
    explain: (o) => (o.level === 'same' ? `Same country (${o.detail.split(' / ')[0]})` : `Countries differ: ${o.detail}`),
  },
  {
    name: 'related_identifiers',
    description: 'Both records are reported in relation with subjects holding one strong identifier (the same account, director, employer or phone): a tie through the graph.',
    appliesTo: ALL,
    usesNames: false,
    compare: (ctx) => {
      const generic = isGenericIdentifier(ctx.generic);
      const keys = new Set((ctx.b.relatedIdentifiers ?? []).filter((id) => !generic(id)).map(identifierValueKey));
      const shared = (ctx.a.relatedIdentifiers ?? []).filter((id) => keys.has(identifierValueKey(id)));
      if (shared.length === 0) return undefined;
      return { level: 'shared' as const, value: 1, detail: [...new Set(shared.map((id) => `${id.kind} ${id.value}`))].join(', ') };
    },
    weights: (c) => c.weights.related_identifiers,
    explain: (o) => `Both are reported in relation with a subject holding ${o.detail}`,
  },
  {
    name: 'identifiers',
    description: 'Phones, e-mails, account numbers, IBANs, usernames, registration and ID numbers: a shared strong identifier, a partial (masked) one that fits, or conflicting values of one kind.',
    appliesTo: ALL,
    usesNames: false,
    compare: (ctx) => {
      const outcome = compareIdentifiers(ctx.a.identifiers, ctx.b.identifiers, ctx.a.group === ctx.b.group ? ctx.a.group : 'other', isGenericIdentifier(ctx.generic));
      if (outcome?.level === 'strong_match' && outcome.kind) return { ...outcome, weight: ctx.config.weights.identifier_kind[outcome.kind] };
      return outcome;
    },
    weights: (c) => c.weights.identifiers,
    explain: (o) =>
      o.level === 'strong_match' ? `Both records hold ${o.detail}`
        : o.level === 'shared_generic' ? `Both records hold ${o.detail}, which entities with conflicting names hold too: a shared line or address, not evidence that they are one`
        : o.level === 'partial_match' ? `A partial identifier fits: ${o.detail}`
          : o.level === 'near_match' ? `Identifiers differ only by a typing slip: ${o.detail}`
          : o.level === 'defining_conflict' ? `Identifiers that define the record differ: ${o.detail}`
            : `Different identifiers of the same kind: ${o.detail}`,
  },
];

const ORDER_VALUE: Readonly<Record<NameOrder, number>> = { same: 1, swapped: 0.7, reordered: 0.3, reordered_kinship: 0 };

const ORDER_SENTENCES: Readonly<Record<NameOrder, string>> = {
  same: 'The names are written in the same order',
  swapped: 'One name puts the family name first, the other last',
  reordered: 'The name parts appear in a different order',
  reordered_kinship: 'The name parts around bin/binti are in a different order: the names describe different parent-child relations',
};

const BIRTH_DATE_SENTENCES: Readonly<Record<BirthDateLevel, (detail: string) => string>> = {
  exact: (d) => `Same birth date (${d.split(' / ')[0]})`,
  swapped: (d) => `Birth dates agree with day and month swapped: ${d}`,
  month: (d) => `Birth dates agree on year and month: ${d}`,
  year: (d) => `Birth years agree: ${d}`,
  typo: (d) => `Birth dates differ by one digit or year: ${d}`,
  different_day: (d) => `Birth dates are within a month of each other: ${d}`,
  different_month: (d) => `Birth dates differ in the month: ${d}`,
  within_year: (d) => `Birth dates differ by less than a year: ${d}`,
  year_slip: (d) => `Birth dates differ in one digit of the year and by days: ${d}`,
  years_apart: (d) => `Birth dates are between one and ten years apart: ${d}`,
  different: (d) => `Birth dates differ: ${d}`,
};

function legalForms(record: PreparedRecord): PreparedRecord['names'][number]['normalized']['legalForms'] {
  return [...new Map(record.names.flatMap((n) => n.normalized.legalForms).map((f) => [f.code, f])).values()];
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

/**
 * lantern-match-4: a family name replaced outright (on marriage, or back after a divorce) while the
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
  if (!names || names.conflicts.length !== 1 || ctx.a.group !== 'person' || ctx.b.group !== 'person') return undefined;
  const { comparison } = names;
  if (comparison.a.part !== 'full' || comparison.b.part !== 'full') return undefined;
  const conflict = names.conflicts[0]!;
  if (conflict.near) return undefined;
  const familyA = familyTokensOf(ctx.a, comparison.tokensA.map((t) => t.text));
  const familyB = familyTokensOf(ctx.b, comparison.tokensB.map((t) => t.text));
  if (!familyA || !familyB) return undefined;
  const within = (text: string, family: ReadonlySet<string>): boolean => text.split(' ').every((t) => family.has(t));
  if (!within(conflict.a, familyA) || !within(conflict.b, familyB)) return undefined;
  const given = names.agreements.filter(
    (t) => t.level !== 'initial' && t.level !== 'prefix' && !t.a.split(' ').some((x) => familyA.has(x)) && !t.b.split(' ').some((x) => familyB.has(x)),
  );
  if (given.length === 0) return undefined;
  if (compareBirthDates(ctx.a.birthDates, ctx.b.birthDates)?.level !== 'exact') return undefined;
  const common = given.every((t) => t.share >= COMMON_TOKEN_SHARE);
  const ids = compareIdentifiers(ctx.a.identifiers, ctx.b.identifiers, 'person');
  if (ids && (ids.level === 'strong_match' || ids.level === 'partial_match' || ids.level === 'near_match')) return 'an identifier';
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

const isGenericIdentifier = (generic: GenericValues | undefined) => (id: Identifier): boolean =>
  generic !== undefined && generic.isGeneric(identifierValueKey(id));

/** A record's addresses that are not generic (an office block many differently-named companies give). */
function specificAddresses(record: PreparedRecord, generic: GenericValues | undefined): string[][] {
  if (!generic || !record.addressKeys) return record.addresses;
  return record.addresses.filter((_, i) => !generic.isGeneric(record.addressKeys![i]!));
}
