/**
 * The contract between the pure matching library and its callers (the graph resolver, the eval CLI,
 * the benchmarks). Everything in matching/ is pure: no I/O, no clocks, no randomness.
 */

/** FollowTheMoney schema names Lantern models. Anything else is compared as a plain name. */
export const MODELLED_SCHEMAS = ['Person', 'Company', 'Organization', 'BankAccount', 'UserAccount', 'Address'] as const;
export type SchemaName = (typeof MODELLED_SCHEMAS)[number];

/** A record in FollowTheMoney style: every property value is an array of strings. */
export interface MatchRecord {
  /** FtM schema; unknown schemas (Vessel, LegalEntity, ...) are treated as plain names. */
  schema: string;
  properties: Record<string, string[]>;
  /** Default region (ISO 3166-1 alpha-2) for phone numbers, usually the reporting country. */
  defaultCountry?: string;
  /**
   * The subjects this one is reported in relation with (its account, its director, its employer), as
   * the report gave them: what they hold ties two look-alike records together.
   */
  related?: Array<{ schema: string; properties: Record<string, string[]> }>;
}

/** How common a name token is; supplied by the graph, with built-in priors for the region. */
export interface TermFrequencies {
  /** Share of names (0..1) that contain this normalised token, or undefined when unknown. */
  tokenShare(token: string): number | undefined;
  /**
   * How many names the shares were counted over. With it, the scorer weighs a count against the
   * built-in priors (a token seen 4 times in 1,000 names is not yet known to be common); without it,
   * a supplied share can only make a token more common than its prior.
   */
  readonly nameCount?: number;
}

/**
 * Values (a phone, an e-mail, an account, an address) that several entities with conflicting names
 * hold: a household landline, an office info@ address, an agency switchboard, a hotline. Such a value
 * is a connection to show, and no longer evidence that two of its holders are one. Keyed by the value
 * key of `blocking/valueKeys` (`id:phone:+66812345678`, `addr:12 soi 4 bangkok`).
 */
export interface GenericValues {
  isGeneric(valueKey: string): boolean;
}

/** One named feature's contribution to a score. */
export interface FeatureResult {
  /** Stable machine name of the feature, e.g. "name_token_alignment". */
  name: string;
  /** Comparator output in [0, 1], or null when the feature did not apply (missing data). */
  value: number | null;
  /** Log-likelihood-ratio contribution (natural log; positive supports a match). */
  weight: number;
  /** One sentence an analyst understands. */
  explanation: string;
}

export interface MatchResult {
  /** Calibrated match probability in [0, 1]. */
  score: number;
  features: FeatureResult[];
  /**
   * True when the records share a strong identifier (account, IBAN, E.164 phone, e-mail, ...) that is
   * not generic.
   */
  strongIdentifierMatch: boolean;
  /**
   * What forbids an automatic link whatever else the records share: `names` when the names conflict
   * (a different given name, family name or company word in the same place, or different numbers in
   * the names; not a near miss, nor a possible change of family name), `identifiers` when identifiers
   * that define the thing differ (a company's registration, an account's number), `sites` when two
   * organisations are at different addresses and share no registration number. Null when nothing does.
   */
  conflict: 'names' | 'identifiers' | 'sites' | null;
  /** True when the records conflict on a strong identifier of the same kind. */
  strongIdentifierConflict: boolean;
  /** Model version, stored with every automatic decision so that it can be re-evaluated. */
  model: string;
}

export interface MatchThresholds {
  /** score >= review opens a possible match for an analyst. */
  review: number;
  /** score >= autoLink links automatically. */
  autoLink: number;
}
