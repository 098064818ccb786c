/**
 * Identifier agreement between two records, on identifiers normalised by matching/identifiers.
 * Strong identifiers that agree are decisive. Whether strong identifiers of one kind that differ
 * speak against a match depends on the kind: a person has several phones and e-mail addresses, but
 * a bank account has one number, a user account one handle, a company one registration number.
 */
import { partialAgrees, type Identifier, type IdentifierKind } from '../identifiers';
import type { SchemaGroup } from '../prepared';
import type { Compared } from './facts';

export type IdentifierLevel = 'strong_match' | 'partial_match' | 'defining_conflict' | 'conflict';

/**
 * Kinds a thing of the group has exactly one of: a difference means a different thing. A person
 * holds several documents over a life (old and new passports, a national ID), so a person's ID
 * numbers are not among them.
 */
const DEFINING_KINDS: Readonly<Record<SchemaGroup, ReadonlySet<IdentifierKind>>> = {
  person: new Set(),
  organization: new Set(['registration']),
  account: new Set(['account', 'iban', 'username']),
  address: new Set(),
  other: new Set(['registration']),
};

const key = (id: Identifier): string => `${id.kind}|${id.service ?? ''}|${id.value}`;
const describe = (id: Identifier): string => `${id.kind}${id.service ? ` (${id.service})` : ''} ${id.value}`;

export interface IdentifierComparison extends Compared<IdentifierLevel> {
  /** The identifiers both records hold (strong) or that support each other (partial). */
  shared: Identifier[];
  /** Kinds on which both records hold strong values and none agrees. */
  conflictingKinds: IdentifierKind[];
}

export function compareIdentifiers(a: readonly Identifier[], b: readonly Identifier[], group: SchemaGroup): IdentifierComparison | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const strongA = a.filter((id) => id.strength === 'strong');
  const strongB = b.filter((id) => id.strength === 'strong');
  const strongKeysB = new Set(strongB.map(key));
  const shared = strongA.filter((id) => strongKeysB.has(key(id)));
  const kindsA = new Set(strongA.map((id) => id.kind));
  const conflictingKinds = [...new Set(strongB.map((id) => id.kind))].filter(
    (kind) => kindsA.has(kind) && !shared.some((id) => id.kind === kind),
  );
  if (shared.length > 0) {
    return { level: 'strong_match', value: 1, detail: shared.map(describe).join(', '), shared, conflictingKinds };
  }
  const supports = (x: Identifier, y: Identifier): boolean =>
    (x.strength === 'partial' && partialAgrees(x, y)) || (y.strength === 'partial' && partialAgrees(y, x));
  const partial = a.filter((x) => b.some((y) => supports(x, y)));
  if (partial.length > 0) {
    return { level: 'partial_match', value: 0.6, detail: partial.map(describe).join(', '), shared: partial, conflictingKinds };
  }
  if (conflictingKinds.length === 0) return undefined;
  const defining = conflictingKinds.some((kind) => DEFINING_KINDS[group].has(kind));
  const detail = conflictingKinds
    .map((kind) => `${kind}: ${strongA.filter((id) => id.kind === kind).map((id) => id.value).join(', ')} / ${strongB.filter((id) => id.kind === kind).map((id) => id.value).join(', ')}`)
    .join('; ');
  return { level: defining ? 'defining_conflict' : 'conflict', value: 0, detail, shared: [], conflictingKinds };
}
