import { KEY_BUILDERS, type KeyBuilder } from './builders';

const BUILDERS_BY_NAME: ReadonlyMap<string, KeyBuilder> = new Map(KEY_BUILDERS.map((b) => [b.name, b]));

/** The builder a key came from, read from its prefix. */
export const builderOf = (key: string): KeyBuilder | undefined => BUILDERS_BY_NAME.get(key.slice(0, key.indexOf(':')));

/**
 * A key held by too many records says nothing about identity (a common name's sound, a hotline
 * number): it is generic, and the resolver neither fetches candidates through it nor links on it.
 * `count` is the number of records holding the key.
 */
export function isGenericKey(key: string, count: number): boolean {
  const builder = builderOf(key);
  return builder !== undefined && count >= builder.genericAt;
}

/** A key from a strong identifier: two records sharing it, when it is not generic, are linked. */
export const isStrongKey = (key: string): boolean => builderOf(key)?.role === 'strong';

/** Support a pair needs from its shared keys to become candidates. */
export const CANDIDATE_SUPPORT = 1;

/**
 * What one shared key contributes towards making two records candidates: nothing when generic, a full
 * share when it suffices alone, half (a second shared key is needed) when it is one common token's sound
 * or one n-gram band (the builder's `aloneUpTo`). Symmetric and a function of the count only, so that
 * candidate pairs do not depend on arrival order once counts are fixed.
 */
export function keySupport(key: string, count: number): number {
  const builder = builderOf(key);
  if (builder && count >= builder.genericAt) return 0;
  return builder?.aloneUpTo !== undefined && count > builder.aloneUpTo ? CANDIDATE_SUPPORT / 2 : CANDIDATE_SUPPORT;
}
