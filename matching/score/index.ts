/**
 * Scoring: the prior plus the weights of every applicable feature, through the logistic function,
 * then two rules that keep automatic links safe:
 *
 * - Common-name rule: when nothing but the name supports the match (no shared identifier, no agreeing
 *   birth date) and the name has fewer than two agreeing uncommon tokens, the score is held just
 *   under autoLink. "Nguyen Van Nam" alone can reach review, never an automatic link.
 * - Identity: two records identical after normalisation score exactly 1 when their evidence already
 *   reaches autoLink. Identical records whose only evidence is a common name keep their (lower)
 *   score: being typed the same way twice does not make "Nguyen Van Nam" one person.
 */
import type { IdentifierComparison } from '../compare/identifiers';
import { DEFAULT_CONFIG, type MatchConfig, MIN_UNCOMMON_TOKENS_FOR_AUTOLINK } from '../config';
import { prepareRecord } from '../prepare';
import type { PreparedRecord, SchemaGroup } from '../prepared';
import type { FeatureResult, GenericValues, MatchRecord, MatchResult, TermFrequencies } from '../types';
import {
  distinctiveExtra,
  FEATURES,
  type FeatureLevel,
  type FeatureOutcome,
  type FeatureSpec,
  type PairContext,
} from './features';
import { nameEvidence } from './nameEvidence';

export interface ScoreOptions {
  tf?: TermFrequencies;
  /** Shared values that are no longer evidence of identity (learned from the data by the resolver). */
  generic?: GenericValues;
  /** Overrides of the default configuration (thresholds from the environment, for instance). */
  config?: Partial<MatchConfig>;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Margin kept under autoLink by the common-name rule, in log-odds. */
const CAP_MARGIN = 0.05;

interface Evaluated {
  spec: FeatureSpec;
  outcome: FeatureOutcome<string>;
  level: FeatureLevel;
  weight: number;
}

function evaluate(spec: FeatureSpec, ctx: PairContext): Evaluated | undefined {
  const outcome = spec.compare(ctx);
  if (!outcome) return undefined;
  const level = spec.levels[outcome.level];
  // Rows type their levels by what compare returns; one that slipped through weighed 0 would go unseen.
  if (!level) throw new Error(`${spec.name}: level ${outcome.level} is not in the feature's levels table`);
  return { spec, outcome, level, weight: outcome.weight ?? level.weight };
}

function pairGroup(a: PreparedRecord, b: PreparedRecord): SchemaGroup {
  return a.group === b.group ? a.group : 'other';
}

const SPECS_BY_GROUP = new Map<SchemaGroup, { names: readonly FeatureSpec[]; others: readonly FeatureSpec[] }>();

function specsFor(group: SchemaGroup): { names: readonly FeatureSpec[]; others: readonly FeatureSpec[] } {
  let specs = SPECS_BY_GROUP.get(group);
  if (!specs) {
    const applicable = FEATURES.filter((spec) => spec.appliesTo.includes(group));
    specs = { names: applicable.filter((s) => s.usesNames), others: applicable.filter((s) => !s.usesNames) };
    SPECS_BY_GROUP.set(group, specs);
  }
  return specs;
}

const evaluateAll = (specs: readonly FeatureSpec[], ctx: PairContext): Evaluated[] =>
  specs.map((spec) => evaluate(spec, ctx)).filter((e): e is Evaluated => e !== undefined);

/**
 * The pair of names, one from each record, whose name features add up to the most evidence. Equal
 * totals are decided on the names' texts, so that swapping the records picks the same pair.
 */
/** The texts of a pair's names, in an order that does not depend on which record is a. */
function namesKey(ctx: PairContext): string {
  return [ctx.names!.comparison.a.normalized.text, ctx.names!.comparison.b.normalized.text].sort().join('|');
}

function bestNames(base: PairContext, specs: readonly FeatureSpec[]): { ctx: PairContext; evaluated: Evaluated[] } {
  let best: { ctx: PairContext; evaluated: Evaluated[]; total: number } | undefined;
  for (const nameA of base.a.names) {
    for (const nameB of base.b.names) {
      const names = nameEvidence(nameA, nameB, base.tf);
      if (!names) continue;
      const ctx: PairContext = { a: base.a, b: base.b, tf: base.tf, generic: base.generic, names };
      const evaluated = evaluateAll(specs, ctx);
      const total = evaluated.reduce((sum, e) => sum + e.weight, 0);
      if (!best || total > best.total || (total === best.total && namesKey(ctx) < namesKey(best.ctx)))
        best = { ctx, evaluated, total };
    }
  }
  return best ?? { ctx: base, evaluated: [] };
}

const CORROBORATING: Readonly<Record<string, ReadonlySet<string>>> = {
  identifiers: new Set(['strong_match', 'partial_match']),
  related_identifiers: new Set(['shared']),
  birth_date: new Set(['exact', 'swapped', 'month', 'typo']),
};

/**
 * Weaker agreements that corroborate only together, two or more from different features: birth dates
 * that place both records in one year (the same year, or full dates less than a year apart, or a year
 * one digit off with the day of the year within a month: each about as specific as a shared birth
 * year), the same address, the same place of birth, the same occupation, an e-mail or ID number one
 * slip away. Each alone is shared by relatives who share a name (a father and son at one address,
 * siblings' addresses); together they describe one person.
 */
const CORROBORATING_TOGETHER: Readonly<Record<string, ReadonlySet<string>>> = {
  identifiers: new Set(['near_match']),
  birth_date: new Set(['year', 'different_day', 'different_month', 'within_year', 'year_slip']),
  address: new Set(['same']),
  birth_place: new Set(['same']),
  position: new Set(['same']),
};

/**
 * For organisations the same address corroborates a name alone: namesakes among people are relatives
 * who share a home, but two different organisations with compatible names rarely share a site (an
 * address that many differently-named companies give is generic and not compared at all).
 */
const CORROBORATING_FOR_ORGANIZATIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  address: new Set(['same', 'same_site']),
};

function corroboratesAlone(e: Evaluated, group: SchemaGroup): boolean {
  return (
    CORROBORATING[e.spec.name]?.has(e.outcome.level) === true ||
    (group === 'organization' && CORROBORATING_FOR_ORGANIZATIONS[e.spec.name]?.has(e.outcome.level) === true)
  );
}

function corroborated(evaluated: readonly Evaluated[], group: SchemaGroup): boolean {
  if (evaluated.some((e) => corroboratesAlone(e, group))) return true;
  return evaluated.filter((e) => CORROBORATING_TOGETHER[e.spec.name]?.has(e.outcome.level)).length >= 2;
}

/** What the rules applied after the sum tell the analyst, by rule and by the case that fired it. */
const RULE_SENTENCES: {
  conflict_rule: Readonly<Record<NonNullable<MatchResult['conflict']>, string>>;
  common_name_rule: Readonly<Record<'partial_name' | 'few_uncommon_parts', string>>;
  identical_records: Readonly<Record<'identical', string>>;
} = {
  conflict_rule: {
    names: 'The names conflict: whatever else the records share, they are never merged automatically (held for review)',
    identifiers:
      'Identifiers that define what the records describe differ: whatever else they share, ' +
      'they are never merged automatically',
    sites:
      'The records describe different sites (other addresses) and share no registration number: ' +
      'never merged automatically',
  },
  common_name_rule: {
    partial_name:
      'Only the name supports this match and one name lacks a part the other has: ' +
      'held for review, not linked automatically',
    few_uncommon_parts:
      'Only the name supports this match and it has fewer than two uncommon parts: ' +
      'held for review, not linked automatically',
  },
  identical_records: { identical: 'The records are identical after normalisation' },
};

const levelOf = (evaluated: readonly Evaluated[], feature: string): string | undefined =>
  evaluated.find((e) => e.spec.name === feature)?.outcome.level;

/**
 * Names conflict when a part of one stands where the other has a different part (not a near miss,
 * not a possible change of family name), or when they carry different numbers (Golden Star 1 / 2).
 */
function namesConflict(evaluated: readonly Evaluated[]): boolean {
  const conflict = levelOf(evaluated, 'name_conflict');
  return conflict === 'one' || conflict === 'several' || levelOf(evaluated, 'name_numbers') === 'different';
}

/**
 * The evidence that outweighs conflicting names. A document number is issued to one person, so
 * shared it outweighs a conflict of the names: with the same full birth date (relatives and twins hold
 * other documents; a household's members other birth dates), or when just one part of the names
 * differs and another agrees (a family name changed on marriage, a given name misheard or swapped
 * with the family name). The conflict then weighs in the score like any other evidence, and so do
 * differing birth dates; only the cap is lifted. A registration number
 * stays with its company through a change of name. A shared phone, e-mail, account or address never
 * outweighs a conflict: households, offices and networks share those.
 */
function identityDocumentAgrees(
  ctx: PairContext,
  ids: IdentifierComparison | undefined,
  evaluated: readonly Evaluated[],
): boolean {
  if (ids?.level !== 'strong_match') return false;
  if (pairGroup(ctx.a, ctx.b) === 'organization') return ids.shared.some((id) => id.kind === 'registration');
  if (pairGroup(ctx.a, ctx.b) !== 'person' || !ids.shared.some((id) => id.kind === 'idNumber')) return false;
  if (levelOf(evaluated, 'birth_date') === 'exact') return true;
  const names = ctx.names;
  return (
    names !== undefined &&
    names.conflicts.length === 1 &&
    names.agreements.some((t) => t.level !== 'initial' && t.level !== 'prefix')
  );
}

/**
 * Organisations' names that agree token for token (after case, punctuation and legal form): a
 * registered name is unique where it is registered, so one uncommon token suffices where a person's
 * name needs two.
 */
function identicalOrganizationNames(ctx: PairContext): boolean {
  const names = ctx.names;
  return (
    ctx.a.group === 'organization' &&
    ctx.b.group === 'organization' &&
    names !== undefined &&
    names.conflicts.length === 0 &&
    distinctiveExtra(ctx).length === 0 &&
    names.agreements.length > 0 &&
    names.agreements.every((t) => t.level === 'exact')
  );
}

const toResult = (e: Evaluated): FeatureResult => ({
  name: e.spec.name,
  value: e.outcome.value,
  weight: e.weight,
  explanation: e.level.sentence(e.outcome.detail),
});

export function scorePrepared(a: PreparedRecord, b: PreparedRecord, opts: ScoreOptions = {}): MatchResult {
  const config: MatchConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const specs = specsFor(pairGroup(a, b));
  const names = bestNames({ a, b, tf: opts.tf, generic: opts.generic }, specs.names);
  const { ctx } = names;
  const evaluated = [...names.evaluated, ...evaluateAll(specs.others, ctx)];
  const features = evaluated.map(toResult);
  let logOdds = config.priorLogOdds + evaluated.reduce((sum, e) => sum + e.weight, 0);
  const autoLinkLogOdds = logit(config.thresholds.autoLink);

  const group = pairGroup(a, b);
  const ids = evaluated.find((e) => e.spec.name === 'identifiers')?.outcome as IdentifierComparison | undefined;
  const conflict = namesConflict(evaluated) && !identityDocumentAgrees(ctx, ids, evaluated);
  // Sites of one organisation share its name, phone and e-mail; only the legal entity's registration
  // number joins records at different addresses.
  const otherSite =
    levelOf(evaluated, 'address') === 'different_site' &&
    !(ids?.level === 'strong_match' && ids.kind === 'registration');
  const otherThing = ids?.level === 'defining_conflict';
  const kind = conflict ? 'names' : otherThing ? 'identifiers' : otherSite ? 'sites' : null;
  if (kind) {
    // Shown even when the score is below autoLink anyway: the analyst sees why a shared value did not link.
    const capped = Math.min(logOdds, autoLinkLogOdds - CAP_MARGIN);
    const explanation = RULE_SENTENCES.conflict_rule[kind];
    features.push({ name: 'conflict_rule', value: null, weight: capped - logOdds, explanation });
    logOdds = capped;
  }
  const nameOnly = !corroborated(evaluated, group);
  // A name that lacks a part the other has (a family name alone against a full name) needs one
  // uncommon agreeing token more: what is missing may be the part that tells two relatives apart.
  const partialName = distinctiveExtra(ctx).length > 0 ? 1 : 0;
  const needed = identicalOrganizationNames(ctx) ? 1 : MIN_UNCOMMON_TOKENS_FOR_AUTOLINK + partialName;
  if (nameOnly && logOdds >= autoLinkLogOdds && (ctx.names?.uncommonAgreements ?? 0) < needed) {
    const capped = autoLinkLogOdds - CAP_MARGIN;
    features.push({
      name: 'common_name_rule',
      value: null,
      weight: capped - logOdds,
      explanation: RULE_SENTENCES.common_name_rule[partialName ? 'partial_name' : 'few_uncommon_parts'],
    });
    logOdds = capped;
  }
  let score = logistic(logOdds);
  if (a.fingerprint === b.fingerprint && score >= config.thresholds.autoLink) {
    score = 1;
    const explanation = RULE_SENTENCES.identical_records.identical;
    features.push({ name: 'identical_records', value: 1, weight: 0, explanation });
  }
  return {
    score,
    features,
    strongIdentifierMatch: ids?.level === 'strong_match',
    conflict: kind,
    strongIdentifierConflict: (ids?.conflictingKinds?.length ?? 0) > 0,
    model: config.model,
  };
}

export function scoreRecords(a: MatchRecord, b: MatchRecord, opts: ScoreOptions = {}): MatchResult {
  return scorePrepared(prepareRecord(a), prepareRecord(b), opts);
}

/** Two names alone, as the pair evaluation compares them. Unknown schemas are compared as plain names. */
export function scoreNames(name1: string, name2: string, schema = 'Person', opts: ScoreOptions = {}): MatchResult {
  return scoreRecords({ schema, properties: { name: [name1] } }, { schema, properties: { name: [name2] } }, opts);
}
