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
import { DEFAULT_CONFIG, MIN_UNCOMMON_TOKENS_FOR_AUTOLINK, type MatchConfig } from '../config';
import { prepareRecord } from '../prepare';
import type { PreparedRecord, SchemaGroup } from '../prepared';
import type { FeatureResult, MatchRecord, MatchResult, TermFrequencies } from '../types';
import { FEATURES, type FeatureOutcome, type FeatureSpec, type PairContext } from './features';
import { nameEvidence } from './nameEvidence';

export interface ScoreOptions {
  tf?: TermFrequencies;
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
  weight: number;
}

function evaluate(spec: FeatureSpec, ctx: PairContext): Evaluated | undefined {
  const outcome = spec.compare(ctx);
  if (!outcome) return undefined;
  const weight = outcome.weight ?? spec.weights(ctx.config)[outcome.level] ?? 0;
  return { spec, outcome, weight };
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
function bestNames(base: PairContext, specs: readonly FeatureSpec[]): { ctx: PairContext; evaluated: Evaluated[] } {
  const key = (ctx: PairContext): string => [ctx.names!.comparison.a.normalized.text, ctx.names!.comparison.b.normalized.text].sort().join('|');
  let best: { ctx: PairContext; evaluated: Evaluated[]; total: number } | undefined;
  for (const nameA of base.a.names) {
    for (const nameB of base.b.names) {
      const names = nameEvidence(nameA, nameB, base.tf);
      if (!names) continue;
      const ctx: PairContext = { a: base.a, b: base.b, config: base.config, tf: base.tf, names };
      const evaluated = evaluateAll(specs, ctx);
      const total = evaluated.reduce((sum, e) => sum + e.weight, 0);
      if (!best || total > best.total || (total === best.total && key(ctx) < key(best.ctx))) best = { ctx, evaluated, total };
    }
  }
  return best ?? { ctx: base, evaluated: [] };
}

const CORROBORATING: Readonly<Record<string, ReadonlySet<string>>> = {
  identifiers: new Set(['strong_match', 'partial_match']),
  birth_date: new Set(['exact', 'swapped', 'month', 'typo']),
};

/**
 * Weaker agreements that corroborate only together, two or more from different features: birth dates
 * that place both records in one year (the same year, or full dates less than a year apart, or a year
 * one digit off with the day of the year within a month: each about as specific as a shared birth
 * year), the same address, the same place of birth, the same occupation, an e-mail or ID number one slip away. Each alone is
 * shared by relatives who share a name (a father and son at one address, siblings' addresses);
 * together they describe one person.
 */
const CORROBORATING_TOGETHER: Readonly<Record<string, ReadonlySet<string>>> = {
  identifiers: new Set(['near_match']),
  birth_date: new Set(['year', 'different_day', 'different_month', 'within_year', 'year_slip']),
  address: new Set(['same']),
  birth_place: new Set(['same']),
  position: new Set(['same']),
};

function corroborated(evaluated: readonly Evaluated[]): boolean {
  if (evaluated.some((e) => CORROBORATING[e.spec.name]?.has(e.outcome.level))) return true;
  return evaluated.filter((e) => CORROBORATING_TOGETHER[e.spec.name]?.has(e.outcome.level)).length >= 2;
}

const toResult = (e: Evaluated, ctx: PairContext): FeatureResult => ({
  name: e.spec.name,
  value: e.outcome.value,
  weight: e.weight,
  explanation: e.spec.explain(e.outcome, ctx),
});

export function scorePrepared(a: PreparedRecord, b: PreparedRecord, opts: ScoreOptions = {}): MatchResult {
  const config: MatchConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const specs = specsFor(pairGroup(a, b));
  const names = bestNames({ a, b, config, tf: opts.tf }, specs.names);
  const { ctx } = names;
  const evaluated = [...names.evaluated, ...evaluateAll(specs.others, ctx)];
  const features = evaluated.map((e) => toResult(e, ctx));
  let logOdds = config.priorLogOdds + evaluated.reduce((sum, e) => sum + e.weight, 0);
  const autoLinkLogOdds = logit(config.thresholds.autoLink);

  const nameOnly = !corroborated(evaluated);
  // A name that lacks a part the other has (a family name alone against a full name) needs one
  // uncommon agreeing token more: what is missing may be the part that tells two relatives apart.
  const partialName = (ctx.names?.extra.length ?? 0) > 0 ? 1 : 0;
  if (nameOnly && logOdds >= autoLinkLogOdds && (ctx.names?.uncommonAgreements ?? 0) < MIN_UNCOMMON_TOKENS_FOR_AUTOLINK + partialName) {
    const capped = autoLinkLogOdds - CAP_MARGIN;
    features.push({
      name: 'common_name_rule',
      value: null,
      weight: capped - logOdds,
      explanation: partialName
        ? 'Only the name supports this match and one name lacks a part the other has: held for review, not linked automatically'
        : 'Only the name supports this match and it has fewer than two uncommon parts: held for review, not linked automatically',
    });
    logOdds = capped;
  }
  let score = logistic(logOdds);
  if (a.fingerprint === b.fingerprint && score >= config.thresholds.autoLink) {
    score = 1;
    features.push({ name: 'identical_records', value: 1, weight: 0, explanation: 'The records are identical after normalisation' });
  }
  // The identifiers feature's outcome is the identifier comparison itself.
  const ids = evaluated.find((e) => e.spec.name === 'identifiers')?.outcome as IdentifierComparison | undefined;
  return {
    score,
    features,
    strongIdentifierMatch: ids?.level === 'strong_match',
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
