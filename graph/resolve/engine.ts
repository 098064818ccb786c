import { createHash } from 'node:crypto';
import { blockingKeys, isStrongKey } from '../../matching/blocking';
import { DEFAULT_THRESHOLDS, MODEL_VERSION } from '../../matching/config';
import { nameTokens, type PreparedRecord, prepareRecord } from '../../matching/prepare';
import { scorePrepared } from '../../matching/score';
import type { GenericValues, MatchRecord, MatchResult, MatchThresholds, TermFrequencies } from '../../matching/types';
import type { MentionInput } from '../../src/domain/mention';

/** What the resolver needs from the matching library; the real library by default. */
export interface ResolverEngine {
  prepare(record: MatchRecord): PreparedRecord;
  /** Each key once. */
  blockingKeys(prepared: PreparedRecord): string[];
  nameTokens(prepared: PreparedRecord): ReadonlyArray<readonly string[]>;
  score(a: PreparedRecord, b: PreparedRecord, tf?: TermFrequencies, generic?: GenericValues): MatchResult;
  isStrongKey(key: string): boolean;
  thresholds: MatchThresholds;
  model: string;
}

/**
 * Thresholds left undefined keep the matcher's defaults. (Configuration hands over `{review: undefined}`
 * when LANTERN_MATCH_* are unset; spread as is, that erased the defaults and no score ever linked.)
 */
export function defaultResolverEngine(thresholds: Partial<MatchThresholds> = {}): ResolverEngine {
  const given = Object.fromEntries(Object.entries(thresholds).filter(([, value]) => value !== undefined));
  const merged: MatchThresholds = { ...DEFAULT_THRESHOLDS, ...given };
  return {
    prepare: prepareRecord,
    blockingKeys,
    nameTokens,
    score: (a, b, tf, generic) => scorePrepared(a, b, { tf, generic, config: { thresholds: merged } }),
    isStrongKey,
    thresholds: merged,
    model: MODEL_VERSION,
  };
}

export function mentionRecord(
  mention: Pick<MentionInput, 'schema' | 'properties' | 'country' | 'related'>,
): MatchRecord {
  return {
    schema: mention.schema,
    properties: mention.properties,
    ...(mention.country ? { defaultCountry: mention.country } : {}),
    ...(mention.related && mention.related.length > 0 ? { related: mention.related } : {}),
  };
}

/** A mention's first entity takes an id derived from it, so a retried write finds the same one. */
export function singletonEntityId(mentionId: string): string {
  return `ent_${createHash('sha256').update(mentionId).digest('base64url').slice(0, 22)}`;
}
