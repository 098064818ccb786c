/**
 * Identifier normalisation: what caseworkers typed (phones, accounts, IBANs, e-mails, handles,
 * registration and ID numbers) to comparable values, each marked strong (an exact match links) or
 * partial (supporting evidence only).
 */
import type { MatchRecord } from '../types';
import { normalizeAccount, normalizeBic, normalizeIban } from './bank';
import { codeNormalizer } from './codes';
import { normalizeEmail, normalizeUsername } from './online';
import { isMasked, partialDigits } from './partial';
import { normalizePhone } from './phone';
import type { Identifier, IdentifierContext, IdentifierKind } from './types';

export type { Identifier, IdentifierContext, IdentifierKind, IdentifierStrength } from './types';
export { IDENTIFIER_KINDS } from './types';

/** FtM properties that carry identifiers, and the kind each carries. */
export const IDENTIFIER_PROPERTIES: Readonly<Record<string, IdentifierKind>> = {
  phone: 'phone',
  email: 'email',
  accountNumber: 'account',
  iban: 'iban',
  bic: 'bic',
  username: 'username',
  registrationNumber: 'registration',
  taxNumber: 'registration',
  idNumber: 'idNumber',
  passportNumber: 'idNumber',
};

type Normalizer = (raw: string, ctx: IdentifierContext) => Identifier | undefined;

const NORMALIZERS: Readonly<Record<IdentifierKind, Normalizer>> = {
  phone: normalizePhone,
  email: normalizeEmail,
  account: normalizeAccount,
  iban: normalizeIban,
  bic: normalizeBic,
  username: normalizeUsername,
  registration: codeNormalizer('registration'),
  idNumber: codeNormalizer('idNumber'),
};

/** Number-like kinds that victims see masked on slips and screens. */
const MASKABLE: ReadonlySet<IdentifierKind> = new Set(['phone', 'account', 'iban', 'registration', 'idNumber']);

/** Services whose handle is the user's phone number, which is the stronger, cross-service identifier. */
const PHONE_HANDLE_SERVICES: ReadonlySet<string> = new Set(['whatsapp', 'viber', 'zalo']);

function normalizeValue(kind: IdentifierKind, raw: string, ctx: IdentifierContext): Identifier | undefined {
  if (MASKABLE.has(kind) && isMasked(raw)) {
    const digits = partialDigits(raw);
    return digits ? { kind, value: digits, strength: 'partial' } : undefined;
  }
  return NORMALIZERS[kind](raw, ctx);
}

/** A phone-number handle is also that phone; wa.me links write it internationally without "+". */
function derived(id: Identifier, ctx: IdentifierContext): Identifier[] {
  if (id.kind !== 'username' || !id.service || !PHONE_HANDLE_SERVICES.has(id.service)) return [];
  const phone = [id.value, `+${id.value}`]
    .map((text) => normalizePhone(text, ctx))
    .find((candidate) => candidate?.strength === 'strong');
  return phone ? [phone] : [];
}

/** Stable text form `kind:value` (`username:service:value`), used for keys and Identifier nodes. */
export const identifierKey = (id: Identifier): string =>
  id.service ? `${id.kind}:${id.service}:${id.value}` : `${id.kind}:${id.value}`;

/**
 * Whether a partial identifier agrees with another identifier of the same kind: the visible tail must
 * end the other value. Agreement is supporting evidence only.
 */
export function partialAgrees(partial: Identifier, other: Identifier): boolean {
  const otherDigits = other.value.replace(/\D+/gu, '');
  return partial.kind === other.kind && otherDigits.length > 0 && otherDigits.endsWith(partial.value);
}

/** Every identifier on the record, normalised, without duplicates, in a stable order. */
export function normalizeIdentifiers(record: MatchRecord): Identifier[] {
  const ctx: IdentifierContext = { defaultCountry: record.defaultCountry, service: record.properties.service?.[0] };
  const found = new Map<string, Identifier>();
  for (const [property, kind] of Object.entries(IDENTIFIER_PROPERTIES)) {
    for (const raw of record.properties[property] ?? []) {
      const id = normalizeValue(kind, raw, ctx);
      for (const each of id ? [id, ...derived(id, ctx)] : []) {
        found.set(`${each.strength}|${identifierKey(each)}`, each);
      }
    }
  }
  return [...found.values()];
}
