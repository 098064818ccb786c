/**
 * Lantern's matching library: pure functions from records to normalised forms, comparisons, scores
 * and explanations. No I/O, no clock, no randomness.
 */

export { DEFAULT_CONFIG, DEFAULT_THRESHOLDS, type MatchConfig, MODEL_VERSION } from './config';
export { explain } from './explain';
export { LEGAL_FORMS, type LegalFamily } from './normalize/legalForms';
export { type NameKind, type NormalizedName, normalizeName } from './normalize/name';
export { detectScripts, type Script } from './normalize/script';
export { transliterate } from './normalize/transliterate';
export { consonantSkeleton, doubleMetaphone, seaKey } from './phonetic';
export { nameTokens, prepareName, prepareRecord, schemaGroup } from './prepare';
export type { BirthDate, PreparedName, PreparedRecord, PreparedToken, SchemaGroup } from './prepared';
export { type ScoreOptions, scoreNames, scorePrepared, scoreRecords } from './score';
export { FEATURE_WEIGHTS, FEATURES, type FeatureLevel, type FeatureSpec } from './score/features';
export { priorShare } from './score/frequencies';
export * from './types';
