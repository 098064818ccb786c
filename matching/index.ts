/**
 * Lantern's matching library: pure functions from records to normalised forms, comparisons, scores
 * and explanations. No I/O, no clock, no randomness.
 */
export * from './types';
export { DEFAULT_CONFIG, DEFAULT_THRESHOLDS, MODEL_VERSION, type MatchConfig } from './config';
export { prepareRecord, prepareName, nameTokens, schemaGroup } from './prepare';
export type { PreparedRecord, PreparedName, PreparedToken, SchemaGroup, BirthDate } from './prepared';
export { scorePrepared, scoreRecords, scoreNames, type ScoreOptions } from './score';
export { FEATURES, FEATURE_WEIGHTS, type FeatureLevel, type FeatureSpec } from './score/features';
export { priorShare } from './score/frequencies';
export { explain } from './explain';
export { normalizeName, type NormalizedName, type NameKind } from './normalize/name';
export { transliterate } from './normalize/transliterate';
export { detectScripts, type Script } from './normalize/script';
export { LEGAL_FORMS, type LegalFamily } from './normalize/legalForms';
export { seaKey, doubleMetaphone, consonantSkeleton } from './phonetic';
