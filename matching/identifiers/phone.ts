import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { digitsOf } from './partial';
import type { Identifier, IdentifierContext } from './types';

/**
 * Ways people write an international number that libphonenumber does not read with a default region:
 * a "00" international prefix (common in the region's written numbers), or the country code without "+".
 */
const INTERNATIONAL_REWRITES: ReadonlyArray<(raw: string) => string | undefined> = [
  (raw) => raw,
  (raw) => (/^\s*00/u.test(raw) ? raw.replace(/^\s*00/u, '+') : undefined),
];

function toE164(raw: string, defaultCountry: string | undefined): string | undefined {
  const region = defaultCountry?.toUpperCase() as CountryCode | undefined;
  for (const rewrite of INTERNATIONAL_REWRITES) {
    const text = rewrite(raw);
    const parsed = text === undefined ? undefined : parsePhoneNumberFromString(text, region);
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}

/** E.164 when the number is valid for its region; otherwise its digits as partial evidence. */
export function normalizePhone(raw: string, ctx: IdentifierContext): Identifier | undefined {
  const e164 = toE164(raw, ctx.defaultCountry);
  if (e164) return { kind: 'phone', value: e164, strength: 'strong' };
  const digits = digitsOf(raw);
  return digits ? { kind: 'phone', value: digits, strength: 'partial' } : undefined;
}
