/**
 * What a search's q may be, decided by its shape and read with the resolver's own normalisers, so that a
 * phone written nationally, internationally or with dashes meets the Identifier node the resolver wrote.
 * Pure: no Cypher here.
 */
import { type Identifier, normalizeIdentifiers } from '../../matching/identifiers';
import { isMasked, partialDigits } from '../../matching/identifiers/partial';
import { normalizePhone } from '../../matching/identifiers/phone';
import { identifierKey } from '../resolve/writeMentions';

/** A masked number's visible head: identifiers whose key starts with it and whose value is this long. */
export interface MaskedHead {
  kind: Identifier['kind'];
  keyPrefix: string;
  length: number;
}

export interface SearchProbe {
  /** Identifier node keys of strong forms, looked up exactly. */
  exactKeys: string[];
  /** Handles written without their service: any service's handle of that value. */
  handles: string[];
  /** Visible tails of masked or unplaceable numbers, of these kinds. */
  tails: Array<{ kinds: Identifier['kind'][]; digits: string }>;
  heads: MaskedHead[];
  /** Whether q is also searched as a name. */
  asName: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const HANDLE = /^(?:@[\p{L}\p{N}._-]+|https?:\/\/\S+)$/u;
/** Digits with the separators and mask characters people write numbers with. */
const NUMBERISH = /^[+\d\s().\-/x*•#]+$/iu;
const IBAN = /^[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){10,30}$/iu;
/** Letters and digits together, as registration and document numbers are written. */
const CODE = /^(?=.*\d)[\p{L}\p{N}][\p{L}\p{N}\-/. ]{3,}$/u;
/** A mask at the end: the digits before it are all that is known ("0812xxxxxx"). */
const MASKED_HEAD = /^([+\d\s().\-/]*\d)[\s\-.]*((?:[x*•#][\s\-.]*)+)$/iu;
const MASK_CHARS = /[x*•#]/giu;
const MIN_HEAD_DIGITS = 3;

/** Which report properties q is read as, by its shape; the resolver's normalisers then read it so. */
function propertiesFor(q: string): string[] {
  if (EMAIL.test(q)) return ['email'];
  if (HANDLE.test(q)) return ['username'];
  if (IBAN.test(q)) return ['iban'];
  if (NUMBERISH.test(q) && /\d{3}/u.test(q.replace(/\D+/gu, ''))) {
    return ['phone', 'accountNumber', 'registrationNumber', 'idNumber'];
  }
  if (CODE.test(q)) return ['registrationNumber', 'idNumber'];
  return [];
}

function maskedHeads(q: string, country: string | undefined): MaskedHead[] {
  const match = MASKED_HEAD.exec(q);
  if (!match) return [];
  const digits = match[1]!.replace(/\D+/gu, '');
  const hidden = match[2]!.match(MASK_CHARS)?.length ?? 0;
  if (digits.length < MIN_HEAD_DIGITS) return [];
  const heads: MaskedHead[] = [{ kind: 'account', keyPrefix: `account:${digits}`, length: digits.length + hidden }];
  // The hidden digits written as zeros make a number the phone normaliser can place in its country.
  const phone = normalizePhone(`${match[1]}${'0'.repeat(hidden)}`, { defaultCountry: country });
  if (phone?.strength === 'strong') {
    heads.push({
      kind: 'phone',
      keyPrefix: `phone:${phone.value.slice(0, phone.value.length - hidden)}`,
      length: phone.value.length,
    });
  }
  return heads;
}

export function parseSearch(q: string, country: string | undefined): SearchProbe {
  const properties = propertiesFor(q);
  const ids = normalizeIdentifiers({
    schema: 'Thing',
    properties: Object.fromEntries(properties.map((p) => [p, [q]])),
    ...(country ? { defaultCountry: country } : {}),
  });
  const masked = isMasked(q);
  const strong = masked ? [] : ids.filter((i) => i.strength === 'strong');
  const tails = new Map<string, Identifier['kind'][]>();
  for (const id of ids.filter((i) => i.strength === 'partial' && i.kind !== 'username')) {
    // A national number the country cannot place still ends the international one, once its trunk 0 goes.
    const digits = masked ? partialDigits(q) : id.value.replace(/\D+/gu, '').replace(/^0+/u, '');
    if (digits && digits.length >= MIN_HEAD_DIGITS) tails.set(digits, [...(tails.get(digits) ?? []), id.kind]);
  }
  return {
    exactKeys: [...new Set(strong.map(identifierKey))],
    handles: ids.filter((i) => i.kind === 'username' && i.strength === 'partial').map((i) => i.value),
    tails: [...tails].map(([digits, kinds]) => ({ digits, kinds: [...new Set(kinds)] })),
    heads: masked ? maskedHeads(q, country) : [],
    asName: /\p{L}/u.test(q.replace(MASK_CHARS, '')) && ![EMAIL, HANDLE, IBAN].some((shape) => shape.test(q)),
  };
}
