/**
 * Generic values learned from the data (Senzing's "generic" idea, counted over names, not records): a
 * phone, e-mail, account, document number or address held by entities whose names conflict (a
 * household's landline, a staff's info@ address, an agency's switchboard, a recruiter's hotline) is a
 * connection between them, and stops counting as evidence that any two of its holders are one.
 *
 * The holders of a value are grouped by compatibility (two holders whose names do not conflict may be
 * one entity; chains of such pairs form one group), so fifty reports of one company count once. The
 * value is generic when the groups reach the threshold of its kind. The count is a function of the set
 * of holders alone, never of the order in which they arrived.
 */
import { ADDRESS_KEY_PREFIX, IDENTIFIER_KEY_PREFIX } from '../blocking/valueKeys';
import type { GenericValues } from '../types';
import { UnionFind } from './unionFind';

/**
 * Groups of holders with conflicting names at which a value of each kind turns generic. Two groups
 * are a couple's phone, a joint account, a parent's e-mail given for a child, or one recording error;
 * the conflict rule already keeps those two apart. From three groups on the value is a household's,
 * an office's, an agency's or a network's, and no longer tells its holders apart. Stated per kind so
 * that the table says so even where the numbers agree.
 */
export const GENERIC_AT_HOLDER_GROUPS: Readonly<Record<string, number>> = {
  idNumber: 3,
  registration: 3,
  account: 3,
  iban: 3,
  username: 3,
  phone: 3,
  email: 3,
  address: 3,
};
const DEFAULT_GENERIC_AT = 3;

/** The kind of value a value key holds: `id:phone:+66…` is a phone, `addr:…` an address. */
export function valueKind(key: string): string | undefined {
  if (key.startsWith(`${ADDRESS_KEY_PREFIX}:`)) return 'address';
  if (!key.startsWith(`${IDENTIFIER_KEY_PREFIX}:`)) return undefined;
  const rest = key.slice(IDENTIFIER_KEY_PREFIX.length + 1);
  return rest.slice(0, rest.indexOf(':'));
}

export function genericAtGroups(key: string): number {
  return GENERIC_AT_HOLDER_GROUPS[valueKind(key) ?? ''] ?? DEFAULT_GENERIC_AT;
}

/**
 * Number of groups of mutually compatible holders: holders joined when their names do not conflict,
 * taken transitively. Holders are compared pairwise, so callers pass values with few holders (those
 * with many are generic by count already).
 */
export function holderGroups<P>(holders: readonly P[], conflict: (a: P, b: P) => boolean): number {
  const sets = new UnionFind();
  holders.forEach(() => {
    sets.add();
  });
  for (let i = 0; i < holders.length; i += 1) {
    for (let j = i + 1; j < holders.length; j += 1) {
      if (sets.find(i) === sets.find(j)) continue;
      if (!conflict(holders[i] as P, holders[j] as P)) sets.union(i, j);
    }
  }
  let groups = 0;
  for (let i = 0; i < holders.length; i += 1) if (sets.find(i) === i) groups += 1;
  return groups;
}

export const isGenericByGroups = (key: string, groups: number): boolean => groups >= genericAtGroups(key);

/**
 * Whether a value's holders make it generic. Holders are compared within one kind of thing only: a
 * person and the WhatsApp account or bank account they use share a number without conflicting; the
 * value is generic when the holders of any one kind form enough groups.
 */
export function genericAmong<P>(
  key: string,
  holders: readonly P[],
  kindOf: (holder: P) => string,
  conflict: (a: P, b: P) => boolean,
): boolean {
  const byKind = new Map<string, P[]>();
  for (const holder of holders) {
    const kind = kindOf(holder);
    const same = byKind.get(kind);
    if (same) same.push(holder);
    else byKind.set(kind, [holder]);
  }
  return [...byKind.values()].some(
    (same) => same.length >= genericAtGroups(key) && isGenericByGroups(key, holderGroups(same, conflict)),
  );
}

/** A fixed set of generic value keys. */
export class GenericValueSet implements GenericValues {
  constructor(private readonly keys: ReadonlySet<string>) {}

  isGeneric(valueKey: string): boolean {
    return this.keys.has(valueKey);
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * Learns the generic values of a whole data set: for every value key with at least two holders (and
 * fewer than `maxHolders`, beyond which the key is generic by count), the groups of its holders.
 */
export function learnGenericValues<P>(
  holdersByKey: ReadonlyMap<string, readonly P[]>,
  kindOf: (holder: P) => string,
  conflict: (a: P, b: P) => boolean,
  maxHolders: (key: string) => number,
): GenericValueSet {
  const generic = new Set<string>();
  for (const [key, holders] of holdersByKey) {
    if (valueKind(key) === undefined || holders.length < genericAtGroups(key) || holders.length >= maxHolders(key))
      continue;
    if (genericAmong(key, holders, kindOf, conflict)) generic.add(key);
  }
  return new GenericValueSet(generic);
}
