/** Identifier kinds Lantern normalises; each becomes an (:Identifier {kind, value}) node when strong. */
export const IDENTIFIER_KINDS = [
  'phone',
  'email',
  'account',
  'iban',
  'bic',
  'username',
  'registration',
  'idNumber',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * `strong`: an exact match is enough to link two records (an E.164 phone, an account number, ...).
 * `partial`: supporting evidence only (masked or last-digit numbers, invalid numbers, a handle with no
 * service, a bank's BIC); it must never link records on its own.
 */
export type IdentifierStrength = 'strong' | 'partial';

export interface Identifier {
  kind: IdentifierKind;
  /** Normalised value: E.164 for phones, digits for accounts, the trailing digits for masked values. */
  value: string;
  strength: IdentifierStrength;
  /** For usernames: the lower-cased service (telegram, facebook, line, ...). */
  service?: string;
}

/** What a per-kind normaliser knows besides the raw value. */
export interface IdentifierContext {
  /** ISO 3166-1 alpha-2 default region for phone numbers. */
  defaultCountry?: string;
  /** Service named on the record (UserAccount.service), before folding. */
  service?: string;
}
