import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { digitsOf } from './partial';
import type { Identifier } from './types';

/** Shorter account numbers than this are branch codes or fragments, not accounts. */
const MIN_ACCOUNT_DIGITS = 6;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/u;

const electronic = (raw: string): string => (electronicFormatIBAN(raw) ?? '').toUpperCase();

/** IBANs without spaces, upper case; a checksum failure is a typo somewhere, so only partial. */
export function normalizeIban(raw: string): Identifier | undefined {
  const value = electronic(raw);
  if (!value) return undefined;
  return { kind: 'iban', value, strength: isValidIBAN(value) ? 'strong' : 'partial' };
}

/**
 * Account numbers compare as digits, exactly (1234567890 never equals 1234567891). A valid IBAN typed
 * into the account field is an IBAN.
 */
export function normalizeAccount(raw: string): Identifier | undefined {
  const asIban = electronic(raw);
  if (IBAN_SHAPE.test(asIban) && isValidIBAN(asIban)) return { kind: 'iban', value: asIban, strength: 'strong' };
  const digits = digitsOf(raw);
  if (!digits) return undefined;
  return { kind: 'account', value: digits, strength: digits.length >= MIN_ACCOUNT_DIGITS ? 'strong' : 'partial' };
}

/**
 * A BIC names the bank, which millions of customers share: it supports an account match but is never
 * one itself. The "XXX" primary-office branch code is the same bank as the 8-character form.
 */
export function normalizeBic(raw: string): Identifier | undefined {
  const value = raw.replace(/\s+/gu, '').toUpperCase();
  if (!isValidBIC(value)) return undefined;
  return { kind: 'bic', value: value.replace(/^(.{8})XXX$/u, '$1'), strength: 'partial' };
}
