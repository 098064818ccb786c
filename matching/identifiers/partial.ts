/**
 * Masked and last-digit forms ("xxx-x-x6789-0", "****5678", "ending 5678", "last four 5678").
 * Victims often remember or see only the tail of an account or phone number; the tail is kept as
 * supporting evidence and compared by suffix, never as an identity.
 */

/** Characters people and banking apps use to hide digits. */
const MASK_CHAR = '[x*•#]';
/** Two or more mask characters, possibly separated as the number's own grouping ("xxx-x-x"). */
const MASK_RUN = new RegExp(`${MASK_CHAR}(?:[\\s\\-.]*${MASK_CHAR})+`, 'giu');
/** Words that announce a tail of digits; digits may touch them ("ending5678"). */
const TAIL_PHRASE = /(?<!\p{L})(?:ending|ends|last)(?!\p{L})/iu;
/** Fewer digits than this say almost nothing about which number it was. */
const MIN_PARTIAL_DIGITS = 3;

const digitsOf = (text: string): string => text.replace(/\D+/gu, '');

/** The text after the last mask run or tail phrase, or undefined when the value is not masked. */
function textAfterMask(raw: string): string | undefined {
  const runs = [...raw.matchAll(MASK_RUN)];
  const lastRun = runs[runs.length - 1];
  if (lastRun?.index !== undefined) return raw.slice(lastRun.index + lastRun[0].length);
  const phrase = TAIL_PHRASE.exec(raw);
  return phrase ? raw.slice(phrase.index + phrase[0].length) : undefined;
}

/**
 * The trailing digits of a masked or last-digit value; undefined when the value is not masked, or when
 * too few digits are visible (a prefix-only mask such as "0812xxxxxx" tells nothing matchable by suffix).
 */
export function partialDigits(raw: string): string | undefined {
  const tail = textAfterMask(raw);
  if (tail === undefined) return undefined;
  const digits = digitsOf(tail);
  return digits.length >= MIN_PARTIAL_DIGITS ? digits : undefined;
}

/** True when the value was masked at all, even if too little is visible to keep. */
export const isMasked = (raw: string): boolean => textAfterMask(raw) !== undefined;

export { digitsOf };
