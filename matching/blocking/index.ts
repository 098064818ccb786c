/**
 * Blocking: the keys under which a record is filed so that candidates are found without scanning every
 * entity. Keys read `builder:value` (`ph:somjai`, `id:phone:+66812345678`, `weak:account:5678`).
 */
import { type PreparedRecord, prepareRecord } from '../prepare';
import type { MatchRecord } from '../types';
import { type BlockingView, KEY_BUILDERS } from './builders';
import { blockingView } from './view';

export { KEY_BUILDERS, type KeyBuilder } from './builders';
export { CANDIDATE_SUPPORT, isGenericKey, isStrongKey, keySupport } from './generic';
export { type Candidate, KeyIndex, rankBySupport } from './keyIndex';

/** Every key of a normalised view, each once, in builder order. */
function keysOfView(view: BlockingView): string[] {
  const keys = new Set<string>();
  for (const builder of KEY_BUILDERS) for (const value of builder.build(view)) keys.add(`${builder.name}:${value}`);
  return [...keys];
}

const isPrepared = (input: MatchRecord | PreparedRecord): input is PreparedRecord => 'fingerprint' in input;

/** Blocking keys of a record; pass the prepared record when you have it, to normalise only once. */
export function blockingKeys(input: MatchRecord | PreparedRecord): string[] {
  return keysOfView(blockingView(isPrepared(input) ? input : prepareRecord(input)));
}
