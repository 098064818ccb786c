import examples from 'libphonenumber-js/examples.mobile.json';
import { type CountryCode, getExampleNumber } from 'libphonenumber-js/max';
import { isMasked } from '../../../matching/identifiers/partial';
import { normalizePhone } from '../../../matching/identifiers/phone';

/**
 * A phone is accepted when matching reads it as a valid number of the report's country (or a number
 * written internationally), or when it is a masked form, digits with x (or *, •, #) for the ones the
 * victim did not see: "0812xxxxxx", "+66 81 xxx xxxx", "ending 5678". Masked forms are kept as
 * partial evidence, exactly as matching treats them.
 */
const MASKED_DIGITS = /^[+(]?[\d\s\-.()/xX*•#]+$/u;
const TAIL_PHRASE = /^(?:ending|ends(?: in| with)?|last(?: \d| three| four| five)?(?: digits)?)[\s:]*\d{3,}$/iu;

const isMaskedPhone = (raw: string): boolean =>
  isMasked(raw) && (TAIL_PHRASE.test(raw.trim()) || (MASKED_DIGITS.test(raw.trim()) && /\d/u.test(raw)));

/** An example a caseworker can follow, written the way the country writes its mobile numbers. */
function example(country: string): string {
  const number = getExampleNumber(country as CountryCode, examples);
  return number ? number.formatInternational() : '+66 81 234 5678';
}

export function phoneProblem(raw: string, country: string): string | undefined {
  if (normalizePhone(raw, { defaultCountry: country })?.strength === 'strong') return undefined;
  if (isMaskedPhone(raw)) return undefined;
  return (
    `must be a phone number valid in ${country}, e.g. ${example(country)}, or written internationally ` +
    `with + and its country code, or a masked form with x for unknown digits (e.g. 0812xxxxxx)`
  );
}
