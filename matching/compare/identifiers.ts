/**
 * Identifier agreement between two records, on identifiers normalised by matching/identifiers.
 * Strong identifiers that agree are decisive. Whether strong identifiers of one kind that differ
 * speak against a match depends on the kind: a person has several phones and e-mail addresses, but
 * a bank account has one number, a user account one handle, a company one registration number.
 */
import { type Identifier, type IdentifierKind, partialAgrees } from '../identifiers';
import type { SchemaGroup } from '../prepared';
import type { Compared } from './facts';
import { typingDistance } from './strings';

export type IdentifierLevel =
  | 'strong_match'
  | 'partial_match'
  | 'near_match'
  | 'shared_generic'
  | 'defining_conflict'
  | 'conflict';

/**
 * How strongly a shared value of each kind says "one holder", strongest first. A document or
 * registration number is issued to one holder; an account or IBAN belongs to its holder (joint and
 * mule accounts are what the generic-value rule catches); a phone is shared by a household or an
 * office more often; an e-mail address by a staff (info@). Addresses are not identifiers: they are
 * compared by the address feature.
 */
export const KIND_STRENGTH: readonly IdentifierKind[] = [
  'idNumber',
  'registration',
  'account',
  'iban',
  'username',
  'phone',
  'email',
  'bic',
];

/**
 * Two e-mail addresses that are one typist's slip apart: the same mailbox (local part of 4+
 * characters) at a mistyped domain, or the whole address within two edits (an adjacent swap counts
 * as one) with the same first character and 10+ characters. The first character must agree because
 * relatives' addresses at one domain differ there (a.smith@ / j.smith@). Supporting evidence only:
 * it never links on its own and does not lift the common-name rule.
 */
export function nearEmails(x: string, y: string): boolean {
  if (x === y) return false;
  const [localX, domainX] = splitEmail(x);
  const [localY, domainY] = splitEmail(y);
  if (localX.length >= 4 && localX === localY && domainX !== domainY) return true;
  if (Math.min(x.length, y.length) < 10 || x[0] !== y[0]) return false;
  return typingDistance(x, y) <= 2;
}

/**
 * Identifiers of one kind a typing slip apart: e-mails (nearEmails), and a person's ID numbers of 6+
 * characters one substitution or adjacent swap apart. Never numbers that define what they identify
 * (an account number, a company registration: 1234567890 is not 1234567891), nor phones (a family's
 * or a company's numbers are often consecutive).
 */
function nearIdentifiers(x: Identifier, y: Identifier, group: SchemaGroup): boolean {
  if (x.kind === 'email') return nearEmails(x.value, y.value);
  if (x.kind !== 'idNumber' || DEFINING_KINDS[group].has(x.kind)) return false;
  return (
    x.value !== y.value &&
    x.value.length >= 6 &&
    x.value.length === y.value.length &&
    typingDistance(x.value, y.value) <= 1
  );
}

function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf('@');
  return at < 0 ? [email, ''] : [email.slice(0, at), email.slice(at + 1)];
}

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
  /** The strongest kind among the shared strong identifiers (for the kind's weight). */
  kind?: IdentifierKind;
  /** Kinds on which both records hold strong values and none agrees. */
  conflictingKinds: IdentifierKind[];
}

const strongest = (ids: readonly Identifier[]): IdentifierKind | undefined =>
  KIND_STRENGTH.find((kind) => ids.some((id) => id.kind === kind)) ?? ids[0]?.kind;

/**
 * @param generic values that many differently-named holders share (a hotline, an office e-mail): a
 *   shared generic value is shown but weighs nothing.
 */
/** One side's partial identifier (a truncated number, a masked account) fits the other's value. */
function partialSupports(x: Identifier, y: Identifier): boolean {
  return (x.strength === 'partial' && partialAgrees(x, y)) || (y.strength === 'partial' && partialAgrees(y, x));
}

/** The other side's identifiers of x's kind that are one slip from x. */
function nearOf(x: Identifier, others: readonly Identifier[], group: SchemaGroup): Identifier[] {
  return others.filter((y) => y.kind === x.kind && nearIdentifiers(x, y, group));
}

export function compareIdentifiers(
  a: readonly Identifier[],
  b: readonly Identifier[],
  group: SchemaGroup,
  generic: (id: Identifier) => boolean = () => false,
): IdentifierComparison | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const strongA = a.filter((id) => id.strength === 'strong');
  const strongB = b.filter((id) => id.strength === 'strong');
  const strongKeysB = new Set(strongB.map(key));
  const sharedAll = strongA.filter((id) => strongKeysB.has(key(id)));
  const shared = sharedAll.filter((id) => !generic(id));
  const kindsA = new Set(strongA.map((id) => id.kind));
  const conflictingKinds = [...new Set(strongB.map((id) => id.kind))].filter(
    (kind) => kindsA.has(kind) && !sharedAll.some((id) => id.kind === kind),
  );
  // Different values of a kind the thing holds only one of (a company's registration, an account's
  // number) mean different things, whatever else they share: sister companies share a switchboard.
  const defining = conflictingKinds.filter((kind) => DEFINING_KINDS[group].has(kind));
  if (defining.length > 0)
    return {
      level: 'defining_conflict',
      value: 0,
      detail: describeConflicts(defining, strongA, strongB),
      shared: [],
      conflictingKinds,
    };
  if (shared.length > 0) {
    const kind = strongest(shared);
    const ordered = [...shared].sort((x, y) => KIND_STRENGTH.indexOf(x.kind) - KIND_STRENGTH.indexOf(y.kind));
    return {
      level: 'strong_match',
      value: 1,
      detail: ordered.map(describe).join(', '),
      shared: ordered,
      conflictingKinds,
      kind,
    };
  }
  if (sharedAll.length > 0) {
    return {
      level: 'shared_generic',
      value: 0,
      detail: sharedAll.map(describe).join(', '),
      shared: [],
      conflictingKinds,
    };
  }
  const partial = a.filter((x) => b.some((y) => partialSupports(x, y)));
  if (partial.length > 0) {
    return {
      level: 'partial_match',
      value: 0.6,
      detail: partial.map(describe).join(', '),
      shared: partial,
      conflictingKinds,
    };
  }
  const near = strongA.filter((x) => nearOf(x, strongB, group).length > 0);
  if (near.length > 0) {
    const nearKinds = new Set(near.map((x) => x.kind));
    const remaining = conflictingKinds.filter((kind) => !nearKinds.has(kind));
    const detail = near
      .map(
        (x) =>
          `${x.kind} ${x.value} / ${nearOf(x, strongB, group)
            .map((y) => y.value)
            .join(', ')}`,
      )
      .join('; ');
    return { level: 'near_match', value: 0.5, detail, shared: [], conflictingKinds: remaining };
  }
  if (conflictingKinds.length === 0) return undefined;
  return {
    level: 'conflict',
    value: 0,
    detail: describeConflicts(conflictingKinds, strongA, strongB),
    shared: [],
    conflictingKinds,
  };
}

function describeConflicts(
  kinds: readonly IdentifierKind[],
  strongA: readonly Identifier[],
  strongB: readonly Identifier[],
): string {
  return kinds
    .map(
      (kind) =>
        `${kind}: ${strongA
          .filter((id) => id.kind === kind)
          .map((id) => id.value)
          .join(', ')} / ${strongB
          .filter((id) => id.kind === kind)
          .map((id) => id.value)
          .join(', ')}`,
    )
    .join('; ');
}
