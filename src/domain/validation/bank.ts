import { countrySpecs, electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { isMasked } from '../../../matching/identifiers/partial';

/**
 * IBANs must pass their checksum: a failing one is a typo that would never match the right account.
 * Plain account numbers (the region's banks do not issue IBANs) are taken as typed, as long as they hold
 * digits; masked forms ("xxx-x-x6789-0") stay, as partial evidence.
 */
const IBAN_SHAPE = /^([A-Z]{2})\d{2}[A-Z0-9]{8,30}$/u;
const IBAN_EXAMPLE = 'e.g. DE89 3704 0044 0532 0130 00';

const electronic = (raw: string): string => (electronicFormatIBAN(raw) ?? '').toUpperCase();

/** The IBAN country a value claims, when it is written like an IBAN of a country that issues them. */
function ibanCountry(value: string): string | undefined {
  const country = IBAN_SHAPE.exec(value)?.[1];
  return country && countrySpecs[country]?.chars ? country : undefined;
}

export function ibanProblem(raw: string): string | undefined {
  if (isMasked(raw) && /\d/u.test(raw)) return undefined;
  const value = electronic(raw);
  if (isValidIBAN(value)) return undefined;
  return ibanCountry(value)
    ? `is not a valid IBAN: its check digits or length do not fit ${value.slice(0, 2)} IBANs; check each ` +
        `character (${IBAN_EXAMPLE})`
    : `must be an IBAN (${IBAN_EXAMPLE}), or masked with x for unknown characters; an account number ` +
        'that is not an IBAN goes in accountNumber';
}

export function accountNumberProblem(raw: string): string | undefined {
  const value = electronic(raw);
  if (ibanCountry(value) && !isValidIBAN(value))
    return (
      `is written like a ${value.slice(0, 2)} IBAN but its check digits or length are wrong; check each ` +
      `character (${IBAN_EXAMPLE}), or give the account number without the country prefix`
    );
  return /\d/u.test(raw)
    ? undefined
    : "must hold the account number's digits (e.g. 123-4-56789-0), with x for digits not seen";
}
