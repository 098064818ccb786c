/**
 * The matching library as the resolver uses it: prepare once, key, score prepared pairs. A thin
 * adapter, so that resolution logic never reaches into normalisation or scoring internals.
 */
import { blockingKeys } from '../blocking';
import { DEFAULT_THRESHOLDS } from '../config';
import { nameTokens, type PreparedRecord, prepareRecord } from '../prepare';
import { scorePrepared } from '../score';
import type { MatchingEngine } from './batch';

export const defaultEngine: MatchingEngine<PreparedRecord> = {
  prepare: prepareRecord,
  blockingKeys,
  nameTokens,
  score: (a, b, tf, generic) => scorePrepared(a, b, { tf, generic }),
  kindOf: (prepared) => prepared.group,
  thresholds: DEFAULT_THRESHOLDS,
};
